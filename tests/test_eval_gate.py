"""The eval gate: metric definitions on known results, and a real run that must fail when broken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from service.evals.cases import Case
from service.evals.gate import check
from service.evals.matching import fact_in
from service.evals.metrics import compute
from service.evals.results import CaseResult, judge
from tests.conftest import REPO_ROOT, copy_corpus, subprocess_env


@pytest.mark.parametrize(
    ("alternatives", "text", "expected"),
    [
        (["1,000"], "It pledged one thousand sappers.", True),
        (["1,000"], "It pledged 1000 sappers.", True),
        (["10,000"], "some 10 000 soldiers", True),
        (["1,000"], "It pledged 10,000 sappers.", False),
        (["Goremykin"], "viktor goremykin led it", True),
        (["June 18, 2024"], "on June 18, 2024 they signed", True),
    ],
)
def test_fact_matching_normalises_numbers(alternatives: list[str], text: str, expected: bool) -> None:
    assert fact_in(alternatives, text) is expected


def _case(**kw: object) -> Case:
    return Case.model_validate({"id": "c", "kind": "single", "question": "q?", **kw})


def test_metrics_on_known_results() -> None:
    answerable = _case(facts=[["1,000"]], articles=["a"])
    unanswerable = _case(id="u", kind="near_miss", refuse=True)
    good = CaseResult("c", "single", "newsdesk", answer="1,000 sappers [1]", sentences=1, valid_citations=1)
    good.citations = [{"n": 1, "article_id": "a", "quote": "1,000 sappers", "valid": True}]
    wrong = CaseResult("u", "near_miss", "newsdesk", answer="It paid 5 dollars.", sentences=1, unsupported=1)
    scores = compute([answerable, unanswerable], [judge(answerable, good), judge(unanswerable, wrong)])
    assert scores["answer_correctness"] == 1.0
    assert scores["citation_precision"] == 1.0 and scores["citation_recall"] == 1.0
    assert scores["refusal_recall"] == 0.0  # the near-miss was answered
    assert scores["cases_passed"] == 0.5
    assert scores["refused_drafts_with_facts"] == 0.0


def test_a_right_draft_refused_is_counted_apart() -> None:
    # Two refusals of answerable questions: one draft held the facts (the check lost a right
    # answer), the other did not (the refusal stopped a wrong one).
    cases = [_case(facts=[["1,000"]], articles=["a"]), _case(id="d", facts=[["5,000"]], articles=["a"])]
    lost = CaseResult("c", "single", "newsdesk", refused=True, draft_held_facts=True)
    stopped = CaseResult("d", "single", "newsdesk", refused=True)
    scores = compute(cases, [judge(cases[0], lost), judge(cases[1], stopped)])
    assert scores["refused_drafts_with_facts"] == 1.0 and scores["refusal_precision"] == 0.0


def test_gate_names_regressed_metrics_and_cases() -> None:
    baseline = {
        "subsets": {"ci": {"answer_correctness": 0.9, "unsupported_rate": 0.02}},
        "tolerance": {"default": 0.05},
    }
    scores = {
        "answer_correctness": 0.8,
        "unsupported_rate": 0.10,
        "citation_validity": 1.0,
        "refusal_recall": 1.0,
    }
    result = check(scores, baseline, "ci", ["case-a"])
    assert not result.ok
    text = "\n".join(result.problems)
    assert "answer_correctness" in text and "unsupported_rate" in text and "case-a" in text
    floors = check(
        {**scores, "answer_correctness": 0.9, "unsupported_rate": 0.0, "citation_validity": 0.99},
        baseline,
        "ci",
        [],
    )
    assert not floors.ok and "citation_validity" in floors.problems[0]


@pytest.mark.slow
def test_gate_fails_on_a_broken_setup(tmp_path: Path) -> None:
    # Broken on purpose: a chat model that never answers. The real runner, cases and baseline must
    # turn that into a non-zero exit that names the metrics.
    corpus = copy_corpus(tmp_path / "corpus")
    env = subprocess_env(corpus_dir=str(corpus), data_dir=str(tmp_path / "data"))
    # No ingest first: the eval indexes an empty store itself instead of failing every case on it.
    run = subprocess.run(
        [sys.executable, "-m", "service", "eval", "--subset", "ci", "--gate", "--no-naive",
         "--report-dir", str(tmp_path / "report")],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    assert "EVAL GATE FAILED" in run.stdout and "answer_correctness" in run.stdout
    assert (tmp_path / "report" / "report.md").is_file()
    assert "index is empty" not in (tmp_path / "report" / "results.jsonl").read_text(encoding="utf-8")
