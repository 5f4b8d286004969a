"""Dates in article sentences, resolved against the article's publication date.

"June 18, 2024" is a day; "October 2024" a month; "in 2022" a year; "since 2020" is background, not
an event date; "March 15" or "in April" take
the year of publication (the year before, if that would put them after publication); "on Tuesday"
means the publication date when that is known to the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from service.text import MONTH, WEEKDAY

Precision = Literal["day", "month", "year"]
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = MONTH
_PATTERNS: list[tuple[re.Pattern[str], Precision]] = [
    (re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d\d)\b", re.I), "day"),
    (re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)\b", re.I), "day"),
    (re.compile(_MONTH + r"\s+(?P<year>(?:19|20)\d\d)\b", re.I), "month"),
    (re.compile(r"\b(?:on\s+)?(?P<day>\d{1,2})\s+" + _MONTH + r"\b", re.I), "day"),
    (re.compile(r"\bon\s+" + _MONTH + r"\s+(?P<day>\d{1,2})\b", re.I), "day"),
    (re.compile(r"\b(?:in|early|late|mid-?)\s+" + _MONTH + r"\b", re.I), "month"),
    (re.compile(r"\b(?:in|of|year)\s+(?P<year>(?:19|20)\d\d)\b", re.I), "year"),
]
# "since 2020", "in service since 1998", "for years before 2022": background, not when anything happened.
_BACKGROUND = re.compile(r"\b(?:since|until|till|before|prior to|as of|as early as|by)\s+(?:the\s+)?$", re.I)
# A sentence about what is to come: its date without a year is the next one, not the last.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|is to|are to|is due|are due|scheduled|planned|plans? to|expected to)\b", re.I
)
_WEEKDAY = re.compile(rf"\bon\s+({WEEKDAY})\b", re.I)
# Day names in the order ``date.weekday()`` counts them, Monday as 0.
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class EventDate:
    """A resolved date and how precisely the text gives it."""

    date: dt.date
    precision: Precision

    def iso(self) -> str:
        if self.precision == "day":
            return self.date.isoformat()
        return f"{self.date:%Y-%m}" if self.precision == "month" else f"{self.date:%Y}"


def _month(text: str) -> int:
    return _MONTHS[text.lower()[:3]]


def find_date(sentence: str, published: dt.date | None, published_precision: Precision) -> EventDate | None:
    """The first date the sentence states, or None. Without a publication date, a date without a
    year and a bare weekday cannot be placed, so they are not dates here."""
    for pattern, precision in _PATTERNS:
        m = next(
            (m for m in pattern.finditer(sentence) if not _BACKGROUND.search(sentence[: m.start()])), None
        )
        if not m:
            continue
        groups = m.groupdict()
        month = _month(groups["month"]) if groups.get("month") else 1
        day = int(groups["day"]) if groups.get("day") else 1
        if groups.get("year"):
            year = int(groups["year"])
        elif published is None:
            continue
        elif precision == "day" and (weekday := _weekday_before(sentence, m.start())) is not None:
            # "Tuesday, 17 February": the year, near publication, in which that day is a Tuesday.
            year = _year_of_weekday(published, month, day, weekday)
        elif _FUTURE.search(sentence):  # "will begin in June": the first such date from publication on
            year = published.year if (month, day) >= (published.month, published.day) else published.year + 1
        else:
            # No year: the latest such date not after publication, unless that is most of a year
            # back while the date falls within weeks after it ("closed until at least 7 March" in a
            # report of 17 February is the coming March, not the last one).
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
            ahead = _safe_date(published.year, month, day)
            if precision == "day" and ahead is not None and 0 < (ahead - published).days <= _SOON_DAYS:
                year = published.year
        if (when := _safe_date(year, month, day)) is not None:
            return EventDate(when, precision)
    weekday_told = _WEEKDAY.search(sentence)
    if weekday_told and published is not None and published_precision == "day":
        # "on Tuesday" in a report is the last Tuesday up to its publication (the next one, from it
        # on, for what is to come).
        wanted = _DAY_NAMES.index(weekday_told.group(1).lower())
        if _FUTURE.search(sentence):
            return EventDate(published + dt.timedelta(days=(wanted - published.weekday()) % 7), "day")
        return EventDate(published - dt.timedelta(days=(published.weekday() - wanted) % 7), "day")
    return None


# How far after publication a day without a year is still read as coming, not as last year's (a
# month is not: "last inspected in March", in February, is last year's March).
_SOON_DAYS = 60
_WEEKDAY_BEFORE = re.compile(rf"\b({WEEKDAY}),?\s+(?:the\s+)?$", re.I)


def _weekday_before(sentence: str, at: int) -> int | None:
    """The weekday named just before a date ("Tuesday, 17 February"), Monday as 0, or None."""
    m = _WEEKDAY_BEFORE.search(sentence[max(0, at - 14) : at])
    return _DAY_NAMES.index(m.group(1).lower()) if m else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_of_weekday(published: dt.date, month: int, day: int, weekday: int) -> int:
    """The year nearest publication in which ``day`` ``month`` falls on ``weekday`` (publication's
    year when none of the three near it does)."""
    near = [
        d
        for y in (published.year, published.year - 1, published.year + 1)
        if (d := _safe_date(y, month, day))
    ]
    matching = [d for d in near if d.weekday() == weekday]
    if not matching:
        return published.year
    return min(matching, key=lambda d: abs((d - published).days)).year
