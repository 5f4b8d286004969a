"""evals/report.json and evals/report.md: the summary table (Newsdesk vs naive), then every case."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from service.evals.metrics import GATED, compute
from service.evals.runner import EvalRun


def summarize(run: EvalRun) -> dict[str, dict[str, float]]:
    """Metrics per system."""
    scores = {}
    for system, results in run.results.items():
        pairs = [(c, r) for c, r in zip(run.cases, results, strict=True) if r is not None]
        scores[system] = compute([c for c, _ in pairs], [r for _, r in pairs])
    return scores


def write_reports(
    run: EvalRun, scores: dict[str, dict[str, float]], directory: Path, meta: dict[str, Any]
) -> None:
    """Write both report files into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    payload = {
        "meta": meta,
        "scores": scores,
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
    for metric in [*GATED, "cases_passed", "latency_p50_ms", "latency_p95_ms"]:
        lines.append(f"| {metric} | " + " | ".join(str(scores[s].get(metric, "")) for s in systems) + " |")
    lines += ["", "Metric definitions: evals/README.md.", ""]
    for system, results in run.results.items():
        lines += [
            f"## {system}: cases (failures first)",
            "",
            "| case | kind | ok | answer | citations | why |",
            "|---|---|---|---|---|---|",
        ]
        for r in sorted((r for r in results if r is not None), key=lambda r: (r.passed, r.case_id)):
            cites = "; ".join(
                f"[{c['n']}] {c['article_id']}: “{_cell(c['quote'], 80)}”" for c in r.citations[:4]
            )
            mark = "✅" if r.passed else "❌"
            why = _cell("; ".join(r.failures))
            lines.append(
                f"| {r.case_id} | {r.kind} | {mark} | {_cell(r.answer)} | {_cell(cites, 400)} | {why} |"
            )
        lines.append("")
    return "\n".join(lines)
