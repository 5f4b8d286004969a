"""Checks of one figure of a claim against the cited sentence that need no model and no state:
the stretch of time, plan, measure, unit, currency, rank, age or part the sentence gives it. Each
returns a mismatch ``Verdict``, or None when it has nothing to say."""

from __future__ import annotations

import re

from service.grounding.ages import age_asked_of, ages, is_described, made_ago
from service.grounding.figures import (
    FRAME_WORDS,
    PART_OF,
    UNITS_OF_MEASURE,
    between_figures,
    counted,
    counted_as_rank,
    counted_nouns,
    counted_spans,
    figure_sides,
    measure_unit_at,
    other_unit,
    ranked_only,
    time_unit_at,
    unit_after,
)
from service.grounding.kinds import count_kind, direction
from service.grounding.numbers import currency_at, numbers
from service.grounding.periods import (
    clock_spans,
    different_periods,
    one_day_told,
    period_at,
    period_hours,
)
from service.grounding.verdicts import Verdict
from service.grounding.words import (
    CLAUSE_BREAK,
    content_terms,
    is_past,
    is_plural,
    stem,
)

# A claim that gives a number as someone's figure or estimate, not as a thing done.
_AS_FIGURE = re.compile(
    r"\b(?:figures?|estimates?|estimated|puts?|put it|projects?|projected|forecasts?)\b", re.IGNORECASE
)

# A verb telling what was done: an auxiliary, a past in -ed, or an irregular past ("sent").
_TELLS_DONE = re.compile(
    r"\b(?:has|have|had|was|were|did|[a-z]{3,}ed|met|sent|led|held|made|took|gave|built|paid|brought|fought"
    r"|began|spent|lost|won|cut|hit|kept|left|put|sold|told|said|went|came|saw|ran|fell|rose|grew)\b",
    re.IGNORECASE,
)

_AGE_UNITS = frozenset("years months weeks days decades".split())


def _is_share(unit: str) -> bool:
    return unit in ("%", "percent", "per")


# "was one of 15 at the site": the figure after it is the whole, and what the sentence says before
# it is said of the one.
_ONE_OF = re.compile(
    r"\b(?:(?:is|was|are|were)\s+)(?:one|each|either|neither)\s+of\s+(?:the\s+|its\s+|their\s+)?$", re.I
)

ANYONE = frozenset("man woman person boy girl child men women people".split())

_OF_THE = re.compile(r"\s+of\s+(?:the|its|their)\b", re.I)

_WHOLE_BEFORE = re.compile(r"\bof\s+(?:the|its|their)\s+$", re.I)

_ALL_OF = re.compile(r"\ball\s+of\s+(?:the|its|their)\s+$", re.I)

# A share of a whole given before it: "*about a third* of the mine's 900 employees" (not a
# comparison: "6,000 euros, less than half of the 15,000 asked for").
_SHARE_BEFORE = re.compile(
    r"(?<!than\s)\b(?P<share>(?:an?|one|two|three)[\s-]+(?:half|third|quarter|fifth|tenth)s?|half|two-thirds"
    r"|three-quarters|most|(?:the\s+)?majority|(?:a\s+)?minority)\s+of\s+(?:(?:the|its|their|his|her)\s+)?"
    r"(?:[\w’'-]+['’]s?\s+)?$",
    re.IGNORECASE,
)


def periods_verdict(claim: str, source: str, asked: str) -> Verdict | None:
    """A mismatch when a claimed figure covers another stretch of time in the source than the
    claim or its question says ("96 millimetres in the 24 hours before" for "in four days")."""
    wanted = [p for p in (period_hours(claim), period_hours(asked)) if p is not None]
    if not wanted:
        if one_day_told(asked or claim):
            # "How many were diverted on Monday?" is not answered by "640 … in the first week".
            wanted = [24.0]
        else:
            return None
    claimed = {v for v, _, _ in numbers(claim)}
    for value, start, end in numbers(source):
        stated = period_at(source, start, end)
        if value in claimed and any(different_periods(w, stated) for w in wanted):
            return Verdict(False, f"{value:g} covers another stretch of time in the source")
    return None


