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
# The rule that tells a summary request from a fact question: a message is a summary request when it
# asks for a summary-like product (summarize / sum up / recap / outline / brief me on, or give / write
# / provide / show an overview, summary, recap, rundown, digest, gist or timeline of something), with
# an optional "please" or "can you" in front, and does not ask for a figure ("how many", "number of",
# "total", "toll"). Everything else is a question: "What do the articles say about the number of
# evacuees?" asks for a figure and is answered, with citations, like any question.
_POLITE = (
    r"(?:(?:please|kindly|hi|hey)[,\s]+|(?:can|could|would|will) you(?: please)?\s+"
    r"|i(?:'d| would) like(?: you to)?\s+)*"
)
_VERB = r"(?:summari[sz]e|sum up|recap|outline|brief me (?:on|about)|catch me up on)"
_PRODUCT = (
    r"(?:(?:give|write|provide|show|get|make)(?: me| us)?|i want|i need|what(?:'s| is))\s+"
    r"(?:a |an |the )?(?:short |quick |brief )?(?P<noun>overview|summary|recap|rundown|digest|gist|timeline)"
)
_SUMMARY_ASK = re.compile(
    rf"^\s*{_POLITE}(?:{_VERB}|{_PRODUCT})\b"
    r"(?:\s+(?:of|on|about|regarding|concerning|for)\b)?"
    r"(?:\s+(?:all|the|these|what)\b)*"
    r"(?:\s+(?:articles?|coverage|news|stories|reports?|happened|is known)\b)?"
    r"(?:\s+(?:about|on|of|regarding|concerning|with|at|in)\b)?\s*(?P<topic>.*?)[\s?.!]*$",
    re.IGNORECASE,
)
_ASKS_FIGURE = re.compile(r"\b(how (many|much)|number of|figures? for|total|toll|count of)\b", re.I)


def summary_request_from_chat(message: str) -> SummaryRequest | None:
    """A summary request if the chat message asks for one (the rule above), else None."""
    match = _SUMMARY_ASK.match(message)
    if not match or _ASKS_FIGURE.search(message):
        return None
    topic = match.group("topic").strip() or None
    style = "timeline" if (match.group("noun") or "").lower() == "timeline" else "bullets"
    return SummaryRequest(topic=topic, style=style)  # type: ignore[arg-type]


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
    key = cache_key(
        request,
        [articles[i].content_hash for i in ids],
        prompts,
        services.chat.name,
        grounding=services.settings.support_judge,
    )
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
