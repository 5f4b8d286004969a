"""The summary service the HTTP route, the chat route and the CLI call."""

from __future__ import annotations

import re
import time
from dataclasses import asdict, replace
from typing import Any

from service.ask.result import AskResult, Timings
from service.container import Services
from service.errors import InvalidRequestError
from service.summarize.cache import SummaryCache, cache_key
from service.summarize.pipeline import SummaryPipeline
from service.summarize.result import SummaryRequest, SummaryResult

SUMMARY_PROMPTS = ("summarize_article", "summarize_combine")
# "Summarize the articles about Shoigu's visits", "Give me a summary of the troop deployments", ...
_SUMMARY_ASK = re.compile(
    r"^\s*(?:please\s+)?(?:summari[sz]e|sum up|give (?:me )?a summary(?: of)?|write a summary(?: of)?)\b"
    r"(?:\s+(?:all|the|these))*(?:\s+(?:articles?|coverage|news|stories))?"
    r"(?:\s+(?:about|on|of|regarding|concerning))?\s*(?P<topic>.*?)[\s?.!]*$",
    re.IGNORECASE,
)


def summary_request_from_chat(message: str) -> SummaryRequest | None:
    """A summary request if the chat message asks for one, else None."""
    match = _SUMMARY_ASK.match(message)
    if not match:
        return None
    topic = match.group("topic").strip() or None
    return SummaryRequest(topic=topic, style="bullets")


def summarize(services: Services, request: SummaryRequest) -> SummaryResult:
    """A summary, from the cache when every input is unchanged."""
    articles = services.articles()
    for article_id in request.article_ids or ():
        services.article(article_id)  # 404 naming the unknown id
    if request.topic is not None and not request.topic.strip():
        raise InvalidRequestError("topic must not be blank")
    ids = list(request.article_ids or sorted(articles))
    prompts = [services.prompts[name].version for name in SUMMARY_PROMPTS]
    request = replace(request, article_ids=tuple(ids) if request.article_ids else None)
    key = cache_key(request, [articles[i].content_hash for i in ids], prompts, services.chat.name)
    cache = SummaryCache(services.settings.data_dir / "summaries")
    started = time.perf_counter()
    cached = cache.get(key)
    if cached is not None:
        cached.timings = {"total_ms": round((time.perf_counter() - started) * 1000, 1), "cached": 1.0}
        return cached
    with services.gatekeeper.slot():
        result = SummaryPipeline(services.deps()).summarize(request)
    cache.put(key, result)
    return result


def to_payload(result: SummaryResult) -> dict[str, Any]:
    """The JSON shape of /v1/summaries."""
    payload = asdict(result)
    payload.pop("supported")
    return payload


def summary_as_answer(question: str, result: SummaryResult) -> AskResult:
    """A summary in the answer's shape, for the chat route."""
    return AskResult(
        answer=result.summary,
        question=question,
        standalone_question=question,
        refused=result.refused,
        citations=result.citations,
        unsupported=result.unsupported,
        conflicts=result.conflicts,
        model=result.model,
        usage=result.usage,
        timings=Timings(total_ms=result.timings.get("total_ms", 0.0)),
        supported_sentences=result.supported,
    )
