"""The answering service the HTTP routes and the CLI call: validation, queueing, payload shape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from service.ask.pipeline import HistoryTurn
from service.ask.result import AskResult
from service.container import Services
from service.errors import InvalidRequestError


def _check_articles(services: Services, article_ids: list[str] | None) -> None:
    for article_id in article_ids or []:
        services.article(article_id)  # NotFoundError names the unknown id


def answer_question(
    services: Services,
    question: str,
    history: list[HistoryTurn] | None = None,
    article_ids: list[str] | None = None,
    k: int | None = None,
) -> AskResult:
    """Answer one question, waiting for the model if it is busy (429 if too many are waiting)."""
    if not question.strip():
        raise InvalidRequestError("question must not be blank")
    _check_articles(services, article_ids)
    with services.gatekeeper.slot():
        return services.pipeline().ask(question, history or [], article_ids, k)


def stream_answer(
    services: Services, question: str, history: list[HistoryTurn] | None = None
) -> Iterator[str | AskResult]:
    """Prepare now (so errors surface before the response starts), then stream verified sentences.

    Yields answer text pieces (each sentence with the service's citation markers) and, last, the
    ``AskResult``. The model slot is held until the generator is exhausted or closed.
    """
    if not question.strip():
        raise InvalidRequestError("question must not be blank")
    slot = services.gatekeeper.slot()
    slot.__enter__()
    try:
        pipeline = services.pipeline()
        prepared = pipeline.prepare(question, history or [], None, None)
    except BaseException:
        slot.__exit__(None, None, None)
        raise

    def run() -> Iterator[str | AskResult]:
        try:
            yield from pipeline.stream_verified(prepared)
        finally:
            slot.__exit__(None, None, None)

    return run()


def to_payload(result: AskResult) -> dict[str, Any]:
    """The JSON shape of /v1/ask (and of the ``newsdesk`` extras in chat completions)."""
    payload = asdict(result)
    payload.pop("question")
    payload.pop("refusal_reason")
    payload.pop("supported_sentences")
    return payload
