"""When a figure holds: "96 millimetres in the 24 hours before the failure" is not "212 millimetres
between Friday and Monday" (another stretch of time), and "97 percent on Monday evening" is not "81
percent by Friday morning" (another moment) — neither pair is one count told two ways.

The moment is the one the figure's own part of the sentence gives, not when someone spoke: "said on
Friday that 39 had died" dates the statement, and two outlets' tolls stated on different days may
well disagree about one thing.
"""

from __future__ import annotations

import re

from service.grounding.numbers import numbers
from service.grounding.words import content_terms, stem
from service.text import MONTH, YEAR

_UNIT_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "night": 24.0, "week": 168.0, "month": 730.0}
_UNIT_HOURS["year"] = 8760.0
_DURATION = re.compile(
    r"\b(?:in|over|during|within|for|across|after|of)\s+(?:the\s+|a\s+)?"
    r"(?:past\s+|last\s+|first\s+|previous\s+|preceding\s+|next\s+|following\s+)?"
    r"(?P<n>[\w.-]+)\s*-?\s*(?P<unit>minute|hour|day|night|week|month|year)s?\b"
    r"|\b(?P<n2>[\w.-]+)\s+(?P<unit2>minute|hour|day|night|week|month|year)s?\s+of\b",
    re.IGNORECASE,
)
_DAILY = re.compile(r"\b(daily|in a single day|in one day|a day's|24-hour)\b", re.IGNORECASE)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A month a figure is told for ("prices rose 12 percent in March"): a moment, like a day.
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
_SPAN = re.compile(
    r"\b(?:between|from)\s+(?P<a>" + "|".join(_DAYS) + r")\b.{0,20}?\b(?:and|to|until|through|till)\s+"
    r"(?P<b>" + "|".join(_DAYS) + r")\b",
    re.IGNORECASE,
)
# Lengths this close are the same stretch told two ways ("four days", "Friday to Monday").
SAME_LENGTH = 1.5


def period_hours(text: str) -> float | None:
    """The length of time ``text`` says a figure covers, in hours, or None when it says none."""
    span = _SPAN.search(text)
    if span:
        a, b = _DAYS.index(span.group("a").lower()), _DAYS.index(span.group("b").lower())
        return 24.0 * ((b - a) % 7 + 1)  # both days counted: "Friday to Monday" is four days
    for m in _DURATION.finditer(text):
        n_text, unit = (m.group("n"), m.group("unit")) if m.group("n") else (m.group("n2"), m.group("unit2"))
        n = 1.0 if n_text.lower() in ("a", "an", "one", "single") else _value(n_text)
        if n is not None:
            return n * _UNIT_HOURS[unit.lower()]
    if _DAILY.search(text):
        return 24.0
    return None


_PART = re.compile(r"[;:,]\s|\s[—–]\s|\.\s")


def period_at(text: str, start: int, end: int) -> float | None:
    """The length of time stated in the part of ``text`` (between commas, semicolons, dashes) that
    holds the figure at ``start:end`` — "between Friday and Monday" belongs to the figure before it."""
    cuts = [0] + [m.end() for m in _PART.finditer(text)] + [len(text)]
    left = max(c for c in cuts if c <= start)
    right = min((m.start() for m in _PART.finditer(text) if m.start() >= end), default=len(text))
    return period_hours(text[left:right])


_WHEN = re.compile(
    r"\b(?:on|by|until|till|as of|since|in)\s+(?:the\s+)?(?P<day>" + "|".join(_DAYS + _MONTHS) + r")\b",
    re.IGNORECASE,
)
_SAID = re.compile(r"\b(?:said|says|announced|told|reported|confirmed|stated)\s+$", re.IGNORECASE)


# One day a figure is put on ("diverted on Monday", "on September 7"), not a day someone spoke on.
_ON_ONE_DAY = re.compile(
    r"\bon\s+(?:the\s+)?(?:(?:(?:first|second|third|last|next|following)\s+)?(?:"
    + "|".join(_DAYS)
    + r")\b|(?:"
    + "|".join(_MONTHS)
    + r")\s+\d{1,2}\b"
    r"|\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\b)",
    re.IGNORECASE,
)


def _days_put_on(text: str) -> list[re.Match[str]]:
    """Each "on <day>" of ``text`` that puts what it tells on that day, not the day someone spoke
    ("said on Monday that …") nor the day of an event it counts from ("since the quake struck on
    Monday")."""
    return [
        m
        for m in _ON_ONE_DAY.finditer(text)
        if not _SAID.search(text[: m.start()])
        and not _FROM_EVENT.search(re.split(r"[,;]", text[: m.start()])[-1])
    ]


