"""Does an answer give the kind of thing its question asks for?

A small model, shown passages near the question but not answering it, often restates what they do
say: asked "What are the names of the new missiles?", it replies "Kim described the new missiles as
significant advancements" — a true sentence, cited exactly, that answers nothing. A question that
asks for a figure, a date or a name is answered only by a sentence that gives one; otherwise the
articles do not say, and the service says so. Questions whose answer can be any phrase ("who", "why",
"what happened") are not checked here: the support check is what holds them.
"""

from __future__ import annotations

import re

from service.grounding.doers import another_recipient, firm_owner_swapped
from service.grounding.figures import UNITS_OF_MEASURE, figure_sides, unit_after
from service.grounding.model import FRAGMENT_WORDS
from service.grounding.names import TITLES, actor_names, names_in
from service.grounding.numbers import CURRENCY, numbers
from service.grounding.questions import (
    CAUSE_ASKED,
    asked_counted,
    question_actor,
    relation_word,
    tells_an_act,
)
from service.grounding.words import LIGHT_VERBS, SAID, TELLER_TAIL, WHO_SAID, content_terms, stem
from service.text import MONTH_WORD, WEEKDAY, terms

_MONEY_QUESTION = re.compile(
    r"\bhow much\b.*\b(cost|costs|pay|paid|pays|spend|spent|worth|price|fund\w*|budget\w*|money|charge\w*"
    r"|compensat\w*|fine|fined|raise|raised|invest\w*|earn\w*|loss|losses|lose|lost|damage\w*"
    r"|reimburs\w*|refund\w*|grant|granted|bribe\w*|owe|owed|owes"
    # sums by what they pay for: "How much emergency aid has the government provided?"
    r"|aid|subsid\w*|ransom|debts?|revenues?|profits?|tax|taxes|salary|salaries|wages?|bonus\w*|payouts?"
    r"|loans?|reward|donations?)\b"
    r"|\b(what|which) (was |is |were |are )?(the )?(cost|price|budget|amount|sum|value|bill)\b"
    # "What does a pack of Velmire Blue cost?", "… what a pack of it costs in the shops"
    r"|\bwhat\s+(?:does|do|did|will|would)\s+(?:[\w'’-]+\s+){1,6}?cost\b"
    r"|\bwhat\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,5}?costs\b"
    # "How large a subsidy …?", "How big a fine …?": the size of a sum
    r"|\bhow (large|big|high|small) an? (subsid\w*|fine|grant|loan|bonus|payment|payout|ransom|budget|bill"
    r"|settlement|salary|fee)\b",
    re.IGNORECASE,
)
_COUNT_QUESTION = re.compile(
    r"\bhow (many|much|old|large|big|far|high|deep|tall|wide|often|cold|hot|warm|fast|heavy|strong)\b"
    r"|\bwhat (number|percentage|proportion|share|figure|total|toll)\b",
    re.IGNORECASE,
)
_DURATION_QUESTION = re.compile(r"\bhow long\b", re.IGNORECASE)
_DAY_QUESTION = re.compile(r"\b(what|which) (date|day)\b", re.IGNORECASE)
_DATE_QUESTION = re.compile(
    r"^\W*when\b|[,;]\s*(and )?when\b|\b(what|which|in what) (year|month|time)\b|\bsince when\b",
    re.IGNORECASE,
)
_NAME_QUESTION = re.compile(
    r"\b(what|which) (is|are|was|were) (the )?names?\b|\bwhat (is|are|was|were) .{1,60} called\b"
    r"|\bname (of|the)\b"
    # ("Which insurance company …?" asks a company's name too)
    r"|\bwhich (?:[a-z]+ ){0,2}?(company|companies|contractor|subcontractor|firm|insurer|supplier|operator"
    r"|outlet|newspaper|broadcaster|agency|organi[sz]ation|country|city"
    r"|town|village|river|party|ministry|court|university|bank|group)\b",
    re.IGNORECASE,
)

