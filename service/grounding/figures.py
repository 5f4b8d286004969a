"""Figures in a sentence and the words each one owns: what it counts, its unit, its part and whole.

"Rescuers evacuated 2,300 residents; 14 people died" gives 2,300 the words "Rescuers evacuated
residents" and 14 "people died". The support check and conflict finding both read figures this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import pairwise

from service.grounding.numbers import RANGE_JOIN as _RANGE_JOIN
from service.grounding.numbers import is_ordinal, numbers
from service.grounding.periods import clock_spans
from service.grounding.words import CLAUSE_BREAK, clause_spans, content_terms, is_plural, stem
from service.text import MONTH, MONTH_ANY, MONTH_WORD, WEEKDAY, YEAR

# Each figure of a text with the words left and right of it in its clause.
Sides = tuple[tuple[float, str, str], ...]

# Words each side of a number that say what it counts.
FRAME_WORDS = 4


def figure_frames(text: str) -> list[tuple[float, set[str]]]:
    """Each number of ``text`` with the stems of the words next to it in its clause (``FRAME_WORDS``
    each side: the counted noun and its verb sit there; "... when floodwater swept the valley" is
    context of the whole sentence, not of the figure before it)."""
    return [
        (value, {stem(t) for t in content_terms(f"{left} {right}")})
        for value, left, right in figure_sides(text, FRAME_WORDS)
    ]


def figure_clauses(text: str) -> list[tuple[float, str]]:
    """Each number of ``text`` with the text of its whole clause, the number itself left out."""
    return [(value, " ".join(f"{left} {right}".split())) for value, left, right in figure_sides(text, None)]


def counted(text: str) -> list[tuple[float, int, int, int, int]]:
    """The figures of ``text`` that count something (dates and ranks left out), each as
    ``(value, start, end, unit_start, unit_end)``: a range ("12,000 to 13,000", "between 2 and 5")
    is one unit, so both its ends own the words around the whole range, not the word "to"."""
    clocks = clock_spans(text)
    found = [
        (v, s, e)
        for v, s, e in numbers(text)
        if not is_day_of_date(text, s, e)
        and not any(a <= s and e <= b for a, b in clocks)  # "7:40 p.m." is a time, checked apart
        and not _ORDINAL.fullmatch(text[s:e])
        and not re.match(r"(?:st|nd|rd|th)\b", text[e : e + 3])
        and not _is_label(text, s, e)
    ]
    units = [[s, e] for _, s, e in found]
    for i in range(len(found) - 1):
        if _RANGE_JOIN.match(text[found[i][2] : found[i + 1][1]]) and found[i + 1][0] > found[i][0]:
            units[i + 1][0] = units[i][0]
            units[i][1] = units[i + 1][1]
    return [(v, s, e, u[0], u[1]) for (v, s, e), u in zip(found, units, strict=True)]


def _is_label(text: str, start: int, end: int) -> bool:
    """Whether the number is part of a name, after a capitalised word that is no month or
    sentence opener, or after a capital and a hyphen: "Line 4", "Article 4", "CP-7" name a thing,
    they count nothing."""
    if not text[start:end].isdigit() or len(text[start:end]) > 3:
        return False
    if _LABEL_CODE.search(text, 0, start) or _LABELS_JOINED.search(text, 0, start):
        return True  # "cross-passage CP-7", "an F-35", the 2 of "Lines 1 and 2"
    before = _LABEL_WORD.search(text, 0, start)
    return (
        before is not None
        and before.group(1) not in _NOT_LABELS
        and not MONTH_WORD.fullmatch(before.group(1))
    )


def labels(text: str) -> list[str]:
    """The numbered names of ``text`` ("Paper 2" of "Mathematics Paper 2", "Line 4"): each names one
    of a series, so what is told of another of them, or of none, is not told of it."""
    return [
        f"{word.group(1)} {m.group(0)}"
        for m in re.finditer(r"(?<![\w.,])\d{1,3}(?![\w.,]\d)", text)
        if _is_label(text, m.start(), m.end())
        and (word := _LABEL_WORD.search(text, 0, m.start()))
        and not re.fullmatch(WEEKDAY, word.group(1), re.IGNORECASE)
    ]


def label_untold(question: str, text: str, around: str) -> str:
    """A numbered name the question asks of ("Mathematics Paper 2") that ``text`` (a cited sentence
    and its neighbours) never gives, in any form of its word ("Lines 1 and 2" gives "Line 1"), when
    the article ``around`` it (the window before and after) tells of another of the series
    ("Paper 1"): the sentence may then be
    of either. "" otherwise — an article about one line calls it "the line"."""
    for label in labels(question):
        word, number = label.rsplit(" ", 1)
        series = rf"\b{re.escape(word.rstrip('s'))}s?\s+((?:\d{{1,3}}\s*(?:,|and|or|&)\s*)*\d{{1,3}})\b"
        told = {n for m in re.finditer(series, text, re.IGNORECASE) for n in re.findall(r"\d+", m.group(1))}
        others = {
            n for m in re.finditer(series, around, re.IGNORECASE) for n in re.findall(r"\d+", m.group(1))
        }
        if number not in told and others - {number}:
            return label
    return ""


_LABEL_WORD = re.compile(r"(?<![\w’'])([A-Z][a-z]+)\s$")
_LABEL_CODE = re.compile(r"(?<![\w’'-])[A-Z][A-Za-z]*-$")
_LABELS_JOINED = re.compile(
    r"(?<![\w’'])(?!(?:In|On|At|By|For|From|To|Of)\b)[A-Z][a-z]+\s+\d{1,3}(?:,\s*\d{1,3})*\s+(?:and|or|&)\s+$"
)
# Capitalised words a figure may follow at a sentence's start or in a headline: "In 2019", "About 40".
_NOT_LABELS = frozenset(
    "In On At By For From To Of With About Around Some Nearly Almost Over Under Only Just All Another"
    " And But Or The A An Its Their His Her Our Your These Those This That Up Top Least Most Than"
    " Between Since Until After Before Roughly Approximately".split()
)


# "The first strike": a rank, not a count (nor is "3rd", by the letters after it).
_ORDINAL = re.compile(r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth", re.IGNORECASE)


def counts_in(text: str) -> bool:
    """Whether ``text`` gives a figure that counts something (a date, a time or a rank does not)."""
    return bool(counted(text))


def between_figures(text: str) -> list[tuple[float, str]]:
    """Each number of ``text`` with all the text between its neighbouring numbers (ranges whole)."""
    found = counted(text)
    out = []
    for i, (value, _, _, start, end) in enumerate(found):
        left = max([0] + [e for _, _, _, _, e in found[:i] if e <= start])
        right = min([len(text)] + [s for _, _, _, s, _ in found[i + 1 :] if s >= end])
        out.append((value, f"{text[left:start]} {text[end:right]}"))
    return out


def counted_nouns(sides: Sides) -> dict[float, set[str]]:
    """Each figure's counted noun (the stem of the word right after it: "212 *passengers*"), or, for
    a figure told without one ("34 people had died and 118 were injured"), the one before it."""
    nouns: dict[float, set[str]] = {}
    last: set[str] = set()
    for value, _, right in sides:
        # Up to the first plural of the words right after it: "1,000 military *sappers*".
        words = re.findall(r"[A-Za-z’'-]+", right)[:6]
        if words and words[0].lower() in _UNITS:
            last = {words[0].lower()}  # "within 30 days": a unit is what the figure measures
        elif words and content_terms(words[0]):
            end = next((i for i, w in enumerate(words[:4]) if is_plural(w)), 0)
            if words[end + 1 : end + 2] == ["of"] and len(words) > end + 2:
                end += 2  # "450 tonnes *of fertiliser*", "2 million barrels *of oil*": what is measured
            last = {stem(t) for t in content_terms(" ".join(words[: end + 1]))}
        nouns.setdefault(value, set()).update(last)
    # "9,000 of the operator's 14,000 staff": a part counts what its whole counts.
    for (value, _, right), (whole, _, _) in pairwise(sides):
        if PARTITIVE.match(right) and not nouns.get(value):
            nouns[value] = set(nouns.get(whole, set()))
    return nouns


# Units a figure measures in, not things it counts: "95 km/h" carries no passengers.
UNITS_OF_MEASURE = frozenset(
    "km km/h kph mph m cm mm kg g t mw gw kw kwh mwh gwh % percent per tonnes tonne tons ton metres"
    " metre meters meter kilometres kilometre kilometers kilometer miles mile feet foot inches inch"
    " litres litre liters liter gallons gallon hectares hectare acres acre degrees degree °c °f hours"
    " hour minutes minute seconds second days day weeks week months month years year decades".split()
)


MEASURE_STEMS = frozenset(stem(u) for u in UNITS_OF_MEASURE)


# Words that scale a figure ("20 million marks"), no unit of their own.
SCALE_WORDS = frozenset("thousand million billion trillion bn m".split())


def unit_after(right: str) -> str | None:
    """The word right after a figure ("km/h", "passengers", "%"), lower-cased; None for none."""
    words = re.findall(r"%|[A-Za-z°][\w/°’'-]*", right)[:2]
    if words and words[0].lower() in SCALE_WORDS:
        words = words[1:]  # "20 million marks"
    # "a 90-metre tunnel": a unit joined by a hyphen is the figure's unit too.
    if not words or not re.match(r"-?\s*(?:%|[A-Za-z°])", right):
        return None
    return words[0].lower()


# A part of a whole the source gives no figure for, and what it says of the part: "three *of the
# injured* were in serious condition". The whole ends at its first plural or -ed word ("the
# injured", "the port's workers").
PART_OF = re.compile(
    r"\s+of\s+(?P<whole>(?:the|its|their|his|her|these|those|[A-Z][\w’'-]*['’]s)\s+"
    r"(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*(?:s|ed|people|men|women|children|staff))\b"
    r"(?P<said>[^;:,.—–]*)"
)


# Units that are grammar words to ``content_terms`` but say what a figure measures.
_UNITS = frozenset("days years months weeks hours minutes seconds decades".split())


# What lies between a part and its whole: "9,000 *of the operator's* 14,000 staff".
PARTITIVE = re.compile(r"\s*of\s+(?:the|its|their|his|her|[\w’'-]+['’]s)?\s*[\w’'-]*\s*$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def figure_sides(text: str, words: int | None) -> Sides:
    """Each number of ``text`` with the text of its clause, the number itself left out.

    A clause runs from the previous number (or the start) to the next one (or the end), cut at the
    clause breaks nearest the number on either side, so "Rescuers evacuated 2,300 residents; 14 people
    died" gives 2,300 "Rescuers evacuated residents" and 14 "people died".

    Cached: one support check reads a claim's and a source's figures in several of its checks.
    """
    found = counted(text)
    frames: list[tuple[float, str, str]] = []
    for i, (value, _, _, start, end) in enumerate(found):
        left_edge = max([0] + [e for _, _, _, _, e in found[:i] if e <= start])
        right_edge = min([len(text)] + [s for _, _, _, s, _ in found[i + 1 :] if s >= end])
        left_parts = CLAUSE_BREAK.split(text[left_edge:start])
        right_parts = CLAUSE_BREAK.split(text[end:right_edge])
        left, right = left_parts[-1], right_parts[0]
        if listed := _NOUN_LIST.match(text, end, right_edge):
            # "8,200 nurses, paramedics and ambulance technicians walked out": the figure counts the
            # whole list, and what the list did comes after its last item.
            right = f"{text[end : listed.end()]} {CLAUSE_BREAK.split(text[listed.end() : right_edge])[0]}"
        # "4 of them, in the central district, reopened on Thursday": what the part did comes
        # after the aside.
        aside = (
            _OF_THEM.fullmatch(right) and len(right_parts) > 2 and len(right_parts[1].split()) <= ASIDE_WORDS
        )
        done = right_parts[2] if aside else ""
        if len(left.split()) + len(right.split()) < 4 and len(left_parts) > 1 and not i:
            # "..., said 2,300" needs the clause before; "The first transfer, he said, was 300,000"
            # the one before the teller set in it.
            before = [p for p in left_parts[:-1] if not _TELLER_ASIDE.fullmatch(p)]
            left = f"{before[-1] if before else left_parts[-2]} {left}"
        if words is not None:
            left, right = " ".join(left.split()[-words:]), " ".join(right.split()[:words])
            done = " ".join(done.split()[:words])
        right = f"{right} {done}" if done else right
        frames.append((value, left, right))
    return tuple(frames)


# A list of plain nouns right after a figure: "nurses, paramedics and" (items of one or two words).
_NOUN_LIST = re.compile(r"\s*[a-z][\w-]*(?:,\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)+,?\s+and\s+")
# A teller set inside the sentence between commas: ", he said,", ", police added,".
_TELLER_ASIDE = re.compile(
    r"\s*(?:he|she|they|it|we|I|police|officials|the\s+\w+)\s+(?:said|says|added|noted|told\s+\w+)\s*", re.I
)
_OF_THEM = re.compile(r"\s*of\s+(?:them|those|these|whom)\s*", re.IGNORECASE)
ASIDE_WORDS = 5
DAY_OR_MONTH = re.compile(rf"{MONTH}\.?|{WEEKDAY}", re.IGNORECASE)


def is_day_of_date(text: str, start: int, end: int) -> bool:
    """ "3 May", "May 3" and years ("the 2024 treaty") are dates, and "the 4th Regiment" is a
    rank: not counts of anything."""
    if YEAR.fullmatch(text[start:end]) or re.match(r"(st|nd|rd|th)\b", text[end : end + 3]):
        return True
    if end - start > 2:
        return False  # a day of the month has one or two digits
    # A day is next to its month ("19 May", "May 19", "19th of May", "19 and 20 May", "May 19-20"),
    # not merely near one: "on 19 May with 85 workers" counts 85 workers.
    return bool(_MONTH_AFTER.match(text, end) or _MONTH_BEFORE.search(text[:start]))


_MONTH_AFTER = re.compile(rf"\s*(?:(?:-|–|and|to)\s*\d{{1,2}}\s*)?(?:of\s+)?{MONTH_ANY}", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"{MONTH_ANY}\.?\s+(?:\d{{1,2}}\s*(?:-|–|and|to)\s*)?$", re.IGNORECASE)


# Units of measure by their spellings: "kilometres", "km" and "kilometer" are one unit.
_UNIT_SPELLINGS = {
    "km": "km kilometre kilometres kilometer kilometers",
    "m": "metre metres meter meters",
    "cm": "cm centimetre centimetres centimeter centimeters",
    "mm": "mm millimetre millimetres millimeter millimeters",
    "mile": "mile miles",
    "ft": "ft foot feet",
    "inch": "inch inches",
    "kg": "kg kilogram kilograms kilogramme kilogrammes kilo kilos",
    "g": "g gram grams gramme grammes",
    "mg": "mg mg/l milligram milligrams",
    "t": "t tonne tonnes ton tons",
    "l": "l litre litres liter liters",
    "ha": "ha hectare hectares",
    "acre": "acre acres",
    "%": "% percent per-cent",
    "°": "° degree degrees °c °f",
    "km/h": "km/h kph kmh",
    "mph": "mph",
    "s": "second seconds",
    "min": "min minute minutes",
    "h": "hour hours",
    "day": "day days",
    "week": "week weeks",
    "month": "month months",
    "year": "year years",
    "decade": "decade decades",
    "mw": "mw megawatt megawatts",
    "gw": "gw gigawatt gigawatts",
    "kw": "kw kilowatt kilowatts",
}
_UNIT_OF = {spelling: unit for unit, spellings in _UNIT_SPELLINGS.items() for spelling in spellings.split()}


def measure_unit_at(text: str, start: int, end: int) -> str:
    """The unit of measure right after the figure at ``start:end`` ("1.8 *metres*" → "m", "6.4 km" →
    "km"), or "" for a figure that counts things ("49 people") or has no unit."""
    return _UNIT_OF.get(unit_after(text[end : end + 40]) or "", "")


# "5,000 people, according to police": who gives the figure just before it.
_ACCORDING_AFTER = re.compile(
    r"[^,;.\d]{0,30}?,?\s*according\s+to\s+(?:the\s+)?(?P<who>[A-Za-z’' -]+?)"
    r"(?=\s*[,.;)]|\s+(?:or|and|while|but)\b|$)",
    re.IGNORECASE,
)


def figure_tellers(text: str) -> dict[float, set[str]]:
    """Who gives each figure of ``text`` when "according to" follows it ("some 5,000 people,
    according to police, or 8,000, according to the organisers"), as the stems of their words."""
    found: dict[float, set[str]] = {}
    for value, _, end in numbers(text):
        m = _ACCORDING_AFTER.match(text, end)
        if m and (who := {stem(t) for t in content_terms(m.group("who"))}):
            found.setdefault(value, set()).update(who)
    return found


def other_teller_of(claim: str, source: str) -> str:
    """The teller the source gives a figure when the claim gives it to another teller the source
    names for another figure ("8,000, according to police" against "5,000, according to police, or
    8,000, according to the organisers"), as "8,000 according to organisers"; "" otherwise."""
    told = figure_tellers(source)
    others = set().union(set(), *told.values())
    for value, who in figure_tellers(claim).items():
        if told.get(value) and not who & told[value] and who <= others:
            return f"{value:g}, according to another source"
    return ""


# The two sides of a vote, told figure by figure: "97 voted for the plan and 79 against".
_STANCES = ("for", "against")


_STANCE_WORDS = {"for": r"\bfor\b|\bin\s+favou?r\b", "against": r"\bagainst\b"}


# What lies between the sides of a tally: "by 31 *votes to* 10", "by 31 *to* 10".
_TALLY = re.compile(r"\s*(?:votes?\s+)?to\s*")


def tally_sides(sides: Sides) -> dict[float, set[float]]:
    """The figures of a tally told by its other side: "by 31 votes to 10" gives 31 → {10}, 10 → {31}."""
    found: dict[float, set[float]] = {}
    for ayes, noes in _tallies(sides):
        found.setdefault(ayes, set()).add(noes)
        found.setdefault(noes, set()).add(ayes)
    return found


def _tallies(sides: Sides) -> Iterator[tuple[float, float]]:
    """Each tally's two sides, ayes first: "by 31 votes to 10"."""
    for (ayes, left, between), (noes, _, _) in pairwise(sides):
        if re.search(r"\bby\s*$", left) and _TALLY.fullmatch(between):
            yield ayes, noes


def stance_of(value: float, sides: Sides, asked: str) -> str | None:
    """The side the source gives ``value`` when it is the other side from the one ``asked`` says,
    in a sentence that gives figures for both; None otherwise."""
    said = [w for w in _STANCES if re.search(_STANCE_WORDS[w], asked, re.IGNORECASE)]
    told: dict[float, set[str]] = {}
    for v, left, right in sides:
        # (A clause's own first side word: "voted for the plan" is for, whatever "for" follows.)
        first = re.search(r"\b(for|against)\b", f"{left} {right}", re.IGNORECASE)
        if first:
            told.setdefault(v, set()).add(first.group(1).lower())
    # "by 31 votes to 10": the first side of a tally is for, the second against.
    for ayes, noes in _tallies(sides):
        told.setdefault(ayes, set()).add("for")
        told.setdefault(noes, set()).add("against")
    if len(said) != 1 or set().union(*told.values(), set()) != set(_STANCES) or value not in told:
        return None
    return None if said[0] in told[value] else "/".join(sorted(told[value]))


_TIME_UNIT = re.compile(r"[\s-]*(second|minute|hour|day|week|fortnight|month|year|decade)s?\b", re.I)


_Spans = Callable[[str], list[tuple[float, int, int]]]


def other_unit(
    claim: str, source: str, figures: _Spans, unit_at: Callable[[str, int, int], str]
) -> tuple[float, str, str] | None:
    """A figure of the claim with the unit ``unit_at`` reads for it, when the source gives that
    figure only in other units: (value, the claim's unit, one of the source's), or None. A figure
    either side gives with no unit decides nothing."""
    told: dict[float, set[str]] = {}
    for value, start, end in figures(source):
        told.setdefault(value, set()).add(unit_at(source, start, end))
    for value, start, end in figures(claim):
        said = unit_at(claim, start, end)
        there = told.get(value, set()) - {""}
        if said and there and said not in there:
            return value, said, next(iter(there))
    return None


def counted_spans(text: str) -> list[tuple[float, int, int]]:
    """The counted figures of ``text`` (``figures.counted``), a range as one unit."""
    return [(value, start, end) for value, _, _, start, end in counted(text)]


def time_unit_at(text: str, start: int, end: int) -> str:
    """The unit of time right after a figure ("three *weeks*" → "week"), or ""."""
    unit = _TIME_UNIT.match(text, end)
    return unit.group(1).lower() if unit else ""


def counted_as_rank(claim: str, source: str) -> str:
    """A rank the claim gives a thing ("the fourth engine") that the source gives only as a count of
    it ("one of its four engines"): that count, or ""."""
    told = numbers(source)
    for value, start, end in numbers(claim):
        if not is_ordinal(claim[start:end]) or not (noun := re.match(r"\s+([a-z][\w-]*)", claim[end:])):
            continue
        wanted = noun.group(1).lower()[:4]  # "tyre" / "tyres" (whose stems differ)
        same = [(s, e) for v, s, e in told if v == value]
        if any(is_ordinal(source[s:e]) for s, e in same):
            continue
        for s, e in same:
            after = re.match(r"\s+(?:[a-z][\w-]*\s+)?([a-z][\w-]*)", source[e:])
            if after and any(w.lower().startswith(wanted) for w in after.group(0).split()):
                return source[s : e + len(after.group(0))]
    return ""


def ranked_only(claim: str, source: str) -> str:
    """A length of time the claim gives ("four days") that the source gives only as a place in
    time ("the fourth day of the search"): that ordinal and its unit, or ""."""
    told = {(value, time_unit_at(source, start, end)) for value, start, end in counted_spans(source)}
    for value, start, end in counted_spans(claim):
        unit = time_unit_at(claim, start, end)
        if not unit or (value, unit) in told:
            continue
        for v, s, e in numbers(source):
            if v == value and is_ordinal(source[s:e]) and time_unit_at(source, s, e) == unit:
                return f"the {source[s:e].lower()} {unit}"
    return ""


def without_other_figures(text: str, claim: str) -> str:
    """``text`` less its clauses that give a figure the claim does not: a claim with figures takes
    no words from another figure's clause ("48 passengers were taken to hospital" borrows nothing
    from the next sentence's "Paramedics took 31 passengers to hospital")."""
    claimed = _counts(claim)
    if not claimed:
        return text  # a time or date borrows its act's words as any claim does ("It had left at 9:15")
    return " ".join(part for a, b in clause_spans(text) if not (_counts(part := text[a:b]) - claimed))


def _counts(text: str) -> set[float]:
    """The figures of ``text`` that count something: no dates, years or times of day."""
    return {v for v, s, e, _, _ in counted(text) if not (text[s:e].isdigit() and 1800 <= v <= 2100)}
