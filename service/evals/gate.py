"""The regression gate: current scores against evals/baseline.json, with stated tolerances and floors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from service.evals.metrics import GATED, LOWER_IS_BETTER

# Absolute floors, whatever the baseline says.
FLOORS = {"citation_validity": 1.0, "refusal_recall": 0.9}


@dataclass(frozen=True)
class GateResult:
    ok: bool
    problems: list[str]


def load_baseline(path: Path) -> dict[str, object]:
    """The accepted scores and tolerances (empty if the file does not exist yet)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def check(
    scores: dict[str, float], baseline: dict[str, object], subset: str | None, failing_cases: list[str]
) -> GateResult:
    """Compare ``scores`` (Newsdesk's) with the baseline for this subset; name every metric that regressed."""
    subsets = dict(baseline.get("subsets", {}))  # type: ignore[call-overload]
    accepted = dict(subsets.get(subset or "all", {}))
    tolerance = dict(baseline.get("tolerance", {}))  # type: ignore[call-overload]
    if not accepted:
        return GateResult(False, [f"no baseline for subset {subset or 'all'!r}: run with --update-baseline"])
    default_tol = float(tolerance.get("default", 0.0))
    problems = []
    for metric, floor in FLOORS.items():
        if scores.get(metric, 0.0) < floor:
            problems.append(f"{metric} = {scores.get(metric)} is below the floor {floor}")
    for metric in GATED:
        if metric not in accepted or metric not in scores:
            continue
        tol = float(tolerance.get(metric, default_tol))
        base, now = float(accepted[metric]), scores[metric]
        worse = now > base + tol if metric in LOWER_IS_BETTER else now < base - tol
        if worse:
            problems.append(f"{metric} = {now} vs baseline {base} (tolerance {tol})")
    if problems and failing_cases:
        problems.append("failing cases: " + ", ".join(failing_cases))
    return GateResult(not problems, problems)


def update_baseline(path: Path, scores: dict[str, float], subset: str | None) -> list[str]:
    """Accept ``scores`` as the new baseline (keeping tolerances); returns the diff lines."""
    baseline = load_baseline(path)
    subsets = dict(baseline.get("subsets", {}))  # type: ignore[call-overload]
    key = subset or "all"
    old = dict(subsets.get(key, {}))
    new = {m: scores[m] for m in GATED if m in scores}
    subsets[key] = new
    baseline["subsets"] = subsets
    baseline.setdefault("tolerance", {"default": 0.05})
    path.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return [f"{m}: {old.get(m, '—')} -> {new[m]}" for m in new if old.get(m) != new[m]]
