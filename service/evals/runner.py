"""Run the eval cases against Newsdesk (and the naive baseline) and collect results.

Each corpus has its own index: the shipped ``corpus/`` is the service's own; another corpus
(``evals/corpora/<name>/``) is ingested into ``<data_dir>/evals/<name>`` with the same models, and the
injection cases run over the shipped corpus plus a hostile fixture article in a temporary index.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from service.ask.result import AskResult
from service.container import Services
from service.conversation import reply
from service.errors import NewsdeskError
from service.evals.cases import SHIPPED, Case
from service.evals.llm_cache import PromptHashCache
from service.evals.matching import facts_in
from service.evals.naive import NaiveChain, naive_chain, run_naive
from service.evals.results import CaseResult, judge
from service.prompts import load_prompt
from service.summarize.result import SummaryRequest
from service.summarize.service import summarize, summary_as_answer

EVALS_DIR = Path("evals")
FIXTURES_DIR = EVALS_DIR / "fixtures"
CORPORA_DIR = EVALS_DIR / "corpora"


@dataclass
class EvalRun:
    """Results per system, in case order."""

    cases: list[Case]
    # ``None`` where a system does not do what the case asks (the naive recipe writes no summaries).
    results: dict[str, list[CaseResult | None]] = field(default_factory=dict)


def _to_result(case: Case, answer: AskResult, services: Services, latency_ms: float) -> CaseResult:
    r = CaseResult(case.id, case.kind, "newsdesk", answer=answer.answer, refused=answer.refused)
    r.refusal_reason = answer.refusal_reason
    r.corpus, r.part = case.corpus, case.part
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
    r.conflicts = len(answer.conflicts)
    r.unsupported = len(answer.unsupported)
    r.sentences = answer.supported_sentences + r.unsupported
    r.support_ms = answer.timings.support_ms
    r.support_checks = answer.timings.support_checks
    r.support_judge_calls = answer.timings.support_judge_calls
    r.draft_held_facts = bool(
        answer.refused
        and case.facts
        and answer.unsupported
        and facts_in(case.facts, " ".join(answer.unsupported))
    )
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
        if case.via == "chat":
            answer = reply(services, case.final_question, history)
        else:
            answer = pipeline.ask(case.final_question, history)
        latency = round((time.perf_counter() - started) * 1000, 1)
        result = _to_result(case, answer, services, latency)
        hits = services.retriever.search(answer.standalone_question, 5)
        result.retrieved_articles = [h.chunk.article_id for h in hits]
    except NewsdeskError as exc:
        result = CaseResult(case.id, case.kind, "newsdesk", error=exc.message)
        result.corpus, result.part = case.corpus, case.part
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
        result.corpus, result.part = case.corpus, case.part
    return judge(case, result)


def corpus_services(services: Services, corpus: str, workdir: Path) -> Services:
    """Services over one eval corpus, sharing the models, in an index of its own."""
    if corpus == "injection":
        source = workdir / "injection"
        shutil.copytree(services.settings.corpus_dir, source)
        for fixture in sorted(FIXTURES_DIR.glob("*.md")):
            shutil.copy(fixture, source / fixture.name)
        data_dir = workdir / "injection-data"
    else:
        source = CORPORA_DIR / corpus
        if not source.is_dir():
            raise NewsdeskError(f"eval corpus {corpus!r} not found: expected {source}/")
        data_dir = services.settings.data_dir / "evals" / corpus
    settings = services.settings.model_copy(
        update={"corpus_dir": source, "data_dir": data_dir, "chroma_url": None}
    )
    other = Services(settings, embeddings=services.embeddings, chat=services.chat)
    other.ingest()
    return other


class _Targets:
    """Services (and naive chains) per corpus, built on first use."""

    def __init__(self, services: Services, workdir: Path, with_naive: bool) -> None:
        self.services, self.workdir, self.with_naive = services, workdir, with_naive
        self._by_corpus: dict[str, Services] = {SHIPPED: services}
        self._naive: dict[str, NaiveChain] = {}

    def for_case(self, case: Case) -> Services:
        name = "injection" if case.kind == "injection" else case.corpus
        if name not in self._by_corpus:
            self._by_corpus[name] = corpus_services(self.services, name, self.workdir)
        return self._by_corpus[name]

    def naive(self, case: Case) -> NaiveChain:
        target = self.for_case(case)
        key = "injection" if case.kind == "injection" else case.corpus
        if key not in self._naive:
            self._naive[key] = naive_chain(target.store, target.chat, load_prompt("naive"))
        return self._naive[key]


def run_all(
    services: Services,
    cases: list[Case],
    with_naive: bool,
    progress: Callable[[int, int], None] | None = None,
    cache: PromptHashCache | None = None,
    on_result: Callable[[CaseResult], None] | None = None,
) -> EvalRun:
    """Every case against Newsdesk, and against the naive baseline when asked."""
    run = EvalRun(cases, {"newsdesk": []})
    if with_naive:
        run.results["naive"] = []
    total = len(cases) + (sum(c.summary is None for c in cases) if with_naive else 0)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        targets = _Targets(services, Path(tmp), with_naive)
        for case in cases:
            target = targets.for_case(case)
            run_case = run_summary if case.summary is not None else run_newsdesk
            hits_before = cache.hits if cache else 0
            result = run_case(target, case)
            result.cached = bool(cache and cache.hits > hits_before)
            run.results["newsdesk"].append(result)
            if on_result:
                on_result(result)
            step()
            if not with_naive:
                continue
            if case.summary is not None:
                run.results["naive"].append(None)  # the stock recipe writes no summaries
                continue
            hits_before = cache.hits if cache else 0
            naive_result = judge(case, run_naive(targets.naive(case), case, target.articles()))
            naive_result.corpus, naive_result.part = case.corpus, case.part
            naive_result.cached = bool(cache and cache.hits > hits_before)
            run.results["naive"].append(naive_result)
            if on_result:
                on_result(naive_result)
            step()
    return run
