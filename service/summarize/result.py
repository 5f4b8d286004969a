"""What a summary request asks for and gets back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from service.components.llm.calls import Usage
from service.grounding.model import Citation, Conflict

Style = Literal["bullets", "brief", "timeline"]


@dataclass(frozen=True)
class SummaryRequest:
    article_ids: tuple[str, ...] | None = None
    topic: str | None = None
    style: Style = "bullets"
    max_words: int | None = None

    @property
    def word_limit(self) -> int:
        return self.max_words or (120 if self.style == "brief" else 250)


@dataclass
class SummaryResult:
    summary: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    model: str = ""
    usage: Usage = field(default_factory=Usage)
    timings: dict[str, float] = field(default_factory=dict)
    cached: bool = False
    supported: int = 0  # lines (or sentences, for brief) with verified citations
