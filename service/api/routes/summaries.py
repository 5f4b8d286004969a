"""Citation-backed summaries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from service.api.deps import ServicesDep
from service.api.errors import error_responses
from service.api.schemas_ask import SummaryRequestBody, SummaryResponse
from service.summarize.result import SummaryRequest
from service.summarize.service import summarize, to_payload

router = APIRouter(prefix="/v1", tags=["summaries"], responses=error_responses(401, 429))


@router.post(
    "/summaries",
    response_model=SummaryResponse,
    responses=error_responses(404, 413, 422, 429, 503),
)
def create_summary(body: SummaryRequestBody, services: ServicesDep) -> dict[str, Any]:
    """Summarize one, several or all articles (optionally only a topic) as bullets, a brief paragraph or
    a dated timeline. Every line carries verified citations; differing figures are shown with each source."""
    request = SummaryRequest(
        article_ids=tuple(body.article_ids) if body.article_ids else None,
        topic=body.topic,
        style=body.style,
        max_words=body.max_words,
    )
    return to_payload(summarize(services, request))
