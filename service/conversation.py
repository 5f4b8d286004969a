"""One chat message → a summary or an answer: the dispatch the chat route (streamed or not) and the
eval share.

A message asking for an overview ("Give me an overview of the evacuation") is a topic summary; any
other message, including "What do the articles say about the number of …?", is a question (see
``service.summarize.service.summary_request_from_chat`` for the rule).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from service.ask.events import AskEvent, collect, primed, result_events
from service.ask.pipeline import HistoryTurn, Question
from service.ask.result import AskResult
from service.ask.service import answer_events
from service.container import Services
from service.summarize.service import summarize, summary_as_answer, summary_request_from_chat


def reply_events(
    services: Services,
    message: str,
    history: list[HistoryTurn] | None = None,
    cancel: threading.Event | None = None,
    streamed: bool = True,
) -> Iterator[AskEvent]:
    """The reply to the last chat message as answer events (a summary comes as one sentence)."""
    request = summary_request_from_chat(message)
    if request is None:
        return answer_events(services, Question(message, tuple(history or ())), cancel, streamed)
    return primed(result_events(summary_as_answer(message, summarize(services, request))))


def reply(services: Services, message: str, history: list[HistoryTurn] | None = None) -> AskResult:
    """The answer (or summary, in the answer's shape) to the last chat message."""
    return collect(reply_events(services, message, history, streamed=False))