# "the same 1,270 centres *in which the original paper was sat*": a relative clause that tells
# what was done with the counted things, whatever the sentence's own verb plans for them.
_DONE_WITH = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,2}?(?:(?:in|at|on|from|by|to|of|for|with)\s+)?(?:which|whom|where|who|that)\b"
    r"(?P<clause>[^.;]*)",
    re.IGNORECASE,
)


def _done_with(source: str, value: float, claim: str) -> bool:
    """Whether the source tells, in a relative clause after the figure, a done act whose verb the
    claim names ("sat" in "At how many centres was the paper sat?"; hyphened words whole: a
    "re-sit" is no sitting)."""
    said = {stem(w.lower()) for w in re.findall(r"[\w’']+(?:-[\w’']+)*", claim)}
    for v, _, _, _, end in counted(source):
        told = _DONE_WITH.match(source[end:]) if v == value else None
        if told is None:
            continue
        words = re.findall(r"[\w’']+", told.group("clause").lower())
        if {stem(w) for w in words if is_past(w)} & said:
            return True
    return False


def _figures_told_as(kind: str, source: str) -> set[float]:
    """The source's figures that the words next to them tell as ``kind`` ("plan", "limit")."""
    return {
        v for v, left, right in figure_sides(source, FRAME_WORDS) if kind in count_kind(f"{left} {right}")
    }


def plans_verdict(claim: str, source: str, asked: str = "") -> Verdict | None:
    """A mismatch when the source gives a figure as planned or pledged ("envisages sending up to
    5,000") and the claim states it as done ("has sent up to 5,000"). The source's words next to
    the figure say so ("plans to resume flights suspended for three decades" plans no decades).
    A claim with no verb of its own ("About 400,000 kronor a day.") answers its question's
    "How much will the company lose …?" and states nothing done."""
    if "plan" in count_kind(asked) and not _TELLS_DONE.search(claim):
        return None
    planned = _figures_told_as("plan", source)
    for value, around in between_figures(claim):
        # "The NIS figure for personnel going to Russia is 5,000" reports the figure, not a deed.
        if value in planned and "plan" not in count_kind(around) and not _AS_FIGURE.search(around):
            if _done_with(source, value, around):
                continue  # "At how many centres was the paper sat?": the clause tells that, done
            return Verdict(False, f"{value:g} is planned in the source, not done")
    return None


def limits_verdict(claim: str, source: str, asked: str) -> Verdict | None:
    """A mismatch when the claim answers a question with a figure the source gives as a limit
    ("capped its liability at 2.5 million lorins") and the question asks for no bound: "What is
    the value of the contract?" is not answered by the cap on what it pays out."""
    if not asked or "limit" in count_kind(asked) or _ASKS_BOUND.search(asked):
        return None
    limits = _figures_told_as("limit", source)
    for value, _, _ in numbers(claim):
        if value in limits:
            shown = f"{value:,.0f}" if value.is_integer() else f"{value:,}"
            return Verdict(False, f"{shown} is a limit in the source, not what was asked")
    return None


# A question that asks for a bound, a capacity or a need: "How much could …", "How many does the
# hall hold?", "How many signatures does the petition need?".
_ASKS_BOUND = re.compile(
    r"\b(?:could|can|may|might|most|least|up\s+to|caps?|ceiling|need|needed|requires?|required|hold"
    r"|capacity|allowed|permitted|fit|liab\w*)\b",
    re.IGNORECASE,
)


