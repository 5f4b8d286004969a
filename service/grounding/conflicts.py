"""Figures that different articles give for the same counted thing, found from the text alone.

A *figure mention* is a number in a sentence together with what it counts: the words of its clause
(``figures.figure_frames``) and its head phrase, the words right after it ("2,300 residents", "14
people died"). Two mentions in different articles count the same thing when their clauses say the
same (embedding similarity of the clause with the number taken out) and their head nouns agree.
Casualties against deployments, or evacuated against sheltered, differ in the clause, so they are not
set against each other. Dates, years and ordinals are not counts.

A conflict is surfaced only where it bears on what was asked: an answer that states one of its figures
for the same thing, or a question about how many/much whose clause matches it (``relevant``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

import numpy as np
from langchain_core.embeddings import Embeddings

from service.grounding.ages import age_asked_of, ages, is_described, same_owner
from service.grounding.asked import asked_kinds, gives_what_was_asked
from service.grounding.doers import asked_the_other_way
from service.grounding.figures import (
    DAY_OR_MONTH,
    MEASURE_STEMS,
    SCALE_WORDS,
    UNITS_OF_MEASURE,
    figure_clauses,
)
from service.grounding.kinds import count_kind, direction
from service.grounding.model import Citation, Conflict, Figure, SourceSentence
from service.grounding.numbers import CURRENCY_NAME, Quantity, numbers, quantities
from service.grounding.periods import (
    FIRST_STRETCH,
    clock_windows,
    date_spans,
    different_periods,
    moment_at,
    one_day_told,
    period_at,
    windows_overlap,
    years_told,
)
from service.grounding.words import (
    CLAUSE_BREAK,
    IRREGULAR,
    common_stems,
    content_terms,
    is_plural,
    looks_like_a_verb,
    stem,
)
from service.text import MONTH, MONTH_ANY, STOPWORDS, WEEKDAY, YEAR

# Clause similarity (number removed) and head-phrase similarity at which two mentions of the same
# kind count the same thing.
SAME_THING = 0.52
SAME_HEAD = 0.5
# Head nouns this close by embedding are one noun told two ways.
SYNONYM_HEAD = 0.85
# ... or, whatever the head nouns, when the clauses alone say the same ("North Koreans" / "troops").
SAME_CLAUSE = 0.58
SHARED_WORD, SAME_NOUN = 0.1, 0.1
# Outlets that disagree on one count rarely differ by more than this factor (34 / 39 deaths, 2,300 /
# 3,100 evacuated); figures further apart in one unit count different things.
MAX_RATIO = 10.0
# ... and figures more than this factor apart cost a pair this much of its score.
FAR_APART, FAR_APART_COST = 2.0, 0.25
# Content words below which a clause says too little to compare on its own.
SHORT_CLAUSE = 4
# Clause similarity at which two times with no word in common are still told of one event ("The
# earthquake struck" / "The quake hit the region").
SAME_EVENT = 0.6
# Word similarity at which two clauses' opening nouns are one thing ("earthquake" / "quake", 0.78;
# "fire" / "blaze", 0.61; "satellite" / "rocket" is 0.42).
SAME_SUBJECT = 0.55
# Word similarity at which a question's word is told of an event in other words ("hit" / "struck").
SAME_ACT = 0.5
# ... and at which a question about how many/much is about that thing.
ASKED_ABOUT = 0.5
_MONTH = re.compile(MONTH + r"\s*$", re.I)
_MONTH_AFTER = re.compile(r"^\s*" + MONTH, re.I)
_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
_FUNCTION = frozenset(
    "to in from of on at by for who that which were was had have has will would with as after before"
    " and or but since during".split()
)
_AUXILIARY = frozenset("had have has been were was are is be being reportedly".split())
_PARTICIPLE = re.compile(r"[a-z]{2,}(?:ed|en)")
# A question about a count: "how many", "the toll", and comparisons of counts ("which outlet reported
# more people evacuated?", "the higher death toll").
_QUANTITY_QUESTION = re.compile(
    r"\b(how (many|much)|number of|figures?|toll|total|count|estimate[sd]?|how large|size of|turnout"
    r"|price|percentage|proportion|share of"
    # a measure: "agree on the length of the tunnel", "how deep is the shaft"
    r"|length|height|depth|width|distance|weight|how (long|far|high|deep|tall|wide|heavy)"
    r"|(more|fewer) (people|\w+s)|(higher|lower|larger|smaller|bigger|greater) (number|figure|\w+ toll))\b",
    re.I,
)


@dataclass(frozen=True)
class FigureMention:
    """A figure in one source sentence and what it counts."""

    quantity: Quantity
    source: SourceSentence
    head: str  # the words right after the number: "residents", "people died"
    clause: str  # the figure's clause with the number taken out (what is embedded)
    words: frozenset[str]  # stems of the clause's content words
    kind: str = "count"
    period: float | None = None  # the length of time the figure covers, in hours, if stated
    moment: str | None = None  # the day it holds on ("monday"), if its own clause says
    shown: str = ""  # how the sentence gives it, when not as a plain figure ("about 3 a.m.")

    @cached_property
    def told(self) -> str:
        """The figure's clause and the phrase its sentence opens with before a comma, when the figure
        comes after it ("A year ago, the reservoir was at 61 percent"): where its time and place are
        told. Read once per mention, as every pair it is scored in asks for it."""
        head, comma, _ = self.source.text.partition(",")
        # (An opening may hold a year, "In 2019, …", but no figure of its own.)
        counts = [q for q in quantities(head) if not 1800 <= q.low <= 2100]
        opening = head if comma and len(head) < self.quantity.start and not counts else ""
        return f"{opening} {self.clause}"

    @cached_property
    def owner(self) -> str:
        """Whose figure it is, by name (``owner_name``). Read once per mention, as every pair it is
        scored in asks for it."""
        return owner_name(self)

    @cached_property
    def opening_stretch(self) -> bool:
        """Whether the figure is told for the opening stretch of an event ("58 calls in the first six
        hours"), in the words right after it. Read once per mention, like ``told``."""
        # (to the clause's end: "640 patients were diverted by ambulance to hospitals outside the
        # network in the first week" tells its stretch after a long verb phrase)
        after = self.source.text[self.quantity.end : self.quantity.end + 140]
        if FIRST_STRETCH.search(re.split(r"[,;.]", after)[0]):
            return True
        # "1,200 operations had been postponed for the first week of the strike and 340 clinics
        # cancelled": a figure joined on with no auxiliary of its own shares the clause's stretch.
        before = self.source.text[: self.quantity.start]
        joined = _JOINED_FIGURE.search(before)
        if not joined or _OWN_AUXILIARY.match(after):
            return False
        return bool(FIRST_STRETCH.search(re.split(r"[;.]", before[: joined.start()])[-1]))

    @cached_property
    def move(self) -> tuple[str, str] | None:
        """The move and level of the sentence's "N percent to M" that holds the figure, if any."""
        for move in _MOVE.finditer(self.source.text):
            if move.start() <= self.quantity.start < move.end():
                return move.group("by"), move.group("to").rstrip(".,")
        return None

    @cached_property
    def way(self) -> str:
        """ "up" or "down" when the figure's clause moves it one way only ("shares rose 2.4 percent")."""
        return direction(self.clause)

    @cached_property
    def changed_from(self) -> bool:
        """Whether the figure is what a change started from ("from 18 percent to 16", "to 16
        percent from 18"), not where it ended or a level of its own."""
        before, after = self.source.text[: self.quantity.start], self.source.text[self.quantity.end :]
        return bool(_FROM_BEFORE.search(before)) and bool(
            _TO_AFTER.match(after) or _TO_BEFORE_FROM.search(before)
        )

    @cached_property
    def moment_side(self) -> str:
        """ "before" for a moment told before an event ("two days before the attack", "elected seven
        years ago"), "after" for one told after or into it ("94 seconds after lift-off", "two
        minutes into the flight"), else "" (read once per mention, like ``told``)."""
        told = _MOMENT_INTO.match(self.source.text[self.quantity.end :])
        if not told or _LASTED_FOR.search(self.source.text[: self.quantity.start]):
            # ("online for about 11 hours before the operator removed it" is how long, told up to
            # the event that ended it)
            return ""
        return "before" if re.search(r"\b(?:before|earlier|ago)\b", told.group(0), re.I) else "after"

    @property
    def topic(self) -> str:
        """What the figure counts, as a reader would name it: the head phrase, and what happened to
        them when the sentence says so after an auxiliary ("34 people died and 118 were injured":
        118 counts "people injured", not "people")."""
        if self.kind in WHEN:
            # "the time the quake hit the region", "the date the bridge reopened to traffic"
            return f"the {'time' if self.kind == TIME_OF_DAY else 'date'} {self.clause}"
        if self.kind in AGES:
            return f"the age of {self.head}" if self.head[:1].isupper() else f"the age of the {self.head}"
        before = self.source.text[: self.quantity.start]
        if "money" in self.kind.split("+") or _told_with_scale(self):
            # "a ransom of 4.5 million dunars" counts the ransom, not "dunars" (a currency an
            # article invents is told by its scale); so do "emergency aid of 6 million marels" and
            # "8 million marels in emergency aid"
            # (the nearest determiner: "The attackers demanded a ransom of" counts "ransom")
            for det in reversed(list(_DETERMINER.finditer(before))):
                if of := _FIGURE_OF.match(before, det.start()):
                    return of.group(1)
            after = self.source.text[self.quantity.end :]
            # ... and "fined Kestrow Mining Services 2.4 million marels last November" is a fine
            if (verb := _SUM_VERB.search(before)) and not _CLAUSE_BETWEEN.search(before[verb.end() :]):
                return _SUM_NOUNS[verb.group(1).lower()]
            for found in (_SUM_OF.search(before), _SUM_IN.match(after, len(self.head) + 1)):
                if (
                    found
                    and not set(found.group(1).lower().split()) & (_FUNCTION | _AUXILIARY)
                    and not found.group(1).split()[0].endswith("ed")  # a verb: "approved of"
                ):
                    return found.group(1)
        if (
            _is_length(self)
            and len(self.head.split()) == 1
            and (lasted := _LASTED_FOR.search(self.source.text[: self.quantity.start]))
        ):
            # "online for almost 14 hours" counts "hours online", not "hours"
            state = re.findall(r"[A-Za-z][\w’'-]*", self.source.text[: lasted.start()])[-1:]
            if state and state[0].lower() not in _FUNCTION | _AUXILIARY:
                return f"{self.head} {state[0]}"
        rest = re.findall(r"[\w’'-]+|[^\w\s]", self.source.text[self.quantity.end :])
        head = self.head.split()
        i = 0
        while i < len(rest) and i < len(head) and rest[i] == head[i]:
            i += 1  # the head phrase as the sentence wrote it (an inherited one is not there)
        while i < len(rest) and rest[i].lower() in _AUXILIARY:
            i += 1
        if i < len(rest) and _PARTICIPLE.fullmatch(rest[i]) and rest[i].lower() not in self.head.lower():
            return f"{self.head} {rest[i]}"
        return self.head


# A figure an outlet rounds ("about 300", "some 7.1 million") is read as the figures that round to
# it, at most this share either side: "about 300" holds 296, but "some 7.1 million" not 7.4 million.
HEDGE_SPREAD = 0.1
BOUND_SPREAD = 0.05
_AT_LEAST = re.compile(r"\b(?:more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of)\s+[$€£¥₽₩₹]?$", re.I)
_AT_MOST = re.compile(
    r"\b(?:fewer\s+than|less\s+than|under|up\s+to|no\s+more\s+than|at\s+most)\s+[$€£¥₽₩₹]?$", re.I
)
_HEDGED = re.compile(
    r"\b(?:about|around|roughly|approximately|some|an\s+estimated|nearly|almost|close\s+to)\s+[$€£¥₽₩₹]?$",
    re.I,
)


# A running figure told as it changed: "the death toll *rose to* four from two".
_CHANGED_TO = re.compile(
    r"\b(?:rose|risen|rises|climbed|increased|jumped|grew|fell|dropped|declined|went\s+up|gone\s+up)"
    r"\s+to\s+(?:about\s+|some\s+|at\s+least\s+)?$",
    re.I,
)


def _part_of_a_change(m: FigureMention, found: list[FigureMention]) -> bool:
    """Whether ``m`` is a part of a change its sentence tells of another figure of the same thing:
    "the death toll rose to four from two after two people pulled from the snow died" gives four
    as the toll; the two who died are what changed it, not an outlet's toll."""
    if _CHANGED_TO.search(m.source.text[: m.quantity.start]):
        return False
    return any(
        n is not m
        and n.source == m.source
        and n.kind == m.kind
        and (m.kind != "count" or stem(head_noun(n.head)) == stem(head_noun(m.head)))
        and _CHANGED_TO.search(n.source.text[: n.quantity.start])
        for n in found
    )


def _told_without(text: str, start: int, end: int, put: str = "") -> str:
    """A sentence with the figure at ``start:end`` left out (or ``put`` in its place): the clause a
    mention read without a clause of its own is compared by."""
    return " ".join(f"{text[:start]} {put} {text[end:]}".split())


def _window(m: FigureMention) -> tuple[float, float]:
    """The figures a mention allows, in its base unit: its range, widened when it is hedged or
    given in months."""
    low, high = scaled(m)
    metric = _metric(m)
    if metric == _METRIC["month"]:
        low, high = round(low * (1 - _MONTH_SPREAD), 6), round(high * (1 + _MONTH_SPREAD), 6)
    before = m.source.text[: m.quantity.start]
    if m.kind not in WHEN and _HEDGED.search(before):
        # The rounding unit as written, in the base unit ("about seven months" rounds to a month).
        half = min(_rounding(m) * (metric[1] if metric else 1.0) / 2, HEDGE_SPREAD * low)
        low, high = round(low - half, 6), round(high + half, 6)
    elif m.kind not in WHEN and _AT_LEAST.search(before):
        # "More than 6,000 cattle" allows the 6,200 another outlet counts: a bound is told rounded
        # down, by a little: "at least 27 dead" against a toll of 31 is a toll that rose. A length
        # of time in whole units is rounded down to its unit: "more than three hours" allows 3 hours
        # and 25 minutes.
        whole = metric and metric[0] == "second" and float(m.quantity.low).is_integer()
        whole_unit = metric[1] if metric and whole else 0.0
        high = round(max(high * (1 + BOUND_SPREAD), high + whole_unit), 6)
    elif m.kind not in WHEN and _AT_MOST.search(before):
        low = round(low * (1 - BOUND_SPREAD), 6)
    return low, high


def _rounding(m: FigureMention) -> float:
    """The unit a figure is rounded to as written: 100 for "1,300", 100,000 for "7.1 million", 1 for
    "296"; for a figure in words, a tenth of it."""
    written = re.match(r"[\d,.]+", m.source.text[m.quantity.start : m.quantity.end])
    digits = written.group(0).replace(",", "").rstrip(".") if written else ""
    if not digits or not float(digits):
        return m.quantity.high / 10
    scale = m.quantity.high / float(digits)
    if "." in digits:
        return scale * 10 ** -len(digits.split(".")[1])
    return scale * 10 ** (len(digits) - len(digits.rstrip("0")))


def _windows_meet(x: set[tuple[float, float]], y: set[tuple[float, float]]) -> bool:
    return any(a[0] <= b[1] and b[0] <= a[1] for a in x for b in y)


def _times_agree(x: set[tuple[float, float]], y: set[tuple[float, float]]) -> bool:
    return any(windows_overlap(a, b) for a in x for b in y)


def _counted_after(text: str, q: Quantity) -> set[str]:
    """Stems of the words right after a figure ("3 municipal road contracts", "a three-year
    sentence"), which say what it counts; empty for a bare figure ("3.")."""
    rest = text[q.end :]
    # ("five of the nine stolen paintings" counts paintings)
    rest = rest[partitive.end() :] if (partitive := _PARTITIVE_AFTER.match(rest)) else rest
    after = _AFTER_FIGURE.match(rest)
    if not after:
        return set()
    first = after.group(1).split()[0].lower()
    if first in UNITS_OF_MEASURE:
        return _word_stems(first) or {first}  # "nine days after the theft" measures days, whatever follows
    # (the noun phrase ends at its first function word: "five people *by March 18*")
    words = list(itertools.takewhile(lambda w: w.lower() not in _FUNCTION, after.group(1).split()))
    if partitive:
        # ... and only paintings: "stolen" says which, as "the theft" in another clause may
        plural = [w for w in words if is_plural(w.lower())]
        return _word_stems(plural[0]) if plural else _word_stems(" ".join(words))
    return _word_stems(" ".join(words))


_PARTITIVE_AFTER = re.compile(r"\s+of\s+(?:the|its|their|these|those)\s+(?:[\d,]+|[a-z]+(?=\s+[a-z]))?", re.I)
# Up to three words after a figure, up to a clause break: "-year suspended sentence in …".
_AFTER_FIGURE = re.compile(r"[-\s]*((?:[A-Za-z’'-]+\s*){1,3})")
# "What share of the vote …?", "What percentage …": a share is asked, not a count.
_SHARE_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:share|percentage|percent|proportion|fraction)\b|\bhow\s+many\s+per\s*cent", re.I
)


