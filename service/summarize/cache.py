"""Summaries cached on disk by everything that determines them.

The key covers the content hash of every article in scope, the request, the prompt versions, the
model, the support judge setting and the service's code, so a repeat request is served from disk and
changing any article in scope (or any rule a line is checked by) misses the cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from service.components.llm.calls import Usage
from service.files import replaced_atomically
from service.grounding.model import Citation, Conflict, Figure
from service.summarize.result import SummaryRequest, SummaryResult


def cache_key(
    request: SummaryRequest,
    content_hashes: list[str],
    prompt_versions: list[str],
    model: str,
    grounding: str = "",
) -> str:
    """A stable hash of every input the summary depends on. ``grounding`` names how lines were
    checked (the support judge setting); the checking code itself is in the key too, so a summary
    kept by older rules is never served after they change."""
    payload = json.dumps(
        {
            "request": asdict(request),
            "articles": content_hashes,
            "prompts": prompt_versions,
            "model": model,
            "grounding": grounding,
            "code": CODE_VERSION,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


PACKAGE = Path(__file__).resolve().parent.parent


def code_version(root: Path = PACKAGE) -> str:
    """A hash of every module of the service package. A summary line passes through sentence
    splitting, retrieval, attribution and the support checks, which live in several layers; hashing
    only some of them served summaries kept by rules that had since changed."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_VERSION = code_version()


class SummaryCache:
    """One JSON file per summary under ``directory``, written atomically."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> SummaryResult | None:
        path = self.directory / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        result = _from_dict(data)
        result.cached = True
        return result

    def put(self, key: str, result: SummaryResult) -> None:
        with replaced_atomically(self.directory / f"{key}.json") as out:
            out.write(json.dumps(asdict(result), ensure_ascii=False).encode("utf-8"))


def _from_dict(data: dict[str, Any]) -> SummaryResult:
    citations = [Citation(**c) for c in data.pop("citations")]
    conflicts = [
        Conflict(c["topic"], [Figure(f["value"], Citation(**f["citation"])) for f in c["figures"]])
        for c in data.pop("conflicts")
    ]
    usage = Usage(**data.pop("usage"))
    return SummaryResult(**data, citations=citations, conflicts=conflicts, usage=usage)


class NoteCache:
    """Map-step notes (one article's bullets) as text files, keyed like summaries: a brief and a
    bullet summary of the same articles, or a second corpus summary after one article changed,
    re-map only what changed."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def key(content_hash: str, prompt_version: str, model: str, bullets: int) -> str:
        raw = f"{content_hash}\0{prompt_version}\0{model}\0{bullets}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def get(self, key: str) -> str | None:
        try:
            return (self.directory / f"{key}.txt").read_text(encoding="utf-8")
        except OSError:
            return None

    def put(self, key: str, notes: str) -> None:
        with replaced_atomically(self.directory / f"{key}.txt") as out:
            out.write(notes.encode("utf-8"))
