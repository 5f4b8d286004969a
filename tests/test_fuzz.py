"""Schemathesis over /openapi.json against the real app: every phase, every check, a fixed seed.

The app is the real one (MiniLM embeddings, Chroma in a temp dir, uvicorn on loopback) over its own
copy of the corpus, since the fuzzer adds and deletes articles; only the chat model is the scripted
fake, answering every prompt with one sentence the articles support. The run must end with no
server error (5xx) and no response that breaks the spec: every status, header, content type and
body as /openapi.json documents it, schema-valid requests accepted and schema-invalid ones refused.
``python -m bench.fuzz`` runs the same for longer.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis

# Imported here, at collection, rather than lazily inside ``from_url`` deep in a test's stack: pytest
# rewrites the plugin's modules on import, and CPython 3.11's AST validation can fail there with
# "AST constructor recursion depth mismatch" (seen once in a clean-clone run).
import schemathesis.specs.openapi.schemas
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from bench.chroma import free_port
from tests.conftest import REPO_ROOT, http_process

SEED = 20250302
# About 3 minutes on 2 cores (every phase over 11 operations; stateful sequences on top).
EXAMPLES = 400
CHAT = ("POST", "/v1/chat/completions")


@schemathesis.check
def conversation_rule_only(ctx: Any, response: Any, case: Any) -> bool | None:
    """A schema-valid chat body may still be refused, by the one rule JSON Schema cannot state (the
    last user or assistant message is the user's question): that 422, and no other, is accepted."""
    meta = case.meta
    if (case.method.upper(), case.path) != CHAT or meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code == 422:
        body = response.json()
        said = str(body.get("detail", ""))
        assert "errors" not in body and ("user message" in said or "question" in said), said
    return None


def _config(seed: int, examples: int, max_time: float | None) -> SchemathesisConfig:
    data: dict[str, Any] = {
        "seed": seed,
        "workers": 1,
        "continue-on-failure": True,
        "request-timeout": 60,
        "generation": {"max-examples": examples},
        "operations": [
            {
                "include-method": CHAT[0],
                "include-path": CHAT[1],
                # 422 is the documented refusal of a conversation that does not end with a question;
                # the check above makes sure it is that refusal and not a validation error.
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2XX", "401", "403", "404", "409", "422", "429"]
                    }
                },
            }
        ],
    }
    if max_time is not None:
        data["max-time"] = max_time
    return SchemathesisConfig.from_dict(data)


@dataclass
class FuzzReport:
    """What a run did: cases and statuses per operation, and every failure found."""

    seed: int
    examples: int
    seconds: float = 0.0
    cases: Counter[str] = field(default_factory=Counter)
    phases: Counter[str] = field(default_factory=Counter)  # cases by phase
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        return sum(n for counts in self.statuses.values() for status, n in counts.items() if status >= 500)

    def record(self, phase: str, recorder: Any) -> None:
        self.phases[phase] += len(recorder.cases)
        for case_id, node in recorder.cases.items():
            label = node.value.operation.label  # probes with other methods count for their operation
            self.cases[label] += 1
            interaction = recorder.interactions.get(case_id)
            if interaction is not None and interaction.response is not None:
                self.statuses.setdefault(label, Counter())[interaction.response.status_code] += 1
            for check in recorder.checks.get(case_id, []):
                if check.failure_info is not None:
                    failure = check.failure_info.failure
                    self.failures.append(
                        f"{label}: {check.name}: {failure.title}: {failure.message}\n"
                        f"  {check.failure_info.code_sample}"
                    )

    def lines(self) -> list[str]:
        phases = ", ".join(f"{name} {n}" for name, n in self.phases.items())
        out = [
            f"seed {self.seed}, at most {self.examples} examples per operation and phase, "
            f"{self.seconds:.0f} s; cases by phase: {phases}"
        ]
        for label in sorted(self.cases):
            statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.get(label, Counter()).items()))
            out.append(f"  {label:<34} {self.cases[label]:>6} cases   {statuses}")
        out.append(
            f"  {len(self.cases)} operations, {sum(self.cases.values())} cases, "
            f"{self.server_errors} server errors, {len(self.failures)} failures, {len(self.errors)} errors"
        )
        return out


def run_fuzz(
    base_url: str, seed: int = SEED, examples: int = EXAMPLES, max_time: float | None = None
) -> FuzzReport:
    """Schemathesis (all phases, all checks) against ``base_url``; the report of what it found."""
    started = time.monotonic()
    schema = schemathesis.openapi.from_url(
        f"{base_url}/openapi.json", config=_config(seed, examples, max_time)
    )
    report = FuzzReport(seed, examples)
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            report.record(str(event.phase.value), event.recorder)
        elif isinstance(event, events.FuzzScenarioFinished):
            report.record("fuzz", event.recorder)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            report.errors.append(str(getattr(event, "info", event)))
    report.seconds = time.monotonic() - started
    return report


def fuzzed_app(root: Path) -> Generator[str, None, None]:
    """The real app over a private copy of the corpus, served by its own process
    (``tests/fuzz_server.py``, which says why not a thread); yields its URL, stops it after."""
    port = free_port()
    command = [sys.executable, "-m", "tests.fuzz_server", str(root), str(port)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with http_process(command, port, env, REPO_ROOT, root / "fuzz-server.log", 180) as (url, _):
        yield url


@pytest.fixture
def fuzz_url(tmp_path: Path) -> Iterator[str]:
    yield from fuzzed_app(tmp_path)


def test_the_api_keeps_its_spec_under_fuzzing(fuzz_url: str) -> None:
    report = run_fuzz(fuzz_url)
    summary = "\n".join(report.lines())
    print(summary)
    assert report.server_errors == 0, summary
    assert not report.failures, summary + "\n" + "\n".join(report.failures[:20])
    assert not report.errors, summary + "\n" + "\n".join(report.errors[:5])
    assert len(report.cases) == 11, summary  # every operation was exercised
