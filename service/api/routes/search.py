"""Hybrid search over chunks."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import ServicesDep
from service.api.errors import error_responses
from service.api.schemas import SearchRequest, SearchResponse, SearchResult

router = APIRouter(prefix="/v1", tags=["search"], responses=error_responses(401, 429))


@router.post(
    "/search",
    response_model=SearchResponse,
    responses=error_responses(
        404, 413, 422, 503, s503="The index is empty, or the store or embedding backend is unreachable."
    ),
)
def search(body: SearchRequest, services: ServicesDep) -> SearchResponse:
    """Rank chunks for a query (dense + BM25, fused by reciprocal rank), with exact offsets."""
    if body.article_ids:
        for article_id in body.article_ids:
            services.article(article_id)  # 404 for an unknown id rather than silently empty results
    hits = services.retriever.search(body.query, body.k, body.article_ids)
    return SearchResponse(
        results=[
            SearchResult(
                article_id=h.chunk.article_id,
                title=h.chunk.title,
                text=h.chunk.text,
                start=h.chunk.start,
                end=h.chunk.end,
                score=round(h.score, 6),
                similarity=round(h.similarity, 6),
            )
            for h in hits
        ]
    )
