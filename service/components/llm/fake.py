"""The scripted chat model behind ``NEWSDESK_LLM_BACKEND=fake``: the one fake the tests use.

Replies come from a queue the test fills; when it runs dry the model says it does not know, which
is also what a well-behaved real model says when the sources are silent.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import httpx
import openai
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

FALLBACK_REPLY = "I don't know."


class ScriptedChatModel(BaseChatModel):
    """Answers with queued replies, in order; records every prompt it was sent."""

    replies: deque[str] = Field(default_factory=deque)
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    # (text in the last message, reply): standing answers for prompts of one kind, such as the
    # support check's yes/no question, so a test's queue holds only the replies it is about.
    standing: list[tuple[str, str]] = Field(default_factory=list)
    # Seconds between streamed words (a slow model, for streaming tests); words of the last stream.
    delay_s: float = 0.0
    streamed: int = 0
    # Fail the next stream after this many words, as a backend that drops the connection does.
    fail_after: int | None = None
    # The request fields of each call beyond the messages (``extra_body``), None where it had none.
    extras: list[dict[str, Any] | None] = Field(default_factory=list)
    # Calls made while a stream was still open: a one-slot server (llama.cpp) would interrupt it.
    calls_while_streaming: int = 0
    _streaming: bool = False

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def queue(self, *replies: str) -> None:
        """Append replies for the next calls."""
        self.replies.extend(replies)

    def answer_always(self, marker: str, reply: str) -> None:
        """Reply ``reply`` to every prompt whose last message contains ``marker`` (replacing a
        standing reply for the same marker)."""
        self.standing = [(m, r) for m, r in self.standing if m != marker] + [(marker, reply)]

    def _next(self, messages: Iterable[BaseMessage], extra: dict[str, Any] | None = None) -> str:
        messages = list(messages)
        self.prompts.append(messages)
        self.extras.append(extra)
        last = str(messages[-1].content) if messages else ""
        for marker, reply in self.standing:
            if marker in last:
                return reply
        return self.replies.popleft() if self.replies else FALLBACK_REPLY

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        if self._streaming:
            self.calls_while_streaming += 1
        text = self._next(messages, kwargs.get("extra_body"))
        if self.delay_s:  # a slow model is slow whether or not it streams
            time.sleep(self.delay_s * (len(text.split(" ")) - 1))
        usage = {"input_tokens": _words(messages), "output_tokens": len(text.split()), "total_tokens": 0}
        message = AIMessage(content=text, usage_metadata=usage)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages, kwargs.get("extra_body"))
        words = text.split(" ")
        self.streamed = 0
        self._streaming = True
        try:
            for i, word in enumerate(words):
                if i and self.delay_s:
                    time.sleep(self.delay_s)
                if self.fail_after is not None and i >= self.fail_after:
                    self.fail_after = None
                    # openai types its request with its own vendored httpx; any request will do.
                    request = httpx.Request("POST", "http://fake-model/v1")
                    raise openai.APIConnectionError(request=request)  # type: ignore[arg-type]
                self.streamed += 1
                yield ChatGenerationChunk(message=AIMessageChunk(content=word if i == 0 else " " + word))
        finally:
            self._streaming = False
        # Like an OpenAI-compatible server asked for usage: the counts come on a last, empty chunk.
        usage = UsageMetadata(input_tokens=_words(messages), output_tokens=len(words), total_tokens=0)
        yield ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage))


def _words(messages: list[BaseMessage]) -> int:
    return sum(len(str(m.content).split()) for m in messages)