def measures_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim counts things with a figure the source gives as a measure:
    "The train was carrying 95 passengers", cited to "… travelling at 95 km/h"."""
    measured: dict[float, set[str | None]] = {}
    for value, _, right in figure_sides(source, None):
        measured.setdefault(value, set()).add(unit_after(right))
    for value, _, right in figure_sides(claim, None):
        counted = unit_after(right)
        units = measured.get(value, set())
        told = sorted(u for u in units if u)
        if (
            counted
            and counted not in UNITS_OF_MEASURE
            and is_plural(counted)
            and units
            and None not in units
            and all(u in UNITS_OF_MEASURE for u in told)
            and counted not in told
        ):
            return Verdict(False, f"{value:g} measures {told[0]} in the source, not {counted}")
        if (
            counted
            and told
            and None not in units
            and (_is_share(counted) or counted == "times")
            and all(u in UNITS_OF_MEASURE | {"times"} and _is_share(u) != _is_share(counted) for u in told)
        ):
            # "By 3 percent.", cited to "rose to three times the safe limit": a share is no
            # multiple, nor any other measure.
            return Verdict(False, f"{value:g} is {told[0]} in the source, not {counted}")
    return None


def clock_only_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when a claimed count is in the source only as a time of day: "stay shut for at
    least 11 days", cited to "… keep their windows shut until 11 a.m."."""
    clocks = clock_spans(source)
    for value, _, _ in figure_sides(claim, None):
        found = [(s, e) for v, s, e in numbers(source) if v == value]
        if found and all(any(a <= s and e <= b for a, b in clocks) for s, e in found):
            return Verdict(False, f"the source gives {value:g} only as a time of day")
    return None


def one_of_verdict(claim: str, framed: str, source: str) -> Verdict | None:
    """A mismatch when the claim gives a whole the act of the one the source says is part of it:
    "15 tanks leaked", cited to "… the leaking tank was one of 15 at the site"."""
    claimed = {v for v, _, _ in figure_sides(claim, None)}
    for value, start, _ in numbers(source):
        if value not in claimed or not (one := _ONE_OF.search(source[:start])):
            continue
        said = CLAUSE_BREAK.split(source[: one.start()])[-1].split()
        # What is said of the one, less its own noun ("the *leaking* tank was"): the act.
        act = {stem(t) for t in content_terms(" ".join(said[:-1]))}
        if act & {stem(t) for t in content_terms(framed)}:
            return Verdict(False, f"the source says that of one of the {value:g}")
    return None


def direction_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim moves a figure the other way than its source: "Ridership rose
    12 percent", cited to "Ridership … fell 12 percent"."""
    moved: dict[float, set[str]] = {}
    for value, left, right in figure_sides(source, FRAME_WORDS):
        moved.setdefault(value, set()).add(direction(f"{left} {right}"))
    for value, left, right in figure_sides(claim, FRAME_WORDS):
        way = direction(f"{left} {right}")
        told = moved.get(value, set())
        if way and told and way not in told and "" not in told:
            return Verdict(False, f"the source says {value:g} went {next(iter(told))}, not {way}")
    return None


def whole_as_part_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim gives as a part ("46 of the operations") the figure the source
    gives only as the whole ("19 of the 46 cancelled operations were cancer surgeries")."""
    for value, _, end in numbers(claim):
        if not _OF_THE.match(claim, end):
            continue
        as_part = any(v == value and _OF_THE.match(source, e) for v, _, e in numbers(source))
        as_whole = any(
            v == value and _WHOLE_BEFORE.search(source, 0, s) and not _ALL_OF.search(source, 0, s)
            for v, s, _ in numbers(source)
        )
        if as_whole and not as_part:
            return Verdict(False, f"the source gives {value:g} as the whole, not a part of it")
    return None


def share_of_whole_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim says of a whole what the source says of a share of it: "900
    people live in Ostrell", cited to "About a third of the mine's 900 employees live in
    Ostrell". (That the mine has 900 employees, the sentence does say.)"""
    sides = figure_sides(source, None)
    heads = counted_nouns(sides)
    shares = {
        value: (m.group("share"), {stem(t) for t in content_terms(right)} - heads.get(value, set()))
        for value, left, right in sides
        if (m := _SHARE_BEFORE.search(left))
    }
    if not shares:
        return None
    for value, left, right in figure_sides(claim, None):
        if value not in shares or _SHARE_BEFORE.search(left):
            continue
        share, predicate = shares[value]
        if {stem(t) for t in content_terms(f"{left} {right}")} & predicate:
            return Verdict(False, f"the source says that of {share.lower()} of the {value:g}")
    return None