def one_day_told(text: str) -> bool:
    """Whether ``text`` puts what it tells on one day ("How many were diverted on Monday?")."""
    return bool(_days_put_on(text))


def asked_day_unlike(asked: str, source: str) -> str:
    """The other weekday a source gives a count for, when a how-many question puts its count on a
    weekday the source never names ("How many came on the first Saturday after it reopened?" —
    "6,300 people came through on Tuesday"), or ""."""
    if not re.match(r"^\W*how\s+(?:many|much|long|far|deep|high)\b", asked, re.IGNORECASE):
        return ""
    told = source.lower()
    # ("How long was the tunnel by Thursday evening?" puts it on Thursday as "on Thursday" does)
    for m in [*_days_put_on(asked), *_BY_DAY.finditer(asked)]:
        day = next((d for d in _DAYS if d in m.group(0).lower()), "")
        if day and day not in told and (other := next((d for d in _DAYS if d in told), "")):
            return other.capitalize()
    return ""


_BY_DAY = re.compile(r"\bby\s+(?:the\s+)?(?:" + "|".join(_DAYS) + r")\b", re.IGNORECASE)
_FROM_EVENT = re.compile(r"\b(?:since|after|before|when|until|following)\b", re.IGNORECASE)


def moment_at(text: str, start: int, end: int) -> str | None:
    """The day of the week (or month) the part of ``text`` holding the figure at ``start:end`` puts
    it on ("on Monday evening", "by Friday morning", "in March"), unless that day only dates a
    statement."""
    cuts = [0] + [m.end() for m in _PART.finditer(text)] + [len(text)]
    left = max(c for c in cuts if c <= start)
    right = min((m.start() for m in _PART.finditer(text) if m.start() >= end), default=len(text))
    for m in _WHEN.finditer(text, left, right):
        if not _SAID.search(text[left : m.start()]):
            return m.group("day").lower()
    return None


def _value(text: str) -> float | None:
    found = numbers(text)
    return found[0][0] if found else None


def different_periods(a: float | None, b: float | None) -> bool:
    """Whether two stated lengths of time are plainly different (unknown is never different)."""
    if a is None or b is None or min(a, b) <= 0:
        return False
    return max(a, b) / min(a, b) > SAME_LENGTH


