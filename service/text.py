"""Text primitives shared by chunking, retrieval and grounding: sentence spans and index terms."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace, or at a line break.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen lt col sgt capt no vs etc inc corp co ltd jan feb mar apr jun jul aug sep sept"
    " oct nov dec u.s u.n u.k e.g i.e a.m p.m".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
# A month name or its short form as a whole word ("Sep." yes, "separate" no), for every module that
# reads dates; ``(?P<month>…)`` so a date pattern can take the month from it.
MONTH = (
    r"(?P<month>\b(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)(?![a-z]))"
)
MONTH_WORD = re.compile(MONTH, re.IGNORECASE)
# ... and without the group, for a pattern that holds a month more than once.
MONTH_ANY = MONTH.replace("(?P<month>", "(?:")
# A day of the week, for patterns matched case-insensitively ...
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# ... and as written in a sentence, capitalised.
DAY_NAME = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# A year as a whole word ("2026", not the "2000" inside "12000").
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A quotation of eight characters or more, in straight or curly quotes; group 1 is its text.
QUOTATION = re.compile(r"[\"“‘']([^\"”’']{8,})[\"”’']")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    if match.start(1) > 0 and text[match.start(1) - 1] == "/":
        return False  # "40 km/h." ends a sentence: the "h" of a unit is no initial
    if word in _MAY_END and (following := _NEXT_WORD.match(text, dot + 1)) and following.group(1) in _OPENERS:
        # "… shortly before 6 p.m. An evacuation order was issued": a short form that can close a
        # sentence does, when a word that only opens one follows it.
        return False
    # Single capitals ("U.S.", "J. Smith") and known short forms do not end a sentence.
    return len(word) == 1 or word in _ABBREVIATIONS


# Short forms that end a sentence as often as not ("at 6 p.m.", "in the U.S.", "… and Co.").
_MAY_END = frozenset("a.m p.m u.s u.n u.k etc inc corp co ltd".split())
_NEXT_WORD = re.compile(r"[\"'”’)\]]*\s+([A-Z][a-z]*)\b")
# Capitalised words that open a sentence and are no name or title ("6 p.m. Sunday" goes on).
_OPENERS = frozenset(
    "The A An It He She They We I His Her Its Their Our This That These Those There Then But And Yet So"
    " After Before When While Although Though As In On At By For From With Without During Since Until"
    " Some Many Most All Both Each Every No Not One Two Three Four Five Six Seven Eight Nine Ten".split()
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences in ``text[start:end]``, whitespace trimmed.

    Every non-whitespace character of the range belongs to exactly one span.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, stop):
        if match.group(0) != "\n" and _is_abbreviation(text, match.start()):
            continue
        _append_trimmed(text, cursor, match.end(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, stop, spans)
    return spans


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence once a next word follows: closing punctuation that is not an
    abbreviation ("Gen.") — how a stream knows a sentence is complete before the next one begins."""
    text = text.rstrip()
    return bool(text) and len(sentence_spans(text + " X")) > len(sentence_spans(text))


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


# "10 000" (space-grouped thousands, as some outlets write them) is one number, like "10,000".
_TOKEN = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+\b|\d[\d,.]*\d|\w+")
STOPWORDS = frozenset(
    "a an and are as at be been by did do does for from had has have how in is it its of on or that the"
    " their them there they this to was were what when where which who whom why will with would".split()
)


def terms(text: str) -> list[str]:
    """Lower-cased terms; "1,000" and "1000" become the same term; a plural 's' is dropped."""
    out = []
    known = _TERM_OF
    for raw in _TOKEN.findall(text.lower()):
        term = known.get(raw)
        if term is None:
            if len(known) > _TERM_CACHE_SIZE:  # many distinct tokens (numbers, names): start afresh
                known.clear()
            term = known[raw] = _term(raw)
        if term:
            out.append(term)
    return out


# A token's term depends on the token alone, and the same few thousand tokens make most text, so
# each is worked out once: that halves the time to index a large archive.
_TERM_OF: dict[str, str] = {}
_TERM_CACHE_SIZE = 500_000


def _term(raw: str) -> str:
    """The index term of one lower-cased token; "" for a stop word."""
    token = re.sub(r"[,\s\u00a0\u202f]", "", raw) if raw[0].isdigit() else raw
    if token in STOPWORDS:
        return ""
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss") and not token[0].isdigit():
        token = token[:-1]
    return token


_ISO_DATE = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_MONTHS = "January February March April May June July August September October November December".split()


# "40, 000 juvenile trout": thousands split by a space after the comma.
_SPLIT_THOUSANDS = re.compile(r"(?<![\d,])\b(\d{1,3}), (\d{3})\b(?![,.]?\d)")


def news_style(text: str) -> str:
    """``text`` with figures written as news writes them: an ISO date ("2026-10-05" → "5 October
    2026"), which a model may copy from an article's metadata, and thousands a model split with a
    space ("40, 000" → "40,000"). The articles' sentences use neither form."""
    text = _ISO_DATE.sub(lambda m: f"{int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]} {m.group(1)}", text)
    return _SPLIT_THOUSANDS.sub(r"\1,\2", text)
