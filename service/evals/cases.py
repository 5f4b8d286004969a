"""Eval cases (``evals/known_facts.yaml``), validated on load."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from service.errors import InvalidRequestError

Kind = Literal[
    "single",
    "multi_article",
    "conflict",
    "unanswerable",
    "near_miss",
    "multi_turn",
    "paraphrase",
    "misspelling",
    "injection",
    "summary",
]


class SummarySpec(BaseModel):
    """What a summary case asks for (see /v1/summaries)."""

    model_config = ConfigDict(extra="forbid")

    style: Literal["bullets", "brief", "timeline"] = "bullets"
    topic: str | None = None
    article_ids: list[str] | None = None


class Case(BaseModel):
    """One known fact to check: a question (or turns), the facts a right answer holds, its articles."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: Kind
    question: str | None = None
    turns: list[str] | None = None
    summary: SummarySpec | None = None
    facts: list[list[str]] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    refuse: bool = False
    conflict: bool = False
    forbidden: list[str] = Field(default_factory=list)
    same_as: str | None = None
    subset: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_question(self) -> Case:
        if sum(x is not None for x in (self.question, self.turns, self.summary)) != 1:
            raise ValueError("give exactly one of question, turns or summary")
        if (self.kind == "summary") != (self.summary is not None):
            raise ValueError("kind summary goes with a summary spec, and only with it")
        if self.refuse and (self.facts or self.articles):
            raise ValueError("a refusal case expects no facts and no articles")
        return self

    @property
    def final_question(self) -> str:
        if self.summary is not None:
            return f"summary ({self.summary.style}) of {self.summary.topic or 'the articles'}"
        return self.turns[-1] if self.turns else str(self.question)

    @property
    def answerable(self) -> bool:
        return not self.refuse


def load_cases(path: Path, subset: str | None = None) -> list[Case]:
    """Load and validate the cases; ``subset`` keeps only cases tagged with it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidRequestError(f"cannot read eval cases {path}: {exc}") from exc
    cases = []
    for i, item in enumerate(raw or []):
        try:
            cases.append(Case.model_validate(item))
        except ValidationError as exc:
            name = item.get("id", f"#{i}") if isinstance(item, dict) else f"#{i}"
            raise InvalidRequestError(f"{path}: case {name}: {exc.errors()[0]['msg']}") from exc
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidRequestError(f"{path}: duplicate case ids {duplicates}")
    return [c for c in cases if subset is None or subset in c.subset]
