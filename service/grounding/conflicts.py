"""Figures that different articles give for the same thing.

A figure is a number followed closely by a head noun ("12,000 to 13,000 North Koreans", "10 000 DPRK
soldiers"). The sentence around it decides what the figure counts: casualties, reinforcements and
pledges are different quantities from the troops deployed, so they are never set against each other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from service.citations.model import Citation, Conflict, Figure, SourceSentence
from service.citations.numbers import Quantity, quantities

# A noun for people under arms, within a few words after the number.
_TROOP_NOUN = re.compile(
    r"^\s*(?:[\w’'-]+\s+){0,3}?(troops|soldiers|north koreans|personnel|servicemen|fighters|forces)\b",
    re.IGNORECASE,
)
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("North Korean casualties", re.compile(r"\b(killed|wounded|casualt\w*|died|dead|losses)\b", re.I)),
    ("additional troop deployments", re.compile(r"\b(additional|reinforc\w*|more troops|further)\b", re.I)),
    ("planned or pledged deployments", re.compile(r"\b(pledg\w*|commit\w*|envisag\w*|will|plan\w*)\b", re.I)),
]
DEPLOYED = "North Korean troops deployed to Russia"
# Specialist contingents are counted apart from troops: a figure for sappers is only ever compared
# with other figures for sappers. (topic, noun after the number, question words that make it relevant)
_CONTINGENTS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "North Korean sappers for Kursk",
        re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?sappers?\b", re.I),
        re.compile(r"\b(sappers?|de-?min\w*|mine[- ]clear\w*)\b", re.I),
    ),
    (
        "North Korean military construction workers",
        re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:construction\s+)?workers\b", re.I),
        re.compile(r"\b(workers?|builders?|construction)\b", re.I),
    ),
]
TOPICS = (DEPLOYED, *(name for name, _ in _KINDS), *(name for name, _, _ in _CONTINGENTS))
# Question words that make the deployed-troop figures relevant to an answer.
TOPIC_WORDS = re.compile(r"\b(troops?|soldiers?|personnel|forces|deploy\w*|fighters|army)\b", re.I)


@dataclass(frozen=True)
class FigureMention:
    """A figure in one source sentence and what it counts."""

    topic: str
    quantity: Quantity
    source: SourceSentence


def mentions(source: SourceSentence) -> list[FigureMention]:
    """The counted figures stated in one sentence."""
    found = []
    for q in quantities(source.text):
        if q.high < 100 or (
            1900 <= q.low <= 2100 and not q.is_range
        ):  # small counts and years are not troop figures
            continue
        after = source.text[q.end :]
        contingent = next((name for name, noun, _ in _CONTINGENTS if noun.match(after)), None)
        if contingent is not None:
            found.append(FigureMention(contingent, q, source))
        elif _TROOP_NOUN.match(after):
            topic = next((name for name, pattern in _KINDS if pattern.search(source.text)), DEPLOYED)
            found.append(FigureMention(topic, q, source))
    return found


def find_conflicts(sources: list[SourceSentence]) -> dict[str, list[FigureMention]]:
    """Topics on which at least two articles give different figures, with one mention per article+figure."""
    by_topic: dict[str, list[FigureMention]] = defaultdict(list)
    for source in sources:
        for mention in mentions(source):
            by_topic[mention.topic].append(mention)
    conflicts: dict[str, list[FigureMention]] = {}
    for topic, found in by_topic.items():
        distinct: dict[tuple[str, float, float], FigureMention] = {}
        for m in found:
            distinct.setdefault((m.source.article_id, m.quantity.low, m.quantity.high), m)
        figures = {(low, high) for _, low, high in distinct}
        articles = {article for article, _, _ in distinct}
        if len(figures) > 1 and len(articles) > 1:
            conflicts[topic] = sorted(distinct.values(), key=lambda m: (m.quantity.low, m.source.article_id))
    return conflicts


def relevant(topic: str, question: str) -> bool:
    """Whether a conflict bears on the question asked (summaries take every conflict in scope)."""
    if topic == DEPLOYED:
        return bool(TOPIC_WORDS.search(question))
    return any(name == topic and words.search(question) for name, _, words in _CONTINGENTS)


def cite(
    found: dict[str, list[FigureMention]], cite_source: Callable[[SourceSentence], Citation]
) -> list[Conflict]:
    """Turn detected conflicts into ``Conflict`` objects whose figures carry numbered citations."""
    return [
        Conflict(topic, [Figure(m.quantity.label(), cite_source(m.source)) for m in mentions])
        for topic, mentions in found.items()
    ]


def describe(conflicts: list[Conflict]) -> str:
    """One sentence per conflict, each figure followed by its citation marker."""
    parts = []
    for conflict in conflicts:
        figures = "; ".join(
            f"{f.value} according to “{f.citation.title}” [{f.citation.n}]" for f in conflict.figures
        )
        parts.append(f"The sources give different figures for {conflict.topic}: {figures}.")
    return " ".join(parts)
