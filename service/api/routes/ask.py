"""Question answering with verified citations."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import ServicesDep
from service.api.schemas_ask import AskRequest, AskResponse
from service.ask.service import answer_question, to_payload

router = APIRouter(prefix="/v1", tags=["ask"])


@router.post("/ask", response_model=AskResponse)
def ask(body: AskRequest, services: ServicesDep) -> dict[str, object]:
    """Answer a question from the articles. Every sentence is cited to an exact passage or listed as
    unsupported; when the articles do not answer, ``refused`` is true and the nearest articles are listed."""
    history: list[tuple[str, str]] = [(t.role, t.content) for t in body.history]
    result = answer_question(services, body.question, history, body.article_ids, body.k)
    return to_payload(result)
