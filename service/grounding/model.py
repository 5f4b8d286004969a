"""What citation attribution works on and produces."""

from __future__ import annotations

from dataclasses import dataclass, field


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
