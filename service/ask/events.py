"""What answering yields as it goes: the one stream every caller reads.

``AskPipeline.events`` yields these in order — ``Started`` once the model is held, then verified
``Sentence``s, ``Conflicts`` when found, a ``Refusal`` when the articles do not answer, and always
``Done`` last with the whole result. A blocking call is the same stream collected (``collect``), so
a streamed answer and a non-streamed one cannot differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from service.ask.result import AskResult
from service.grounding.model import Citation, Conflict


@dataclass(frozen=True)
class Started:
    """The question passed the evidence gate and holds the model: generation is under way."""


@dataclass(frozen=True)
class Sentence:
    """One verified sentence: its text with the service's ``[n]`` markers (or ``[unsupported]``)
    and the citations those markers point at."""

    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class Conflicts:
    """Differing figures for the thing asked, each cited; ``text`` is how the answer states them."""

    conflicts: list[Conflict]
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class Refusal:
    """The articles do not answer: ``text`` is the service's refusal, ``reason`` says which step decided."""

    text: str
    reason: str


@dataclass(frozen=True)
class Done:
    """The end of the stream: the same result a non-streamed call returns."""

    result: AskResult


AskEvent = Started | Sentence | Conflicts | Refusal | Done


def collect(events: Iterator[AskEvent]) -> AskResult:
    """Run the stream to its end and return its result (the blocking call)."""
    for event in events:
        if isinstance(event, Done):
            return event.result
    raise RuntimeError("an answer stream ended without its result")


def result_events(result: AskResult) -> Iterator[AskEvent]:
    """A finished result (a summary in an answer's shape) as a stream: one sentence, or a refusal."""
    if result.refused:
        yield Refusal(result.answer, result.refusal_reason or "")
    elif result.answer:
        yield Sentence(result.answer, list(result.citations))
    yield Done(result)


def primed(events: Iterator[AskEvent]) -> Iterator[AskEvent]:
    """Run ``events`` up to their first item now, so that what fails before an answer starts (a full
    queue, an unknown article, a model that is down) is raised to the caller as an error response
    rather than sent inside a stream that already said 200."""
    first = next(events)

    def rest() -> Iterator[AskEvent]:
        try:
            yield first
            yield from events
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                close()

    return rest()
