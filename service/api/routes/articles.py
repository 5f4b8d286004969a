"""The corpus as a read-only resource."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import ServicesDep
from service.api.schemas import ArticleDetail, ArticleList, ArticleSummary
from service.articles import Article

router = APIRouter(prefix="/v1/articles", tags=["articles"])


def _summary(article: Article, n_chunks: int) -> dict[str, object]:
    meta = article.meta
    return {
        "id": meta.id,
        "title": meta.title,
        "outlet": meta.outlet,
        "published": meta.published,
        "date_precision": meta.date_precision,
        "n_chunks": n_chunks,
    }


@router.get("", response_model=ArticleList)
def list_articles(services: ServicesDep) -> ArticleList:
    """Every article in the corpus, with how many chunks of it are indexed."""
    counts = services.retriever.chunk_counts()
    items = [
        ArticleSummary.model_validate(_summary(a, counts.get(a.id, 0))) for a in services.articles().values()
    ]
    return ArticleList(articles=items)


@router.get("/{article_id}", response_model=ArticleDetail)
def get_article(article_id: str, services: ServicesDep) -> ArticleDetail:
    """One article with its full text (the text citation offsets point into)."""
    article = services.article(article_id)
    counts = services.retriever.chunk_counts()
    return ArticleDetail.model_validate(_summary(article, counts.get(article.id, 0)) | {"text": article.text})
