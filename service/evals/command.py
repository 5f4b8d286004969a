"""``newsdesk eval``: run, report, gate, and (explicitly) accept a new baseline."""

from __future__ import annotations

import datetime as dt
import json
import platform
from dataclasses import asdict, dataclass
from pathlib import Path

from langchain_core.globals import set_llm_cache

from service.container import Services
from service.evals.cases import Part, heldout_digest, load_cases, load_eval_set
from service.evals.gate import check, load_baseline, update_baseline
from service.evals.llm_cache import PromptHashCache
from service.evals.metrics import compute
from service.evals.report import summarize, write_reports
from service.evals.results import CaseResult
from service.evals.runner import run_all
from service.progress import ProgressReporter


@dataclass(frozen=True)
class EvalOptions:
    # A case file, or an eval directory (known_facts.yaml, cases/*.yaml, heldout/*.yaml).
    cases: Path = Path("evals")
    subset: str | None = None
    part: Part | None = None
    corpus: str | None = None
    # Add the whole held-out part to the selected cases (e.g. the ci subset plus everything held out).
    with_heldout: bool = False
    # Model replies cached by prompt hash (None: always call the model).
    cache: Path | None = None
    gate: bool = False
    naive: bool = True
    update_baseline: bool = False
    baseline: Path = Path("evals/baseline.json")
    report_dir: Path = Path("evals")


def run_eval(services: Services, options: EvalOptions) -> int:
    """Run the eval; returns the exit code (non-zero when the gate fails)."""
    if options.cases.is_dir():
        cases = load_eval_set(options.cases, options.subset, options.part, options.corpus)
        if options.with_heldout and options.part != "heldout":
            held = load_eval_set(options.cases, None, "heldout", options.corpus)
            cases += [c for c in held if c.id not in {k.id for k in cases}]
    else:
        cases = [
            c
            for c in load_cases(options.cases, options.subset)
            if (options.part is None or c.part == options.part)
            and (options.corpus is None or c.corpus == options.corpus)
        ]
    if not cases:
        print(f"no cases in {options.cases}" + (f" for subset {options.subset!r}" if options.subset else ""))
        return 2
    services.start()
    if services.store.count() == 0:
        # The other corpora are indexed on first use; the shipped one too, or every case on it
        # would fail alike with "the index is empty". A non-empty index is left as it is: it may
        # hold uploads that the corpus directory does not.
        with ProgressReporter("embedding chunks", unit="chunks") as indexing:
            print(services.ingest(progress=indexing).summary())
    cache = PromptHashCache(options.cache) if options.cache else None
    if cache is not None:
        set_llm_cache(cache)
        print(f"model replies cached by prompt hash in {options.cache} ({len(cache)} stored)")
    progress = ProgressReporter("eval cases", unit="cases")
    # Each result as it comes, so a long run can be read while it goes on.
    options.report_dir.mkdir(parents=True, exist_ok=True)
    live = options.report_dir / "results.jsonl"
    live.write_text("", encoding="utf-8")

    def record(result: CaseResult) -> None:
        with live.open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(result) | {"passed": result.passed}, ensure_ascii=False) + "\n")

    try:
        with progress:
            run = run_all(services, cases, options.naive, progress, cache, record)
    finally:
        if cache is not None:
            set_llm_cache(None)
    scores = summarize(run)
    meta = {
        "date": dt.date.today().isoformat(),
        "subset": options.subset or "all",
        "cases": len(cases),
        "model": services.chat.name,
        "embeddings": services.embeddings.model_id,
        "machine": f"{platform.machine()} {platform.python_version()}",
        "corpora": ", ".join(sorted({c.corpus for c in cases})),
        "heldout_sha256": heldout_digest(options.cases) if options.cases.is_dir() else "n/a",
        "cached_replies": f"{cache.hits} hits, {cache.misses} model calls" if cache else "off",
    }
    write_reports(run, scores, options.report_dir, meta)
    _print_table(scores)
    print(f"reports: {options.report_dir / 'report.md'}, {options.report_dir / 'report.json'}")
    if options.update_baseline:
        accepted: dict[str | None, dict[str, float]] = {}
        if options.subset is None:
            accepted[None] = scores["newsdesk"]
        # Each subset's own cases (a run with --with-heldout holds more than the subset asked for).
        for name in sorted({t for c in cases for t in c.subset}):
            if options.subset in (None, name):
                pairs = [
                    (c, r)
                    for c, r in zip(run.cases, run.results["newsdesk"], strict=True)
                    if name in c.subset
                ]
                accepted[name] = compute([c for c, _ in pairs], [r for _, r in pairs if r is not None])
        for subset, subset_scores in accepted.items():
            diff = update_baseline(options.baseline, subset_scores, subset)
            print(f"baseline {subset or 'all'} updated:" if diff else f"baseline {subset or 'all'} unchanged")
            for line in diff:
                print(f"  {line}")
    if options.gate:
        failing = [r.case_id for r in run.results["newsdesk"] if r is not None and not r.passed]
        result = check(scores["newsdesk"], load_baseline(options.baseline), options.subset, failing)
        if not result.ok:
            print("EVAL GATE FAILED:")
            for problem in result.problems:
                print(f"  - {problem}")
            return 1
        print("eval gate passed")
    return 0


def _print_table(scores: dict[str, dict[str, float]]) -> None:
    systems = list(scores)
    print(f"{'metric':<24}" + "".join(f"{s:>12}" for s in systems))
    for metric in scores[systems[0]]:
        print(f"{metric:<24}" + "".join(f"{scores[s].get(metric, ''):>12}" for s in systems))