def _is_count(text: str, q: Quantity) -> bool:
    raw = text[q.start : q.end]
    if not q.is_range and 1900 <= q.low <= 2100 and raw.isdigit():
        return False  # a year ("in 2024"); "2,000 troops" carries a separator
    if (text[q.end : q.end + 1] == "-" and not _measure(text, q)) or raw.lower() in _ORDINAL_WORDS:
        return False  # "two-hour", "third": lengths of time and ranks, not counts
    if re.search(r":\d|\d:", text[max(0, q.start - 2) : q.end + 2]) or re.match(
        r"\s*(a\.m|p\.m|am\b|pm\b|h\b|o['’]clock)", text[q.end :], re.I
    ):
        return False  # a time of day: when, not how many
    if (
        re.match(r"\s*hours?\b", text[q.end :], re.I)
        and not _LASTED.search(text[: q.start])
        and not _LATE.match(text[q.end :])
    ):
        # A stretch of hours is a period ("in the 24 hours before the failure"), not a count,
        # unless it is how long something lasted ("the siege lasted nine hours"), how late it
        # came ("arrived four hours late") or how long one waited.
        return False
    if (
        not any(ch.isdigit() for ch in raw)
        and q.high < 10
        and _REFERENCE.search(text[: q.start])
        and not _LASTED.search(text[: q.start])  # "an average of six hours" is a length
    ):
        # "the two nations", "both", "all three": a spelled small number after a determiner names a
        # group already known; "thieves took four paintings" reports a count, which may be disputed.
        return False
    if _MONTH.search(text[max(0, q.start - 12) : q.start]) or _MONTH_AFTER.match(text[q.end :]):
        return False  # "3 May", "May 3"
    return not re.match(r"(st|nd|rd|th)\b", text[q.end : q.end + 2])


# ... or the time since an event when something else happened ("reached 68 hours after the collapse")
_HEDGES = frozenset("about around roughly approximately nearly almost some".split())
_LATE = re.compile(
    r"\s*hours?\s+(?:late|behind\s+schedule|after\s+(?:the|its|his|her|their)\s+(?:[a-z]+\s+){0,3}?[a-z]+\b)",
    re.I,
)
_LASTED = re.compile(
    r"\b(?:lasted|lasting|lasts|took|needed|spent|for|delayed\s+by|waited|an\s+average\s+of"
    r"|(?:wait|delay)\s+(?:[a-z]+\s+){0,4}?(?:was|of))\s+"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$",
    re.I,
)
# Words before a spelled small number that make it name a known group, not report a count.
_REFERENCE = re.compile(
    r"\b(?:the|these|those|both|all|its|their|his|her|our|your|my|each|every|of|first|the\s+last|other|next)\s+$",
    re.IGNORECASE,
)
# "the 12-kilometre tunnel", "the 12-day walkout": a figure joined to its unit, before the noun it
# measures. An age ("40-year-old") is no length.
_MEASURE = re.compile(r"-([a-z]{3,}|km|kg|cm|mm|m|(?i:mw|gw|kw))\b(?!-old)")


def _measure(text: str, q: Quantity) -> str:
    """The unit a figure is joined to ("12-kilometre" → "kilometres"), or "" when it is none."""
    m = _MEASURE.match(text, q.end)
    if not m or m.group(1) in ("and", "to", "strong", "odd"):
        return ""
    unit = m.group(1)
    return unit if unit.endswith("s") else unit + "s"


# Metric units one figure may be given in and another's in a multiple of: "1,400 metres" and "the
# 1.1-kilometre bridge" are two lengths of one bridge; "94 seconds" and "two minutes" two times.
# (Miles and pounds convert to no round metric figure, so two outlets' figures in them would always
# seem to differ.)
_METRIC = {
    "millimetre": ("metre", 0.001), "centimetre": ("metre", 0.01), "metre": ("metre", 1.0),
    "kilometre": ("metre", 1000.0), "km": ("metre", 1000.0), "m": ("metre", 1.0), "cm": ("metre", 0.01),
    "mm": ("metre", 0.001), "gram": ("gram", 1.0),
    "kilogram": ("gram", 1000.0), "kg": ("gram", 1000.0), "tonne": ("gram", 1e6),
    "millilitre": ("litre", 0.001), "litre": ("litre", 1.0),
    "kilowatt": ("watt", 1e3), "kw": ("watt", 1e3), "megawatt": ("watt", 1e6), "mw": ("watt", 1e6),
    "gigawatt": ("watt", 1e9), "gw": ("watt", 1e9),
    "second": ("second", 1.0), "minute": ("second", 60.0), "hour": ("second", 3600.0),
    "day": ("second", 86400.0), "week": ("second", 604800.0), "month": ("second", 2629800.0),
    "year": ("second", 31557600.0),
}  # fmt: skip
# A month is 28 to 31 days: "a month" and "four weeks" are one length.
_MONTH_SPREAD = 0.09


def _metric(m: FigureMention) -> tuple[str, float] | None:
    """The base unit a figure is given in a multiple of, and the multiple, or None."""
    words = m.head.split()
    unit = words[0].lower().replace("meter", "metre").replace("liter", "litre") if words else ""
    return _METRIC.get(unit.removesuffix("s"))


def _is_length(m: FigureMention) -> bool:
    """Whether a figure is a length of time ("14 hours", "nine days")."""
    metric = _metric(m)
    return metric is not None and metric[0] == "second"


def scaled(m: FigureMention) -> tuple[float, float]:
    """The figure in its base unit ("1.1-kilometre" → 1,100), or as given."""
    metric = _metric(m)
    factor = metric[1] if metric else 1.0
    return (round(m.quantity.low * factor, 6), round(m.quantity.high * factor, 6))


def _measure_word(word: str, q: Quantity) -> bool:
    """Whether a word right after a figure above one is a singular measure ("5,000 head of cattle"),
    so that the counted noun is the one after "of". Shares ("40 percent of voters") keep their own
    head, and abbreviations ("10 km of road") are left alone."""
    lower = word.lower()
    return (
        q.high > 1
        and len(lower) >= 4
        and lower.isalpha()
        and lower == word
        and not is_plural(lower)
        and lower not in ("percent", "cent")
    )


def mentions(source: SourceSentence) -> list[FigureMention]:
    """The counted figures stated in one sentence."""
    text = source.text
    clauses = figure_clauses(text)
    found: list[FigureMention] = []
    told = quantities(text)
    for written, q, whole in _counts_read(text, told):
        if _ALTERNATIVE_BEFORE.search(text[: q.start]) or _ALTERNATIVE_AFTER.match(text[q.end :]):
            continue  # "Four guards or forty, nobody can stop a ladder": a choice put, no count
        shown, told_as, unit = "", (written.low, written.high), ""
        if whole:
            unit = "hours" if whole.group("hours") else "minutes"
            shown = whole.group(0)
        head_words: list[str] = []
        for word in re.findall(r"[\w’'-]+|[^\w\s]", text[q.end :])[:6]:
            if not re.match(r"[\w’'-]", word):
                break
            if word.lower() == "of" and len(head_words) == 1 and _measure_word(head_words[0], q):
                continue  # "5,000 head of cattle": the noun after "of" is what is counted
            if word.lower() in _FUNCTION or word.lower() in _HEDGES or word[:1].isdigit():
                break  # ("trapped 23 miners about 620 metres below": the hedge opens another figure)
            head_words.append(word)
        head = " ".join(head_words[:4])
        of = _FIGURE_OF.search(text[: q.start])
        if of and _VERB_AFTER.match(text, q.end):
            head = of.group(1)  # "a crowd of 55,000 watched the final": the crowd, not "watched"
        if joined := _JOINED_BEFORE.search(text[: q.start]):
            head = joined.group(1)  # "the magnitude-5.8 earthquake" has a magnitude of 5.8
        measure = _measure(text, q)
        if measure:
            head = measure  # "the 12-kilometre tunnel" measures in kilometres, as "9 kilometres long" does
        risen = _RISEN_TO.search(text[: q.start])
        if (
            not risen or re.search(r"\b(?:in|of|at|on|for|from|across|among)\s+$", text[: risen.start()])
        ) and (opening := _RISEN_OPENING.search(text[: q.start])):
            risen = opening  # "Measles cases in the district rose to 118": the cases, not the district
        elif risen and (subject := _RISEN_SUBJECT.search(text[: q.start])):
            # "The cost of recovering from the attack on the network has risen to 23.5 million":
            # the cost, however long its qualifier, not the network its qualifier ends with.
            risen = subject
        if risen:
            # "The death toll rose to 31 on Monday": the figure is the level the noun before it
            # reached, whatever follows it ("on", "overnight").
            head = _PUT_AT_TAIL.split(risen.group(1), maxsplit=1)[0]
        # "… response times to the most serious calls rose to 19 minutes": a level reached, even
        # where the noun before it is not found.
        level = bool(risen) or bool(_RISEN_TO_LEVEL.search(text[: q.start]))
        if re.match(r"\s?(?:%|per ?cent\b)", text[q.end :], re.I):
            # "54% of voters" counts as "54 percent of voters" does, and "the water level has
            # dropped to 35 percent" is a share as "at 28 percent" is
            head = "percent"
        if not head and (put := _PUT_AT.search(text[: q.start])):
            # "Police estimated the crowd at 12,000", "officials put the toll at 31": the counted
            # noun comes before the figure.
            head = _PUT_AT_TAIL.split(put.group(1), maxsplit=1)[0]  # "the toll *from the disaster*"
        if not head and of:
            head = of.group(1)  # "a death toll of 31, officials said", "a crowd of 15,000"
        if not head and not found and (among := _OF_THE_GROUP.search(text[: q.start])):
            head = among.group(1)  # "Of the survivors, 71 were treated": survivors are counted
        if not head and re.search(r"[$€£¥₽₩₹]$", text[: q.start]):
            head = "money"  # "the deal is worth $9.8 billion": a sum, and what of is in its clause
        if not head and found:
            # "34 people died and 118 were injured": the noun is left out after the first figure.
            head = found[-1].head
        if shown:
            head = unit  # "four hours and 12 minutes", in hours
        if not head:
            continue
        # (A value told twice is two figures: "Four men took part … inside for just four minutes".)
        same = [c for v, c in clauses if v in told_as]
        nth = sum(1 for o in told if (o.low, o.high) == told_as and o.start < q.start)
        clause = same[nth] if len(same) > 1 and nth < len(same) else " ".join(same)
        if shared := next((m for m in _SHARED_PREDICATE.finditer(text) if m.start("a") == q.start), None):
            clause = f"{clause} {shared.group('said')}"  # "7,100 households and 450 businesses have been …"
        if found and _JOINED_FIGURE.search(text[: q.start]) and not _OWN_VERB.match(text, q.end):
            # "gives staff a 6 per cent rise from 1 July and a further 2.5 per cent from April": a
            # figure joined on with no verb of its own is told under the clause before it.
            clause = f"{found[-1].clause} {clause}"
        if shown and whole:
            # ("… was 13 minutes and 50 seconds during the first three days": the clause goes on
            # after the length's last unit, not after its first)
            clause = f"{clause} {CLAUSE_BREAK.split(text[whole.end() :])[0]}"
        words = {stem(t) for t in content_terms(clause)}
        found.append(
            FigureMention(
                q,
                source,
                head,
                clause,
                frozenset(words),
                # What something "will cost" is its estimated cost, as "put the cost at" is: for
                # setting one outlet's figure against another's, not a promise (the support check
                # still tells a cost to come from one paid).
                _kind(_WILL_COST.sub("", _RISE_VERB.sub("", clause) if level else clause)),
                period_at(text, q.start, q.end),
                moment_at(text, q.start, q.end) or _opening_moment(text, q.start),
                shown,
            )
        )
    return found


# Two figures of one noun set against each other with "or": "Four guards or forty" ("two or three
# people", with no noun between, is a rough count).
_NUMBER_WORD = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred|thousand)"
)
_ALTERNATIVE_BEFORE = re.compile(rf"\b{_NUMBER_WORD}\s+[a-z][\w-]*\s+or\s+$", re.I)
_ALTERNATIVE_AFTER = re.compile(rf"^\s+[a-z][\w-]*\s+or\s+{_NUMBER_WORD}\b", re.I)


# Two subjects with one verb: "7,100 households and about 450 businesses have been without water"
# says of the households what it says of the businesses ("3,100 operations and 720 outpatient clinics
# had been cancelled": the second may be two words).
_SHARED_PREDICATE = re.compile(
    r"(?P<a>\d[\d.,]*)\s+[a-z][\w-]*\s+and\s+(?:about|around|some|nearly|almost|roughly|more\s+than|over)?"
    r"\s*\d[\d.,]*\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)??(?:\s+(?:in|of|at|on|from|across|near)\s+(?:the\s+)?[\w’'-]+)?"
    r"\s+(?P<said>(?:have|has|had|were|was|are|is|will|would)\b[^,;.]*)"
)
_OF_THE_GROUP = re.compile(r"(?:^|[,;:]\s*)\W*(?i:of|among)\s+(?:the|these|those)\s+([a-z][\w-]*s)\s*,\s*$")
# (a part of the day may follow: "By Thursday morning, 310 patients had been diverted")
_OPENING_MOMENT = re.compile(
    r"^\W*(?:on|by|in|during)\s+(?:the\s+)?([A-Z][a-z]+)(?:\s+(?:morning|afternoon|evening|night))?\s*,", re.I
)


# A move and the level it ended at: "fell 8.3 percent to 23.10 euros", "rose 4% to $12".
_MOVE = re.compile(
    r"(?P<by>\d[\d.,]*)\s*(?:percent|per\s+cent|%)\s+(?:to|at)\s+(?:[$€£¥]\s*)?(?P<to>\d[\d.,]*)", re.I
)


def _opening_moment(text: str, start: int) -> str | None:
    """The day or month a sentence opens with before a comma ("On Thursday, the temperature …",
    "By September, farmers …"): the day of every figure after it."""
    m = _OPENING_MOMENT.match(text)
    if m and m.end() <= start:
        day = m.group(1).lower()
        return day if day in _MONTH_NAMES or day in _WEEKDAYS else None
    return None