def time_unit_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim gives a length of time in another unit than its source gives
    that figure in: "about three months", cited to "expected to take about three weeks"."""
    found = other_unit(claim, source, counted_spans, time_unit_at)
    if found is None:
        return None
    value, said, told = found
    return Verdict(False, f"the source gives {value:g} {told}s, not {said}s")


def ranks_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when a rank stands for a count or a count for a rank: "for about three days",
    cited to "the third day of the search"; "the fourth engine", cited to "one of its four
    engines"."""
    if ranked := ranked_only(claim, source):
        return Verdict(False, f"the source gives {ranked}, not a length of time")
    if counted := counted_as_rank(claim, source):
        return Verdict(False, f"the source gives {counted}, a count, not a rank")
    return None


def ages_verdict(claim: str, source: str, asked: str = "") -> Verdict | None:
    """A mismatch when the claim gives an age ("It is 18 months old", "Solvik is 52") that the
    source tells of no one: not as an age ("Captain Mira Solvik, 52,") nor as the time since
    something was made ("built 31 years ago"). "The engine was fitted 18 months ago" says how
    long the engine has been in, not how old the aircraft is. Asked how old someone is, the
    answer's figure must be the age of the one asked about: "58." for "How old is the plant
    manager?", cited to "Mayor Helena Strand, 58, said …", is the mayor's."""
    if wanted := age_asked_of(asked):
        given = {v for v, _, _ in numbers(claim)}
        # ("A 45-year-old man" may be the one asked about, by another name.)
        theirs = [a for a in ages(source) if a.years in given and a.whose not in ANYONE]
        if theirs and not any(is_described(source, a.whose, wanted, a.start) for a in theirs):
            return Verdict(False, f"the source gives {theirs[0].years:g} as the age of {theirs[0].whose}")
        as_ages = {a.years for a in ages(source, owned=False)} | (made_ago(source) or set())
        # (a figure the sentence gives as a count of things: "49 people on board")
        counts = {
            v
            for v, _, right in figure_sides(source, None)
            if v in given and (u := unit_after(right)) and is_plural(u) and u not in _AGE_UNITS
        }
        if counts and not counts & as_ages:
            # "49." for "How old was the driver?", cited to "The coach had 49 people on board".
            return Verdict(False, f"the source gives {min(counts):g} as no age")
    claimed = {a.years for a in ages(claim, owned=False)}
    if not claimed:
        return None
    made = made_ago(source)
    if made is None:
        return None  # "built in 1994": the age depends on today's date
    told = {a.years for a in ages(source, owned=False)} | made
    if missing := sorted(claimed - told):
        return Verdict(False, f"the source tells no age of {missing[0]:g} years")
    return None


