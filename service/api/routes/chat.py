"""OpenAI-compatible chat completions, so the official ``openai`` client and chat front-ends work.

Citations travel in an extra ``citations`` field: on the response when not streaming, and on a final
chunk just before ``[DONE]`` when streaming (so a streaming client does not lose them).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from service.api.deps import ServicesDep
from service.api.schemas_ask import MAX_QUESTION_CHARS, ChatCompletionRequest
from service.ask.result import AskResult
from service.ask.service import stream_answer, to_payload
from service.conversation import reply
from service.errors import InvalidRequestError, NewsdeskError
from service.summarize.service import summarize, summary_as_answer, summary_request_from_chat

MODEL_ID = "newsdesk"
router = APIRouter(prefix="/v1", tags=["openai-compatible"])


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


@router.get("/models")
def list_models() -> dict[str, Any]:
    """The one model this server exposes: ``newsdesk`` (grounded answers over the articles)."""
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "newsdesk"}],
    }


@router.post("/chat/completions", response_model=None)
def chat_completions(
    body: ChatCompletionRequest, services: ServicesDep
) -> dict[str, Any] | StreamingResponse:
    """Answer the last user message from the articles; earlier messages are the conversation history.

    A message asking for a summary ("Give me an overview of the inquiry") gets a topic summary.
    """
    question, history = _conversation(body)
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    created = int(time.time())
    if not body.stream:
        return _completion(completion_id, created, reply(services, question, history))
    summary_request = summary_request_from_chat(question)
    if summary_request is not None:
        result = summary_as_answer(question, summarize(services, summary_request))
        pieces: Iterator[str | AskResult] = iter([result.answer, result])
    else:
        pieces = stream_answer(services, question, history)
    return StreamingResponse(_sse(pieces, completion_id, created), media_type="text/event-stream")


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


def _sse(pieces: Iterator[str | AskResult], completion_id: str, created: int) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        for piece in pieces:
            if isinstance(piece, AskResult):
                yield chunk({}, "stop", **_extras(piece))
            elif piece:
                yield chunk({"content": piece})
    except NewsdeskError as exc:
        # Headers are gone by now: report in-band the way OpenAI-compatible servers do.
        yield f"data: {json.dumps({'error': {'message': exc.message, 'code': exc.status_code}})}\n\n"
    finally:
        close = getattr(pieces, "close", None)
        if close:
            close()
    yield "data: [DONE]\n\n"