# A fraction of a whole, told as a share: "roughly half of the forest's trees", "two-thirds of voters".
_FRACTION = re.compile(
    r"\b(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over|less\s+than|under|just\s+over"
    r"|just\s+under)\s+)?(?<!first\s)(?<!second\s)(?P<part>half|(?:a|one)[\s-]third|two[\s-]thirds|(?:a|one)[\s-]quarter"
    r"|three[\s-]quarters|(?:a|one)[\s-]fifth)\s+of\b",
    re.IGNORECASE,
)
_FRACTION_PERCENT = {
    "half": 50.0,
    "third": 100 / 3,
    "thirds": 200 / 3,
    "quarter": 25.0,
    "quarters": 75.0,
    "fifth": 20.0,
}
# Outlets round a share to a fraction: "half" is read as 45-55 percent, "a third" as 30-37.
_FRACTION_SPREAD = 0.1


# A length told in words after a verb of lasting: "spent a fortnight", "lasted a week" ("within a
# month" is a deadline, not how long something took).
_WORD_LENGTH = re.compile(
    r"\b(?:lasted|lasting|spent|took|for|over)\s+(?P<length>(?:a|one)\s+(?P<unit>fortnight|week|month|year))\b",
    re.IGNORECASE,
)
_WORD_LENGTHS = {
    "fortnight": (2.0, "weeks"),
    "week": (1.0, "weeks"),
    "month": (1.0, "months"),
    "year": (1.0, "years"),
}


def length_mentions(source: SourceSentence) -> list[FigureMention]:
    """The lengths of time one sentence tells in words ("spent a fortnight mapping the trench"), set
    against lengths told in figures ("over nine days")."""
    text = source.text
    found = []
    for m in _WORD_LENGTH.finditer(text):
        value, head = _WORD_LENGTHS[m.group("unit").lower()]
        clause = _told_without(text, m.start("length"), m.end("length"))
        found.append(
            FigureMention(
                Quantity(value, value, m.start("length"), m.end("length")),
                source,
                head,
                clause,
                frozenset(_word_stems(clause)),
                _kind(clause),
                shown=m.group("length"),
            )
        )
    return found


def fraction_mentions(source: SourceSentence) -> list[FigureMention]:
    """The shares one sentence tells as fractions ("roughly half of Brackwood's trees have died"), as
    percent windows set against shares told in percent ("35 percent of the trees")."""
    text = source.text
    found = []
    for m in _FRACTION.finditer(text):
        share = _FRACTION_PERCENT[re.split(r"[\s-]", m.group("part").lower())[-1]]
        low, high = share * (1 - _FRACTION_SPREAD), share * (1 + _FRACTION_SPREAD)
        clause = _told_without(text, m.start(), m.end(), "percent of")
        found.append(
            FigureMention(
                Quantity(round(low, 1), round(high, 1), m.start(), m.end()),
                source,
                "percent",
                clause,
                frozenset(_word_stems(clause)),
                _kind(clause),
                period_at(text, m.start(), m.end()),
                moment_at(text, m.start(), m.end()),
                m.group(0)[: -len(" of")],
            )
        )
    return found


_TWO_UNIT_LENGTH = re.compile(
    r"\b[\w.-]+\s+(?:(?P<hours>hours?)|minutes?),?\s+(?:and\s+)?(?P<minutes>[\w.-]+)\s+"
    r"(?(hours)minutes?|seconds?)\b",
    re.IGNORECASE,
)


TIME_OF_DAY = "time of day"
# What a time's clause says besides the event: "local time", the hedge, the preposition.
_TIME_WORDS = re.compile(r"\b(?:at|on|local|time|in|the|morning|evening|night|afternoon)\b", re.I)


DATE = "date"
_DATELINE = re.compile(
    rf"^[A-Z][A-Z'’. -]+,(?:\s*[A-Z][\w'’. -]+,)?\s*(?i:\d{{1,2}}\s+{MONTH_ANY}|{MONTH_ANY}\.?\s+\d{{1,2}})"
    r"(?:,?\s*\d{4})?\s*(?:\([A-Za-z]+\))?\s*[-—–]",
)
WHEN = frozenset({TIME_OF_DAY, DATE})


def time_mentions(source: SourceSentence) -> list[FigureMention]:
    """The times of day and dates one sentence gives for an event ("The quake hit the region at
    about 3 a.m.", "The bridge reopened on 3 October"), each with its clause (the time left out) as
    what happened then. Outlets disagree on when as they do on how many; a time with no event of its
    own ("said at 9 a.m.", "said on 3 May") is left out."""
    text = source.text
    found = []
    moments = [(TIME_OF_DAY, *w) for w in clock_windows(text)]
    moments += [(DATE, day, day, start, end) for day, start, end in date_spans(text)]
    breaks = list(CLAUSE_BREAK.finditer(text))
    # "LYSGARDE, Veskaria, 11 November (VPA) - A court …": a dateline dates the report, not an event.
    dateline = _DATELINE.match(text)
    for kind, low, high, start, end in moments:
        if dateline and start < dateline.end():
            continue
        left = max([0] + [b.end() for b in breaks if b.end() <= start])
        right = min([b.start() for b in breaks if b.start() >= end], default=len(text))
        before = _AT_END.sub("", text[left:start])
        if _SAID_AT.search(before):
            continue  # "Police said at 9 a.m. that …" dates the statement
        # "The report says the wall collapsed at 2:18 a.m.": what happened then is what was said.
        before = _REPORTED.split(before)[-1]
        clause = " ".join(f"{before} {_TIME_WORDS.sub(' ', text[end:right])}".split()).strip(" ,.")
        words = frozenset(stem(t) for t in content_terms(clause))
        if len(words) < 2:
            continue
        found.append(
            FigureMention(
                Quantity(low, high, start, end),
                source,
                kind,
                clause[:1].lower() + clause[1:] if clause[1:2].islower() else clause,
                words,
                kind,
                moment=moment_at(text, start, end) if kind == TIME_OF_DAY else None,
                shown=text[start:end],
            )
        )
    return found


AGE, AGE_AT_EVENT = "age", "age at an event"
AGES = frozenset({AGE, AGE_AT_EVENT})


def age_mentions(source: SourceSentence) -> list[FigureMention]:
    """The ages one sentence tells (``ages.ages``), each with whose it is as its head and the
    sentence, its age left out, as its clause. An age told at an event ("died at the age of 29") is
    of another kind than one told as someone's age now, and only set against its like."""
    text = source.text
    found = []
    for age in ages(text):
        clause = _told_without(text, age.start, age.end)
        found.append(
            FigureMention(
                Quantity(age.years, age.years, age.start, age.end),
                source,
                age.whose,
                clause,
                frozenset(_word_stems(clause)),
                AGE_AT_EVENT if age.at_event else AGE,
            )
        )
    return found


def _opening(clause: str) -> list[str]:
    """The words of a clause's opening noun phrase, an owner left out: "the band's *concert*",
    "the Coldharbour *warehouse blaze*", "the *quake*"."""
    found: list[str] = []
    for word in re.findall(r"[\w’'-]+", clause):
        lower = word.lower()
        if lower in _OPENING_SKIP or re.search(r"['’]s?$", word):
            if found:
                break
            continue
        if lower in _FUNCTION or lower in _AUXILIARY or lower in IRREGULAR or _PARTICIPLE.fullmatch(lower):
            break
        found.append(lower)
        if len(found) == 3:
            break
    return found


_OPENING_SKIP = frozenset("the a an its their his her this that these those".split())
_TIME_RANK = re.compile(r"\b(first|second|third|last|final|next|earliest|latest)\b")
_REPORTED = re.compile(r"\b(?:says|said|reported|stated|found|finds|shows|showed)\s+(?:that\s+)?", re.I)
_SAID_AT = re.compile(r"\b(?:said|says|announced|told|reported|confirmed|stated)\s*$", re.I)
_AT_END = re.compile(r"\b(?:at|on|by|from|until|till)\s*$", re.I)


def _kind(clause: str) -> str:
    """The clause's count kind; a share is never a sum ("prices rose 9 percent" counts no money)."""
    kind = count_kind(clause)
    if "share" in kind and "money" in kind:
        kind = "+".join(k for k in kind.split("+") if k != "money")
    elif "money" in kind.split("+"):
        # A sum is a sum, whatever loss it is for: "the losses to local businesses at 3.6 million
        # crowns" and "the market value of the missing jewels at 71 million" count money, and so
        # does "is charged with taking bribes that totalled 1.4 million". (What was asked, planned
        # or allowed stays told apart from what was paid.)
        kind = "+".join(k for k in kind.split("+") if k not in _LOSS_KINDS)
    return kind


_LOSS_KINDS = frozenset({"deaths", "injuries", "missing", "arrests", "charges"})


# A level reached ("the toll rose to 31"), told by the noun phrase before the figure; "rose by 12"
# is an increment and is left to ``count_kind``.
_RISE_VERB = re.compile(
    r"\b(?:rose|risen|climbed|increased|jumped|grew|grown|reached|fell|fallen|dropped|declined|decreased)\b",
    re.IGNORECASE,
)
# The verb's "to" and the hedge or currency sign before the level: "rose *to about* 31".
_TO_LEVEL = r"\s+to\s+(?:about|around|some|nearly|almost|roughly|more\s+than|over|at\s+least)?\s*[$€£¥₽₩₹]?$"
_RISEN_TO = re.compile(
    r"\b(?:the|its|their)\s+((?:[\w’'-]+\s+){0,6}?[\w’'-]+)\s+(?:has\s+|had\s+|have\s+)?"
    + _RISE_VERB.pattern
    + _TO_LEVEL,
    re.IGNORECASE,
)
# ... or right after its verb, whatever comes before it.
_RISEN_TO_LEVEL = re.compile(_RISE_VERB.pattern + _TO_LEVEL, re.IGNORECASE)
# ... or by the noun phrase the sentence opens with, when no "the" precedes the level's noun
# ("Measles cases in the district rose to 118").
_RISEN_OPENING = re.compile(
    r"^\W*((?:[\w’'-]+\s+){0,6}?[\w’'-]+)\s+(?:has\s+|had\s+|have\s+)?" + _RISE_VERB.pattern + _TO_LEVEL,
    re.IGNORECASE,
)
# ... or by the sentence's opening noun, before the qualifier ("of", "in" …) that runs up to the verb.
_RISEN_SUBJECT = re.compile(
    r"^\W*(?:the|its|their)\s+((?:[\w’'-]+\s+){0,2}?[\w’'-]+)\s+(?:of|in|for|from|on|at)\s+[^,;]*?\s+"
    r"(?:has\s+|had\s+|have\s+)?" + _RISE_VERB.pattern + _TO_LEVEL,
    re.IGNORECASE,
)
# What something "will cost", what a coach "will earn": an agreed figure, not a promise.
_WILL_COST = re.compile(r"\b(?:will|would|expected\s+to)\s+(?=(?:cost|earn)\b)", re.I)
# Where the counted noun ends: its qualifier ("the toll *from the disaster* at 31") or its verb
# ("the death toll *stood* at 31").
_PUT_AT_TAIL = re.compile(
    r"\s+(?:from|in|for|among|after|on|stood|stands|stand|was|is|were|are|remained|remains|rose|climbed"
    r"|reached|hit|came|comes|now)\b.*",
    re.IGNORECASE,
)
_PUT_AT = re.compile(
    r"\b(?:the|its|their)\s+((?:[\w’'-]+\s+){0,7}?[\w’'-]+)\s+at\s+"
    r"(?:about|around|some|nearly|almost|roughly|more\s+than|over|up\s+to|at\s+least)?\s*[$€£¥₽₩₹]?$",
    re.IGNORECASE,
)
_FIGURE_OF = re.compile(
    r"\b(?:the|a|an|its|their)\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+of\s+"
    r"(?:about|around|some|nearly|almost|roughly|more\s+than|over|up\s+to|at\s+least)?\s*$",
    re.IGNORECASE,
)
# What a sum pays, told before it ("announced emergency aid of 6 million") or after it ("8 million
# marels in emergency aid for the town").
_SUM_OF = re.compile(r"\b((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+of\s+$")
_SUM_IN = re.compile(
    r"\s*in\s+(?!(?:the|a|an|its|their|this|that|total|all|cash|full|part|advance)\b)"
    r"((?:[a-z][\w-]*\s+)?[a-z][\w-]*)(?=\s+(?:for|to|from|and)\b|\s*[,.;]|$)"
)
_SUM_NOUNS = {
    "fined": "fine", "paid": "payment", "pledged": "pledge", "donated": "donation", "awarded": "award",
    "offered": "offer", "spent": "spending", "owes": "debt", "owed": "debt", "demanded": "demand",
    "raised": "sum raised", "lent": "loan", "loaned": "loan",
}  # fmt: skip
_SUM_VERB = re.compile(rf"\b({'|'.join(_SUM_NOUNS)})\b(?!.*\b(?:{'|'.join(_SUM_NOUNS)})\b)", re.IGNORECASE)
_CLAUSE_BETWEEN = re.compile(r"[,;:]|\b(?:and|but|which|who|that|while)\b", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their)\s+", re.IGNORECASE)
# A past-tense verb right after a figure, before its object or a preposition: the figure has no noun
# of its own after it ("a crowd of 55,000 watched the final").
_VERB_AFTER = re.compile(
    r"\s+[a-z]{3,}ed\s+(?:the|a|an|its|their|in|on|at|to|from|by|into|outside|across|through|during"
    r"|for|with|over)\b"
)
# A measure joined to the figure before it: "the magnitude-5.8 earthquake", "a level-4 alert".
_JOINED_BEFORE = re.compile(r"\b([a-z]{4,})-$")
# Who a firm employs, however told: "employs 345 people", "its 310 workers", "a staff of 300".
_WORKFORCE = frozenset(stem(w) for w in "workers employees staff workforce people persons".split())
_EMPLOYS = re.compile(r"\b(?:employ(?:s|ed|ing)?|on\s+(?:its|the)\s+payroll)\b", re.I)
# Nouns a death toll is given with, none narrower than another ("soldiers" is, and "bodies"
# recovered or "victims" named may be part of a toll: they are not here).
_TOLL_HEADS = frozenset(stem(w) for w in "toll people persons dead deaths fatalities".split())


def _names_people(m: FigureMention) -> bool:
    """Whether a figure's counted noun says who people are, not what they are: by origin ("North
    Koreans"), or no more than "people"."""
    return head_noun(m.head) in _PEOPLE or _by_origin(m)


_SUM_HEAD = re.compile(rf"(?:{CURRENCY_NAME}|money)", re.I)


def _is_sum(m: FigureMention) -> bool:
    """Whether a figure's counted noun is its currency ("45 million dollars", "$9.8 billion")."""
    return bool(_SUM_HEAD.fullmatch(head_noun(m.head)))


def _by_origin(m: FigureMention) -> bool:
    """Whether a figure counts people by where they are from ("10,000 North Koreans"): the other
    figure's clause may name the country ("North Korea sent 12,000 troops")."""
    noun = head_noun(m.head)
    return any(w.lower() == noun and w[:1].isupper() for w in m.head.split())