def measure_unit_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim gives a figure in another unit of measure than its source gives
    it in: "1.8 kilometres", cited to "raised the river by 1.8 metres" (a unit has no synonym;
    "km" and "kilometres" are one)."""
    found = other_unit(claim, source, counted_spans, measure_unit_at)
    if found is None:
        return None
    value, _, told = found
    return Verdict(False, f"the source gives {value:g} {told}")


def currency_verdict(claim: str, source: str) -> Verdict | None:
    """A mismatch when the claim gives a sum in another currency than its source gives that
    figure in: "2.5 million dollars", cited to "The hackers demanded 2.5 million euros"."""
    found = other_unit(claim, source, numbers, currency_at)
    if found is None:
        return None
    value, said, told = found
    return Verdict(False, f"the source gives {value:g} in {told}s, not {said}s")


def parts_verdict(claim: str, source: str, framed: str) -> Verdict | None:
    """A mismatch when the claim gives a part as a count of the whole: "Three people were
    injured", cited to "three of the injured were in serious condition". What the source says of
    the part ("in serious condition") is what the figure counts, and the claim (or, for a short
    answer, its question: ``framed``) must say it."""
    told = {}
    for value, _, right in figure_sides(source, None):
        m = PART_OF.match(right)
        if (
            m
            and not re.match(r"\s*\d", m.group("said"))
            and (said := {stem(t) for t in content_terms(m.group("said"))})
        ):
            told[value] = (m.group("whole"), said)
    for value, _, right in figure_sides(claim, None):
        if value not in told or PART_OF.match(right):
            continue  # a claim that keeps "of the injured" says the part is one
        whole, said = told[value]
        if not said & {stem(t) for t in content_terms(framed)}:
            return Verdict(False, f"{value:g} is a part of {whole} in the source")
    return None


# "What was the turnout …?", "What is the club's membership …?": the noun a what-question asks the
# figure of.
_WHAT_NOUN = re.compile(
    r"^\W*what\s+(?:was|is|were|are|will\s+be)\s+(?:the\s+)?(?:[\w’'-]+['’]s\s+)?([a-z][\w-]*)\b", re.I
)


def asked_noun_verdict(question: str, claim: str, source: str) -> Verdict | None:
    """A mismatch when a bare figure answers "What was the <noun>?" and the source gives that noun
    beside another of its figures only ("81%." for "What was the turnout?", cited to "81 per cent
    voted in favour on a turnout of 67 per cent"); None otherwise."""
    asked = _WHAT_NOUN.match(question)
    claimed = {v for v, _, _ in numbers(claim)}
    if not asked or not claimed:
        return None
    noun = stem(asked.group(1).lower())
    holders = {
        value
        for value, left, right in figure_sides(source, 3)
        if noun in {stem(w.lower()) for w in re.findall(r"[\w’'-]+", f"{left} {right}")}
    }
    if holders and not holders & claimed:
        return Verdict(False, f"the source gives the {asked.group(1).lower()} as {min(holders):g}")
    return None


# Words that say which figure of a thing is meant: "the *average* salary" is not "the *starting* salary".
_WHICH_FIGURE = (
    # (not "monthly" or "annual": "a month" and "a year" say those)
    "average|mean|median|typical|starting|entry-level|basic|base|minimum|maximum|top|peak|total|net|gross"
)
_QUALIFIER = re.compile(rf"\b({_WHICH_FIGURE})\s+((?:[a-z][\w-]*\s*){{1,2}})", re.IGNORECASE)
_NOT_NOUNS = frozenset("of for in to at on a an the and or by from with".split())


def _qualified(text: str) -> set[tuple[str, str]]:
    """(qualifier, noun stem) for each word of the two after a qualifier, up to a function word:
    "average monthly salary" gives average/monthly and average/salary."""
    found = set()
    for m in _QUALIFIER.finditer(text):
        for word in m.group(2).split():
            if word.lower() in _NOT_NOUNS:
                break
            found.add((m.group(1).lower(), stem(word.lower())))
    return found


def qualified_verdict(asked: str, source: str) -> Verdict | None:
    """A mismatch when the question asks one figure of a thing ("the average monthly salary") and the
    source gives another of it ("a starting salary of 2,940 a month") and never the one asked; None
    otherwise."""
    told = _qualified(source)
    said = {w.lower() for w in re.findall(r"[\w-]+", source)}
    given = {w.lower() for w in re.findall(r"[\w-]+", asked)}
    for which, noun in sorted(_qualified(asked)):
        # ("the monthly starting salary" gives "starting" too: the source's "starting" is asked)
        others = sorted(w for w, n in told if n == noun and w != which and w not in given)
        if which not in said and others:
            return Verdict(False, f"the source gives the {others[0]} figure, not the {which}")
    return None
