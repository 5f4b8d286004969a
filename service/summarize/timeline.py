"""Timelines: the dated sentences of the articles in scope, in date order, each its own citation.

A timeline is extractive on purpose: every event line is a sentence of an article, so its citation is
exact by construction and its date comes from the text (or the publication date, for "on Tuesday").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.articles import Article
from service.citations.attribution import Attributor
from service.citations.model import SourceSentence
from service.summarize.dates import EventDate, find_date
from service.text import sentence_spans

_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True)
class Event:
    when: EventDate
    source: SourceSentence


def dated_events(articles: list[Article], only: list[SourceSentence] | None = None) -> list[Event]:
    """Events in chronological order (coarser dates first within the same period)."""
    allowed = {(s.article_id, s.start) for s in only} if only is not None else None
    events = []
    for article in articles:
        meta = article.meta
        for start, end in sentence_spans(article.text):
            if allowed is not None and (article.id, start) not in allowed:
                continue
            text = article.text[start:end]
            when = find_date(text, meta.published, meta.date_precision)
            if when is not None and when.date <= max(meta.published, dt.date.min):
                events.append(Event(when, SourceSentence(article.id, article.title, start, end, text)))
    return sorted(
        events, key=lambda e: (e.when.date, _PRECISION_ORDER[e.when.precision], e.source.article_id)
    )


def render_timeline(events: list[Event], attributor: Attributor, max_events: int) -> tuple[str, int]:
    """``- <ISO date> — <sentence> [n]`` lines; a sentence repeated across articles is listed once."""
    lines: list[str] = []
    seen: set[str] = set()
    for event in events:
        key = event.when.iso() + " " + event.source.text[:60].lower()
        if key in seen:
            continue
        seen.add(key)
        n = attributor.cite(event.source).n
        lines.append(f"- {event.when.iso()} — {event.source.text} [{n}]")
        if len(lines) >= max_events:
            break
    return "\n".join(lines), len(lines)
