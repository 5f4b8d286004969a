"""The articles: the shipped corpus (read-only here) and articles added and deleted over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from service.api.deps import ServicesDep, require_admin
from service.api.errors import error_responses
from service.api.schemas import ArticleDetail, ArticleList, ArticleSummary, NewArticleBody
from service.articles import UPLOAD, Article
from service.ingest.uploads import NewArticle

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
        "origin": article.origin,
        "deletable": article.origin == UPLOAD,
    }


def _detail(article: Article, services: ServicesDep) -> ArticleDetail:
    counts = services.retriever.chunk_counts()
    return ArticleDetail.model_validate(_summary(article, counts.get(article.id, 0)) | {"text": article.text})


@router.get("", response_model=ArticleList, responses=error_responses(401, 429, 503))
def list_articles(services: ServicesDep) -> ArticleList:
    """Every article, with how many chunks of it are indexed."""
    counts = services.retriever.chunk_counts()
    items = [
        ArticleSummary.model_validate(_summary(a, counts.get(a.id, 0))) for a in services.articles().values()
    ]
    return ArticleList(articles=items)


@router.get(
    "/{article_id}",
    response_model=ArticleDetail,
    responses=error_responses(401, 404, 422, 429, 503),
)
def get_article(article_id: str, services: ServicesDep) -> ArticleDetail:
    """One article with its full text (the text citation offsets point into)."""
    return _detail(services.article(article_id), services)


@router.post(
    "",
    status_code=201,
    dependencies=[Depends(require_admin)],
    response_model=ArticleDetail,
    responses=error_responses(
        401,
        403,
        409,
        413,
        422,
        429,
        503,
        s409="The same text (whitespace aside) is already an article: `existing_id` names it.",
        s413="The body is over NEWSDESK_MAX_BODY_BYTES, or the text over NEWSDESK_MAX_ARTICLE_CHARS.",
    ),
)
def add_article(body: NewArticleBody, services: ServicesDep) -> ArticleDetail:
    """Add an article. It is chunked, embedded and searchable when the call returns; it is kept under
    the data directory, apart from the shipped corpus, and survives restarts."""
    new = NewArticle(body.title, body.text, body.outlet, body.published, body.url)
    return _detail(services.add_article(new), services)


@router.delete(
    "/{article_id}",
    status_code=204,
    dependencies=[Depends(require_admin)],
    responses=error_responses(
        401,
        403,
        404,
        409,
        422,
        429,
        503,
        s409="A shipped corpus article: it is managed as a file under corpus/, not over HTTP.",
    ),
)
def delete_article(article_id: str, services: ServicesDep) -> Response:
    """Delete an article added over HTTP: its chunks leave the search index at once."""
    services.delete_article(article_id)
    return Response(status_code=204)