_PEOPLE = frozenset("people persons individuals".split())
_DEMANDED = re.compile(r"\b(?:demand\w*|seek\w*|sought|ask(?:s|ed|ing)? for|call(?:s|ed|ing)? for)\b", re.I)
_OFFERED = re.compile(r"\b(?:offer\w*|propos\w*)\b", re.I)
# What was settled in the end: "has agreed to buy the plant for 172 million euros".
_AGREED = re.compile(r"\b(?:agreed|agreement|deal|accepted|settled|signed|final)\b", re.I)
# What someone asked for: "Prosecutors asked the court to jail him for eight years", "the 3 million
# they had sought". Narrower than ``_DEMANDED`` (which a bid answers): "seeking shelter" asks nothing.
_REQUESTED = re.compile(
    r"\b(?:demand\w*|(?:had|have|has|were|was)\s+sought|request\w*"
    r"|ask(?:s|ed|ing)?\s+(?:[\w’'-]+\s+){0,4}?(?:to|for)\b|(?:call|press|push)(?:s|es|ed|ing)?\s+for"
    # ... and a level someone was ordered to keep ("ordered the union to maintain at least 70 crews";
    # "ordered to pay a $52 million penalty" is the penalty itself)
    r"|order(?:s|ed|ing)?\s+(?:[\w’'()-]+\s+){0,8}?to\s+(?:maintain|keep|provide|run|field|staff)\b)",
    re.I,
)
# The most a penalty may be, or what is needed, not what was done: "faces up to 10 years in prison",
# "can fine a company up to 10 million", "a maximum sentence of", "the 91 seats needed for a majority"
# ("gusts reached a maximum of 140 km/h" is what was).
_LIMIT = re.compile(
    r"\b(?:(?:faces?|facing|could|can|may|would|carr(?:y|ies|ying))\s+(?:[\w’'-]+\s+){0,4}?up\s+to"
    r"|maximum\s+(?:sentence|penalty|fine|term)|capped\s+at|(?:needed|required)\s+(?:for|to))\b",
    re.I,
)
_STILL = re.compile(r"\b(?:still|remain\w*|yet to)\b", re.IGNORECASE)
_POLAR_A = re.compile(r"\b(?:yes|in favou?r|for the|supported|backed|approved)\b", re.IGNORECASE)
_POLAR_B = re.compile(r"\b(?:no|against|opposed|rejected)\b", re.IGNORECASE)


# Counts that run on from day to day, whose figures told on two days still count one thing.
_RUNNING = re.compile(r"deaths|injuries|missing|increment")
_YEAR = re.compile(r"\b(?:in|for|of|during)\s+(?:the\s+)?(?:fiscal\s+|financial\s+)?((?:19|20)\d{2})\b", re.I)
# "the previous election" is another one, "the original budget" an earlier plan; "previous estimates"
# are earlier counts of the same thing.
# "A year ago", "last year's harvest": a figure of another time than a figure told without them.
_ANOTHER_TIME = re.compile(
    # ("the initial search" is the search's first stage, told as "the search" elsewhere: not another time)
    r"\b(?:previous|prior|preceding|original)\s+(?!(?:estimates?|figures?|reports?|counts?|tall(?:y|ies)|data"
    r"|assessments?|forecasts?)\b)"
    r"|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|weeks?|days?)\s+ago\b"
    r"|\blast\s+(?:year|month|week|season|summer|winter|spring|autumn)\b"
    r"|\b(?:a|the)\s+(?:year|month|week)\s+(?:earlier|before)\b|\b(?:previously|formerly|originally|initially)\b",
    re.I,
)
_BEFORE = re.compile(r"\bbefore\s+(?:the|its|their)\b", re.I)
# Another thing of the kind: "a similar strike in 2016", "a smaller asteroid", "the secondary mirror".
# Two sides of one flow, never one count: exports and imports, births and deaths.
_OPPOSED = [
    (stem(a), stem(b))
    for a, b in (
        ("exports", "imports"),
        ("births", "deaths"),
        ("arrivals", "departures"),
        ("inflows", "outflows"),
        ("income", "spending"),
        ("revenue", "spending"),
        ("sales", "purchases"),
        ("buyers", "sellers"),
        # ... and two of a kind told apart: "the new lighthouse" and "the old one it replaced",
        # "the men's race" and "the women's".
        ("new", "old"),
        ("men", "women"),
        ("boys", "girls"),
        ("male", "female"),
    )
]
# A sum told as a firm's accounts (its profit, revenue, sales) is no sum it spent, raised or owes; a
# cost told as "lost revenue" is a cost.
_ACCOUNTS = re.compile(
    r"(?<!lost )\b(?:(?:net|gross|operating|pre-tax)\s+)?(?:profits?|revenues?|turnover|earnings|sales)\b",
    re.I,
)
_ANOTHER_EVENT = re.compile(r"\b(?:similar|smaller|larger|bigger|secondary)\b", re.I)
_ALSO = re.compile(r"\balso\b", re.I)
# A group told as another than one counted before: "Three *other* paintings were damaged".
_OTHER_GROUP = re.compile(r"^\s*other\b", re.I)
# The figure a change started from: "from 18 percent to 16", "to 16 percent from 18".
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_TO_AFTER = re.compile(r"^\s*(?:percent|per\s+cent|%)?\s*(?:[a-z]+\s+){0,2}?to\s+\d", re.I)
_TO_BEFORE_FROM = re.compile(
    r"\bto\s+[\d.,]+\s*(?:percent|per\s+cent|%)?\s*(?:[a-z]+\s+){0,2}?from\s+$", re.I
)
# A length of time told as a moment of an event: "five days into the outage", "94 seconds after
# lift-off" — when something happened, not how long something lasted ("down for nine days").
_MOMENT_INTO = re.compile(
    r"^\W*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:into|after|before|later|earlier|ago)\b",
    re.I,
)
# A length's "for" before its figure, hedged or not: "for about", "for almost", "for".
_LASTED_FOR = re.compile(
    r"\bfor\s+(?:about|around|some|nearly|almost|roughly|more\s+than|over|at\s+least|just)?\s*$", re.I
)
_RANKED = re.compile(r"\b(first|second|third|fourth|fifth)\s+(?=[a-z])")
# A figure for the whole world or country against one placed ("in North America").
_WORLDWIDE = re.compile(r"\b(?:worldwide|globally|nationwide|across the country)\b", re.I)
_NORM = re.compile(r"\b(?:normal|normally|usual|usually|typical|typically|on\s+average)\b", re.I)
# A count of everything since a time: "in total since the investigation began", "altogether".
_TALLIED = re.compile(
    r"\b(?:in\s+total|altogether|in\s+all)\b|\bsince\s+(?:the|it|its|their|his|her)\b", re.I
)
_YEAR_OPENING = re.compile(r"^\s*(?:in|by|during)\s+(?:19|20)\d\d\b", re.I)
_NOW = re.compile(r"\b(?:now|currently|today|at present)\b", re.I)
# A figure told as it stands when the article was written: a running count.
_CURRENT = re.compile(r"\b(?:now|so\s+far|to\s+date|latest|currently|at\s+present)\b", re.I)
# A figure of a definite whole: "300 tonnes *of the* spilled oil", "four *of the* trapped miners".
_OF_THE = re.compile(r"\s+(?:[a-z]+\s+)?of\s+(?:the|its|their|these|those)\b")


def _dated(m: FigureMention) -> bool:
    """Whether the figure holds for its day alone: a level or share, or a count its own clause puts
    "on" that day ("cancelled 140 flights on Monday"), never a toll."""
    if "share" in m.kind or "change" in m.kind:
        return True
    if m.moment in _MONTH_NAMES and re.search(rf"\b(?:in|during|by)\s+{m.moment}", m.told, re.I):
        # "seized 1.2 tonnes in March" is March's count, whatever it counts, and "by September,
        # farmers were paid 38 cents" September's price
        return True
    return not _RUNNING.search(m.kind) and bool(re.search(rf"\bon\s+(?:the\s+)?{m.moment}", m.told, re.I))


# A figure a sentence sets its own against: "11 works, *not the nine* announced by police", "about
# 65 million — *far below the figure of 180 million* attributed last week by the Ledger".
_CONTRAST = re.compile(
    r"\b(?:not\s+the|rather\s+than(?:\s+the)?|instead\s+of(?:\s+the)?|contrary\s+to\s+the"
    r"|(?:far\s+|well\s+)?(?:below|above|short\s+of)\s+the\s+"
    r"(?:figure|estimate|number|total|count|sum|amount)\s+of)\s+(?:about\s+|some\s+)?$",
    re.IGNORECASE,
)
# The score of a pair one of whose sentences sets the other's figure against its own.
CONTRASTED = 2.0


def _contrasted(m: FigureMention) -> set[float]:
    """The figures (in the mention's base unit) that its sentence sets against it, after it."""
    text = m.source.text
    told = set()
    for q in quantities(text):
        if q.start > m.quantity.end and _CONTRAST.search(text[m.quantity.end : q.start][-40:]):
            factor = scaled(m)[0] / m.quantity.low if m.quantity.low else 1.0
            told.add(round(q.low * factor, 6) if _unscaled(text, q) and factor != 1.0 else q.low)
    return told


def _unscaled(text: str, q: Quantity) -> bool:
    """Whether a figure is written without a scale of its own ("the nine"), borrowing its unit."""
    return not re.match(r"\s*(?:million|billion|thousand|m|bn)\b", text[q.end :], re.I) and not re.search(
        r"(?:million|billion|thousand)", text[q.start : q.end], re.I
    )


_FINISHED = re.compile(r"\b(?:finished|completed|final|in\s+all|in\s+total|altogether|ended)\b", re.I)


def _running_by(m: FigureMention) -> bool:
    """Whether the figure is a total told as it stood by its day ("by Thursday morning, 310 …")."""
    return bool(m.moment and re.search(rf"\bby\s+(?:the\s+)?{m.moment}", m.told, re.I))


# Where a figure is: a name after "in", "at" or "near", through "the neighbouring town of".
_PLACED = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?:of\s+)?(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)"
)
_NEGATED = re.compile(r"\b(?:failed to|did not|didn't|not|never|unable to|could not|couldn't)\b", re.I)
# A moment told relative to an event: "before the merger", "after the merger".
_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_BEFORE_AFTER = re.compile(r"\b(before|after)\s+(?:the\s+|its\s+|their\s+)?([a-z]+)", re.I)
# "410 m across" is as wide as "340 metres wide" says.
_WIDTH = {"across": "wide", "in diameter": "wide"}
_DIMENSION = re.compile(r"\b(?:long|wide|deep|high|tall|thick|across|in diameter)\b", re.I)


# Parts of a country told without a name: "38 degrees on the coast" is not the capital's 43. Words
# as wide as "city" or "town" are left out: the capital is a city.
_PLACE_NOUN = re.compile(
    r"\b(?:in|on|at|along|across)\s+the\s+(capital|coast|north|south|east|west|interior|mountains|highlands"
    r"|lowlands|islands|border|suburbs|countryside|valley|delta|plains|desert)\b"
    r"|\b(?:in|across)\s+(rural|urban)\s+areas\b",
    re.I,
)


# A name of two words or more that opens a figure's clause as the one who did it ("Kestrel Rovers
# have scored …"), not the one who told it ("Ukraine's intelligence estimated …" tells a figure,
# which another teller may dispute). A capitalised word alone may be a sentence's opening noun.
_OWNER = re.compile(
    # (after a title, if any: "Gallery owner Tamsin Roe was fined …")
    r"^\W*(?:the\s+)?(?:[A-Za-z][a-z’'-]*\s+){0,3}?(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s+"
    r"(?!(?:said|says|told|tells|reported|reports|estimated|estimates|put|puts|claimed|claims|announced"
    r"|believed|believes|thought|think|thinks|counted|counts)\b)"
    r"(?:have|has|had|were|was|is|are|will|would|won|lost|scored|sold|made|took|got|[a-z]{2,}ed)\b"
)
# A group within the whole: "Among patients over 70, …".
_AMONG = re.compile(r"\bamong\b", re.I)


def _other_owners(a: FigureMention, b: FigureMention) -> bool:
    """Whether two figures' clauses open with two names, neither said in the other's sentence:
    two teams' goals, two firms' profits."""
    own_a, own_b = _OWNER.match(a.clause), _OWNER.match(b.clause)
    if not own_a or not own_b:
        return False
    name_a, name_b = own_a.group("name"), own_b.group("name")
    if {w.lower() for w in name_a.split()} & {w.lower() for w in name_b.split()}:
        return False
    return name_a.lower() not in b.source.text.lower() and name_b.lower() not in a.source.text.lower()


# Who a figure is of, named just before it in its own clause: "Civic Renewal won 31.4 percent",
# "where Dovrak won 58 percent", "with the Civic Renewal Party on 62 seats"; or the one a "whose"
# clause tells of ("League leader Ostap Renkel, whose party holds 36 seats").
_WHOSE = re.compile(r"(?P<name>(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]+),\s+whose\b[^,;:]*$")
_NAME_RUN = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+)*")
# Where a name stands as a place or a time, not as whose the figure is.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|across|since|until|by|of|to)\s+(?:the\s+)?$", re.I)
# Two names of one owner told apart by the embedding ("Pyongyang" / "North Korea" 0.73, "Moscow" /
# "Russia" 0.84; two parties of one election 0.1-0.35).
SAME_OWNER = 0.45


def owner_name(m: FigureMention) -> str:
    """The name the figure is told as the figure of, or "" when its clause names none."""
    before = m.source.text[: m.quantity.start]
    if whose := _WHOSE.search(before):
        return whose.group("name")
    # ("The Foundation, which runs the museum, has offered …": the subject, its relative clause left out)
    before = _RELATIVE_BETWEEN.sub("", before)
    clause = CLAUSE_BREAK.split(before)[-1]
    for run in reversed(list(_NAME_RUN.finditer(clause))):
        words = run.group(0).split()
        prefix = before[: len(before) - len(clause) + run.start()].rstrip()
        # (what opens the sentence, its dateline or a quotation: "DUNMARRA — Counters worked …")
        opens = not re.search(r"[a-z]", prefix) or prefix.endswith(("—", "–", ":", '"', "“", "”"))
        while words and words[0] in _OPENERS:
            words = words[1:]
        if not words or DAY_OR_MONTH.match(words[0]) or _PLACE_BEFORE.search(clause[: run.start()]):
            continue
        possessive = re.sub(r"['’]s$", "", words[-1])
        if len(words) == 1 and possessive != words[0]:
            return possessive  # "Halmstrand's offer of a 2 million reward": a possessive is a name's
        if len(words) == 1 and (opens or words[0].lower() in STOPWORDS):
            continue  # "Counters worked …", "We won …": one capitalised word may be no name
        return " ".join(words)
    return ""


_RELATIVE_BETWEEN = re.compile(
    r",\s*(?:which|who)\b[^,;:]*(?:,[^,;:]*)?,(?=\s+(?:has|have|had|is|was|were|are|will)\b)"
)
# Capitalised words a sentence may open with that are no name.
_OPENERS = frozenset("The A An In On At By For With After Before Among Its Their His Her This That".split())


def _governed(m: FigureMention) -> str:
    """What the figure is told under: its clause and opening, or, for a clause that goes on from
    the one before with a bare verb ("asked the court to jail him for eight years and *fine him 3
    million*"), all of its sentence before it, whose "asked … to" it shares."""
    before = m.source.text[: m.quantity.start]
    if _BARE_VERB_CLAUSE.match(m.clause) or _INFINITIVE_BEFORE.search(before):
        # ("ordered the Paramedic and Ambulance Workers' Association to maintain at least 70 crews":
        # the infinitive's verb may lie beyond the clause)
        return before
    return m.told


