"""One way to call the chat model: per-call timeout, backend faults as a domain error, usage counted."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import httpx
import openai
from langchain_core.globals import get_llm_cache
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage

from service.errors import BackendUnavailableError

# The request field the local model server reads an answer's evidence from, to reuse articles'
# evaluated states (``components/llm/reuse``, which runs in the server's process and keeps its own
# copy of the name: this process never loads llama.cpp).
EVIDENCE_FIELD = "newsdesk_evidence"


@dataclass
class Usage:
    """Tokens spent, as the model's own tokenizer counted them."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, prompt: int, completion: int) -> None:
        self.prompt_tokens += prompt
        self.completion_tokens += completion


# httpx's own errors reach us when a server dies in the middle of a streamed reply.
BACKEND_FAULTS = (openai.APIConnectionError, openai.APITimeoutError, openai.APIStatusError, httpx.HTTPError)


def invoke(
    model: BaseChatModel,
    messages: list[BaseMessage],
    timeout: float,
    usage: Usage,
    max_tokens: int | None = None,
    extra_body: dict[str, Any] | None = None,
) -> str:
    """The model's reply text; an unreachable or slow backend raises BackendUnavailableError (503).
    ``extra_body`` goes into the request as fields of its own (an OpenAI-compatible server's)."""
    try:
        reply = model.bind(**_options(timeout, max_tokens, extra_body)).invoke(messages)
    except BACKEND_FAULTS as exc:
        raise BackendUnavailableError(f"the language model did not answer: {exc}") from exc
    assert isinstance(reply, AIMessage)
    count(reply, usage)
    return str(reply.content)


def stream(
    model: BaseChatModel,
    messages: list[BaseMessage],
    timeout: float,
    usage: Usage,
    extra_body: dict[str, Any] | None = None,
) -> Generator[str, None, None]:
    """The reply's text as the model generates it. Closing the iterator closes the model's stream
    (for an HTTP backend, its response: the server stops generating)."""
    if get_llm_cache() is not None:
        # LangChain consults a reply cache (the eval's) only on invoke: a cached reply comes whole.
        yield invoke(model, messages, timeout, usage, extra_body=extra_body)
        return
    chunks = model.stream(messages, **_options(timeout, None, extra_body))
    final = None
    try:
        for chunk in chunks:
            final = chunk if final is None else final + chunk
            if chunk.content:
                yield str(chunk.content)
    except BACKEND_FAULTS as exc:
        raise BackendUnavailableError(f"the language model did not answer: {exc}") from exc
    finally:
        getattr(chunks, "close", lambda: None)()
        if final is not None:
            count(final, usage)


def _options(timeout: float, max_tokens: int | None, extra_body: dict[str, Any] | None) -> dict[str, Any]:
    """A call's request options: only those given, so an unset one keeps the model's default."""
    options: dict[str, Any] = {"timeout": timeout}
    if max_tokens is not None:
        options["max_completion_tokens"] = max_tokens
    if extra_body is not None:
        options["extra_body"] = extra_body
    return options


def count(message: BaseMessage, usage: Usage) -> None:
    """Add the token counts the backend reported (its own tokenizer) to ``usage``."""
    meta = getattr(message, "usage_metadata", None) or {}
    usage.add(int(meta.get("input_tokens", 0)), int(meta.get("output_tokens", 0)))
