"""Request and response bodies of the HTTP API: articles, search, health and the error body.

Every field has a description, and the request bodies examples: they are the OpenAPI docs at /docs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    field_validator,
)

ARTICLE_ID = "shoigu-kim-sappers-builders"


def _not_blank(value: object) -> object:
    # Before the pattern, so the message says "blank" rather than quoting a regular expression.
    if isinstance(value, str) and value and not value.strip():
        raise ValueError("must not be blank")
    return value


def whole_number(value: object) -> object:
    """A before-validator for integer fields."""
    # JSON Schema's integer: 5.0 is one; "5" and true are not (StrictInt alone refuses 5.0).
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _date_text(value: object) -> object:
    # JSON Schema's `format: date`: "2025-03-02" only (pydantic would also take a number or a datetime).
    if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


# Constraints go left of a validator: to its right, pydantic leaves them out of the JSON Schema.
# Text with at least one character that is not whitespace; the pattern says so in the schema.
NonBlank = Annotated[str, StringConstraints(pattern=r"\S"), BeforeValidator(_not_blank)]
IsoDate = Annotated[dt.date, BeforeValidator(_date_text)]
ChunkCount = Annotated[StrictInt, Field(ge=1, le=50), BeforeValidator(whole_number)]


class RequestBody(BaseModel):
    """Base of the request bodies: an unknown field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- errors


class ErrorInfo(BaseModel):
    """The error in OpenAI's shape, so the ``openai`` client shows the message."""

    message: str = Field(description="What went wrong and what to do about it (the same text as `detail`).")
    type: Literal["invalid_request_error", "server_error"] = Field(
        description="`invalid_request_error` for a 4xx (the caller can fix it), `server_error` for a 5xx."
    )
    code: int = Field(description="The HTTP status code.", examples=[422])


class ValidationIssue(BaseModel):
    """One problem with the request, as the validator found it."""

    loc: list[str | int] = Field(
        description="Where: `body`, then field names and list indexes.", examples=[["body", "query"]]
    )
    msg: str = Field(description="What is wrong there.", examples=["Field required"])
    type: str = Field(description="The validator's error type.", examples=["missing"])


class ErrorBody(BaseModel):
    """Every error response: a message saying what to fix, in FastAPI's and OpenAI's places."""

    detail: str = Field(
        description="What went wrong and what to do about it.",
        examples=["invalid request: k: Input should be less than or equal to 50"],
    )
    error: ErrorInfo = Field(description="The same message in OpenAI's error shape.")
    errors: list[ValidationIssue] | None = Field(
        default=None, description="An invalid body (422): each problem the validator found."
    )
    existing_id: str | None = Field(
        default=None, description="409 on a text already indexed: the id of the article that holds it."
    )


# --------------------------------------------------------------------------- articles


class ArticleSummary(BaseModel):
    """One article, without its text."""

    id: str = Field(description="The article's id, used in citations and filters.", examples=[ARTICLE_ID])
    title: str = Field(description="The headline.", examples=["Shoigu and Kim agree on sappers and builders"])
    outlet: str | None = Field(default=None, description="Who published it, when known.")
    published: dt.date | None = Field(description="Publication date; an uploaded article may have none.")
    date_precision: Literal["day", "month", "year"] = Field(
        description="How exact `published` is: a day, or only its month or year."
    )
    n_chunks: int = Field(description="How many chunks of it the search index holds.", ge=0)
    origin: Literal["corpus", "upload"] = Field(
        description="`corpus`: a shipped file under corpus/; `upload`: added over HTTP."
    )
    deletable: bool = Field(description="Whether DELETE /v1/articles/{id} may remove it (uploads only).")


class ArticleDetail(ArticleSummary):
    """One article with its text."""

    text: str = Field(
        description="The body exactly as chunk and citation offsets index it: "
        "`text[start:end]` is a citation's `quote`."
    )


class ArticleList(BaseModel):
    """Every article."""

    articles: list[ArticleSummary] = Field(description="Shipped articles and uploads, in id order.")


class NewArticleBody(RequestBody):
    """An article to add."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Reservoir level falls after dry spring",
                    "text": "The Ostra reservoir stood at 41 per cent of capacity on Monday, the "
                    "regional water authority said.",
                    "outlet": "Valley Courier",
                    "published": "2025-05-12",
                }
            ]
        }
    )

    title: NonBlank = Field(min_length=1, max_length=500, description="The article's headline.")
    # No length cap here: the service's limit (a setting) answers 413 with the numbers.
    text: NonBlank = Field(
        min_length=1,
        description="The body, as Markdown or plain text (stored as sent, line endings made `\\n` and "
        "outer whitespace trimmed). Over NEWSDESK_MAX_ARTICLE_CHARS characters is a 413.",
    )
    outlet: str | None = Field(
        default=None, max_length=200, description="Who published it; blank is the same as none."
    )
    published: IsoDate | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(
        default=None, max_length=2000, description="Where it was published; blank is the same as none."
    )

    @field_validator("outlet", "url")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


# --------------------------------------------------------------------------- search


class SearchRequest(RequestBody):
    """A search over the chunks."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"query": "sappers sent to Kursk", "k": 3}]},
    )

    query: NonBlank = Field(
        min_length=1,
        max_length=2000,
        description="What to look for: words or a question.",
        examples=["How many sappers will North Korea send?"],
    )
    k: ChunkCount = Field(default=5, description="How many chunks to return.")
    article_ids: list[str] | None = Field(
        default=None,
        description="Only search these articles (an unknown id is a 404); none or empty: all articles.",
        examples=[[ARTICLE_ID]],
    )


class SearchResult(BaseModel):
    """One chunk, best first."""

    article_id: str = Field(description="The article the chunk is from.", examples=[ARTICLE_ID])
    title: str = Field(description="That article's headline.")
    text: str = Field(description="The chunk: exactly the article's `text[start:end]`.")
    start: int = Field(ge=0, description="Offset of the chunk's first character in the article's text.")
    end: int = Field(ge=0, description="Offset just past the chunk's last character.")
    score: float = Field(description="Reciprocal-rank fusion of dense and keyword ranks (orders results).")
    similarity: float = Field(description="Cosine similarity of the chunk to the query (dense model).")


class SearchResponse(BaseModel):
    """The best chunks for a query."""

    results: list[SearchResult] = Field(description="At most `k` chunks, best first.")


# --------------------------------------------------------------------------- health


class Healthy(BaseModel):
    """The process answers."""

    status: Literal["ok"] = Field(description="Always `ok`: an answer at all means the process is up.")


class Check(BaseModel):
    """One readiness check."""

    ok: bool = Field(description="Whether this part is ready.")
    detail: str = Field(description="What was found, or what is wrong and how to fix it.")


class Readiness(BaseModel):
    """Whether the service can answer: the index holds chunks and the models are loaded."""

    ready: bool = Field(description="Every check is ok (and the status is 200; 503 otherwise).")
    checks: dict[str, Check] = Field(
        description="Each check by name (index, embeddings, chat model...).",
        examples=[{"index": {"ok": True, "detail": "26 chunks"}}],
    )
