"""One chat message → a summary or an answer: the dispatch the chat route and the eval share.

A message asking for an overview ("Give me an overview of the evacuation") is a topic summary; any
other message, including "What do the articles say about the number of …?", is a question (see
``service.summarize.service.summary_request_from_chat`` for the rule).
"""

from __future__ import annotations

from service.ask.pipeline import HistoryTurn
from service.ask.result import AskResult
from service.ask.service import answer_question
from service.container import Services
from service.summarize.service import summarize, summary_as_answer, summary_request_from_chat


def reply(services: Services, message: str, history: list[HistoryTurn] | None = None) -> AskResult:
    """The answer (or summary, in the answer's shape) to the last chat message."""
    request = summary_request_from_chat(message)
    if request is not None:
        return summary_as_answer(message, summarize(services, request))
    return answer_question(services, message, history or [])
