"""Where a claim puts a name: "from", "to", "near" and the like.

"The train was travelling from Morvé to Teskin", cited to "… carrying 212 passengers from Teskin to
Morvé": every word of the claim is in the sentence, and the trip runs the other way. "Near Teskin.",
cited to a sentence about "the Teskin–Morvé line" and a derailment "near Korvala", likewise. A place
has no synonym for these words to lend it, so the sentence must put the claim's name after the same
word, or put no other name there.
"""

from __future__ import annotations

import re

from service.text import MONTH, WEEKDAY

# Words that place what follows. ("In" and "at" are left out: they date as often as they place.)
_PLACING = r"from|to|near|into|towards?|outside|off|via|between"
_SLOT = re.compile(
    rf"(?<![\w’'])(?<!ccording )(?<!due )(?<!owing )(?<!hanks )(?P<word>(?i:{_PLACING}))\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'-]*(?:[\s–-]+[A-Z][\w’'-]*)*)"
    r"(?:\s+and\s+(?P<other>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))?"
)
# Placing words that send the other way.
_AWAY = {
    "from": ("to", "into", "towards", "toward"),
    "to": ("from",),
    "into": ("from",),
    "towards": ("from",),
    "toward": ("from",),
}
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|i)$")
_WORD_AFTER = re.compile(r"\s+[a-z]")
_MONTH_OR_DAY = re.compile(rf"(?:{MONTH}|{WEEKDAY})\b", re.IGNORECASE)


def _slots(text: str) -> list[tuple[str, str, int]]:
    """Each placing word with the name after it and where that name ends: ("from", "Teskin", …)."""
    found: list[tuple[str, str, int]] = []
    for m in _SLOT.finditer(text):
        name = m.group("name")
        if _MONTH_OR_DAY.match(name) or (_WORD_AFTER.match(text, m.end("name")) and _DEMONYM.search(name)):
            continue  # "from January" dates; "to Ukrainian forces" names no place
        names = [name] + ([m.group("other")] if m.group("other") else [])
        found.extend((m.group("word").lower(), n, m.end()) for n in names)
    return found


def _word_before(text: str, name: str) -> str:
    """The word before the placing word that precedes ``name`` ("diverted" in "diverted to
    Tolbrook"), lower-cased, or ""."""
    m = re.search(rf"([A-Za-z]+)\s+(?i:{_PLACING})\s+(?:the\s+)?{re.escape(name)}", text)
    return m.group(1).lower() if m else ""


def misplaced(claim: str, source: str) -> str:
    """The source's placing of another name where the claim places one ("from Teskin" for the
    claim's "from Morvé"), when the source names the claim's place in another role; "" otherwise."""
    told = _slots(source)
    for word, name, _ in _slots(claim):
        head = name.split()[-1].split("–")[0]
        if not re.search(rf"(?<![\w’']){re.escape(head)}", source):
            continue  # a name the sentence lacks is the name check's to judge
        there = [(n, end) for w, n, end in told if w == word]
        # A place the source's name lies in ("sent to Kursk, in western Russia") places it too.
        within = rf"[,\s]+(?:in|of)\s+(?:[a-z]+\s+){{0,2}}{re.escape(head)}"
        if there and not any(head in n or re.match(within, source[end:]) for n, end in there):
            return f"{word} {there[0][0]}"
        # "Diverted from Tolbrook Hospital", cited to "diverted to Tolbrook Hospital": the way the
        # same word sends it is the other one ("sent to Tessick" is not refuted by "mud from Tessick").
        act = _word_before(claim, name)
        reverse = [
            w
            for w, n, _ in told
            if w in _AWAY.get(word, ()) and head in n and act and _word_before(source, n) == act
        ]
        if reverse and not any(head in n for n, _ in there):
            return f"{reverse[0]} {name}"
    return ""


# A how-many or how-much question narrowed to one named place: "How many students sat the paper *in
# Room 14* at St Brannock's College?", "… diverted *from Harrowfield District Hospital*?".
_HOW_MANY = re.compile(r"^\W*how\s+(?:many|much)\b", re.IGNORECASE)
_NARROWED = re.compile(
    r"\b(?:in|at|from|inside|within)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|\d+[A-Za-z]?|of))*)"
)
# Words that say what kind of place a name is, not which: the name's other words tell it apart.
_PLACE_KINDS = frozenset(
    "hospital hospitals college school university district centre center street road hall station"
    " airport port city town village county region province state".split()
)


# A name's adjective before its noun: "the Votaran election", "the Korean border".
_ADJECTIVE = re.compile(r"(?:an|ese|ish|i)$")


def place_untold(question: str, told: str, lead: str = "") -> str:
    """The place a how-many question narrows its count to that ``told`` (the cited passage and the
    text around it) never names ("Room 14"), or "": a figure is not one for a place it is not told
    beside. A place the ``lead`` (headline and opening sentence) names is the whole article's."""
    if not _HOW_MANY.match(question):
        return ""
    told = f"{told} {lead}".lower()
    for m in _NARROWED.finditer(question):
        name = m.group("name")
        if _MONTH_OR_DAY.match(name) or (
            _WORD_AFTER.match(question, m.end("name")) and _ADJECTIVE.search(name)
        ):
            continue  # "in March" dates; "in the Votaran election" names the election, not a place
        # (a possessive names the owner: "OMTA's business support scheme" is told by "OMTA")
        words = [
            re.sub(r"['’]s$", "", w)
            for w in re.findall(r"[\w’'-]+", name)
            if w.lower() not in _PLACE_KINDS | {"of"}
        ]
        if words and not all(re.search(rf"(?<![\w’']){re.escape(w.lower())}(?![\w’'])", told) for w in words):
            return name
    return ""
