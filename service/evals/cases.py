"""Eval cases (``evals/known_facts.yaml``), validated on load."""

from __future__ import annotations

import hashlib
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
    "multi_part",
    "who_said",
    "date",
    "comparison",
    "subject_swap",
    "list",
    "chat_summary",
    "topic_change",
    "wrong_quantity",
    "paraphrased_refusal",
]
Part = Literal["tune", "heldout"]
# The shipped corpus (``corpus/``); other corpora live in ``evals/corpora/<name>/``.
SHIPPED = "shipped"


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
    corpus: str = SHIPPED
    # ``chat``: the message goes through the chat route's dispatch (summary request or question).
    via: Literal["ask", "chat"] = "ask"
    # Set by the loader from the file's folder (``evals/heldout/`` is the held-out part), not by the case.
    part: Part = "tune"

    @model_validator(mode="after")
    def _one_question(self) -> Case:
        if sum(x is not None for x in (self.question, self.turns, self.summary)) != 1:
            raise ValueError("give exactly one of question, turns or summary")
        if (self.kind == "summary") != (self.summary is not None):
            raise ValueError("kind summary goes with a summary spec, and only with it")
        if self.refuse and (self.facts or self.articles):
            raise ValueError("a refusal case expects no facts and no articles")
        if self.kind == "chat_summary" and (self.via != "chat" or self.question is None):
            raise ValueError("a chat_summary case is a question sent via: chat")
        return self

    @property
    def final_question(self) -> str:
        if self.summary is not None:
            return f"summary ({self.summary.style}) of {self.summary.topic or 'the articles'}"
        return self.turns[-1] if self.turns else str(self.question)

    @property
    def answerable(self) -> bool:
        return not self.refuse


def load_cases(path: Path, subset: str | None = None, part: Part = "tune") -> list[Case]:
    """Load and validate one file of cases; ``subset`` keeps only cases tagged with it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidRequestError(f"cannot read eval cases {path}: {exc}") from exc
    cases = []
    for i, item in enumerate(raw or []):
        name = item.get("id", f"#{i}") if isinstance(item, dict) else f"#{i}"
        if isinstance(item, dict) and "part" in item:
            raise InvalidRequestError(f"{path}: case {name}: the part comes from the file's folder")
        try:
            cases.append(Case.model_validate(item).model_copy(update={"part": part}))
        except ValidationError as exc:
            raise InvalidRequestError(f"{path}: case {name}: {exc.errors()[0]['msg']}") from exc
    _unique(cases, str(path))
    return [c for c in cases if subset is None or subset in c.subset]


def case_files(root: Path) -> list[tuple[Path, Part]]:
    """Every case file of an eval directory: ``known_facts.yaml`` and ``cases/*.yaml`` are tuned on,
    ``heldout/*.yaml`` is the held-out part."""
    files: list[tuple[Path, Part]] = [(root / "known_facts.yaml", "tune")]
    files += [(p, "tune") for p in sorted((root / "cases").glob("*.yaml"))]
    files += [(p, "heldout") for p in sorted((root / "heldout").glob("*.yaml"))]
    return [(p, part) for p, part in files if p.is_file()]


def load_eval_set(
    root: Path, subset: str | None = None, part: Part | None = None, corpus: str | None = None
) -> list[Case]:
    """All cases under ``root``, optionally only one subset, part or corpus."""
    cases = [c for path, p in case_files(root) for c in load_cases(path, None, p)]
    _unique(cases, str(root))
    return [
        c
        for c in cases
        if (subset is None or subset in c.subset)
        and (part is None or c.part == part)
        and (corpus is None or c.corpus == corpus)
    ]


def heldout_digest(root: Path) -> str:
    """sha256 over the held-out files (names and bytes): shows the held-out part did not change."""
    digest = hashlib.sha256()
    for path, part in case_files(root):
        if part == "heldout":
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _unique(cases: list[Case], where: str) -> None:
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidRequestError(f"{where}: duplicate case ids {duplicates}")
