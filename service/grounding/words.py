"""Words as the grounding checks compare them: crude stems, the words that carry a claim, plurals.

Kept apart from the checks so that every layer of grounding (figures, conflicts, the gate) reads
words the same way without importing the support check.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from service.grounding.numbers import is_number_word
from service.text import terms

# Articles from which the words most of them use are told apart (fewer: every word counts).
COMMON_FROM = 3

# Words that carry no claim of their own: reporting verbs, hedges, answer furniture.
NEUTRAL = frozenset(
    "according said says say stated state states reported report reports told tell noted added also about"
    " approximately around roughly nearly almost some more than least most up total totals number numbers"
    " many much estimated estimate estimates figure figures people person article articles source sources"
    " excerpt excerpts text passage one two been being has had have not only just so such then than"
    " these those this that there here its it his her their they he she we you i me my our us your"
    " can could may might must shall should would will into onto over under after before during since until"
    " while where when which who whom whose what why how yes no other another each every all any both"
    " per among between through across against within without toward towards"
    # question furniture: "What kind of units…", "Name the…", "Describe…"
    " kind type sort name named describe described call called happen happened reportedly exactly"
    " specific specifically list mention mentioned give given tell explain previously recently currently"
    " still already ever now get got getting date dates year years day days month months time times"
    " long size multiple various last"
    # stress a question puts on its verb: "have actually received", "did in fact pay"
    " actually really indeed fact".split()
)


CLAUSE_BREAK = re.compile(
    r"[;:]|\s[—–]\s|,\s|\.\s|\b(?:and|but|while|whereas|although|though|as|which|who|where|after|before)\b",
    re.I,
)

# Who a sentence says told it, at its end: ", the regional transport authority said.", ", according
# to police." (``who`` or ``by``: the teller).
TELLER_TAIL = re.compile(
    r",\s+(?:according\s+to\s+(?P<by>[^,]{1,60}?)|(?P<who>[^,]{1,60}?)\s+(?:said|says|reported|announced"
    r"|confirmed|added|estimated))\s*[.!]?\s*$",
    re.IGNORECASE,
)


_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "edly", "ed", "es", "s")


# Irregular past forms, which no suffix rule brings to their verb: "they last met" is said by
# "their second meeting", "was sent" by "will send".
IRREGULAR = {
    "met": "meet",
    "left": "leave",
    "went": "go",
    "gone": "go",
    "ran": "run",
    "sent": "send",
    "led": "lead",
    "held": "hold",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "built": "build",
    "paid": "pay",
    "brought": "bring",
    "fought": "fight",
    "sought": "seek",
    "began": "begin",
    "begun": "begin",
    "fled": "flee",
    "lost": "lose",
    "won": "win",
    "spent": "spend",
    "struck": "strike",
    "kept": "keep",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "found": "find",
    "chose": "choose",
    "chosen": "choose",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "flew": "fly",
    "flown": "fly",
    "drew": "draw",
    "drawn": "draw",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "thrown": "throw",
    "bought": "buy",
    "sold": "sell",
    "caught": "catch",
    "taught": "teach",
    "thought": "think",
    "understood": "understand",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "undertook": "undertake",
    "undertaken": "undertake",
    "swept": "sweep",
    # "How many candidates sat the paper?" is told by "were sitting" as by "sat".
    "sat": "sit",
    "sitting": "sit",
    # "When did the talks break down?" is told by "broke down", "When did it come down?" by "came".
    "came": "come",
    "broke": "break",
    "broken": "break",
    # A theft is told by its verb as often as by its noun: "thieves stole" says "the theft".
    "stole": "steal",
    "stolen": "steal",
    "theft": "steal",
    "thefts": "steal",
    "thief": "steal",
    "thieves": "steal",
}


def stem(term: str) -> str:
    """A crude stem: a common suffix off, then the first five letters — enough to equate
    "evacuated" / "evacuation" and "tests" / "testing"."""
    if not term or term[0].isdigit():  # a figure with no noun after it has an empty head
        return term
    term = IRREGULAR.get(term, term)
    if len(term) > 4 and term.endswith(("ies", "ied", "ie")):
        # "ferries" (or the term "ferrie") and "carried" are "ferry" and "carry", not "ferri".
        return (term[: -3 if term.endswith(("ies", "ied")) else -2] + "y")[:5]
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            term = term[: -len(suffix)]
            break
    return term[:5]


def content_terms(text: str) -> list[str]:
    """Index terms of ``text`` that carry meaning: no numbers, no neutral words."""
    return [
        t
        for t in terms(text)
        if not t[0].isdigit() and t not in NEUTRAL and len(t) > 1 and not is_number_word(t)
    ]


def common_stems(texts: dict[str, str]) -> frozenset[str]:
    """Stems used by more than half of the articles in ``texts`` (id → text), when there are at
    least ``COMMON_FROM`` of them: the story's names and setting ("Halvik", "plant", "strike"), which
    say nothing of two clauses counting the same thing when both use them."""
    if len(texts) < COMMON_FROM:
        return frozenset()
    counts = Counter(w for text in texts.values() for w in {stem(t) for t in content_terms(text)})
    return frozenset(w for w, n in counts.items() if n > len(texts) / 2)


def is_plural(word: str) -> bool:
    """Whether ``word`` is a plural noun a count is of ("sappers", "people"; not "press")."""
    low = word.lower()
    return low in _PLURALS or (len(low) > 3 and low.endswith("s") and not low.endswith("ss"))


# English plurals that do not end in -s: the noun a count is of.
_PLURALS = frozenset("people children men women police staff personnel cattle crew".split())


# Words news uses for one act or role, which word vectors do not place together ("runs" / "operated"
# score 0.54, below "sold" / "bought" at 0.77): a word of a group says what any other word of it says.
# Words with a second sense ("fire", "building", "end") are left out.
_KIN_GROUPS = (
    "run runs ran running operate operates operated operating operator operators",
    "lead leads led leading head heads headed chair chairs chaired",
    "build builds built construct constructs constructed construction",
    "own owns owned owner owners",
    "resign resigns resigned resignation quit quits",
    "abstain abstains abstained abstention abstentions",
    "arrest arrests arrested detain detains detained",
    "begin begins began begun start starts started",
    "injure injures injured wound wounds wounded",
    "stay stays stayed staying remain remains remained remaining",
    "supply supplies supplied supplying supplier provide provides provided providing provider",
)
# Each word's stem, to the words of its group.
KIN: dict[str, frozenset[str]] = {
    stem(word): frozenset(group.split()) for group in _KIN_GROUPS for word in group.split()
}


def singular_form(word: str) -> str:
    """A plural's singular, as a prefix to look for ("ferries" → "ferry", "children" → "child")."""
    low = word.lower()
    for plural, single in (("ies", "y"), ("ren", ""), ("men", "man"), ("es", ""), ("s", "")):
        if low.endswith(plural) and len(low) > len(plural) + 2:
            return re.escape(low[: -len(plural)] + single)
    return re.escape(low)


