"""What kind of count a clause states, in general news terms: shared by the support check (a
planned figure is not a figure done) and conflict finding (deaths are never set against arrivals)."""

from __future__ import annotations

import re

# What kind of count a clause states, in general news terms: a figure for people killed is never set
# against one for people sent, nor an increment ("1,000 more") against a total.
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "deaths",
        re.compile(
            r"\b(kill\w*|died|dead|deaths?|fatalit\w*|lives|bodies|toll|casualt\w*|losses|drown\w*|perish\w*)\b",
            re.I,
        ),
    ),
    ("injuries", re.compile(r"\b(wounded|casualt\w*|injur\w*|hurt|hospitali[sz]ed)\b", re.I)),
    ("missing", re.compile(r"\b(missing|unaccounted)\b", re.I)),
    # Stages of a criminal case, each its own count: those arrested are not those charged.
    ("arrests", re.compile(r"\b(arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detention|in\s+custody)\b", re.I)),
    (
        "charges",
        # "charged two people over the leak", "were charged with theft" — not "charged customers 45
        # euros for …", a price
        re.compile(
            r"\b(indicted|charged(?=(?:\s+(?![\d$€£¥])[\w’'-]+){0,5}?\s+"
            r"(?:with|over|in\s+connection\s+with|after|for\s+(?:the|their|his|her|its)\b)))",
            re.I,
        ),
    ),
    (
        "increment",
        # "more than 2,000" is a bound on a figure, not 2,000 more
        re.compile(
            # verbs by their verb endings only: "climbers" and "jumpers" are people
            r"\b(additional|more(?!\s+than\b)|further|another|extra|rose|risen|increas(?:e|es|ed|ing)"
            r"|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|soar(?:s|ed|ing)?|grew|grown|rises?"
            # "raised property tax by 4.5 percent" (but "raised 2 million euros" is a sum raised)
            r"|raised(?=(?:\s+[\w’'-]+){0,4}?\s+by\s+(?:about\s+|some\s+|nearly\s+)?"
            r"(?:percent|per cent|%|points?))"
            # "up 12 percent" is a rise by 12 percent; "a pay rise of 4 percent" an increment
            r"|up(?=\s+(?:(?:percent|per cent|points?)\b|%)))\b"
            # "300 new cases" is an increment; "the new bridge" names a thing
            r"|(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )(?<!'s )(?<!’s )\bnew\b",
            re.I,
        ),
    ),
    (
        "money",
        re.compile(
            r"(\$|€|£|¥|\b(cost\w*|paid|pay\w*|pric\w*|dollars?|euros?|pounds|crowns|marks|francs|yen|yuan"
            r"|roubles|rubles|rupees|pesos|budget|fund\w*|worth|fin(?:e|ed|es)|penalt\w*|fees?|fares?|wages?"
            r"|salar\w*|valu(?:e|es|ed|ation)|revenues?|profits?|bids?|compensation|bribes?)\b)",
            re.I,
        ),
    ),
    ("share", re.compile(r"(%|\bper ?cent\b)", re.I)),
    # a level something was brought to is not the level it stood at; "cut 1,200 jobs" counts what
    # was cut, and "cut power to 250,000 homes" whom, but "cut its forecast to 2 percent" a level
    # ("rescuers brought down nine climbers" counts whom, too)
    (
        "change",
        re.compile(
            # ("rain fell", "snow had fallen": weather comes down, no figure does)
            r"\b(lowered|reduced|(?<!rain )(?<!snow )(?<!hail )fell(?!\s+ill)"
            r"|(?<!rain )(?<!snow )fallen(?!\s+ill)|dropped|decreased|declined"
            r"|down(?=\s+(?:(?:percent|per cent|points?)\b|%))"
            r"|(?:cut|brought down)"
            r"(?=(?:\s+[\w’'-]+){0,4}?\s+(?:to|by)\s+(?:percent|per cent|%|points?)\b))\b",
            re.I,
        ),
    ),
    # a limit set is not a figure reached ("the speed limit is 130 km/h" / "clocked at 212 km/h")
    # ... nor is what a reservoir or hall holds "when full" a level it is at
    (
        "limit",
        re.compile(
            r"\b(limits?|ceiling|capped|maximum|minimum|capacity(?!\s+crowd)|when\s+full"
            # ... nor a threshold to reach ("a petition needs 10,000 signatures") nor a design
            r"|needs|required|requires|designed\s+to)\b",
            re.I,
        ),
    ),
    # what was asked for is not what was got ("had sought 5 million pesos" / "awarded 2.3 million")
    (
        "request",
        re.compile(r"\b(demand(?:s|ed|ing)?|sought|seek(?:s|ing)?|asked\s+for|request(?:s|ed)?)\b", re.I),
    ),
    # a figure promised or planned is not a figure done ("plant" is no plan)
    (
        "plan",
        re.compile(
            # ("committed", not "committee")
            r"\b(would|will|plan(?:s|ned|ning)?|pledg\w*|promis\w*|commit(?:s|ted|ting|ments?)?|envisag\w*|propos\w*"
            # a strike threatened is not a strike held ("life-threatening calls" threaten nothing)
            r"|(?<!-)threat(?:en|ens|ened|ening)"
            # money set aside is not money spent
            r"|budgeted|allocated|earmarked|set\s+aside"
            r"|(?:want|aim|hope|intend|expect)(?:s|ed)?\s+to|targets?|forecasts?|projected|predicted"
            # "due to open", not "due to the strike"; "900 jobs are to go" as "will go"
            r"|(?:set|due|scheduled|poised|is|are)\s+to(?=\s+(?!(?:the|a|an|its|their|his|her|this|that)\b)[a-z]+\b(?<!s)))\b",
            re.I,
        ),
    ),
]


def count_kind(clause: str) -> str:
    """What the clause counts, in general news terms ("deaths+injuries" for "killed or wounded"), or
    "count" for a plain count of something."""
    return "+".join(name for name, pattern in _KINDS if pattern.search(clause)) or "count"


# Which way a figure moved: "rose 12 percent" is never "fell 12 percent", whatever else is shared.
_UP = re.compile(
    r"\b(rose|risen|rises?|rising|increas(?:e|es|ed|ing)|grew|grown|grows?|climb(?:s|ed)|jump(?:s|ed)"
    r"|soar(?:s|ed)|gain(?:s|ed)|surg(?:e|es|ed)|up|higher|more expensive|doubled|tripled|quadrupled)\b",
    re.I,
)
_DOWN = re.compile(
    r"\b(fell(?!\s+ill)|fallen(?!\s+ill)|falls?(?!\s+ill)|dropp(?:ed)|drops?|declin(?:e|es|ed)|decreas(?:e|es|ed)|shrank|shrunk|slid"
    r"|slipp(?:ed)|plung(?:e|es|ed)|tumbl(?:e|es|ed)|down|lower|cheaper|halved)\b",
    re.I,
)


def direction(clause: str) -> str:
    """ "up" or "down" when the clause moves its figure one way only, else ""."""
    up, down = bool(_UP.search(clause)), bool(_DOWN.search(clause))
    return "up" if up and not down else "down" if down and not up else ""
