"""The outcome of answering a question (also the shape summaries reuse)."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.components.llm.calls import Usage
from service.grounding.model import Citation, Conflict


@dataclass
class Timings:
    retrieve_ms: float = 0.0
    generate_ms: float = 0.0
    total_ms: float = 0.0
    # From the request to the first verified sentence (0 when none was written).
    first_sentence_ms: float = 0.0
    # The support check: time spent, sentences checked, and how many went to the model as judge.
    support_ms: float = 0.0
    support_checks: int = 0
    support_judge_calls: int = 0


@dataclass(frozen=True)
class NearestArticle:
    article_id: str
    title: str
    similarity: float


@dataclass
class AskResult:
    """An answer whose every sentence is cited or listed as unsupported, or a refusal."""

    answer: str
    question: str
    standalone_question: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    nearest_articles: list[NearestArticle] = field(default_factory=list)
    model: str = ""
    usage: Usage = field(default_factory=Usage)
    timings: Timings = field(default_factory=Timings)
    refusal_reason: str | None = None
    supported_sentences: int = 0
