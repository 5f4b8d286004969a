"""Run the eval cases against Newsdesk (and the naive baseline) and collect results."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from service.ask.result import AskResult
from service.container import Services
from service.errors import NewsdeskError
from service.evals.cases import Case
from service.evals.naive import naive_chain, run_naive
from service.evals.results import CaseResult, judge
from service.prompts import load_prompt
from service.summarize.result import SummaryRequest
from service.summarize.service import summarize, summary_as_answer

FIXTURES_DIR = Path("evals/fixtures")


@dataclass
class EvalRun:
    """Results per system, in case order."""

    cases: list[Case]
    # ``None`` where a system does not do what the case asks (the naive recipe writes no summaries).
    results: dict[str, list[CaseResult | None]] = field(default_factory=dict)


def _to_result(case: Case, answer: AskResult, services: Services, latency_ms: float) -> CaseResult:
    r = CaseResult(case.id, case.kind, "newsdesk", answer=answer.answer, refused=answer.refused)
    r.latency_ms = latency_ms
    r.prompt_tokens = answer.usage.prompt_tokens
    articles = services.articles()
    cited = list(answer.citations) + [f.citation for c in answer.conflicts for f in c.figures]
    unique = {(c.article_id, c.start, c.end): c for c in cited}
    for c in unique.values():
        ok = c.article_id in articles and articles[c.article_id].text[c.start : c.end] == c.quote
        r.citations.append({"n": c.n, "article_id": c.article_id, "quote": c.quote, "valid": ok})
        r.valid_citations += ok
    r.conflict_figures = max((len(c.figures) for c in answer.conflicts), default=0)
    r.unsupported = len(answer.unsupported)
    r.sentences = answer.supported_sentences + r.unsupported
    return r


def run_newsdesk(services: Services, case: Case) -> CaseResult:
    """Ask the case (replaying earlier turns as real conversation) and judge the last answer."""
    history: list[tuple[str, str]] = []
    pipeline = services.pipeline()
    try:
        for turn in (case.turns or [])[:-1]:
            earlier = pipeline.ask(turn, history)
            history += [("user", turn), ("assistant", earlier.answer)]
        started = time.perf_counter()
        answer = pipeline.ask(case.final_question, history)
        latency = round((time.perf_counter() - started) * 1000, 1)
        result = _to_result(case, answer, services, latency)
        hits = services.retriever.search(answer.standalone_question, 5)
        result.retrieved_articles = [h.chunk.article_id for h in hits]
    except NewsdeskError as exc:
        result = CaseResult(case.id, case.kind, "newsdesk", error=exc.message)
    return judge(case, result)


def run_summary(services: Services, case: Case) -> CaseResult:
    """Request the case's summary and judge it like an answer (facts covered, citations exact)."""
    assert case.summary is not None
    spec = case.summary
    request = SummaryRequest(
        tuple(spec.article_ids) if spec.article_ids else None, spec.topic, spec.style, None
    )
    try:
        started = time.perf_counter()
        summary = summarize(services, request)
        latency = round((time.perf_counter() - started) * 1000, 1)
        result = _to_result(case, summary_as_answer(case.final_question, summary), services, latency)
    except NewsdeskError as exc:
        result = CaseResult(case.id, case.kind, "newsdesk", error=exc.message)
    return judge(case, result)


def _injected_services(services: Services, workdir: Path) -> Services:
    """The same models over the corpus plus the hostile fixture article, in a separate index."""
    corpus = workdir / "corpus"
    shutil.copytree(services.settings.corpus_dir, corpus)
    for fixture in sorted(FIXTURES_DIR.glob("*.md")):
        shutil.copy(fixture, corpus / fixture.name)
    settings = services.settings.model_copy(
        update={"corpus_dir": corpus, "data_dir": workdir / "data", "chroma_url": None}
    )
    injected = Services(settings, embeddings=services.embeddings, chat=services.chat)
    injected.ingest()
    return injected


def run_all(
    services: Services,
    cases: list[Case],
    with_naive: bool,
    progress: Callable[[int, int], None] | None = None,
) -> EvalRun:
    """Every case against Newsdesk, and against the naive baseline when asked."""
    run = EvalRun(cases, {"newsdesk": []})
    naive = naive_chain(services.store, services.chat, load_prompt("naive")) if with_naive else None
    if naive:
        run.results["naive"] = []
    total = len(cases) + (sum(c.summary is None for c in cases) if naive else 0)
    done = 0
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        injected: Services | None = None
        for case in cases:
            target = services
            if case.kind == "injection":
                injected = injected or _injected_services(services, Path(tmp))
                target = injected
            run_case = run_summary if case.summary is not None else run_newsdesk
            run.results["newsdesk"].append(run_case(target, case))
            done += 1
            if progress:
                progress(done, total)
            if naive and case.summary is not None:
                run.results["naive"].append(None)
            elif naive:
                chain = (
                    naive
                    if target is services
                    else naive_chain(target.store, target.chat, load_prompt("naive"))
                )
                run.results["naive"].append(judge(case, run_naive(chain, case, target.articles())))
                done += 1
                if progress:
                    progress(done, total)
    return run
