"""OpenAI-compatible chat completions, so the official ``openai`` client and chat front-ends work.

Citations travel in an extra ``citations`` field: on the response when not streaming; when streaming,
on each chunk for the sentence it carries and, all of them, on a final chunk just before ``[DONE]``.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from service.api.deps import MetricsDep, ServicesDep
from service.api.errors import error_responses
from service.api.schemas_ask import (
    MAX_QUESTION_CHARS,
    ChatCompletion,
    ChatCompletionRequest,
    ModelList,
    chat_stream_event,
)
from service.api.streams import STREAM_HEADERS, relay, sse
from service.ask.events import AskEvent, Conflicts, Done, Refusal, Sentence, collect
from service.ask.result import AskResult
from service.ask.service import to_payload
from service.conversation import reply_events
from service.errors import InvalidRequestError, NewsdeskError

MODEL_ID = "newsdesk"
router = APIRouter(prefix="/v1", tags=["openai-compatible"], responses=error_responses(401, 429))
_STREAMED = {"text/event-stream": {"schema": chat_stream_event()}}


def _conversation(body: ChatCompletionRequest) -> tuple[str, list[tuple[str, str]]]:
    turns: list[tuple[str, str]] = [
        (m.role, m.text()) for m in body.messages if m.role in ("user", "assistant")
    ]
    if not turns or turns[-1][0] != "user":
        raise InvalidRequestError("messages must end with a user message (the question)")
    question = turns[-1][1]
    if not question.strip():
        raise InvalidRequestError("the last user message is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidRequestError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    return question, turns[:-1]


def _extras(result: AskResult) -> dict[str, Any]:
    payload = to_payload(result)
    usage = payload.pop("usage")
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {
        "citations": payload.pop("citations"),
        "usage": usage,
        "newsdesk": {
            k: payload[k] for k in ("refused", "unsupported", "conflicts", "nearest_articles", "timings")
        },
    }


@router.get("/models", response_model=ModelList)
def list_models() -> dict[str, Any]:
    """The one model this server exposes: ``newsdesk`` (grounded answers over the articles)."""
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "newsdesk"}],
    }


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    responses={
        200: {"content": _STREAMED, "description": "The completion, or with `stream: true` its chunks."},
        **error_responses(
            413,
            422,
            429,
            503,
            s422="The body is invalid, or the conversation does not end with the user's question: the "
            "last `user` or `assistant` message must be the user's, not blank, at most 2,000 characters.",
        ),
    },
)
def chat_completions(
    body: ChatCompletionRequest, services: ServicesDep, metrics: MetricsDep
) -> dict[str, Any] | StreamingResponse:
    """Answer the last user message from the articles; earlier messages are the conversation history.

    A message asking for a summary ("Give me an overview of the inquiry") gets a topic summary.
    Streamed, each verified sentence arrives as it is ready, with its citations on the same chunk.
    """
    question, history = _conversation(body)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    cancel = threading.Event()
    events = metrics.observe(reply_events(services, question, history, cancel, streamed=body.stream))
    if not body.stream:
        return _completion(completion_id, created, collect(events))
    chunks = _Chunks(completion_id, created)
    stream = relay(events, cancel, chunks.render, chunks.failed)
    return StreamingResponse(stream, media_type="text/event-stream", headers=STREAM_HEADERS)


def _completion(completion_id: str, created: int, result: AskResult) -> dict[str, Any]:
    message = {"role": "assistant", "content": result.answer}
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        **_extras(result),
    }


class _Chunks:
    """Answer events as ``chat.completion.chunk`` objects: a sentence's citations ride on the chunk
    that carries it; the final chunk before ``[DONE]`` repeats them all (existing clients read that)."""

    def __init__(self, completion_id: str, created: int) -> None:
        self.completion_id, self.created = completion_id, created
        self.started = False

    def chunk(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {
            "id": self.completion_id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return sse(body)

    def render(self, event: AskEvent) -> Iterator[str]:
        if not self.started:
            self.started = True
            yield self.chunk({"role": "assistant", "content": ""})
        if isinstance(event, Sentence | Conflicts):
            citations = [asdict(c) for c in event.citations]
            yield self.chunk({"content": event.text}, citations=citations)
        elif isinstance(event, Refusal):
            yield self.chunk({"content": event.text})
        elif isinstance(event, Done):
            yield self.chunk({}, "stop", **_extras(event.result))
            yield "data: [DONE]\n\n"

    def failed(self, exc: NewsdeskError) -> Iterator[str]:
        # Reported in band the way OpenAI-compatible servers do.
        yield sse({"error": {"message": exc.message, "code": exc.status_code}})
        yield "data: [DONE]\n\n"
