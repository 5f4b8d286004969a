"""Bodies of /v1/ask and the OpenAI-compatible /v1/chat/completions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="The question to answer.")
    history: list[Turn] = Field(
        default_factory=list, max_length=MAX_HISTORY_TURNS, description="Earlier turns, oldest first."
    )
    article_ids: list[str] | None = Field(default=None, description="Only answer from these articles.")
    k: int | None = Field(default=None, ge=1, le=50, description="Chunks to retrieve (default 5).")
    stream: bool = Field(
        default=False,
        description="Send Server-Sent Events (sentence, conflicts, refusal, error, done) as the answer is "
        "verified, instead of one JSON body; the README documents the format.",
    )


class CitationOut(BaseModel):
    n: int
    article_id: str
    title: str
    quote: str = Field(description="Exactly article.text[start:end].")
    start: int
    end: int


class FigureOut(BaseModel):
    value: str
    citation: CitationOut


class ConflictOut(BaseModel):
    topic: str
    figures: list[FigureOut]


class NearestOut(BaseModel):
    article_id: str
    title: str
    similarity: float


class UsageOut(BaseModel):
    prompt_tokens: int
    completion_tokens: int


class TimingsOut(BaseModel):
    retrieve_ms: float
    generate_ms: float
    total_ms: float
    first_sentence_ms: float = Field(description="From the request to the first verified sentence.")


class AskResponse(BaseModel):
    answer: str
    citations: list[CitationOut]
    refused: bool
    unsupported: list[str]
    conflicts: list[ConflictOut]
    nearest_articles: list[NearestOut]
    standalone_question: str
    refusal_reason: str | None = Field(
        description="When refused, which step decided: the evidence gate, the model, or the support check."
    )
    model: str
    usage: UsageOut
    timings: TimingsOut


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, object]] | None = None

    def text(self) -> str:
        """Plain text of the message (content parts of type text are joined)."""
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # OpenAI clients send many optional fields we ignore

    model: str = "newsdesk"
    messages: list[ChatMessage] = Field(min_length=1, max_length=2 * MAX_HISTORY_TURNS + 2)
    stream: bool = False


class SummaryRequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article_ids: list[str] | None = Field(default=None, description="Articles to summarize (default: all).")
    topic: str | None = Field(
        default=None, max_length=500, description="Only what the articles say about this."
    )
    style: Literal["bullets", "brief", "timeline"] = "bullets"
    max_words: int | None = Field(
        default=None, ge=20, le=1000, description="Length limit (brief default 120)."
    )


class SummaryResponse(BaseModel):
    summary: str
    citations: list[CitationOut]
    unsupported: list[str]
    conflicts: list[ConflictOut]
    refused: bool
    articles: list[str]
    model: str
    usage: UsageOut
    timings: dict[str, float]
    cached: bool
