"""What citation attribution works on and produces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class SourceSentence:
    """One sentence of an article: ``article.text[start:end] == text``."""

    article_id: str
    title: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    """A verified citation: ``article.text[start:end] == quote``."""

    n: int
    article_id: str
    title: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """One article's figure in a conflict, with the citation that states it."""

    value: str
    citation: Citation


@dataclass(frozen=True)
class Conflict:
    """Different articles give different figures for the same thing."""

    topic: str
    figures: list[Figure]


@dataclass
class AttributedText:
    """Model text after attribution: markers written by the service, unsupported sentences listed."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    supported_sentences: int = 0
    supported: list[str] = field(default_factory=list)  # the supported sentences, unmarked


# A claim this short ("Ivo Santrel.", "63.") says nothing without its question: it is read as the
# answer to that question.
FRAGMENT_WORDS = 4

_MARK = re.compile(r"\[(\d+)\]")


def cited_in(text: str, citations: list[Citation]) -> list[Citation]:
    """The citations the ``[n]`` markers in ``text`` point at."""
    numbers = {int(n) for n in _MARK.findall(text)}
    return [c for c in citations if c.n in numbers]


def renumber(
    text: str, citations: list[Citation], conflicts: list[Conflict]
) -> tuple[str, list[Citation], list[Conflict]]:
    """Number the citations ``text`` shows 1, 2, 3 … in order of first appearance and drop the rest
    (a line dropped after attribution leaves its number unused)."""
    by_n = {c.n: c for c in citations}
    order: dict[int, int] = {}
    for m in _MARK.finditer(text):
        n = int(m.group(1))
        if n in by_n and n not in order:
            order[n] = len(order) + 1
    new_text = _MARK.sub(lambda m: f"[{order.get(int(m.group(1)), int(m.group(1)))}]", text)
    kept = [replace(by_n[n], n=new) for n, new in order.items()]
    new_conflicts = [
        Conflict(
            c.topic,
            [
                Figure(f.value, replace(f.citation, n=order.get(f.citation.n, f.citation.n)))
                for f in c.figures
            ],
        )
        for c in conflicts
    ]
    return new_text, kept, new_conflicts
