"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator


class ArticleSummary(BaseModel):
    id: str
    title: str
    outlet: str | None = None
    published: dt.date
    date_precision: str
    n_chunks: int


class ArticleDetail(ArticleSummary):
    text: str = Field(description="The body exactly as chunk and citation offsets index it.")


class ArticleList(BaseModel):
    articles: list[ArticleSummary]


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