# A figure joined on to the clause before it ("… and 340 clinics cancelled"), and an auxiliary of its
# own after its noun ("… and 340 clinics were cancelled on Friday"), which would give it a clause.
_JOINED_FIGURE = re.compile(
    r"\band\s+(?:a\s+further\s+|another\s+)?(?:about|around|some|nearly|almost|roughly|more\s+than|over)?\s*$"
)
_OWN_AUXILIARY = re.compile(r"\s*(?:[a-z][\w-]*\s+){0,3}(?:has|have|had|was|were|is|are|will|would)\b")
# ... or any verb of its own ("and 118 were injured", "and 40 died", "and 12 fled")
_OWN_VERB = re.compile(
    r"\s*(?:[a-z][\w-]*\s+){0,3}?(?:has|have|had|was|were|is|are|will|would|[a-z]{2,}ed|died|fled|left|went"
    r"|fell|rose|took|got|won|lost)\b"
)
# An infinitive right before a figure, which the verb governing it ("asked … to", "ordered … to") sets.
_INFINITIVE_BEFORE = re.compile(
    r"\bto\s+[a-z]{3,}\s+(?:about|around|some|nearly|almost|roughly|more\s+than|over|up\s+to|at\s+least)?\s*$"
    # ... or the end of a move ("lowered their demand from 9 per cent to 7.5 per cent")
    r"|\bfrom\s+[\d.,]+\s*(?:per\s*cent|percent|%)?\s+to\s+$",
    re.IGNORECASE,
)
# A clause that opens with a verb and its object, going on from an infinitive before it.
_BARE_VERB_CLAUSE = re.compile(r"\s*[a-z]{3,}\s+(?:him|her|them|it|us|the\s+\w+)\s+\w+")


def _placed(m: FigureMention) -> set[str]:
    """The places the figure's clause, or the phrase its sentence opens with, puts it at: names
    ("in the neighbouring town of Ashby"), dates left out, and parts of a country ("on the coast")."""
    return _named_places(m) | _country_parts(m)


def _named_places(m: FigureMention) -> set[str]:
    return {
        n.group("name")
        for n in _PLACED.finditer(m.told)
        if not DAY_OR_MONTH.match(n.group("name")) and not _SPANNED.search(m.told[: n.start("name")])
    }


# A place told as spanned whole ("sold in 460 shops across Quessary") is where the figure holds
# everywhere, as "nationwide" says, not a part of it.
_SPANNED = re.compile(r"\b(?:across|throughout|all\s+over)\s+(?:the\s+)?$", re.I)


def _country_parts(m: FigureMention) -> set[str]:
    return {(p.group(1) or p.group(2)).lower() for p in _PLACE_NOUN.finditer(m.told)}


def _another_time(told: str) -> bool:
    """Whether a figure is told of another time ("a year ago, …", "last year's harvest"), not
    measured from one ("since the floods began last week", "higher than a year ago"), nor when it
    was told ("The Standard reported last week that 140 servers had been hit", "told lawmakers last
    week that the recovery would cost 27 million"; but "said last year's harvest …" is of last year)."""
    return any(
        not re.search(r"\b(?:since|than|from)\s+(?:[\w’'-]+\s+){0,3}$", told[: t.start()], re.I)
        and not (_TOLD_THEN.search(told[: t.start()]) and not re.match(r"['’]s\b", told[t.end() :]))
        for t in _ANOTHER_TIME.finditer(told)
    )


# A verb of telling and its listener, before the time it dates: "reported", "told lawmakers".
_TOLD_THEN = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|confirmed|wrote|disclosed|revealed)"
    r"(?:\s+(?:the\s+)?[a-z][\w’'-]*){0,2}\s+$",
    re.I,
)


def _sides_of(m: FigureMention) -> dict[str, str]:
    """The events the figure's sentence tells it before or after: {"merger": "before"}."""
    return {event.lower(): side.lower() for side, event in _BEFORE_AFTER.findall(m.source.text)}


def _years(m: FigureMention) -> set[str]:
    """The years the figure's sentence dates it to ("a budget of 84 million euros for 2025")."""
    return set(_YEAR.findall(m.source.text))


# Words that qualify a noun without telling one thing of its kind from another: "the new line",
# "the annual profit", "the 6.5-km tunnel".
_PLAIN_QUALIFIERS = frozenset(
    "new old former ex annual total overall first last latest final main official local national regional"
    " whole entire same other".split()
)
# At every word (a lookahead, so that each word is read both as a noun and as its next one's kind).
_QUALIFIED = re.compile(r"\b(?=([A-Za-z]+?)(?:['’]s|s['’])?\s+([A-Za-z]+))")


def _qualifiers(clause: str) -> dict[str, str]:
    """The clause's opening noun with the word before it that names its kind: {"price": "bread"}
    for "Bread prices rose …", {"strik": "nurse"} for "The nurses' strike lasted …" (only the
    subject: "rose percent" qualifies nothing)."""
    for m in _QUALIFIED.finditer(clause):
        if len(clause[: m.start()].split()) > 2:
            break
        word, noun = m.group(1).lower(), m.group(2).lower()
        if (
            word in _PLAIN_QUALIFIERS
            or word in STOPWORDS
            or stem(word) in MEASURE_STEMS
            or not content_terms(word)
            or not content_terms(noun)
            or re.search(r"(?:al|ic|ous|ive|ful|less|able|ed|ing|est|ly)$", word)
            # "Authorities evacuated", "Rescuers found": a subject and its verb, not a kind and
            # its noun; "the nurses' strike" is possessive.
            or (is_plural(word) and not re.match(r"['’]", clause[m.start(1) + len(m.group(1)) :]))
            or re.search(r"ed$", noun)
            or noun in IRREGULAR
            or word in IRREGULAR
        ):
            continue
        return {stem(noun): stem(word)}
    return {}


def _other_kinds_of(a: FigureMention, b: FigureMention) -> bool:
    """Whether the two figures' clauses qualify one noun by different kinds, neither named by the
    other clause: "Bread prices rose 18 percent" and "Milk prices rose 9 percent"."""
    of_a, of_b = _qualifiers(a.clause), _qualifiers(b.clause)
    return any(
        noun in of_b and kind != of_b[noun] and kind not in b.words and of_b[noun] not in a.words
        for noun, kind in of_a.items()
    )


def _compound_kind(m: FigureMention) -> tuple[str, str] | None:
    """The kind and noun a figure told as a compound qualifies: ("suspend", "sente") for "a
    three-year suspended sentence", None when it is not told so."""
    told = _COMPOUND.match(m.source.text[m.quantity.end :])
    if not told or told.group(1).lower() in STOPWORDS or told.group(2).lower() in STOPWORDS:
        return None
    return stem(told.group(1).lower()), stem(told.group(2).lower())


# "three-year suspended sentence", "a 10-tonne steel beam": the figure's unit, a kind, its noun.
_COMPOUND = re.compile(r"^-[a-z]+\s+([a-z]+)\s+([a-z]+)\b")
# Kinds that make another thing of their noun, which a figure told without them is not: a suspended
# sentence is served outside prison ("a 48-hour national strike" is still the strike).
_KIND_CHANGING = frozenset(stem(w) for w in "suspended conditional provisional partial temporary".split())


def _is_whole(m: FigureMention) -> bool:
    """Whether the figure is the whole another figure is a part of: the 180 of "62 of the 180 seats"."""
    return bool(_WHOLE_BEFORE.search(m.source.text[: m.quantity.start]))


_WHOLE_BEFORE = re.compile(r"[\d.,]+\s+of\s+(?:the|its|their)\s+$", re.I)


def _is_part(m: FigureMention) -> bool:
    # A share is always "of" something: "57 percent of the vote" is the vote's share, no part count.
    return "share" not in m.kind and bool(_OF_THE.match(m.source.text[m.quantity.end :]))


# What a share is of: "22 percent *of the domestic cheese market*", "a third *of it*".
_SHARE_OF = re.compile(r"^\s*(?:percent|per\s+cent|%)?\s*of\s+(?P<whole>[^,;.]+)", re.I)
_BACK_WHOLE = re.compile(r"(?:it|them|this|that|these|those)\b", re.I)


def _share_whole(m: FigureMention) -> set[str]:
    """The stems of the whole a share is told of (at most five words), or of the sentence before
    it when the whole is a pronoun ("a third of it"); empty when the share names no whole. (Two
    wholes are compared by their stems' first four letters: "the vote" and "voters".)"""
    if "share" not in m.kind:
        return set()
    after = m.source.text[m.quantity.end :]
    if m.source.text[m.quantity.start : m.quantity.end].endswith(" of"):
        after = f" of{after}"  # a fraction's span holds its "of": "a third of"
    told = _SHARE_OF.match(after)
    if not told:
        return set()
    whole = told.group("whole").strip()
    # ("a third of it": of what the sentence has told before it)
    whole = m.source.text[: m.quantity.start] if _BACK_WHOLE.match(whole) else " ".join(whole.split()[:5])
    return {stem(t) for t in content_terms(whole)}


def _common_words(sources: list[SourceSentence]) -> frozenset[str]:
    """Stems used by more than half of the articles ``sources`` come from, when there are three or more."""
    by_article: dict[str, list[str]] = {}
    for s in sources:
        by_article.setdefault(s.article_id, []).append(s.text)
    return common_stems({k: " ".join(v) for k, v in by_article.items()})


def _word_stems(text: str) -> set[str]:
    return {stem(t) for t in content_terms(text)}


def head_noun(head: str) -> str:
    """The noun a figure counts: the first plural of its head phrase ("DPRK soldiers already
    deployed" → "soldiers", "North Korean sappers" → "sappers"), else its last word."""
    words = [w for w in re.findall(r"[A-Za-z’'-]+", head)]
    if words and words[0].lower() in ("percent", "percentage"):
        return "percent"  # "9 percent last month": a share, whatever follows it
    for i, w in enumerate(words):
        lower = w.lower()
        if is_plural(lower):
            # "rhinoceros horns": of plural-looking words in a row, the last is the noun.
            while (
                i + 1 < len(words)
                and is_plural(words[i + 1].lower())
                and words[i + 1][0].islower()
                and words[i + 1] not in STOPWORDS
            ):
                i += 1
                lower = words[i].lower()
            return lower
    return words[-1].lower() if words else ""


def _age_score(a: FigureMention, b: FigureMention, clause_sim: float, sentence_sim: float) -> float:
    """How plausibly two ages are one person's (or thing's): the same name, or the end of it
    ("Captain Mira Solvik" / "Solvik"); a noun ("the aircraft", "a 45-year-old man") only when the
    sentences tell alike of it, as two men of one story may be of two ages. Two ages told at an event
    must be told at the same one ("died at the age of 29" / "was 31 when she died")."""
    if not same_owner(a.head, b.head):
        return 0.0
    named = a.head[:1].isupper() and b.head[:1].isupper()
    if not named and sentence_sim < SAME_THING:
        return 0.0
    if a.kind == AGE_AT_EVENT and clause_sim < SAME_THING:
        return 0.0
    return max(clause_sim, sentence_sim, SAME_THING)


# The counts each sentence gives, by (article id, sentence start): (scaled figure, counted noun stem).
Beside = dict[tuple[str, int], set[tuple[tuple[float, float], str]]]