def is_past(word: str) -> bool:
    return word.endswith("ed") or word in IRREGULAR


# Verbs that only link a subject to what the question asks ("hold" a post, "play" a role).
LIGHT_VERBS = frozenset(
    "hold holds held have has had take takes took make makes made do does did get gets got give gives gave"
    " play plays played serve serves served occupy occupies occupied keep keeps kept become becomes became"
    " remain remains remained".split()
)


# Verbs that tell who said something, for a name before them ("Lidia Varga said …") or a question
# asking for the teller ("Who warned …?").
SAID = (
    r"(?:said|says|told|tells|reported|announced|confirmed|stated|estimated|argued|claimed|insisted|warned)"
)


WHO_SAID = re.compile(rf"^\W*who\s+(?:has\s+|had\s+)?{SAID}\b", re.IGNORECASE)


# "Who said …?", "Which outlet reported …?": the words after the verb are what was said.
ASKS_TELLER = re.compile(rf"^\W*(?:who|which\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:has\s+|had\s+)?{SAID}\b", re.I)


SPEECH = frozenset("say says said tell tells told".split())


DESCRIBING = frozenset("call calls called describe describes described".split())


# Acts done by saying something ("Who reassured residents that …?"): a quotation tells them, and its
# speaker may be named a sentence before it.
SPEECH_ACTS = frozenset(
    "reassured warned promised vowed insisted argued claimed pledged urged complained admitted denied"
    " stressed acknowledged conceded cautioned predicted".split()
)


def verb_forms(verb: str) -> set[str]:
    """The forms of a verb ("designed": design, designs, designing, …; "led": lead, leads, led),
    and only those: "chairman" is not a form of "chairs", as a stem would have it."""
    if verb in SPEECH:
        return (
            {"say", "says", "said", "saying"}
            if verb.startswith("s")
            else {"tell", "tells", "told", "telling"}
        )
    base = IRREGULAR.get(verb, verb)
    bases = {base}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3 and (suffix != "d" or base.endswith("ed")):
            bases.add(base[: -len(suffix)])
    forms = {f"{b}{end}" for b in bases for end in ("", "s", "es", "ed", "d", "ing")}
    return forms | {past for past, present in IRREGULAR.items() if present in bases}


def looks_like_a_verb(word: str) -> bool:
    """A past or present tense ("designed", "chairs", "led"), not an adjective a "Which deputy
    foreign minister …" question puts first ("foreign")."""
    return (
        word in IRREGULAR
        or word in IRREGULAR.values()
        or word in SPEECH
        or bool(re.search(r"(?:ed|es|s)$", word))
    )


# A past form: regular, or one of the irregular pasts (longest first, so "undertaken" beats "taken").
PAST_FORM = r"[a-z]{3,}ed|" + "|".join(sorted(IRREGULAR, key=len, reverse=True))


def clause_spans(text: str, breaks: re.Pattern[str] = CLAUSE_BREAK) -> list[tuple[int, int]]:
    """Where ``text``'s clauses run, each from just after a break to just after the next."""
    cuts = [0] + [b.end() for b in breaks.finditer(text)] + [len(text)]
    return list(pairwise(cuts))