# A sum: a currency's sign or name, or a scale word ("85 million").
_CURRENCY = re.compile(rf"{CURRENCY}|\b(?:million|billion|trillion|thousand|bn)\b", re.IGNORECASE)
# USD, EUR — beside a figure: "the Norvale Grid Company (NGC)" names no currency.
_CURRENCY_CODE = re.compile(r"\b[A-Z]{3}\s?\d|\d\s?[A-Z]{3}\b")
# An answer that opens with a preposition or a hedge is a phrase, whatever its length.
_PHRASE_ANSWER = re.compile(
    r"^\W*(?:to|at|by|from|about|around|nearly|almost|roughly|over|under|more than|less than|up to)\b", re.I
)
_QUANTITY_WORDS = re.compile(
    r"\b(one|single|dozens?|hundreds|thousands|millions|billions|several|few|many|half|quarter|third|all|none"
    r"|most|majority|minority|double|twice|percent|per cent)\b|%",
    re.IGNORECASE,
)
_DURATION_WORDS = re.compile(
    r"\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(y|ies)|overnight|briefly"
    r"|night|morning|afternoon|evening)\b",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b|\b(yesterday|today|tomorrow|tonight|ago|earlier|later|recently|last|next"
    r"|this (week|month|year)|spring|summer|autumn|fall|winter|morning|evening|night|dawn|midnight|noon"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|decades?|century|since|until"
    r"|before|after|during|early|late|mid|within|soon)\b"
    # "roughly 40 minutes into the flight", "two days later"
    r"|\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:into|later|earlier)\b",
    re.IGNORECASE,
)
_DAY_WORDS = re.compile(
    r"\b(yesterday|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_YEAR_ASKED = re.compile(r"\b(?:what|which) year\b", re.IGNORECASE)
_YEAR_TOLD = re.compile(
    r"\b(?:1[5-9]|20)\d\d\b|\b(?:last|this|next|that|the same|the previous|the following) year\b"
    r"|\byears? (?:ago|earlier|later|before|after)\b",
    re.IGNORECASE,
)
_MONTH_ASKED = re.compile(r"\b(?:what|which) month\b", re.IGNORECASE)
_MONTH_TOLD = re.compile(
    r"\b(?:last|this|next|that|the same) month\b|\bmonths? (?:ago|earlier|later)\b", re.I
)
_CLOCK_ASKED = re.compile(r"\b(?:what|which) time\b|\bwhat hour\b", re.IGNORECASE)
_DAY_PART = re.compile(r"\b(?:morning|afternoon|evening|night|dawn|dusk|midday|lunchtime|overnight)\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b[ap]\.?m\b|\bo['’]clock\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)
# A name and nothing else: "Orla.", "Maria Penczak", "the Tern Island".
_BARE_NAME = re.compile(r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+|de\s+|van\s+)?[A-Z][\w’'-]*)*\.?")
_NAME_OF = re.compile(
    r"\bnames? of (?:the |a |an |these |those |its |their )?([\w -]{2,40}?)"
    r"(?=\s+(?:(?:that|which|who|the|a|an|its|their|used|was|were|is|are|did|does|do)\b|[A-Z])|[?.,]|$)"
)
_AGE_APPOSED = re.compile(r",\s*\d{1,3}(?=\W*$)")
_CAPITALISED = re.compile(r"(?<![\w’'])[A-Z][\w’'-]*")
_QUOTED = re.compile(r"[\"“‘'][^\"”’']{2,}[\"”’']")


def asked_kinds(question: str) -> list[str]:
    """What the question asks for: ``money``, ``count``, ``duration``, ``day``, ``date``, ``name``;
    several for a multi-part question ("When did it open, and at what cost?"), none for an open one."""
    kinds = [
        kind
        for kind, pattern in (
            ("money", _MONEY_QUESTION),
            ("duration", _DURATION_QUESTION),
            ("count", _COUNT_QUESTION),
            ("day", _DAY_QUESTION),
            ("date", _DATE_QUESTION),
            ("name", _NAME_QUESTION),
        )
        if pattern.search(question)
    ]
    # "how much … cost" also reads as "how much": the sum is what is asked.
    return [k for k in kinds if not (k == "count" and "money" in kinds)]


def gives_what_was_asked(question: str, sentences: list[str]) -> bool:
    """Whether the answer's sentences give something the question asks for (any part of a
    multi-part question will do; an open question always passes)."""
    kinds = asked_kinds(question)
    about = [s for s in sentences if not _someone_else(question, s)]
    if len(about) < len(sentences) and not any(_names_doer(question, s) for s in sentences):
        # One sentence tells of someone else doing it and none of the one the question names:
        # the rest ("The order, lifted on Saturday, …") is about that other person's act too.
        return False
    if not all(_in_unit_asked(question, s) for s in about if numbers(s)):
        return False
    if about and all(_asked_one_does_it(question, s) for s in about):
        # "Which bank issued Drummaveld's performance bond?" — "Drummaveld issued a performance bond
        # of 290 million talvek": the one the question names, doing it, is no bank it asks for.
        return False
    if another_recipient(question, " ".join(about)):
        # "How many improvement notices did the inspectorate issue to Drummaveld Construction?" —
        # "… issued three improvement notices to Vorrin Tunnelling".
        return False
    if _another_relation(question, about) or _acted_on_another(question, about):
        return False
    if not _ASKS_FOR_NAMES.match(question) and "name" not in kinds and firm_owner_swapped(question, about):
        # "What is the value of Corvana Systems' contract …?" — "The contract with Tessaline IT
        # Services … is worth 42 million dunars": another firm's contract. ("Which bank issued
        # Drummaveld Construction's bond?" asks for another firm, and is not held to this.)
        return False
    if about and all(_roles_reversed(question, s) for s in about):
        # "How much subsidy did Brisca offer the regional government?" — "The regional government
        # offered a 60 million euro subsidy": the one the question acts on, doing the act.
        return False
    if WHO_SAID.match(question) and not any(_names_a_speaker(question, s) for s in about):
        # "Who said 'The mayor did not merely look the other way'?" — the words again, with no one
        # who said them.
        return False
    if WHO_SAID.match(question) and all(_only_names_given(question, s) for s in about):
        # "Who said Captain Mirovic raised the weather …?" — "Captain Ansel Mirovic.": the one the
        # quoted words are about, not who said them.
        return False
    if CAUSE_ASKED.search(question) and not any(_CAUSE_TOLD.search(s) for s in about):
        # "What triggered the avalanche?" — "The avalanche killed four people and left one missing":
        # what it did, not what set it off. A cause is told as one ("caused by", "after", "because").
        return False
    if _WH_QUESTION.match(question) and not any(_adds(question, s) for s in about):
        # "Where in Russia is the Kursk region?" — "The Kursk region is in Russia.": true, cited,
        # and nothing the question did not already say.
        return False
    return bool(about) and (not kinds or any(_gives(kind, question, s) for kind in kinds for s in about))


_CAUSE_TOLD = re.compile(
    r"\b(?:caus\w*|trigger\w*|set\s+off|sparked|started|because|due\s+to|owing\s+to|after|blam\w*"
    r"|result\s+of|led\s+to|lead\s+to|by|from|when|broke\s+away|failure|fault\w*)\b",
    re.IGNORECASE,
)
_WH_QUESTION = re.compile(
    r"^\W*(?:(?:on|in|at|for|since|by|from|to)\s+)?(?:who|whom|whose|what|which|when|where|why|how)\b", re.I
)


def _asked_one_does_it(question: str, sentence: str) -> bool:
    """Whether the answer to "Which <kind> <did> …?" opens with a name the question already gives,
    doing that very act."""
    which = _WHICH_DID.match(question)
    opening = _OPENING_DOER.match(sentence)
    if not which or not opening:
        return False
    given = {re.sub(r"['’]s?$", "", w.lower()) for w in _CAPITALISED.findall(question)}
    named = {w.lower() for w in re.findall(r"[\w’'-]+", opening.group("name"))}
    return named <= given and stem(opening.group("verb").lower()) == stem(which.group("verb").lower())


_WHICH_DID = re.compile(r"^\W*which\s+(?:[a-z]+\s+){0,2}?[a-z]+\s+(?P<verb>[a-z]+ed)\b", re.IGNORECASE)
_OPENING_DOER = re.compile(
    r"\W*(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?:also\s+)?(?P<verb>[a-z]+)\b"
)


def _roles_reversed(question: str, sentence: str) -> bool:
    """Whether a full-sentence answer to "… did X <act> Y …?" opens with Y doing the act, and
    never names X."""
    relation = relation_word(question)
    if not relation or len(sentence.split()) <= FRAGMENT_WORDS:
        return False
    asked = re.search(rf"\bdid\s+(?P<doer>.+?)\s+{re.escape(relation)}\s+(?P<done_to>[^?,]+)", question, re.I)
    if asked is None:
        return False
    doer = {stem(t) for t in content_terms(asked.group("doer"))}
    done_to = {stem(t) for t in content_terms(asked.group("done_to"))}
    told = re.findall(r"[\w’'-]+", sentence)
    at = next((i for i, w in enumerate(told) if stem(w.lower()) == stem(relation)), None)
    if not doer or not done_to or at is None or doer & {stem(w.lower()) for w in told}:
        return False
    subject = {stem(t) for t in content_terms(" ".join(told[:at]))}
    return bool(subject) and subject <= done_to


def _names_a_speaker(question: str, sentence: str) -> bool:
    """Whether ``sentence`` tells who: a name its question does not give, a short answer of words
    the question does not hold ("The union."), or someone saying it ("The company said …")."""
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    if any({w.lower() for w in name.split()} - asked for name in names_in(sentence)):
        return True
    words = {w.lower() for w in re.findall(r"[\w’'-]+", sentence)}
    if len(words) <= FRAGMENT_WORDS and words - asked:
        return True
    return bool(_SAYER.match(sentence))


# A sentence that opens with who said it, other than a pronoun: "The company said …", "Its owners warned …".
_SAYER = re.compile(
    rf"^\W*(?!(?:he|she|they|it|we|i|this|that)\b)[\w’' -]{{2,60}}?\s+(?:has\s+|had\s+)?{SAID}\b", re.I
)


def _only_names_given(question: str, sentence: str) -> bool:
    """Whether every name ``sentence`` gives is one its question gives (in part: "Captain Ansel
    Mirovic" is the question's "Captain Mirovic"), and it gives one."""
    given = {w.lower() for w in _CAPITALISED.findall(question)} - TITLES
    named = names_in(sentence)
    return bool(named) and all({w.lower() for w in name.split()} & given for name in named)


def _adds(question: str, sentence: str) -> bool:
    """Whether ``sentence`` says something its question does not: a word (by stem) or figure of
    its own, not counting grammar words."""
    asked = {stem(t) for t in terms(question)}
    # Every word but grammar counts: "in May", "last year", "all 300" answer what they are asked.
    # (``terms`` already leaves out the stop words; these are the grammar words it keeps.)
    said = {stem(t) for t in terms(sentence) if t not in _GRAMMAR}
    return bool(said - asked)


_GRAMMAR = frozenset("being but he him his she her these those".split())


_WHO_DID = re.compile(
    r"^\W*who\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could)\b)\w", re.I
)


def _who_did_act(question: str, sentences: list[str]) -> tuple[str, set[str]] | None:
    """For full sentences answering a who-did-it question, the stem of the act it asks about and the
    stems of what the question says it was done to; None for other questions and short answers."""
    relation = relation_word(question)
    # "Who designed …?" only: after "which" the first word is what is asked for ("Which *body* took
    # part …?"), not the act.
    if not relation or relation in LIGHT_VERBS or not _WHO_DID.match(question):
        return None
    if not sentences or any(len(s.split()) <= FRAGMENT_WORDS for s in sentences):
        return None
    after = question[question.lower().find(relation) + len(relation) :]
    return stem(relation), {stem(t) for t in content_terms(after)}


def _another_relation(question: str, sentences: list[str]) -> bool:
    """Whether full sentences answering a who-did-it question tell of another act: asked who
    *designed* the ferry, "The ferry was built in 1987 at the Velling shipyard" — true, cited, and
    about who built it. A short answer ("Velling shipyard.") takes its relation from the question,
    and the support check holds it to it."""
    if (act := _who_did_act(question, sentences)) is None:
        return False
    wanted, acted_on = act
    # Only a sentence about what the question says was acted on: "Judge Amara Quell, a former
    # president of the maritime court." describes the answer and tells of no other act.
    return all(
        wanted not in (said := {stem(t) for t in terms(s)})
        and acted_on
        and acted_on & said
        and not _tells_a_doer(question, s)
        for s in sentences
    )


def _acted_on_another(question: str, sentences: list[str]) -> bool:
    """Whether full sentences answering a who-did-it question tell its act done to something else:
    asked who gave the order to clear the three towns, "The prime minister ordered an independent
    inquiry" — the act is the question's, its object is not, and nothing the question says was
    acted on is in the answer."""
    if (act := _who_did_act(question, sentences)) is None or not act[1]:
        return False
    wanted, acted_on = act
    asked = {stem(t) for t in terms(question)}

    def another_object(sentence: str) -> bool:
        told = [(m, stem(m.group(0))) for m in re.finditer(r"[A-Za-z][\w’'-]*", sentence)]
        at = next((m for m, s in told if s == wanted), None)
        if at is None or acted_on & {s for _, s in told}:
            return False
        # What the act is done to: the words after it up to a preposition or a clause's end.
        obj = _OBJECT_END.split(sentence[at.end() :], maxsplit=1)[0]
        own = {stem(t) for t in content_terms(obj)} - asked
        return bool(own) and not _DAY.search(obj) and not MONTH_WORD.search(obj)

    return all(another_object(s) for s in sentences)


_OBJECT_END = re.compile(
    r"\b(?:to|for|of|on|in|at|from|by|with|after|before|into|over|that|which|who)\b|[,;:.(]"
)
_DAY = re.compile(rf"\b(?:{WEEKDAY}|today|yesterday)\b", re.I)


def _tells_a_doer(question: str, sentence: str) -> bool:
    """Whether a sentence names someone as acting, in other words than the question's: a name the
    question does not give opening it ("Anna Vell was declared the winner"), or an agent after "by"
    ("is headed by Judge Quell", "was shot dead by a gunman")."""
    if _BY_AGENT.search(sentence):
        return True
    opening = _CAPITALISED_RUN.match(re.sub(r"^\W*The\s+", "", sentence))
    asked = {stem(t) for t in terms(question)}
    return opening is not None and not {stem(t) for t in terms(opening.group(0))} <= asked


_BY_AGENT = re.compile(r"\bby\s+(?!\d)(?:(?:a|an|the|its|their)\s+)?[A-Za-z]")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


def _names_doer(question: str, sentence: str) -> bool:
    """Whether ``sentence`` names (by any word of the name) the one the question says acted."""
    doer = terms(actor_names(question_actor(question)))
    said = {stem(t) for t in terms(sentence)}
    return any(stem(t) in said for t in doer)


# "… in megawatts?": the figure must be in that unit; "4 percent of the country's electricity" does
# not give a capacity in megawatts. Each unit with the abbreviations news copy uses for it.
_UNITS = {
    "megawatts": ("megawatt", "mw"),
    "gigawatts": ("gigawatt", "gw"),
    "kilowatts": ("kilowatt", "kw"),
    "kilometres": ("kilometre", "kilometer", "km"),
    "kilometers": ("kilometre", "kilometer", "km"),
    "miles": ("mile",),
    "metres": ("metre", "meter"),
    "meters": ("metre", "meter"),
    "tonnes": ("tonne", "ton"),
    "tons": ("tonne", "ton"),
    "kilograms": ("kilogram", "kg"),
    "hectares": ("hectare", "ha"),
    "litres": ("litre", "liter"),
    "liters": ("litre", "liter"),
    "millimetres": ("millimetre", "millimeter", "mm"),
    "millimeters": ("millimetre", "millimeter", "mm"),
    "percent": ("percent", "per cent", "%"),
    "terabytes": ("terabyte", "tb"),
    "gigabytes": ("gigabyte", "gb"),
    "megabytes": ("megabyte", "mb"),
}
# ... and so must "How many terabytes …?": "280,000 patients' data" is no amount of data.
_IN_UNIT = re.compile(r"\b(?:in|how\s+many) (" + "|".join(_UNITS) + r")\b", re.IGNORECASE)


def _in_unit_asked(question: str, sentence: str) -> bool:
    asked = _IN_UNIT.search(question)
    if not asked:
        return True
    lowered = sentence.lower()
    return any(
        (form in lowered) if not form.isalpha() or " " in form else bool(re.search(rf"\b{form}", lowered))
        for form in _UNITS[asked.group(1).lower()]
    )


def _someone_else(question: str, sentence: str) -> bool:
    """Whether a full-sentence answer tells of another person than the one the question names as
    acting: asked when Commissioner Vash ordered the evacuation, it says when the governor, Marta
    Ksendal, did. True and cited, it still does not answer — the articles do not say Vash did."""
    actor = question_actor(question)
    doer = terms(actor_names(actor))
    if not doer or len(sentence.split()) <= FRAGMENT_WORDS or _ASKS_FOR_NAMES.match(question):
        return False
    if not tells_an_act(question):
        return False  # "What is Goremykin's position?": the names told are the answer, no other doer
    if _SPEECH_VERB.match(question[question.find(actor) + len(actor) :]) or _SAYS_LAST.search(actor):
        # "Which agencies did the commissioner say …", "What did Sorvent's safety director say …":
        # the names told are the answer
        return False
    if _names_doer(question, sentence):
        return False
    asked = {stem(t) for t in terms(question)}
    # Another full name (two words or more) the question does not give, as the one acting: not the
    # one who tells of it ("According to Sergei Shoigu, Pyongyang …", "Sergei Shoigu said …").
    # ... nor a name placed by a preposition ("between Kestrel Paving and the audit office", "at the
    # Varnholt District Court"): a place or a party, not a doer.
    told = _PLACED_NAME.sub(" ", _SPEAKER.sub("", sentence))
    # ... nor the doer of another act, told with "by" ("The report, prepared by Drummaveld
    # Construction's engineering team, says … water entered the bore" for "When did the tunnel
    # flood?"); "ordered by Governor Ksendal" still tells of another doer of "ordered".
    told = _AGENT_OF.sub(lambda m: m.group(0) if stem(m.group(1).lower()) in asked else " ", told)
    return any(
        len(name.split()) >= 2 and not {stem(t) for t in terms(name)} & asked for name in names_in(told)
    )


_AGENT_OF = re.compile(r"\b([a-z]{3,}(?:ed|en|wn|t))\s+by\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*")
_SAYS_LAST = re.compile(r"\b(?:say|says|said|tell|told)$", re.IGNORECASE)
_PLACED_NAME = re.compile(
    # (... or after a noun of an act: "subject to approval by the Competition Authority")
    r"\b(?:(?i:between|from|to|of|with|at|in|on|near|for|against|into|outside|inside)"
    r"|[a-z]+(?:al|ion|ment|ance|ence|view)\s+by)\s+(?:the\s+)?"
    r"[A-Z][\w’'&-]*(?:\s+(?:&\s+)?[A-Z][\w’'&-]*)*"
    # (both of a pair: "between Tolliver Square and Gansey Market stations")
    r"(?:\s+and\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+(?:&\s+)?[A-Z][\w’'&-]*)*)?"
)
# A figure that opens the answer before a colon, dash or comma: "Five: …", "Two, both in a stable
# condition." The rest adds to the figure; it is not another claim of what it counts.
_LEADING_FIGURE = re.compile(r"^\W*([\w.-]+(?:,\d{3})*)\s*(?:[:—–]|,\s)")
# "how many talvek", "how many workers" — not "how many of the workers", whose part may be "half".
_HOW_MANY_NOUN = re.compile(r"^(?:\W*\w+){0,3}?\W*how\s+many\s+(?!of\b)[a-z]", re.IGNORECASE)
# A share, in figures or words: "40 percent", "about a third", "two-thirds", "half".
_SHARE = re.compile(
    r"\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b)"
    r"|\b(?:(?:a|one|two|three|four)[\s-]+)?(?:half|halves|quarters?|thirds?|fifths?|tenths?)\b",
    re.I,
)
_HOW_MUCH = re.compile(r"^\W*how\s+much\b", re.I)
_HOW_MEASURED = re.compile(r"\bhow\s+(?:much|far|high|deep|tall|wide|long|heavy|fast|big|large)\b", re.I)
_ASKS_FOR_NAMES = re.compile(r"\W*(?:who|whom|whose|which)\b", re.IGNORECASE)
_SPEECH_VERB = re.compile(
    r"\s*(?:say|says|said|tell|told|announce|announced|report|reported|describe|described|call|called"
    r"|name|named|list|listed|mention|mentioned)\b",
    re.IGNORECASE,
)
_SPEAKER = re.compile(
    r"\b[Aa]ccording to [^,.;]{1,60}[,.;]?"
    r"|(?<![\w’'])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?=,?\s+(?:\w+\s+)?(?:said|says|told|announced"
    r"|reported|revealed|stated|added|confirmed|claimed)\b)"
)


def _gives(kind: str, question: str, sentence: str) -> bool:
    has_number = bool(numbers(sentence))
    if kind == "money":
        return has_number and bool(_CURRENCY.search(sentence) or _CURRENCY_CODE.search(sentence))
    if kind == "count":
        # A figure for the thing asked about: "640 spent the night in shelters" gives a number but
        # shares no word with "How many people were evacuated?".
        # A fragment ("4 percent", "1,000") takes what it counts from its question, as the support
        # check reads it; only a full sentence can say it counts something else.
        asked = _plain_stems(question)
        said = _plain_stems(sentence)
        # A phrase with no subject of its own ("To three times the safe limit.") is a fragment too.
        # So is one that only adds who gave it ("Seventeen, the coast guard said.").
        bare = TELLER_TAIL.sub("", sentence)
        # And one that opens with its figure ("Five: three crew members and two handlers.").
        fragment = (
            len(bare.split()) <= FRAGMENT_WORDS
            or bool(_PHRASE_ANSWER.match(sentence))
            or bool((lead := _LEADING_FIGURE.match(sentence)) and numbers(lead.group(1)))
        )
        # "How much …?" is answered by a sum whatever it is a sum of ("How much is she accused of
        # taking?" — "She received 380,000 crowns"): the support check holds it to the question.
        paid = bool(_HOW_MUCH.match(question) and _CURRENCY.search(sentence))
        # "How far …?" is answered by a distance ("25 kilometres, to the south"), whatever else.
        measured = bool(_HOW_MEASURED.search(question)) and any(
            unit_after(right) in UNITS_OF_MEASURE for _, _, right in figure_sides(sentence, None)
        )
        about = fragment or paid or measured or not asked or not said or bool(asked & said)
        if about and not (fragment or paid or measured) and _named_only(asked_counted(question), sentence):
            # "How many midwives took part?" is not answered by the Nurses and Midwives Union's count
            # of nurses: the word asked for is only in a name.
            return False
        # "By how many talvek have the takings fallen?" — "by about a third": a share of a thing is
        # no count of the units asked for.
        unshared = _SHARE.sub(" ", sentence)
        if (
            _HOW_MANY_NOUN.match(question)
            and not _SHARE.search(question)
            and _SHARE.search(sentence)
            and not numbers(unshared)
            and not _QUANTITY_WORDS.search(unshared)
        ):
            return False
        return (
            (has_number or bool(_QUANTITY_WORDS.search(sentence)))
            and about
            and not _swapped(question, sentence)
        )
    if kind == "duration":
        # "How long is the ring road?" asks a length or a time; "worth 212 million marrens" gives
        # neither, however many figures it holds.
        sums_only = has_number and not _DURATION_WORDS.search(sentence) and bool(_CURRENCY.search(sentence))
        return (bool(_DURATION_WORDS.search(sentence)) or has_number) and not (
            sums_only
            and not any(unit_after(right) in UNITS_OF_MEASURE for _, _, right in figure_sides(sentence, None))
        )
    if kind == "day":
        return bool(MONTH_WORD.search(sentence) or _DAY_WORDS.search(sentence))
    if kind == "date":
        # "In what year …?" is answered by a year, "What month …?" by a month, "At what time …?" by a
        # time of day: "on Monday, 16 February" dates an act but answers none of them.
        if _YEAR_ASKED.search(question):
            return bool(_YEAR_TOLD.search(sentence))
        if _MONTH_ASKED.search(question):
            return bool(MONTH_WORD.search(sentence) or _MONTH_TOLD.search(sentence))
        if _CLOCK_ASKED.search(question):
            return bool(_CLOCK.search(sentence) or _DAY_PART.search(sentence))
        return bool(MONTH_WORD.search(sentence) or _TIME_WORDS.search(sentence) or _CLOCK.search(sentence))
    named = _NAME_OF.search(question)
    given = {w.lower() for w in _CAPITALISED.findall(question)}
    if (
        named
        and re.search(r"\bnames\s+of\b", question, re.I)
        and (listed := _NAMES_LISTED.search(sentence))
        and not {w.lower() for w in _CAPITALISED.findall(listed.group(0))} & given
    ):
        return True  # "What are the names of the other ships?" — "the Tern Island and the Saltmarsh Belle"
    if named:
        # "What was the name of the gas pipeline …?" is answered by a name given to the pipeline
        # ("the Urengoy pipeline", "a pipeline called …"), not by any name in the sentence.
        # ("the name of Aurel Penczak's wife" names the wife: the owner is no name asked for)
        owned = re.match(r"(?:\s+[A-Z][\w’'-]*)*['’]s\s+([a-z][\w-]*)", question[named.end(1) :])
        noun = re.escape(owned.group(1) if owned else named.group(1).split()[-1].rstrip("s"))
        return bool(
            (
                # (not an owner: "Aurel Penczak's wife" names no wife)
                re.search(
                    rf"(?<![\w’'])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?<!['’]s)\s+(?:[a-z]+\s+)?{noun}",
                    sentence,
                )
                and not re.search(
                    rf"\b(?:[Tt]he|[Tt]hese|[Tt]his|[Tt]hose|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+)?{noun}",
                    sentence,
                )
            )
            or re.search(rf"{noun}s?\b[^.]{{0,30}}\b(?:called|named|known as|dubbed)\b", sentence, re.I)
            # ... or the noun as the name's title: "Storm Orla", "Operation Harvest"
            or re.search(rf"\b{noun.capitalize()}\s+[A-Z][\w’'-]+", sentence)
            or _QUOTED.search(sentence)
            # ... or a name alone, which the question does not give: "Orla."
            # (with an age apposed: "Andrej Kollin, 52.")
            or (
                len(sentence.split()) <= FRAGMENT_WORDS
                and bool(_BARE_NAME.fullmatch(_AGE_APPOSED.sub("", sentence.strip())))
                and not {w.lower() for w in _CAPITALISED.findall(sentence)} <= given
            )
        )
    # A name the question does not already give (a capitalised first word only if it is no
    # sentence furniture), or a quoted title.
    start = len(sentence) - len(sentence.lstrip())
    for m in _CAPITALISED.finditer(sentence):
        word = m.group(0)
        if word.lower() in given or (m.start() == start and word in _SENTENCE_STARTERS):
            continue
        return True
    return bool(_QUOTED.search(sentence))


_LISTED_NAME = r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_NAMES_LISTED = re.compile(rf"{_LISTED_NAME}(?:,\s+{_LISTED_NAME})*,?\s+and\s+{_LISTED_NAME}")
# Titles that open many names and make no two of them one person.
_SENTENCE_STARTERS = frozenset(
    "The A An It Its This That These Those He She They We I In On At By For From According However"
    " While After Before Both Each Some Many Most There Their".split()
)


def _named_only(counted: str, sentence: str) -> bool:
    """Whether the head noun a how-many question counts is in ``sentence`` only inside a name (a
    capitalised word after its first), never as the thing a figure counts."""
    head = counted.split()[0] if counted else ""
    if not head:
        return False
    found = [m for m in re.finditer(r"[\w’'-]+", sentence) if stem(m.group(0).lower()) == stem(head.lower())]
    return bool(found) and all(m.start() > 0 and m.group(0)[0].isupper() for m in found)


def _plain_stems(text: str) -> set[str]:
    """Stems of the content words that are not names: names place a figure, they do not say what
    it counts ("North Korea" is in both "soldiers North Korea sent" and "workers North Korea pledged")."""
    named = {t for m in _CAPITALISED.finditer(text) if m.start() > 0 for t in terms(m.group(0))}
    return {stem(t) for t in content_terms(text) if t not in named}


_OWNED = re.compile(r"(?<![\w’'])((?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*)\s+([a-z][\w-]*s)\b")


def _swapped(question: str, sentence: str) -> bool:
    """Whether the answer counts someone else's people: asked about "Russian soldiers", it gives a
    figure for "North Korean soldiers"."""
    for m in _OWNED.finditer(question):
        whose, noun = m.group(1), m.group(2)
        if whose.split()[0] in _SENTENCE_STARTERS:
            continue
        for n in _OWNED.finditer(sentence):
            if (
                n.group(2) == noun
                and whose.lower() not in n.group(1).lower()
                and whose.lower() not in sentence.lower()
            ):
                return True
    return False
