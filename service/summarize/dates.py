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

from service.text import MONTH

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
    r"\b(?:will|shall|is to|are to|is due|are due|scheduled|planned|plans? to|expected to)\b", re.I
)
_WEEKDAY = re.compile(r"\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


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
        elif _FUTURE.search(sentence):  # "will begin in June": the first such date from publication on
            year = published.year if (month, day) >= (published.month, published.day) else published.year + 1
        else:  # no year: the latest such date not after publication
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
        try:
            return EventDate(dt.date(year, month, day), precision)
        except ValueError:
            continue
    if _WEEKDAY.search(sentence) and published is not None and published_precision == "day":
        return EventDate(published, "day")
    return None
