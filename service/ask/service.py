"""The answering service the HTTP routes and the CLI call: validation, queueing, payload shape."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from service.ask.events import AskEvent, collect, primed
from service.ask.pipeline import HistoryTurn
from service.ask.result import AskResult
from service.container import Services
from service.errors import InvalidRequestError


def _check_articles(services: Services, article_ids: list[str] | None) -> None:
    for article_id in article_ids or []:
        services.article(article_id)  # NotFoundError names the unknown id


def answer_events(
    services: Services,
    question: str,
    history: list[HistoryTurn] | None = None,
    article_ids: list[str] | None = None,
    k: int | None = None,
    cancel: threading.Event | None = None,
    streamed: bool = True,
) -> Iterator[AskEvent]:
    """The answer as events, already run up to the first (see ``primed``): a refused question's
    events are ready at once; otherwise the model is held (429 if too many are waiting) until the
    events are exhausted or closed. ``streamed=False`` for a caller that will collect them."""
    if not question.strip():
        raise InvalidRequestError("question must not be blank")
    _check_articles(services, article_ids)
    pipeline = services.pipeline()
    return primed(pipeline.events(question, history or [], article_ids, k, cancel, streamed))


def answer_question(
    services: Services,
    question: str,
    history: list[HistoryTurn] | None = None,
    article_ids: list[str] | None = None,
    k: int | None = None,
) -> AskResult:
    """Answer one question (blocking): the same events, collected."""
    return collect(answer_events(services, question, history, article_ids, k, streamed=False))


def to_payload(result: AskResult) -> dict[str, Any]:
    """The JSON shape of /v1/ask (and of the ``newsdesk`` extras in chat completions)."""
    payload = asdict(result)
    payload.pop("question")
    payload.pop("supported_sentences")
    return payload
