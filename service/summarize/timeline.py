"""Timelines: the dated sentences of the articles in scope, in date order, each its own citation.

A timeline is extractive on purpose: every event line is a sentence of an article, so its citation is
exact by construction and its date comes from the text (or the publication date, for "on Tuesday").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from service.articles import Article
from service.grounding.attribution import Attributor
from service.grounding.model import SourceSentence
from service.summarize.dates import EventDate, find_date
from service.text import MONTH, sentence_spans

_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}
_DATED = re.compile(r"\b(?:19|20)\d\d\b|" + MONTH + r"|\bon \w+day\b", re.I)


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
            if when is not None and when.date <= (meta.published or dt.date.max):
                events.append(Event(when, SourceSentence(article.id, article.title, start, end, text)))
    return sorted(
        events, key=lambda e: (e.when.date, _PRECISION_ORDER[e.when.precision], e.source.article_id)
    )


_CLAUSE = re.compile(r";\s|\s[—–]\s|,\s(?=(?:while|but|although|though|which|who|as|after|before)\b)")
_MAX_WORDS = 24
_RELATIVE = re.compile(r"(?:which|who)\b", re.IGNORECASE)


def event_phrase(sentence: str) -> str:
    """The clause of a dated sentence that states the event, not the whole sentence: "..., while
    background ..." and "; other news ..." are cut. Long clauses are shortened at a word boundary."""
    clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip()]
    at = next((i for i, c in enumerate(clauses) if _DATED.search(c)), 0)
    dated = clauses[at] if clauses else sentence
    if at > 0 and _RELATIVE.match(dated):
        # A relative clause ends at its comma and is about what comes before it. Its date may be its
        # own ("X, which has operated the dam since it entered service in 1974, said …") or the main
        # clause's, after it ("X, which is coordinating the rescue, said on Wednesday that …").
        relative, _, rest = dated.partition(", ")
        if _DATED.search(relative) or not rest:
            dated = f"{clauses[at - 1]}, {relative}"
        else:
            dated = f"{clauses[at - 1]} {rest}"
    words = dated.rstrip(".").split()
    phrase = " ".join(words[:_MAX_WORDS]) + ("…" if len(words) > _MAX_WORDS else "")
    return phrase


def render_timeline(events: list[Event], attributor: Attributor, max_events: int) -> tuple[str, int]:
    """``- <ISO date> — <event phrase> [n]`` lines; an event repeated across articles is listed once."""
    lines: list[str] = []
    seen: set[str] = set()
    for event in events:
        key = event.when.iso() + " " + event.source.text[:60].lower()
        if key in seen:
            continue
        seen.add(key)
        n = attributor.cite(event.source).n
        lines.append(f"- {event.when.iso()} — {event_phrase(event.source.text)} [{n}]")
        if len(lines) >= max_events:
            break
    return "\n".join(lines), len(lines)
