"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator


class ArticleSummary(BaseModel):
    id: str
    title: str
    outlet: str | None = None
    published: dt.date | None = Field(description="Publication date; an uploaded article may have none.")
    date_precision: str
    n_chunks: int
    origin: Literal["corpus", "upload"] = Field(
        description="``corpus``: a shipped file under corpus/; ``upload``: added over HTTP."
    )
    deletable: bool = Field(description="Whether DELETE /v1/articles/{id} may remove it (uploads only).")


class ArticleDetail(ArticleSummary):
    text: str = Field(description="The body exactly as chunk and citation offsets index it.")


class ArticleList(BaseModel):
    articles: list[ArticleSummary]


class NewArticleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=500, description="The article's headline.")
    # No length cap here: the service's limit (a setting) answers 413 with the numbers.
    text: str = Field(min_length=1, description="The body, as Markdown or plain text (stored as sent).")
    outlet: str | None = Field(default=None, max_length=200, description="Who published it.")
    published: dt.date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(default=None, max_length=2000)

    @field_validator("title", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("outlet", "url")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=2000, description="What to look for.")
    k: StrictInt = Field(default=5, ge=1, le=50, description="How many chunks to return.")
    article_ids: list[str] | None = Field(default=None, description="Only search these articles.")

    @field_validator("query")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("query must not be blank")
        return value


class SearchResult(BaseModel):
    article_id: str
    title: str
    text: str
    start: int
    end: int
    score: float = Field(description="Reciprocal-rank-fusion score (orders results).")
    similarity: float = Field(description="Cosine similarity of the chunk to the query (dense model).")


class SearchResponse(BaseModel):
    results: list[SearchResult]