_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:[:.](?P<m>\d{2}))?\s*(?P<half>a\.?m\b\.?|p\.?m\b\.?|o['’]clock\b)"
    r"|\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b|\b(?P<word>noon|midday|midnight)\b",
    re.IGNORECASE,
)
_HOUR_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()


def clock_times(text: str) -> set[tuple[int, int]]:
    """The times of day ``text`` gives, as (hour 0-23, minute): "about 4 a.m." → (4, 0), "16:30" →
    (16, 30), "noon" → (12, 0). A time said with "o'clock" may be either half of the day: both."""
    found: set[tuple[int, int]] = set()
    for m in _CLOCK.finditer(text):
        if m.group("word"):
            found.add((0, 0) if m.group("word").lower() == "midnight" else (12, 0))
            continue
        if m.group("h24"):
            found.add((int(m.group("h24")) % 24, int(m.group("m24"))))
            continue
        raw = m.group("h").lower()
        hour = _HOUR_WORDS.index(raw) + 1 if raw in _HOUR_WORDS else int(raw)
        minute = int(m.group("m") or 0)
        half = m.group("half").lower()
        if half.startswith("p"):
            found.add(((hour % 12) + 12, minute))
        elif half.startswith("a"):
            found.add((hour % 12, minute))
        else:
            found |= {(hour % 12, minute), ((hour % 12) + 12, minute)}
    return found


def clock_windows(text: str) -> list[tuple[float, float, int, int]]:
    """Each time of day ``text`` gives, as the window of minutes after midnight it allows and where
    it is told, hedge included: (low, high, start, end). "7:40 p.m." → (1180, 1180); "about 3 a.m."
    → (160, 200); "shortly before midnight" → (1400, 1440). A time said with "o'clock" may be either
    half of the day, and is left out."""
    found = []
    for m in _CLOCK.finditer(text):
        if m.group("half") and m.group("half").lower().startswith("o"):
            continue
        (hour, minute), *_ = clock_times(m.group(0))
        centre, half = float(hour * 60 + minute), 0.0
        start = m.start()
        if hedge := _HEDGE.search(text, 0, m.start()):
            start = hedge.start()
            if hedge.group("side"):
                half = HEDGE_MINUTES
                centre += -half if hedge.group("side").lower() == "before" else half
            else:
                half = HEDGE_MINUTES
        centre %= MINUTES_A_DAY
        found.append((centre - half, centre + half, start, m.end()))
    return found


def windows_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two times of day (windows of minutes after midnight, low and high) can be the same
    moment, across midnight too ("shortly before midnight" and "00:10")."""
    gap = abs((a[0] + a[1]) - (b[0] + b[1])) / 2 % MINUTES_A_DAY
    return min(gap, MINUTES_A_DAY - gap) <= ((a[1] - a[0]) + (b[1] - b[0])) / 2


MINUTES_A_DAY = 1440
# How far a hedged time ("about 3 a.m.", "shortly after 2 a.m.") may be from the hour it names.
HEDGE_MINUTES = 20.0
_HEDGE = re.compile(
    r"(?:\b(?:about|around|approximately|roughly|some|circa|nearly|almost)"
    r"|\b(?:shortly|just|soon|minutes)\s+(?P<side>before|after))\s+(?:at\s+)?$",
    re.IGNORECASE,
)


# "3 October", "October 3", "the 3rd of October", with a year after it or not.
_DATE = re.compile(
    r"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>" + "|".join(_MONTHS) + r")"
    r"|(?P<m2>"
    + "|".join(_MONTHS)
    + r")\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)


def date_spans(text: str) -> list[tuple[float, int, int]]:
    """Each day of the year ``text`` gives ("on 3 October"), as its number in the year (months
    read as 31 days) and where it is told. A year given with it is left out: two outlets dating one
    event seldom disagree on the year."""
    found = []
    for m in _DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2"))
        month = _MONTHS.index((m.group("m1") or m.group("m2")).lower())
        if 1 <= day <= 31:
            found.append((float(month * 31 + day), m.start(), m.end()))
    return found


def clock_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` gives a time of day ("7:40 p.m."): its figures are no counts."""
    return [m.span() for m in _CLOCK.finditer(text) if not m.group("word")]


def calendar_days(text: str) -> set[tuple[int, str]]:
    """The days of a month ``text`` gives, as (day, first three letters of the month): "28
    February", "February 28th" and "the 28th of February" are all (28, "feb")."""
    return {
        (int(m.group("day") or m.group("day2")), month[:3].lower())
        for m in _CALENDAR_DAY.finditer(text)
        if (month := m.group("month") or m.group("month2"))[0].isupper()
    }


_CALENDAR_DAY = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}"
    rf"|{MONTH.replace('?P<month>', '?P<month2>')}\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)",
    re.IGNORECASE,
)


