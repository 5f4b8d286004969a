"""Metrics over case results; each is defined in evals/README.md."""

from __future__ import annotations

from statistics import quantiles

from service.evals.cases import Case
from service.evals.matching import fact_in
from service.evals.results import CaseResult, cited_but_wrong, correct

# Metrics the gate compares with the baseline (higher is better unless listed in LOWER_IS_BETTER).
GATED = (
    "retrieval_recall_at_5",
    "retrieval_mrr",
    "answer_correctness",
    "citation_validity",
    "citation_precision",
    "citation_recall",
    "refusal_precision",
    "refusal_recall",
    "conflict_recall",
    "unsupported_rate",
    "cited_but_wrong_rate",
    "key_fact_recall",
)
LOWER_IS_BETTER = frozenset(
    {"unsupported_rate", "cited_but_wrong_rate", "stray_conflicts", "refused_drafts_with_facts"}
)
SUMMARY_KINDS = frozenset({"summary", "chat_summary"})
# Kinds whose answers may rightly carry a conflict the case does not ask for (see results.judge).
CONFLICT_FREE_KINDS = SUMMARY_KINDS | {"injection"}


def _ratio(numerator: float, denominator: float, empty: float = 1.0) -> float:
    return round(numerator / denominator, 4) if denominator else empty


def retrieval(cases: list[Case], results: list[CaseResult], k: int = 5) -> dict[str, float]:
    """Recall@k of expected articles among the top-k chunks' articles, and MRR of the first one."""
    recall, rr, n = 0.0, 0.0, 0
    for case, r in zip(cases, results, strict=True):
        if not case.articles or not r.retrieved_articles:
            continue
        n += 1
        top = r.retrieved_articles[:k]
        recall += len(set(case.articles) & set(top)) / len(set(case.articles))
        rank = next((i for i, a in enumerate(r.retrieved_articles, 1) if a in case.articles), None)
        rr += 1 / rank if rank else 0.0
    return {f"retrieval_recall_at_{k}": _ratio(recall, n, 0.0), "retrieval_mrr": _ratio(rr, n, 0.0)}


def compute(cases: list[Case], results: list[CaseResult]) -> dict[str, float]:
    """Every metric for one system's results on ``cases`` (same order)."""
    pairs = list(zip(cases, results, strict=True))
    answerable = [(c, r) for c, r in pairs if c.answerable]
    should_refuse = [(c, r) for c, r in pairs if c.refuse]
    refused = [(c, r) for c, r in pairs if r.refused]
    conflict_cases = [(c, r) for c, r in pairs if c.conflict]
    answered = [(c, r) for c, r in answerable if not r.refused and r.error is None]

    all_citations = sum(len(r.citations) for _, r in pairs)
    valid = sum(r.valid_citations for _, r in pairs)
    supporting, cited_total = 0, 0
    for c, r in answered:
        for cit in r.citations:
            cited_total += 1
            supporting += any(fact_in(alts, cit["quote"]) for alts in c.facts) if c.facts else 0
    recall_sum = sum(
        len({x["article_id"] for x in r.citations} & set(c.articles)) / len(set(c.articles))
        for c, r in answerable
        if c.articles
    )
    recall_n = sum(1 for c, _ in answerable if c.articles)
    # Replies served from the eval's prompt cache took no model time: they say nothing about latency.
    latencies = sorted(r.latency_ms for _, r in pairs if r.error is None and not r.cached)
    with_citations = [(c, r) for c, r in pairs if not r.refused and r.error is None and r.valid_citations]
    summaries = [(c, r) for c, r in pairs if c.kind in SUMMARY_KINDS and c.facts]
    key_facts = sum(
        sum(fact_in(alts, r.answer) for alts in c.facts) / len(c.facts) if not r.refused else 0.0
        for c, r in summaries
    )
    metrics = {
        **retrieval(cases, results),
        "answer_correctness": _ratio(sum(correct(c, r) for c, r in answerable), len(answerable), 0.0),
        "citation_validity": _ratio(valid, all_citations),
        "citation_precision": _ratio(supporting, cited_total, 0.0),
        "citation_recall": _ratio(recall_sum, recall_n, 0.0),
        "refusal_precision": _ratio(sum(c.refuse for c, _ in refused), len(refused)),
        "refusal_recall": _ratio(sum(r.refused for _, r in should_refuse), len(should_refuse)),
        "conflict_recall": _ratio(
            sum(r.conflict_figures >= 2 for _, r in conflict_cases), len(conflict_cases), 0.0
        ),
        "unsupported_rate": _ratio(
            sum(r.unsupported for _, r in answered), sum(r.sentences for _, r in answered), 0.0
        ),
        "cited_but_wrong_rate": _ratio(
            sum(cited_but_wrong(c, r) for c, r in with_citations), len(with_citations), 0.0
        ),
        "cited_but_wrong": float(sum(cited_but_wrong(c, r) for c, r in with_citations)),
        "answered_with_citations": float(len(with_citations)),
        "key_fact_recall": _ratio(key_facts, len(summaries), 0.0),
        "stray_conflicts": float(
            sum(bool(r.conflicts) for c, r in pairs if not c.conflict and c.kind not in CONFLICT_FREE_KINDS)
        ),
        "refused_drafts_with_facts": float(sum(r.draft_held_facts for _, r in answerable if r.refused)),
        "cases_passed": _ratio(sum(r.passed for _, r in pairs), len(pairs), 0.0),
        "cases": float(len(pairs)),
        **_support(pairs),
        "latency_p50_ms": round(latencies[len(latencies) // 2], 1) if latencies else 0.0,
        "latency_p95_ms": round(_p95(latencies), 1) if latencies else 0.0,
    }
    return metrics


def _support(pairs: list[tuple[Case, CaseResult]]) -> dict[str, float]:
    """What the support check cost: per checked sentence (p50 over answers, uncached model replies
    only, since a cached judge reply takes no time) and the share of checks that asked the model."""
    per_sentence = sorted(
        r.support_ms / r.support_checks for _, r in pairs if r.support_checks and not r.cached
    )
    checks = sum(r.support_checks for _, r in pairs)
    judged = sum(r.support_judge_calls for _, r in pairs)
    return {
        "support_ms_per_sentence_p50": round(per_sentence[len(per_sentence) // 2], 1)
        if per_sentence
        else 0.0,
        "support_judge_share": _ratio(judged, checks, 0.0),
    }


def _p95(sorted_values: list[float]) -> float:
    if len(sorted_values) < 2:
        return sorted_values[0]
    return quantiles(sorted_values, n=20, method="inclusive")[-1]


def by_group(
    cases: list[Case], results: list[CaseResult], key: str
) -> dict[str, tuple[dict[str, float], int, int]]:
    """Metrics per value of a case attribute (``part``, ``corpus``, ``kind``): (metrics, passed, n)."""
    groups: dict[str, list[tuple[Case, CaseResult]]] = {}
    for c, r in zip(cases, results, strict=True):
        groups.setdefault(str(getattr(c, key)), []).append((c, r))
    return {
        name: (
            compute([c for c, _ in pairs], [r for _, r in pairs]),
            sum(r.passed for _, r in pairs),
            len(pairs),
        )
        for name, pairs in sorted(groups.items())
    }