class ConflictFinder:
    """Groups figure mentions across articles; embeddings decide what counts the same thing."""

    def __init__(self, embeddings: Embeddings) -> None:
        self.embeddings = embeddings
        self._owner_sims: dict[tuple[str, str], float] = {}
        self._currencies: set[str] = set()
        self._published: Mapping[str, date] = {}

    def find(
        self, sources: list[SourceSentence], published: Mapping[str, date] | None = None
    ) -> list[list[FigureMention]]:
        """Groups of mentions of one counted thing on which at least two articles differ;
        ``published`` (by article id) is when each article came out, which tells a count told as
        it stands "now" on two days apart from two outlets' counts of one moment."""
        self._published = published or {}
        found = [
            m
            for s in sources
            for m in (
                *mentions(s),
                *fraction_mentions(s),
                *length_mentions(s),
                *time_mentions(s),
                *age_mentions(s),
            )
        ]
        found = [m for m in found if not _part_of_a_change(m, found)]
        if len(found) < 2:
            return []
        self._currencies = currencies_told(found)
        found = _as_money_where_told(found, self._currencies)
        # Words most of the articles use (the story's names and setting: "Halvik", "plant"): two
        # clauses sharing one says nothing of counting the same thing.
        common = _common_words(sources)
        # The other counts each sentence gives beside a figure ("and 14 crew"): two sentences that
        # give one such count alike tell of one scene, so a figure of the same noun in both is one count.
        beside: Beside = {}
        for m in found:
            beside.setdefault((m.source.article_id, m.source.start), set()).add(
                (scaled(m), stem(head_noun(m.head)))
            )
        clauses = self._vectors([m.clause for m in found])
        heads = self._vectors([head_noun(m.head) or m.head for m in found])
        sentences = self._vectors([m.source.text for m in found])
        similarity = clauses @ clauses.T
        sentence_similarity = sentences @ sentences.T
        head_similarity = heads @ heads.T
        # Groups joined best pair first, two groups only when their mentions from different articles
        # are alike on average (average link). A chain of pairs joined no more: "1,850 people the
        # plant employs" beside "640 of them on temporary contracts" in one article, each like a
        # figure of another article, made one group of a plant's staff, its temporary staff and a
        # rival's. (Every pair alike would split a running count: "14 remained missing" on Monday
        # is like "five remain missing", and "six still missing" on Tuesday only like the five.)
        parent = list(range(len(found)))
        members = {i: [i] for i in range(len(found))}

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        scores: dict[tuple[int, int], float] = {}
        for i in range(len(found)):
            for j in range(i):
                score = self._score(
                    found[i],
                    found[j],
                    float(similarity[i, j]),
                    float(head_similarity[i, j]),
                    float(sentence_similarity[i, j]),
                    beside,
                    common,
                )
                if score > 0:
                    scores[(i, j)] = score

        def alike_on_average(group_a: list[int], group_b: list[int]) -> bool:
            across = [
                scores.get((max(a, b), min(a, b)), 0.0)
                for a in group_a
                for b in group_b
                if found[a].source.article_id != found[b].source.article_id
            ]
            return not across or sum(across) / len(across) >= SAME_THING

        for i, j in sorted(
            (pair for pair in scores if scores[pair] >= SAME_THING), key=lambda pair: -scores[pair]
        ):
            ri, rj = root(i), root(j)
            if ri != rj and alike_on_average(members[ri], members[rj]):
                parent[ri] = rj
                members[rj] += members.pop(ri)
        by_root: dict[int, list[int]] = {}
        for i in range(len(found)):
            by_root.setdefault(root(i), []).append(i)
        groups = list(by_root.values())
        conflicts = []
        for group in groups:
            distinct: dict[tuple[str, float, float], FigureMention] = {}
            for i in group:
                m = found[i]
                distinct.setdefault((m.source.article_id, *scaled(m)), m)
            by_article: dict[str, set[tuple[float, float]]] = {}
            for (article, _, _), m in distinct.items():
                by_article.setdefault(article, set()).add(_window(m))
            # Two articles disagree when neither gives a figure the other gives: one that states
            # "six kilometres" and "31 kilometres" of two towns, beside another's "six kilometres",
            # agrees with it and counts one thing more. A figure told as a range or hedged ("about
            # 300") gives every figure of its window ("296"); a fraction gives its share's ("a third",
            # "34 percent"); and times agree when they can be one moment ("about 3 a.m.", "2:55 a.m.").
            told = list(by_article.values())
            agree = _times_agree if found[group[0]].kind == TIME_OF_DAY else _windows_meet
            if any(not agree(x, y) for i, x in enumerate(told) for y in told[:i]):
                conflicts.append(sorted(distinct.values(), key=lambda m: (scaled(m), m.source.article_id)))
        return conflicts

    def _updated(self, a: FigureMention, b: FigureMention) -> bool:
        """Whether two figures are one running count told as it stood on two different days: either
        is told as current ("now", "so far", "the latest figures") and the articles came out on
        different days."""
        day_a, day_b = (self._published.get(m.source.article_id) for m in (a, b))
        told_now = any(_CURRENT.search(m.told) for m in (a, b))
        return told_now and day_a is not None and day_b is not None and day_a != day_b

    def _time_score(self, a: FigureMention, b: FigureMention, clause_sim: float) -> float:
        """How plausibly two times of day are told for one event: their clauses say the same and
        share a word, on the same day and at the same place ("The quake hit the region at about 3
        a.m." / "The earthquake struck at 2:15 a.m."). A time is an event's, so the clause decides."""
        if a.moment and b.moment and a.moment != b.moment:
            return 0.0
        ranks_a, ranks_b = set(_TIME_RANK.findall(a.told.lower())), set(_TIME_RANK.findall(b.told.lower()))
        if ranks_a and ranks_b and not ranks_a & ranks_b:
            return 0.0  # "the first train leaves at 5:40 a.m." and "the last train at 11:55 p.m."
        if bool(_NEGATED.search(a.clause)) != bool(_NEGATED.search(b.clause)):
            return 0.0
        named_a, named_b = _named_places(a), _named_places(b)
        if named_a and named_b and not named_a & named_b:
            return 0.0
        if clause_sim < SAME_THING or (not a.words & b.words and clause_sim < SAME_EVENT):
            return 0.0  # "registration opens on 4 February" / "the race takes place on 19 May"
        if not self._same_subject(a, b):
            # "The concert at the Arlo arena started at 8 p.m." / "The doors of the Arlo arena had
            # opened at 6:30 p.m.": alike clauses, two things that happened.
            return 0.0
        return clause_sim + SHARED_WORD * min(len(a.words & b.words), 3)

    def _same_subject(self, a: FigureMention, b: FigureMention) -> bool:
        """Whether two mentions' clauses open with the same thing: one noun ("the wall" / "a concrete
        wall"), near ones ("the earthquake" / "the quake", "the fire" / "the blaze"), or each named in
        the other ("the bridge reopened to traffic" / "traffic returned to the bridge")."""
        opening_a, opening_b = _opening(a.clause), _opening(b.clause)
        if not opening_a or not opening_b:
            return True  # nothing to tell them apart by
        stems_a, stems_b = {stem(w) for w in opening_a}, {stem(w) for w in opening_b}
        if stems_a & stems_b or (stems_a & b.words and stems_b & a.words):
            return True
        vectors = self._vectors([*opening_a, *opening_b])
        near = vectors[: len(opening_a)] @ vectors[len(opening_a) :].T
        return bool(near.max() >= SAME_SUBJECT)

    def _other_named_owners(self, a: FigureMention, b: FigureMention) -> bool:
        """Whether two figures are told as the figures of two names that share no word, neither
        named in the other's sentence, and that the embedding does not hold for one ("Pyongyang"
        and "North Korea" are one owner)."""
        owner_a, owner_b = a.owner, b.owner
        if not owner_a or not owner_b:
            return False
        if {w.lower() for w in owner_a.split()} & {w.lower() for w in owner_b.split()}:
            return False
        if owner_a.lower() in b.source.text.lower() or owner_b.lower() in a.source.text.lower():
            return False
        key = (owner_a, owner_b)
        if key not in self._owner_sims:
            vectors = self._vectors([owner_a, owner_b])
            self._owner_sims[key] = float(vectors[0] @ vectors[1])
        return self._owner_sims[key] < SAME_OWNER

    def _score(
        self,
        a: FigureMention,
        b: FigureMention,
        clause_sim: float,
        head_sim: float,
        sentence_sim: float = -1.0,
        beside: Beside | None = None,
        common: frozenset[str] = frozenset(),
    ) -> float:
        """How plausibly two mentions count the same thing (0 when they cannot); ``beside`` holds
        the counts each sentence gives, by (article, start), and ``common`` the stems most of the
        articles use, which say nothing of sameness when two clauses share them."""
        if a.source.article_id == b.source.article_id or a.kind != b.kind:
            return 0.0  # an article revising its own figure is not a disagreement between sources
        if (_contrasted(a) & set(scaled(b)) or _contrasted(b) & set(scaled(a))) and (
            head_sim >= SAME_HEAD or clause_sim >= SAME_HEAD
        ):
            # "took 11 works, not the nine announced by police": the sentence itself sets its figure
            # against the other outlet's, whatever nouns the two count in.
            return CONTRASTED
        if self._updated(a, b):
            # "52 cases had now been confirmed" on 14 April and "the outbreak now stood at 64" on
            # 28 April: a running count as it stood on two days, not two outlets disagreeing.
            return 0.0
        if not a.clause.strip() or not b.clause.strip():
            return 0.0  # a figure whose clause says nothing else ("Pastorek, 54,") tells nothing to compare
        if (
            a.kind not in WHEN | AGES
            and a.kind == "count"
            and any(len(m.clause.split()) == 1 and m.words <= _word_stems(m.head) for m in (a, b))
        ):
            # "… took 19.8 percent and 35 seats; the Greens won 11.6 percent and 23 seats": a clause
            # of its counted noun alone says nothing of whose or which. (A kind says it: "and five
            # died" counts deaths.)
            return 0.0
        if a.changed_from != b.changed_from:
            return 0.0  # "cut the rate to 16 percent from 18 percent": the old rate is not the new one
        if a.kind in WHEN:
            return self._time_score(a, b, clause_sim)
        if a.kind in AGES:
            return _age_score(a, b, clause_sim, sentence_sim)
        if different_periods(a.period, b.period):
            return 0.0  # a daily total is not a four-day total
        if (a.opening_stretch and b.period is None) or (b.opening_stretch and a.period is None):
            return 0.0  # "58 calls in the first six hours" is part of the 131 over the whole event
        if (
            a.moment
            and b.moment
            and a.moment != b.moment
            # (a weekday and a month may be one day: "on Monday" / "on October 5")
            and (a.moment in _MONTH_NAMES) == (b.moment in _MONTH_NAMES)
            and _dated(a)
            and _dated(b)
        ):
            # Nor is Monday's level Friday's, nor Monday's cancelled flights Tuesday's. A toll or an
            # evacuation "by Wednesday" is a running total: told on two days, it is one count, and
            # its figures may disagree.
            return 0.0
        if (
            a.moment
            and b.moment
            and a.moment != b.moment
            and (a.moment in _MONTH_NAMES) == (b.moment in _MONTH_NAMES)
            and any(_dated(x) and not _running_by(x) and _running_by(y) for x, y in ((a, b), (b, a)))
        ):
            # But one day's count is not the total by another day: "74 were diverted on Monday"
            # and "by Thursday morning, 310 had been diverted".
            return 0.0
        if any(_running_by(x) and not y.moment and _FINISHED.search(y.told) for x, y in ((a, b), (b, a))):
            # "54 metres had been completed by Wednesday evening" is how far the work had got, not
            # another outlet's figure for "a bypass tunnel that engineers finished at 84 metres".
            return 0.0
        if _years(a) and _years(b) and not _years(a) & _years(b):
            return 0.0  # "the budget for 2025" and "the budget for 2024" are two budgets
        if any(
            _TALLIED.search(x.told) and not _TALLIED.search(y.told) and _dated(y) for x, y in ((a, b), (b, a))
        ):
            # "arrested six people in total since the investigation began" counts every arrest; "four
            # people at the plant on Friday" one day's: a tally and one of its parts.
            return 0.0
        told_a, told_b = a.told, b.told
        ranks_a, ranks_b = set(_RANKED.findall(told_a.lower())), set(_RANKED.findall(told_b.lower()))
        if ranks_a and ranks_b and not ranks_a & ranks_b:
            return 0.0  # "the first cable car" and "a second cable car" are two cars
        for other in (_ANOTHER_EVENT, _NORM):
            if bool(other.search(told_a)) != bool(other.search(told_b)):
                return 0.0  # "a similar strike in 2016", "the normal winter loss": another event, a norm
        if a.move and b.move and all(x != y for x, y in zip(a.move, b.move, strict=True)):
            # "shares fell 1.9 percent to 25.40 euros" and "fell 8.3 percent to 23.10 euros": a move
            # and the level it ended at, both other, are another day's move, not one told two ways.
            return 0.0
        if a.way and b.way not in ("", a.way):
            return 0.0  # "shares rose 2.4 percent" and "fell 1.9 percent": two moves, not one told two ways
        if a.moment_side != b.moment_side:
            return 0.0  # "five days into the outage" is when, "down for nine days" how long
        if bool(_OTHER_GROUP.match(a.head)) != bool(_OTHER_GROUP.match(b.head)):
            return 0.0  # "three other paintings were damaged" are not the two that were found
        if head_noun(a.head) != head_noun(b.head) and bool(_ALSO.search(told_a)) != bool(
            _ALSO.search(told_b)
        ):
            return 0.0  # "forty crew members have also fallen ill": another group than the passengers
        if not (_years(a) and _years(b)) and bool(_YEAR_OPENING.search(told_a)) != bool(
            _YEAR_OPENING.search(told_b)
        ):
            return 0.0  # "In 2019, a wolf … was caught 8 kilometres away": another year's
        if (_WORLDWIDE.search(told_a) and _placed(b)) or (_WORLDWIDE.search(told_b) and _placed(a)):
            return 0.0  # "worldwide" against "in North America"
        if _another_time(told_a) != _another_time(told_b):
            # "turnout in the previous election" is another election's, and "a year ago, the
            # reservoir was at 61 percent" another year's level
            return 0.0
        if (_BEFORE.search(told_a) and _NOW.search(told_b)) or (
            _BEFORE.search(told_b) and _NOW.search(told_a)
        ):
            return 0.0  # "before the drought, the lake was 12 metres deep" / "the lake is now 7 metres deep"
        named_a, named_b, parts_a, parts_b = (
            _named_places(a),
            _named_places(b),
            _country_parts(a),
            _country_parts(b),
        )
        if (named_a and named_b and not named_a & named_b) or (parts_a and parts_b and not parts_a & parts_b):
            # "60 homes in Redfield" and "25 homes in the town of Ashby" are two towns' homes, and "on
            # the coast" is not "in the capital" (which may be the "Madrid" another sentence names)
            return 0.0
        if bool(_NEGATED.search(a.clause)) != bool(_NEGATED.search(b.clause)):
            return 0.0  # "2,000 runners failed to finish" are not the 18,000 the marathon drew
        if _other_owners(a, b):
            return 0.0  # "Kestrel Rovers have scored 52 goals" / "Dunmore Athletic have scored 38 goals"
        if self._other_named_owners(a, b):
            return 0.0  # "Civic Renewal won 31.4 percent" / "where Dovrak won 58 percent"
        if bool(_AMONG.search(a.source.text)) != bool(_AMONG.search(b.source.text)):
            return 0.0  # "among patients over 70, admissions fell by 25 percent": a group within the whole
        sides_b = _sides_of(b)
        if any(sides_b.get(event, side) != side for event, side in _sides_of(a).items()):
            return 0.0  # the bank's staff "before the merger" and "after the merger"
        dim_a, dim_b = _DIMENSION.search(a.head), _DIMENSION.search(b.head)
        if (
            dim_a
            and dim_b
            and _WIDTH.get(dim_a.group(0).lower(), dim_a.group(0).lower())
            != _WIDTH.get(dim_b.group(0).lower(), dim_b.group(0).lower())
        ):
            return 0.0  # "30 metres deep" and "12 metres wide" measure two things
        kind_a, kind_b = _compound_kind(a), _compound_kind(b)
        if (kind_a and kind_b and kind_a[1] == kind_b[1] and kind_a[0] != kind_b[0]) or any(
            one and not other and one[0] in _KIND_CHANGING and one[0] not in m.words
            for one, other, m in ((kind_a, kind_b, b), (kind_b, kind_a, a))
        ):
            # "a three-year suspended sentence" is neither "a six-year prison sentence" nor "jailed
            # for six years": the kind the compound names must be told of the other figure too.
            return 0.0
        if _other_kinds_of(a, b):
            return 0.0  # "bread prices" and "milk prices", "the nurses' strike" and "a doctors' strike"
        if any((x in a.words and y in b.words) or (y in a.words and x in b.words) for x, y in _OPPOSED):
            return 0.0  # "exports rose 3 percent" and "imports grew 7 percent": two sides of one trade
        if "money" in a.kind and bool(_ACCOUNTS.search(a.clause)) != bool(_ACCOUNTS.search(b.clause)):
            # "a net profit of 12.6 million" is the firm's year, not "an 8 million fund" it set up
            return 0.0
        if _is_whole(a) != _is_whole(b):
            return 0.0  # "62 of the 180 seats": the whole a part is of is no rival to a part
        whole_a, whole_b = _share_whole(a), _share_whole(b)
        if whole_a and whole_b and not {w[:4] for w in whole_a} & {w[:4] for w in whole_b}:
            # "22 percent of the domestic cheese market" and "a third of it [the farms' milk] goes to
            # the plant": shares of two wholes
            return 0.0
        if _is_part(a) != _is_part(b):
            # "recovered 300 tonnes of the spilled oil" is a part of what was spilled, not the spill
            return 0.0
        (a_low, a_high), (b_low, b_high) = scaled(a), scaled(b)
        low = min(a_low, b_low)
        if low > 0 and max(a_high, b_high) / low > MAX_RATIO:
            return 0.0  # different sums in one unit ("25,000 per household", "85 million") differ wildly
        head_a, head_b = stem(head_noun(a.head)), stem(head_noun(b.head))
        unit_a, unit_b = _metric(a), _metric(b)
        if bool(unit_a) != bool(unit_b):
            return 0.0  # "the 96-metre ferry" measures; "63 people brought ashore" counts
        if unit_a and unit_b and unit_a[0] == unit_b[0]:
            head_b = head_a  # metres and kilometres measure one length
        if not head_a or not head_b:
            return 0.0  # a figure that counts no noun is nothing to compare
        if "deaths" in a.kind and {head_a, head_b} <= _TOLL_HEADS:
            head_b = head_a  # "the death toll at 31" and "27 people were killed" count the dead alike
            # A toll's clause says little but that people died ("at least 27 people were killed");
            # which disaster it counts is in the rest of its sentence: 0.51 for two tolls of one
            # ferry capsizing, 0.23-0.33 for a ferry against a factory fire or a bus against a quake.
            clause_sim = max(clause_sim, sentence_sim)
        if {head_a, head_b} <= _WORKFORCE and any(_EMPLOYS.search(m.clause) for m in (a, b)):
            head_b = head_a  # "the plant, which employs 345 people" counts its workers
        if head_a != head_b and any(
            head_noun(m.head) in _PEOPLE and len(m.words) < SHORT_CLAUSE for m in (a, b)
        ):
            # "The ferry, which had 286 people on board, ran aground": "people" says nothing of who
            # they are, and a clause this short nothing of where; its sentence tells both (0.83
            # against "The ferry was carrying 310 passengers when it ran aground", 0.21 clause to
            # clause). Two "people" counts still need alike clauses.
            clause_sim = max(clause_sim, sentence_sim)
        two_nouns = head_a != head_b and head_sim < SAME_HEAD
        # The counted nouns as the clauses' words are stemmed ("homes" → "home").
        nouns_a, nouns_b = _word_stems(head_noun(a.head)), _word_stems(head_noun(b.head))
        # What the clauses say besides the counted noun: "evacuated", "damaged", "compensation fund".
        shared = len((a.words & b.words) - {head_a, head_b} - nouns_a - nouns_b - common)
        # One shared word counts toward sameness: "people were arrested" / "fans detained by police".
        alike = clause_sim + SHARED_WORD * min(shared, 1)
        # A sum's currency says nothing of what it pays: "fined the bank 45 million dollars" and "a
        # $52 million penalty" are one fine when their clauses say the same.
        sums = "money" in a.kind and (
            _is_sum(a) or _is_sum(b) or _unit(a) in self._currencies or _unit(b) in self._currencies
        )
        if two_nouns and (alike < SAME_CLAUSE or not (_names_people(a) or _names_people(b) or sums)):
            # Clauses alike count the same thing under two nouns only when one of them is who the
            # people are ("10,000 North Koreans" / "12,000 troops", "18 people" / "22 fans"):
            # "34,000 students" and "4,000 staff" of one university are two counts.
            return 0.0
        if (_POLAR_A.search(a.clause) and _POLAR_B.search(b.clause)) or (
            _POLAR_B.search(a.clause) and _POLAR_A.search(b.clause)
        ):
            return 0.0  # "58 percent voted yes" and "42 percent voted no": the two sides of one vote
        a_told, b_told = _governed(a), _governed(b)
        if (_DEMANDED.search(a_told) and _OFFERED.search(b_told)) or (
            _OFFERED.search(a_told) and _DEMANDED.search(b_told)
        ):
            return 0.0  # "demanding a rise of 8 percent" and "offered 3 percent": two sides of a talk
        for asked_or_allowed in (_REQUESTED, _LIMIT):
            if bool(asked_or_allowed.search(a_told)) != bool(asked_or_allowed.search(b_told)):
                # "asked the court to jail him for eight years" and "sentenced him to six years", or
                # "faces up to 10 years": what was sought or allowed is not what was done.
                return 0.0
        if (_AGREED.search(a.clause) and _OFFERED.search(b.clause) and not _AGREED.search(b.clause)) or (
            _AGREED.search(b.clause) and _OFFERED.search(a.clause) and not _AGREED.search(a.clause)
        ):
            return 0.0  # "offered 185 million euros" and "agreed to buy for 172 million": a bid and a deal
        if (
            a.kind in ("count", "missing")
            and bool(_STILL.search(a.clause)) != bool(_STILL.search(b.clause))
            and not _is_length(a)
        ):
            # "12 miners are still trapped" against "rescuers brought 40 miners to the surface":
            # those left against those done, not two counts of one thing. (How long something
            # "remained online" is a length, as "was online for 11 hours" is.)
            return 0.0
        if (
            two_nouns
            and not sums  # "a ransom of 2 million dollars" names the ransom its dollars pay
            and not (_by_origin(a) or _by_origin(b))
            # (its own head phrase aside: "held 14 people hostage" counts hostages)
            and (nouns_a & (b.words - _word_stems(b.head)) or nouns_b & (a.words - _word_stems(a.head)))
        ):
            # "400 homes" against "1,500 people from their homes": clauses alike, but one names the
            # other's counted noun and counts something else.
            return 0.0
        # Nouns as close as "homes" and "houses" (0.89) are one noun; "soldiers" and "troops" are not
        # that close, and stay two nouns that clauses alike may join.
        # A currency ("euros") is no counted noun: two sums share it whatever they pay for.
        money = "money" in a.kind.split("+")
        one_noun = (head_a == head_b or head_sim >= SYNONYM_HEAD) and not money
        own_a, own_b = (scaled(a), head_a), (scaled(b), stem(head_noun(b.head)))
        beside = beside or {}
        shared_count = (beside.get((a.source.article_id, a.source.start), set()) - {own_a}) & (
            beside.get((b.source.article_id, b.source.start), set()) - {own_b}
        )
        # "212 passengers and 14 crew" / "218 passengers … along with 14 crew".
        alongside = SAME_NOUN if head_a == head_b and shared_count else 0.0
        # Figures far apart ("172 million" and "540 million euros") must be told more alike to be one
        # count: most outlets that disagree are within a third of each other, and wide gaps (a crowd
        # by police and by organisers) come with clauses that say the same.
        far = FAR_APART_COST if low > 0 and max(a_high, b_high) / low > FAR_APART else 0.0
        return clause_sim + SHARED_WORD * min(shared, 3) + (SAME_NOUN if one_noun else 0.0) + alongside - far

    def _vectors(self, clauses: list[str]) -> np.ndarray:
        vectors = np.asarray(self.embeddings.embed_documents(clauses), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.asarray(vectors / np.maximum(norms, 1e-9))

    def relevant(
        self,
        conflict: list[FigureMention],
        question: str,
        answer: str,
        outlets: Mapping[str, str] | None = None,
        articles: Mapping[str, str] | None = None,
        years: Mapping[str, int] | None = None,
    ) -> bool:
        """Whether a conflict bears on this question and the answer given to it; ``outlets`` (by
        article id) name who reported each figure, which "which outlet…?" asks for; ``articles``
        (by id) are what each figure's article says, which must name whatever the question names;
        ``years`` (by id) when each article was published."""
        if articles is not None and not _names_told(conflict, question, outlets or {}, articles):
            # "How many people died when the Saint Orla capsized?" is not about a bus crash's toll
            # in an article that never names the ferry, however alike the two tolls' clauses.
            return False
        if (subject := _COUNTED_OF.match(question)) and not _subject_told(subject.group("subject"), conflict):
            # "How many passengers a day does bus route 17 carry?" is not about what Line 4 will carry.
            return False
        if any(asked_the_other_way(question, m.source.text) for m in conflict):
            return False  # "How much did the mayor pay the builder?" is not about what the builder paid
        if _TRANSFER_ASKED.search(question) and not any(
            _TRANSFER_TOLD.search(m.source.text) for m in conflict
        ):
            # "How much did the council reimburse the plant?" is not about the fines imposed on it:
            # a sum asked as paid over is answered by sums told as paid, received or owed.
            return False
        if (priced := _PRICED.search(question)) and not _thing_told(priced.group("thing"), conflict):
            # "How much will a single ticket cost?" is not about what the whole line costs: the
            # thing whose price is asked is named where its figures are.
            return False
        if one_day_told(question) and all(different_periods(m.period, 24.0) for m in conflict):
            # "How many were diverted on the Monday of the attack?" is not about differing counts
            # for the first week.
            return False
        asked_days = {d for d in _WEEKDAYS if re.search(rf"\b(?:on|by)\s+(?:the\s+)?{d}\b", question, re.I)}
        if asked_days and all(m.moment in _WEEKDAYS and m.moment not in asked_days for m in conflict):
            # "How many rescuers were working at the mine on Thursday?" is not about two outlets'
            # counts of those sent on Tuesday.
            return False
        if years is not None and not _of_the_year_asked(conflict, question, years):
            return False  # "What was turnout in the 2022 election?" is not about this year's turnouts
        if conflict[0].kind in WHEN:
            return self._when_relevant(conflict, question, answer)
        if conflict[0].kind in AGES:
            return _age_relevant(conflict, question, answer)
        asked = asked_kinds(question)
        if asked and ("money" in asked) != ("money" in conflict[0].kind.split("+")):
            # "How much does the company spend on maintenance?" asks a sum: differing household
            # counts do not bear on it, nor differing sums on "how many" or "when".
            return False
        if _ONE_TELLER_ASKED.search(question):
            # "According to the Hessandry Courier, was the avalanche longer than it was wide?" asks
            # what one teller gives: another outlet's figure is not what was asked.
            return False
        if (dimension := _MEASURE_ASKED.search(question)) and (
            # "How deep was the debris?" is not about differing widths …
            _other_dimension(dimension.group(1), conflict)
            # … and asks a measure: differing tolls are no depth, whatever else the question shares
            # with them (unless it names the count it sizes: "How high was the death toll?")
            or (
                not _COUNT_NAMED.search(question)
                and not any((m.head.lower().split() or [""])[0] in _MEASURES for m in conflict)
            )
        ):
            return False
        if _SHARE_ASKED.search(question) and "share" not in conflict[0].kind:
            return False  # "What share of the vote did he win?" is not about differing contract counts
        counts = [q for _, q, _ in _counts_read(answer, quantities(answer))]
        answer_values = {v for q in counts for v in (q.low, q.high)}
        answer_words = {stem(t) for t in content_terms(f"{question} {answer}")}
        for m in conflict:
            for q in counts:
                if not {m.quantity.low, m.quantity.high} & {q.low, q.high}:
                    continue
                # What the answer's figure counts, when it says ("a three-year suspended sentence"),
                # is what the conflict's figures must count; the other words are context.
                heads = _word_stems(m.head) | {w.lower() for w in m.head.split()}
                if (nouns := _counted_after(answer, q)) and not nouns & (m.words | heads):
                    continue
                if m.words & answer_words:
                    # The answer states one of the figures, for the same thing — what the question
                    # asks about, when it counts something ("How many defence witnesses …?" is not
                    # about differing prosecution witnesses the answer gives beside them). An answer
                    # that gives this one count alone gives it as what was asked ("8,200 nurses,
                    # paramedics and ambulance technicians" for "How many health workers …?").
                    # An answer that gives several counts gives this one beside what was asked
                    # unless the question's act is the conflict's: "Eight were dug out alive", after
                    # "13 people were buried", does not make differing counts of the buried the answer
                    # to "How many people were dug out alive?".
                    return len(answer_values) == 1 or (
                        _counts_asked(conflict, question, nouns_only=True)
                        and self._act_asked(conflict, question)
                    )
        if answer_values or not _QUANTITY_QUESTION.search(question):
            # An answer that gives another count is about that count ("700 residents under the Vellin
            # order" is not the total evacuated): relating counts by their nouns alone put conflicts
            # on answers that were not about them.
            return False
        reported = [f"{m.source.text} {(outlets or {}).get(m.source.article_id, '')}" for m in conflict]
        if not gives_what_was_asked(question, reported):
            return False  # "How much did Russia pay?" is not answered by differing troop numbers
        if counted_words(question):
            return _counts_asked(conflict, question)
        vectors = self._vectors([question, *(m.clause for m in conflict)])
        return float((vectors[1:] @ vectors[0]).max()) >= ASKED_ABOUT

    def _act_asked(self, conflict: list[FigureMention], question: str) -> bool:
        """Whether the act a how-many question asks of what it counts ("were *dug* out alive",
        "*died*") is the one the conflict's clauses tell, in the same word or a near one ("killed");
        true when the question names no act."""
        cue = _COUNT_CUE.search(question)
        if not cue:
            return True
        words = re.findall(r"[a-z][\w’'-]*", cue.group(1).lower())
        verbs = [
            w for w in words if w not in _AUXILIARY and w not in _COUNTED_STOP and w not in _GENERIC_COUNT
        ]
        if not verbs or not any(
            w in _AUXILIARY or _PARTICIPLE.fullmatch(w) for w in words[: words.index(verbs[0]) + 1]
        ):
            return True  # no act after an auxiliary or told as a participle: what is counted is asked
        act = verbs[0]
        told = {stem(w) for m in conflict for w in content_terms(m.clause)}
        if stem(act) in told:
            return True
        clause_words = list(dict.fromkeys(t for m in conflict for t in content_terms(m.clause)))
        if not clause_words:
            return True
        vectors = self._vectors([act, *clause_words])
        return bool((vectors[1:] @ vectors[0]).max() >= SAME_ACT)

    def _when_relevant(self, conflict: list[FigureMention], question: str, answer: str) -> bool:
        """Whether differing times or dates bear on a question: it asks when ("When did the quake
        hit?", "At what time …", "On what date …") of the event their clauses tell, or the answer
        gives one of them for that event."""
        answer_words = {stem(t) for t in content_terms(f"{question} {answer}")}
        shown = {m.shown.lower() for m in conflict}
        # (a date the question gives is its frame, not what the answer states: "How many sat the
        # paper on May 12?" — "2,150 sat it on May 12" gives no date of its own)
        stated = {t for t in shown if t in answer.lower() and t not in question.lower()}
        if stated and any(m.words & answer_words for m in conflict):
            return True  # the answer states one of the times, for the same event
        asked = _WHEN_ASKED.get(conflict[0].kind)
        if not asked or not asked.search(question):
            return False
        # "When was the last inspection before the collapse?" asks about the inspection: the event
        # it is dated against is not what it asks the time of.
        about = _DATED_AGAINST.sub("", question)
        vectors = self._vectors([about, *(m.clause for m in conflict)])
        if float((vectors[1:] @ vectors[0]).max()) < ASKED_ABOUT:
            return False
        # Every word of what it asks is told of the event, or in a near word ("hit" / "struck"):
        # "When did the museum close?" is not answered by when it will reopen, however alike.
        told = list(dict.fromkeys(t for m in conflict for t in content_terms(m.clause)))
        said = {stem(t) for t in told}
        unsaid = [t for t in dict.fromkeys(content_terms(about)) if stem(t) not in said]
        if not unsaid:
            return True
        words = self._vectors([*unsaid, *told])
        return bool((words[: len(unsaid)] @ words[len(unsaid) :].T).max(axis=1).min() >= SAME_ACT)


def _counts_read(
    text: str, told: list[Quantity]
) -> Iterator[tuple[Quantity, Quantity, re.Match[str] | None]]:
    """Each count among ``text``'s quantities ``told``, as written and as read, with the match of the
    length it opens, if any: "four hours and 12 minutes" is one length in hours, and "13 minutes and
    50 seconds" one in minutes, whose smaller part is no count. Articles' figures and answers' are
    read alike."""
    compounds = {m.start(): m for m in _TWO_UNIT_LENGTH.finditer(text)}
    parts = {m.start("minutes") for m in compounds.values()}
    for q in told:
        if q.start in parts or not _is_count(text, q):
            continue
        whole = compounds.get(q.start)
        if whole and (small := numbers(whole.group("minutes"))):
            length = q.low + small[0][0] / 60
            yield q, Quantity(length, length, q.start, whole.end()), whole
        else:
            yield q, q, None


def currencies_told(found: list[FigureMention]) -> set[str]:
    """The units the sentences tell as money ("the payments totalled 1.4 million marrens"): a
    currency an article may invent, which no list of currencies holds.

    Only a sum told with its scale ("1.4 million marrens") teaches a currency: a count in a clause
    about money ("2,400 patients had signed up to a compensation claim") would otherwise make
    every count of patients a sum. A unit written capitalised is a name ("23.5 million … the
    Ferrow Valley network"), not a currency."""
    return {
        unit
        for m in found
        if m.kind == "money" and (unit := _unit(m)) and _told_with_scale(m) and not _capitalised(m)
    }


def _told_with_scale(m: FigureMention) -> bool:
    written = m.source.text[m.quantity.start : m.quantity.end].lower().split()
    return any(w in SCALE_WORDS for w in [*written, *m.head.lower().split()])


def _capitalised(m: FigureMention) -> bool:
    words = [w for w in m.head.split() if w.lower() not in SCALE_WORDS]
    return bool(words) and words[0][:1].isupper()


def _as_money_where_told(found: list[FigureMention], currencies: set[str]) -> list[FigureMention]:
    """A unit one sentence tells as money is money in every sentence: "Penczak received 1.6 million
    marrens" sums the currency "the payments totalled 1.4 million marrens" does."""
    return [replace(m, kind="money") if m.kind == "count" and _unit(m) in currencies else m for m in found]


def _unit(m: FigureMention) -> str:
    """The word a figure is told in, scale words left out and singular: "marren" of "1.6 million
    marrens" and of "a 2.8 million marren fine"."""
    words = [w.lower() for w in m.head.split() if w.lower() not in SCALE_WORDS]
    if not words or words[0] in UNITS_OF_MEASURE:
        return ""
    return words[0].removesuffix("s")


# "How many passengers a day does bus route 17 carry?": who or what the count is of, in common nouns.
_COUNTED_OF = re.compile(
    r"^\W*how\s+(?:many|much)\b[^?]*?\b(?:does|do|did|will|would|can|could)\s+(?P<subject>[^?]+?)\s+[a-z]+\s*\?*\s*$",
    re.IGNORECASE,
)


def _subject_told(subject: str, conflict: list[FigureMention]) -> bool:
    """Whether a common noun of the question's subject ("bus", "route" of "bus route 17") is in one of
    the mentions' sentences, as a word or inside one ("quake" in "earthquake"); a subject with none
    ("it", a name) is told wherever the figures are."""
    nouns = [w for w in re.findall(r"[a-z][a-z-]{2,}", subject) if content_terms(w)]
    if not nouns or re.search(r"[A-Z]", subject):
        return True
    said = {w for m in conflict for w in re.findall(r"[a-z][a-z-]+", m.source.text.lower())}
    return any(
        stem(noun) == stem(word) or (len(noun) >= 5 and noun in word) for noun in nouns for word in said
    )


# What a question asks the price of: "How much will a single ticket cost?", "What does a pack cost?"
_PRICED = re.compile(
    r"\b(?:how\s+much|what)\s+(?:will|would|does|did|do|is|was|could|can)\s+(?P<thing>[^?]+?)\s+"
    r"(?:cost|costs|sell\s+for|be\s+priced\s+at)\b",
    re.IGNORECASE,
)


def _thing_told(thing: str, conflict: list[FigureMention]) -> bool:
    """Whether the head noun of ``thing`` (its last lower-case word: "ticket" of "a single ticket on
    Line 4") is in one of the mentions' sentences."""
    own = re.split(r"\s+(?:on|of|for|in|at|from)\s+", thing)[0]
    nouns = [w for w in re.findall(r"[\w’'-]+", own) if w.islower() and content_terms(w)]
    if not nouns:
        return True
    wanted = stem(nouns[-1])
    return any(wanted in {stem(t) for t in content_terms(m.source.text)} for m in conflict)


# A sum asked as handed from one to another, and the words that tell one so.
_TRANSFER_ASKED = re.compile(
    r"\bhow\s+much\s+(?:money\s+|cash\s+)?(?:did|does|do|will|would|has|have|had)\s+[^?]*?\b"
    r"(?:pay|paid|reimburse|reimbursed|refund|refunded|give|given|lend|lent|send|sent|transfer|transferred|owe"
    r"|owed)\b",
    re.IGNORECASE,
)
_TRANSFER_TOLD = re.compile(
    r"\b(?:pa(?:y|ys|id|ying|yment|yments)|reimburs\w*|refund\w*|g[ai]ve|given|lent|lend\w*|sent"
    r"|transfer\w*|ow(?:e|es|ed|ing)|receiv\w*|accept\w*|compensat\w*)\b",
    re.IGNORECASE,
)


def _of_the_year_asked(conflict: list[FigureMention], question: str, years: Mapping[str, int]) -> bool:
    """Whether every figure of the conflict may be of the year a question is dated to, when it is:
    its sentence tells that year (by number, or counted back from publication), or its article was
    published in it. (A sentence's other years may be background: "the highest since 2010".)"""
    asked = {int(y) for y in YEAR.findall(question)}
    for m in conflict:
        published = years.get(m.source.article_id)
        if published is None:
            continue
        if asked and not asked & (years_told(m.source.text, published) | {published}):
            return False
    return True


def _age_relevant(conflict: list[FigureMention], question: str, answer: str) -> bool:
    """Whether differing ages bear on a question: the answer gives one of them for that person, or
    the question asks how old someone is and names them ("How old is Salo?") or calls them what
    their sentences do ("How old is the captain who landed the plane?" of "Captain Mira Solvik";
    "How old is the orchestra?" is not about its conductor)."""
    whose = {m.head.split()[-1].lower() for m in conflict}
    answer_values = {q.low for q in quantities(answer)}
    if answer_values & {m.quantity.low for m in conflict} and any(
        re.search(rf"\b{re.escape(w)}\b", answer.lower()) for w in whose
    ):
        return True
    wanted = age_asked_of(question)
    return bool(wanted) and any(is_described(m.source.text, m.head, wanted) for m in conflict)


_DATED_AGAINST = re.compile(r"\s+\b(?:before|after|since|until|during|following|ahead of)\b[^,;?]*", re.I)
# A question about when: a time of day ("When did …?", "At what time …?"), a date ("When …?",
# "On what date …?").
_WHEN_ASKED = {
    TIME_OF_DAY: re.compile(r"^\W*when\b|\b(?:what|which)\s+time\b|\bhow\s+early\b|\bhow\s+late\b", re.I),
    DATE: re.compile(r"^\W*when\b|\b(?:what|which)\s+(?:date|day)\b", re.I),
}


_QUESTION_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+")


_DAY_OR_MONTH_NAME = re.compile(rf"(?:{MONTH_ANY}|{WEEKDAY})", re.I)


def _names_told(
    conflict: list[FigureMention], question: str, outlets: Mapping[str, str], articles: Mapping[str, str]
) -> bool:
    """Whether every figure's article (its text, headline or outlet) holds every name the question
    gives, by the first five letters of each word ("North Korean" is told by "North Korea")."""
    # (a day or month is a date, not a name: "by Thursday, March 18" is told by "by March 18")
    words = [
        m.group(0)
        for m in _QUESTION_NAME.finditer(question)
        if m.start() > 0 and not _DAY_OR_MONTH_NAME.fullmatch(m.group(0))
    ]
    # Outlets a question sets side by side ("the Pellune Ledger or Kestrel Television News?") each
    # name one figure's source, not what both count.
    outlet_words = {w.lower()[:5] for name in outlets.values() for w in _QUESTION_NAME.findall(name)}
    wanted = {w.lower()[:5] for w in words if w.lower() not in _COUNTED_STOP} - outlet_words
    if not wanted:
        return True
    for m in conflict:
        said = " ".join(
            (
                articles.get(m.source.article_id, m.source.text),
                m.source.title,
                outlets.get(m.source.article_id, ""),
            )
        ).lower()
        if not all(w in said for w in wanted):
            return False
    return True


_COUNT_CUE = re.compile(r"\b(?:how many|how much|number of|more|fewer)\s+(.*)", re.I | re.S)
_TOLL = re.compile(r"([\w-]+)\s+toll\b", re.I)
_COUNTED_STOP = frozenset(
    "has have had were was did do does are is will would in to from of on at by for that who which than"
    " according the a an and or it they there when where while after before since during as because if"
    " whether".split()
)
# ("How much money …?" names no more than its sum's currency does, which the kind check holds.)
_GENERIC_COUNT = frozenset({"people", "persons", "person", "individuals", "money", "cash"})
# A death toll is told with several words: "34 died", "39 killed", "the dead", "fatalities".
_DEATH = frozenset({"die", "died", "dead", "death", "kill", "fatal", "liv", "life"})


_PART_OF_GROUP = re.compile(r"\b(?:how many|number|share|proportion) of\b", re.IGNORECASE)


def _counts_asked(conflict: list[FigureMention], question: str, nouns_only: bool = False) -> bool:
    """Whether the figures count what the question names as counted, if it names anything: their
    clauses name it ("how many children died?" is not answered by two tolls of people). A name
    ("North Korean troops") need only be in the sentences: a clause may say "DPRK soldiers".
    ``nouns_only``: only the words naming what is counted, not what happened to them ("ended up in
    hospital"), for an answer that gives one of the figures in words of its own."""
    counted = counted_words(question)
    if nouns_only:
        counted = [w for w in counted if not _PARTICIPLE.fullmatch(w.lower()) and content_terms(w.lower())]
    if not counted:
        return True
    named = {_count_stem(w) for m in conflict for w in m.words | set(m.head.lower().split())}
    said = {_count_stem(w) for m in conflict for w in content_terms(m.source.text)}
    unnamed = [w for w in counted if _count_stem(w) not in (said if w[:1].isupper() else named)]
    heads = {_count_stem(w) for m in conflict for w in re.findall(r"[\w’'-]+", m.head.lower())}
    first = counted[0]
    if first[:1].islower() and _count_stem(first) not in heads and _modifier_only(first, conflict):
        # "How many businesses …?" is not about "passengers" counted in "The authority's business
        # case assumes Line 4 will carry 185,000 passengers": there the word names another noun's kind.
        return False
    # Of three words ("households lost electricity"), the last may be told in other words ("lost
    # power"); what is counted, the first, may not — nor any word of a part of a group ("how many of
    # the people who died were children?"). What happened to them ("had been published") is no
    # such word: records published are not the records copied.
    return not unnamed or (
        len(counted) >= 3
        and unnamed == counted[2:]
        and not _PART_OF_GROUP.search(question)
        and not _PARTICIPLE.fullmatch(counted[2])
    )


def _modifier_only(word: str, conflict: list[FigureMention]) -> bool:
    """Whether ``word`` stands in every mention's sentence only before another noun ("business"
    of "business case"), never as a noun of its own."""
    wanted = _count_stem(word)
    for m in conflict:
        tokens = re.findall(r"[\w’'-]+", m.source.text.lower())
        for i, t in enumerate(tokens):
            if _count_stem(t) != wanted:
                continue
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if not after or after in STOPWORDS or looks_like_a_verb(after) or after[:1].isdigit():
                return False
    return True


def counted_words(question: str) -> list[str]:
    """The words naming what a question counts: after "how many" / "more" / "number of", up to its verb
    or preposition, and what happened to them after an auxiliary ("how many children died" →
    children, died; "how many soldiers were killed" → soldiers, killed), or before "toll" (death).
    "People" names nothing in particular and is left out. Case is kept: a capitalised word is a name."""
    words: list[str] = []
    cue = _COUNT_CUE.search(question)
    if cue:
        rest = re.findall(r"[\w'-]+", cue.group(1))
        if [w.lower() for w in rest[:1]] == ["of"]:
            # A part of a counted group ("how many of the people who died were children?"): every
            # word of it is what is counted.
            words = [w for w in rest[1:] if w.lower() not in _COUNTED_STOP]
        else:
            for i, word in enumerate(rest):
                if word.lower() in _COUNTED_STOP or len(words) == 3:
                    after = rest[i + 1].lower() if i + 1 < len(rest) else ""
                    if after in {"been", "being", "be"} and i + 2 < len(rest):
                        after = rest[i + 2].lower()  # "had been published": what happened is "published"
                    if word.lower() in _AUXILIARY and _PARTICIPLE.fullmatch(after):
                        words.append(after)
                    break
                words.append(word)
    elif toll := _TOLL.search(question):
        words = [toll.group(1).lower()]
    if any(stem(w.lower()) in {"liv", "life"} for w in words):
        # "How many lives were lost?": the lives lost are the dead, however the toll is told.
        words = [w for w in words if stem(w.lower()) not in {"lose", "lost"}]
    return [w for w in words if w.lower() not in _GENERIC_COUNT]


def _count_stem(word: str) -> str:
    stemmed = stem(word.lower())
    return "die" if stemmed in _DEATH else stemmed


def cite(
    found: list[list[FigureMention]], cite_source: Callable[[SourceSentence], Citation]
) -> list[Conflict]:
    """Turn detected conflicts into ``Conflict`` objects whose figures carry numbered citations."""
    return [
        Conflict(
            max((m.topic for m in mentions), key=len) if mentions[0].kind in AGES else mentions[0].topic,
            [Figure(m.shown or _as_written(m), cite_source(m.source)) for m in mentions],
        )
        for mentions in found
    ]


# A share's sign after its figure, as the sentence writes it.
_SHARE_SIGN = re.compile(r"^\s*(?:percent|per\s+cent|%)", re.I)


def _as_written(m: FigureMention) -> str:
    """The figure as its sentence writes it where a plain number would mislead: "14.5 million drenn",
    "$9.8 billion" and "22 percent", not "14,500,000", "9,800,000,000" and "22"; a plain count as a
    number ("2,300", also where the sentence writes "2300")."""
    text, start, end = m.source.text, m.quantity.start, m.quantity.end
    span = text[start:end]
    sign = _SHARE_SIGN.match(text[end:])
    written = span + (sign.group(0) if sign else "")
    rest = text[sign.end() + end if sign else end :]
    unit = _unit(m) if "money" in m.kind else ""
    if unit and (told := re.match(rf"\s+{re.escape(unit)}s?\b", rest, re.I)):
        written += told.group(0)
    elif not sign and (measure := _MEASURE_AFTER.match(rest)) and measure.group(1).lower() in _MEASURES:
        # "11.9 km" and "12.6-kilometre", not "11.9" and "12.6"
        written += measure.group(0)
    if written == span and not re.search(r"[A-Za-z]", span):
        return m.quantity.label()
    if start and text[start - 1] in "$€£¥₽₩₹":
        written = text[start - 1] + written
    return written


_MEASURE_AFTER = re.compile(r"[\s-]([A-Za-z]+)\b")
# Units a bare figure would not say (a share's sign is added apart). A length keeps its unit: "14
# days according to one outlet; 17 days according to another" says what "14" would leave to the topic.
_MEASURES = UNITS_OF_MEASURE - frozenset("% percent per".split())
_MEASURE_ASKED = re.compile(r"\bhow\s+(far|high|deep|tall|wide|long|heavy|thick)\b", re.IGNORECASE)
# The words each dimension is told in: a question for one is not about figures told in another.
_DIMENSIONS = {
    "deep": {"deep", "depth"},
    "wide": {"wide", "width", "across", "broad"},
    "long": {"long", "length"},
    "high": {"high", "height", "tall"},
    "tall": {"high", "height", "tall"},
    "thick": {"thick", "thickness"},
}
_ONE_TELLER_ASKED = re.compile(
    r"\baccording\s+to\s+(?!(?:the\s+)?(?:articles?|reports?|sources?|excerpts?|coverage|news)\b)"
    r"|\bas\s+reported\s+by\b",
    re.IGNORECASE,
)


def _other_dimension(asked: str, conflict: list[FigureMention]) -> bool:
    """Whether the conflict's figures are told in another dimension than the one asked ("600 metres
    wide" for "How deep …?"), and never in the one asked."""
    wanted = _DIMENSIONS.get(asked.lower())
    if not wanted:
        return False
    told = {w.lower() for m in conflict for w in re.findall(r"[A-Za-z]+", m.clause)}
    others = set().union(*(words for key, words in _DIMENSIONS.items() if key != asked.lower())) - wanted
    return bool(told & others) and not told & wanted


# ... unless it names a count it asks the size of: "How high was the death toll?"
_COUNT_NAMED = re.compile(r"\b(?:toll|number|figure|count|total|turnout|rate|price|cost|bill|share)\b", re.I)


def describe(conflicts: list[Conflict], outlets: Mapping[str, str] | None = None) -> str:
    """One sentence per conflict, each figure followed by its source and citation marker. The source
    is the outlet when the article names one ("which outlet reported more?" is answered by it), else
    the article's title."""
    outlets = outlets or {}

    def source(c: Citation) -> str:
        outlet = outlets.get(c.article_id)
        return f"{outlet} (“{c.title}”)" if outlet else f"“{c.title}”"

    parts = []
    for conflict in conflicts:
        figures = "; ".join(
            f"{f.value} according to {source(f.citation)} [{f.citation.n}]" for f in conflict.figures
        )
        # "the time the ferry left the harbour" is told as "different times for “the ferry left …”"
        told, _, event = conflict.topic.partition(" ")[2].partition(" ")
        if conflict.topic.startswith("the age of "):
            parts.append(f"The sources give different ages for {conflict.topic[11:]}: {figures}.")
        elif conflict.topic.startswith(("the time ", "the date ")):
            parts.append(f"The sources give different {told}s for “{event}”: {figures}.")
        else:
            parts.append(f"The sources give different figures for “{conflict.topic}”: {figures}.")
    return " ".join(parts)
