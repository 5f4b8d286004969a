"""Question answering with verified citations, as one JSON body or as Server-Sent Events."""

from __future__ import annotations

import threading

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from service.api.deps import MetricsDep, ServicesDep
from service.api.errors import error_responses
from service.api.schemas_ask import AskRequest, AskResponse, ask_stream_event
from service.api.streams import STREAM_HEADERS, ask_events, ask_failed, relay
from service.ask.events import collect
from service.ask.pipeline import Question
from service.ask.service import answer_events, to_payload

router = APIRouter(prefix="/v1", tags=["ask"])


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={
        200: {
            "description": "The answer, or with `stream: true` its events (sentence, conflicts, refusal, "
            "error, done; the README documents each).",
            "content": {"text/event-stream": {"schema": ask_stream_event()}},
        },
        **error_responses(
            401,
            404,
            413,
            422,
            429,
            503,
            s429="Over the rate limit, or the local model's waiting line is full (it writes one answer at "
            "a time): retry after `Retry-After` seconds.",
        ),
    },
)
def ask(
    body: AskRequest, services: ServicesDep, metrics: MetricsDep
) -> dict[str, object] | StreamingResponse:
    """Answer a question from the articles. Every sentence is cited to an exact passage or listed as
    unsupported; when the articles do not answer, ``refused`` is true and the nearest articles are listed.

    With ``"stream": true`` the answer comes as Server-Sent Events, each sentence once verified."""
    history = tuple((t.role, t.content) for t in body.history)
    article_ids = tuple(body.article_ids) if body.article_ids else None
    cancel = threading.Event()
    asked = Question(body.question, history, article_ids, body.k)
    events = metrics.observe(answer_events(services, asked, cancel, streamed=body.stream))
    if body.stream:
        stream = relay(events, cancel, ask_events, ask_failed)
        return StreamingResponse(stream, media_type="text/event-stream", headers=STREAM_HEADERS)
    return to_payload(collect(events))
