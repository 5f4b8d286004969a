"""evals/report.json and evals/report.md: the summary table (Newsdesk vs naive), then every case."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from service.evals.cases import Case
from service.evals.metrics import GATED, by_group, compute
from service.evals.results import CaseResult
from service.evals.runner import EvalRun

# The figures shown per part, corpus and kind (the full list is in the summary table).
HEADLINE = (
    "answer_correctness",
    "cited_but_wrong_rate",
    "answered_with_citations",
    "refusal_precision",
    "refusal_recall",
    "conflict_recall",
    "stray_conflicts",
    "citation_precision",
    "citation_recall",
    "key_fact_recall",
    "refused_drafts_with_facts",
    "cases_passed",
    "latency_p50_ms",
)


def _pairs(run: EvalRun, system: str) -> tuple[list[Case], list[CaseResult]]:
    pairs = [(c, r) for c, r in zip(run.cases, run.results[system], strict=True) if r is not None]
    return [c for c, _ in pairs], [r for _, r in pairs]


def summarize(run: EvalRun) -> dict[str, dict[str, float]]:
    """Metrics per system."""
    return {system: compute(*_pairs(run, system)) for system in run.results}


def breakdown(run: EvalRun, key: str) -> dict[str, dict[str, tuple[dict[str, float], int, int]]]:
    """Per system, metrics for each value of ``key`` (part, corpus or kind)."""
    return {system: by_group(*_pairs(run, system), key) for system in run.results}


def write_reports(
    run: EvalRun, scores: dict[str, dict[str, float]], directory: Path, meta: dict[str, Any]
) -> None:
    """Write both report files into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    payload = {
        "meta": meta,
        "scores": scores,
        "by": {
            key: {
                system: {name: {"metrics": m, "passed": p, "n": n} for name, (m, p, n) in groups.items()}
                for system, groups in breakdown(run, key).items()
            }
            for key in ("part", "corpus", "kind")
        },
        "cases": {
            system: [asdict(r) | {"passed": r.passed} for r in results if r is not None]
            for system, results in run.results.items()
        },
    }
    (directory / "report.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (directory / "report.md").write_text(render_markdown(run, scores, meta), encoding="utf-8")


def _cell(text: str, limit: int = 220) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_markdown(run: EvalRun, scores: dict[str, dict[str, float]], meta: dict[str, Any]) -> str:
    """The human-readable report."""
    systems = list(scores)
    lines = [
        "# Newsdesk eval report",
        "",
        " · ".join(f"{k}: {v}" for k, v in meta.items()),
        "",
        "| metric | " + " | ".join(systems) + " |",
        "|---|" + "---|" * len(systems),
    ]
    extra = [
        "cited_but_wrong",
        "answered_with_citations",
        "stray_conflicts",
        "refused_drafts_with_facts",
        "cases_passed",
        "cases",
    ]
    for metric in [*GATED, *extra, "latency_p50_ms", "latency_p95_ms"]:
        lines.append(f"| {metric} | " + " | ".join(str(scores[s].get(metric, "")) for s in systems) + " |")
    lines += ["", "Metric definitions: evals/README.md.", ""]
    for key, title in (("part", "Per part"), ("corpus", "Per corpus"), ("kind", "Per kind")):
        lines += _group_table(run, key, title)
    for system, results in run.results.items():
        lines += [
            f"## {system}: cases (failures first)",
            "",
            "| case | corpus · part | kind | ok | answer | citations | why |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in sorted((r for r in results if r is not None), key=lambda r: (r.passed, r.case_id)):
            cites = "; ".join(
                f"[{c['n']}] {c['article_id']}: “{_cell(c['quote'], 80)}”" for c in r.citations[:4]
            )
            mark = "✅" if r.passed else "❌"
            why = _cell("; ".join(r.failures))
            lines.append(
                f"| {r.case_id} | {r.corpus} · {r.part} | {r.kind} | {mark} | {_cell(r.answer)} "
                f"| {_cell(cites, 400)} | {why} |"
            )
        lines.append("")
    return "\n".join(lines)


def _group_table(run: EvalRun, key: str, title: str) -> list[str]:
    """One row per (group, system): passed/n and the headline metrics."""
    groups = breakdown(run, key)
    lines = [
        f"## {title}",
        "",
        f"| {key} | system | passed | " + " | ".join(HEADLINE) + " |",
        "|---|---|---|" + "---|" * len(HEADLINE),
    ]
    names = sorted({name for by_system in groups.values() for name in by_system})
    for name in names:
        for system, by_system in groups.items():
            if name not in by_system:
                continue
            metrics, passed, n = by_system[name]
            cells = " | ".join(str(metrics.get(m, "")) for m in HEADLINE)
            lines.append(f"| {name} | {system} | {passed}/{n} | {cells} |")
    return [*lines, ""]
