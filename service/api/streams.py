"""Answer events → Server-Sent Events, and a client that goes away stops the model.

The answer stream is a plain (blocking) iterator; each step runs in the thread pool so the event
loop stays free. When the client disconnects, Starlette cancels the response: ``relay`` then sets the
answer's cancel flag (the pipeline stops at the model's next token, closing its stream, and frees
the model) and closes the iterator once the step under way returns.
"""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict
from typing import Any

import anyio

from service.ask.events import AskEvent, Conflicts, Done, Refusal, Sentence
from service.ask.service import to_payload
from service.errors import NewsdeskError

_END = object()
# Proxies must pass each event on at once, and nobody should cache an answer stream.
STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class _Steps:
    """One iterator stepped from worker threads, one step at a time, closable from any thread."""

    def __init__(self, events: Iterator[AskEvent]) -> None:
        self.events = events
        self.lock = threading.Lock()

    def next(self) -> object:
        with self.lock:
            return next(self.events, _END)

    def close(self) -> None:
        with self.lock:
            close = getattr(self.events, "close", None)
            if close is not None:
                close()


async def relay(
    events: Iterator[AskEvent],
    cancel: threading.Event,
    render: Callable[[AskEvent], Iterator[str]],
    failed: Callable[[NewsdeskError], Iterator[str]],
) -> AsyncIterator[str]:
    """Render each event as it comes; a failure after the stream began is rendered by ``failed``
    (in band: the status line, 200, is gone by then)."""
    steps = _Steps(events)
    try:
        while True:
            try:
                event = await anyio.to_thread.run_sync(steps.next)
            except NewsdeskError as exc:
                for text in failed(exc):
                    yield text
                return
            if event is _END:
                return
            for text in render(event):  # type: ignore[arg-type]
                yield text
    finally:
        cancel.set()
        # The step under way (if the client left mid-answer) ends at the model's next token.
        threading.Thread(target=steps.close, name="answer-close", daemon=True).start()


def sse(data: Any, event: str | None = None) -> str:
    """One Server-Sent Event."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"


def ask_events(event: AskEvent) -> Iterator[str]:
    """``POST /v1/ask`` with ``"stream": true``: the event format the README documents."""
    if isinstance(event, Sentence):
        yield sse({"text": event.text, "citations": [asdict(c) for c in event.citations]}, "sentence")
    elif isinstance(event, Conflicts):
        conflicts = [asdict(c) for c in event.conflicts]
        citations = [asdict(c) for c in event.citations]
        yield sse({"text": event.text, "conflicts": conflicts, "citations": citations}, "conflicts")
    elif isinstance(event, Refusal):
        yield sse({"text": event.text, "reason": event.reason}, "refusal")
    elif isinstance(event, Done):
        yield sse(to_payload(event.result), "done")


def ask_failed(exc: NewsdeskError) -> Iterator[str]:
    """A failure inside a ``/v1/ask`` stream: an ``error`` event (no ``done`` follows)."""
    yield sse({"message": exc.message, "status": exc.status_code}, "error")