# A figure told for the opening stretch of an event only: "in the first six hours", "for the first week".
FIRST_STRETCH = re.compile(
    r"\b(?:in|during|over|within|for)\s+(?:the\s+|its\s+)?first\s+(?:[\w-]+\s+){0,2}?"
    r"(?:minutes?|hours?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)


def years_told(text: str, published: int | None) -> set[int]:
    """The years ``text`` tells of: by number, or counted back from ``published``, the year it was
    written in ("last year", "five years ago")."""
    told = {int(y) for y in YEAR.findall(text)}
    if published is not None:
        told |= {published - back for back in _years_back(text)}
        if _LAST_MONTH.search(text):
            # "fined … last November": the year before, or the same one, by when it was written
            told |= {published - 1, published}
    return told


def _years_back(text: str) -> set[int]:
    """How many years before its writing a text counts back: 1 for "last year", 5 for "five years ago"."""
    back = {1} if _LAST_YEAR.search(text) else set()
    for m in _YEARS_AGO.finditer(text):
        back |= {int(v) for v, _, _ in numbers(m.group(1)) if v.is_integer()}
    return back


_LAST_MONTH = re.compile(r"\blast\s+(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(?:last|previous)\s+year\b|\ba\s+year\s+(?:ago|earlier|before)\b", re.I)
_YEARS_AGO = re.compile(r"\b(\w+)\s+years\s+(?:ago|earlier|before)\b", re.I)


def another_rank(claim: str, source: str, asked: str) -> str:
    """The rank the source gives ("the second strike") when it lacks the one the claim, or its
    question, gives ("the first strike"), or ""."""
    said = [m.group(1).lower() for m in _RANK.finditer(source)]
    claimed = {m.group(1).lower() for m in _RANK.finditer(f"{asked} {claim}")}
    if not said or not claimed or claimed & set(said):
        return ""
    return f"the {said[0]}"


def another_stage(claim: str, source: str, asked: str) -> str:
    """The stage the source gives ("its preliminary findings") when the claim, or its question,
    gives the other ("its final report"), and the source never gives that one; or ""."""
    told = {_STAGE_OF[m.group(1).lower()]: m.group(0).lower() for m in _STAGE.finditer(source)}
    claimed = {_STAGE_OF[m.group(1).lower()] for m in _STAGE.finditer(f"{asked} {claim}")}
    if len(claimed) != 1 or not told or claimed & set(told):
        return ""
    return f"the {next(iter(told.values()))}"


# An early and a last version of the same thing: a preliminary report is not the final one.
_STAGE_OF = dict.fromkeys(("preliminary", "interim", "provisional", "draft"), "early") | {"final": "final"}
_STAGE = re.compile(r"\b(preliminary|interim|provisional|draft|final)\s+[a-z][\w-]*", re.IGNORECASE)


def an_earlier_one(claim: str, source: str, asked: str) -> str:
    """An earlier one of the thing asked about that the source tells of ("The dockers' last strike,
    in 2014, lasted four days" for "How long did the strike last?"), when neither the claim nor its
    question asks of an earlier one: "the previous strike", or ""."""
    framed = f"{asked} {claim}"
    wanted = {stem(t) for t in content_terms(framed)}
    for m in _EARLIER.finditer(source):
        which, noun = (m.group("which") or m.group("which2")).lower(), m.group("noun") or m.group("noun2")
        if stem(noun.lower()) in wanted and not re.search(rf"\b{which}\s+{re.escape(noun)}", framed, re.I):
            return f"the {which} {noun}"
    return ""


# "the dockers' last strike", "its previous record", "an earlier inquiry": one before the one in the
# news ("the last train" may be the final one, so "last" only after a possessive).
_EARLIER = re.compile(
    r"(?:\b(?:its|their|his|her)\s+|[\w’'-]+(?:['’]s|s['’])\s+)(?P<which>last)\s+(?P<noun>[a-z][\w-]*)"
    r"|\b(?:the|its|their|his|her|an?)\s+(?P<which2>previous|earlier|prior)\s+(?P<noun2>[a-z][\w-]*)",
    re.IGNORECASE,
)


_RANK = re.compile(
    r"\b(?:the|its|their|a|his|her)\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
    r"(?!\s+time\b)",
    re.IGNORECASE,
)


def another_month_framed(question: str, source: str) -> str:
    """A day or month the source gives in the very words the question gives another in ("the first
    week of October" for "the first week of November"), or ""."""
    for m in NAMED_DAY.finditer(question):
        if m.group(0) in source:
            continue
        before = re.findall(r"[\w’'-]+", question[: m.start()])[-2:]
        if len(before) < 2:
            continue
        framed = re.search(
            rf"\b{re.escape(before[0])}\s+{re.escape(before[1])}\s+({NAMED_DAY.pattern})", source
        )
        if framed and framed.group(1) != m.group(0):
            return " ".join([*before, framed.group(1)])
    return ""


def another_day(claim: str, source: str, asked: str) -> str:
    """A day or month the cited sentence gives when it lacks the one the claim gives ("" if none).
    A day the question gives ("when the mayor spoke on Friday") places the claim; it is not its date."""
    said = [m.group(0) for m in NAMED_DAY.finditer(source)] + [
        m.group(0) for m in _RELATIVE_DAY.finditer(source)
    ]
    claimed = {m.group(0) for m in NAMED_DAY.finditer(claim)} - {
        m.group(0) for m in NAMED_DAY.finditer(asked)
    }
    if not said or not claimed or claimed & set(said):
        return ""
    return said[0]


# A time told without a name: "Union members will vote on it next month" dates the vote.
_RELATIVE_DAY = re.compile(
    r"\b(?:(?:next|last|this|later this|earlier this)\s+(?:week|month|year|weekend)|tomorrow|yesterday|today"
    r"|tonight)\b",
    re.IGNORECASE,
)


# Days and months as written in a date, capitalised: "may" and "march" are also verbs.
NAMED_DAY = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
