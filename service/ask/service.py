"""The answering service the HTTP routes and the CLI call: validation, queueing, payload shape."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from service.ask.events import AskEvent, collect, primed
from service.ask.pipeline import Question
from service.ask.result import AskResult
from service.container import Services
from service.errors import InvalidRequestError


def _check_articles(services: Services, article_ids: tuple[str, ...] | None) -> None:
    for article_id in article_ids or []:
        services.article(article_id)  # NotFoundError names the unknown id


def answer_events(
    services: Services, asked: Question, cancel: threading.Event | None = None, streamed: bool = True
) -> Iterator[AskEvent]:
    """The answer as events, already run up to the first (see ``primed``): a refused question's
    events are ready at once; otherwise the model is held (429 if too many are waiting) until the
    events are exhausted or closed. ``streamed=False`` for a caller that will collect them."""
    if not asked.text.strip():
        raise InvalidRequestError("question must not be blank")
    _check_articles(services, asked.article_ids)
    return primed(services.pipeline().events(asked, cancel, streamed))


def answer_question(services: Services, asked: Question) -> AskResult:
    """Answer one question (blocking): the same events, collected."""
    return collect(answer_events(services, asked, streamed=False))


def to_payload(result: AskResult) -> dict[str, Any]:
    """The JSON shape of /v1/ask (and of the ``newsdesk`` extras in chat completions)."""
    payload = asdict(result)
    payload.pop("question")
    payload.pop("supported_sentences")
    return payload
