"""Bodies of /v1/ask, /v1/summaries and the OpenAI-compatible /v1/chat/completions and /v1/models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt

from service.api.schemas import ARTICLE_ID, ChunkCount, NonBlank, RequestBody, whole_number

WordCount = Annotated[StrictInt, Field(ge=20, le=1000), BeforeValidator(whole_number)]
MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20
QUESTION = "How many sappers did North Korea pledge?"


class Turn(RequestBody):
    """One earlier turn of the conversation."""

    role: Literal["user", "assistant"] = Field(description="Who said it.")
    content: str = Field(max_length=8000, description="What was said.", examples=["Who is Shoigu?"])


class AskRequest(RequestBody):
    """A question, optionally a follow-up in a conversation or limited to some articles."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"question": QUESTION},
                {
                    "question": "And how many builders?",
                    "history": [
                        {"role": "user", "content": QUESTION},
                        {"role": "assistant", "content": "North Korea pledged 1,000 sappers [1]."},
                    ],
                },
            ]
        }
    )

    question: NonBlank = Field(
        min_length=1, max_length=MAX_QUESTION_CHARS, description="The question.", examples=[QUESTION]
    )
    history: list[Turn] = Field(
        default_factory=list,
        max_length=MAX_HISTORY_TURNS,
        description="Earlier turns, oldest first: a follow-up is rewritten into a standalone question.",
    )
    article_ids: list[str] | None = Field(
        default=None,
        description="Only answer from these articles (an unknown id is a 404); none or empty: all.",
        examples=[[ARTICLE_ID]],
    )
    k: ChunkCount | None = Field(default=None, description="Chunks to retrieve (default 5).")
    stream: StrictBool = Field(
        default=False,
        description="Send Server-Sent Events (sentence, conflicts, refusal, error, done) as the answer is "
        "verified, instead of one JSON body; the README documents the format.",
    )


class CitationOut(BaseModel):
    """A verified citation: the article's `text[start:end]` is exactly `quote`."""

    n: int = Field(ge=1, description="The marker number: `[n]` in the text cites this passage.")
    article_id: str = Field(description="The cited article.", examples=[ARTICLE_ID])
    title: str = Field(description="Its headline.")
    quote: str = Field(description="Exactly article.text[start:end].")
    start: int = Field(ge=0, description="Offset of the quote's first character in the article's text.")
    end: int = Field(ge=0, description="Offset just past the quote's last character.")


class FigureOut(BaseModel):
    """One of the differing figures, with its source."""

    value: str = Field(description="The figure as the article gives it.", examples=["1,000"])
    citation: CitationOut = Field(description="The passage that gives it.")


class ConflictOut(BaseModel):
    """Articles that give different figures for the same thing."""

    topic: str = Field(description="What the figures count.", examples=["sappers"])
    figures: list[FigureOut] = Field(description="Each differing figure with its own citation.")


class NearestOut(BaseModel):
    """An article close to a refused question."""

    article_id: str = Field(description="The article.", examples=[ARTICLE_ID])
    title: str = Field(description="Its headline.")
    similarity: float = Field(description="Cosine similarity of its best chunk to the question.")


class UsageOut(BaseModel):
    """Tokens the model spent, as its own tokenizer counted them."""

    prompt_tokens: int = Field(ge=0, description="Tokens read (prompts of every call the answer made).")
    completion_tokens: int = Field(ge=0, description="Tokens written.")


class TimingsOut(BaseModel):
    """Where the time went, in milliseconds (0 for a step that did not run)."""

    retrieve_ms: float = Field(description="Condensing the question and retrieving passages.")
    generate_ms: float = Field(description="The model writing the answer.")
    total_ms: float = Field(description="The whole request.")
    first_sentence_ms: float = Field(description="From the request to the first verified sentence.")
    support_ms: float = Field(default=0.0, description="Checking that the passages support each sentence.")
    support_checks: int = Field(default=0, ge=0, description="Sentences the support check read.")
    support_judge_calls: int = Field(
        default=0, ge=0, description="Of those, how many were put to the model as a yes/no question."
    )


class AskResponse(BaseModel):
    """An answer whose every sentence is cited or listed as unsupported, or a refusal."""

    answer: str = Field(
        description="The answer with `[n]` after each supported sentence; a refusal says the articles "
        "do not cover the question.",
        examples=["North Korea pledged 1,000 sappers [1]."],
    )
    citations: list[CitationOut] = Field(description="The passages the `[n]` markers point at.")
    refused: bool = Field(description="The articles do not answer the question.")
    unsupported: list[str] = Field(description="Sentences no passage supports (marked `[unsupported]`).")
    conflicts: list[ConflictOut] = Field(description="Differing figures for what was asked, each cited.")
    nearest_articles: list[NearestOut] = Field(description="When refused: the articles nearest the question.")
    standalone_question: str = Field(
        description="The question as answered: a follow-up rewritten with its history, else as asked."
    )
    refusal_reason: str | None = Field(
        description="When refused, which step decided: the evidence gate, the model, or the support check.",
        examples=["evidence gate"],
    )
    model: str = Field(description="The chat model that wrote the answer.")
    usage: UsageOut = Field(description="Tokens spent.")
    timings: TimingsOut = Field(description="Time spent.")


# --------------------------------------------------------------------------- summaries


class SummaryRequestBody(RequestBody):
    """What to summarize, and how."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"style": "bullets"},
                {"article_ids": [ARTICLE_ID], "style": "brief", "max_words": 80},
                {"topic": "the reconstruction of Kursk", "style": "timeline"},
            ]
        }
    )

    article_ids: list[str] | None = Field(
        default=None,
        description="Articles to summarize (an unknown id is a 404); none or empty: all articles.",
        examples=[[ARTICLE_ID]],
    )
    topic: Annotated[NonBlank, Field(min_length=1, max_length=500)] | None = Field(
        default=None,
        description="Only what the articles say about this (refused when they do not cover it).",
        examples=["sappers"],
    )
    style: Literal["bullets", "brief", "timeline"] = Field(
        default="bullets",
        description="`bullets`: lines starting `- `; `brief`: one paragraph; `timeline`: "
        "`- <ISO date> — <event> [n]` lines in date order.",
    )
    max_words: WordCount | None = Field(
        default=None, description="Length limit in words (brief: 120, otherwise 250)."
    )


class SummaryResponse(BaseModel):
    """A summary whose every line carries verified citations."""

    summary: str = Field(description="The summary, `[n]` after each cited line or sentence.")
    citations: list[CitationOut] = Field(description="The passages the `[n]` markers point at.")
    unsupported: list[str] = Field(description="Lines dropped because no passage supports them.")
    conflicts: list[ConflictOut] = Field(description="Figures the articles disagree on, each cited.")
    refused: bool = Field(description="The articles do not cover the topic.")
    articles: list[str] = Field(description="Ids of the articles summarized.", examples=[[ARTICLE_ID]])
    model: str = Field(description="The chat model that wrote it.")
    usage: UsageOut = Field(description="Tokens spent (0 when served from the cache).")
    timings: dict[str, float] = Field(
        description="Milliseconds by step (`total_ms` always).", examples=[{"total_ms": 5210.4}]
    )
    cached: bool = Field(description="Served from the summary cache: no article in scope changed since.")


# --------------------------------------------------------------------------- OpenAI-compatible chat


class ContentPart(BaseModel):
    """A part of a message's content; only parts of type `text` are read."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="`text` is read; other types (images...) are ignored.", examples=["text"])
    text: str | None = Field(default=None, description="The text of a `text` part.")


class ChatMessage(BaseModel):
    """A message of the conversation."""

    role: Literal["system", "user", "assistant", "tool", "developer"] = Field(
        description="Only `user` and `assistant` messages make the conversation; the others are ignored."
    )
    content: str | list[ContentPart] | None = Field(
        default=None, description="Text, or content parts whose `text` parts are joined."
    )

    def text(self) -> str:
        """Plain text of the message (content parts of type text are joined)."""
        if isinstance(self.content, list):
            return " ".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """A chat completion request as the ``openai`` client sends it.

    The question is the last `user` or `assistant` message, which must be the user's, not blank and at
    most 2,000 characters (else 422); the earlier ones are the history."""

    model_config = ConfigDict(
        extra="allow",  # OpenAI clients send many optional fields (temperature...) that are ignored
        json_schema_extra={
            "examples": [{"model": "newsdesk", "messages": [{"role": "user", "content": QUESTION}]}]
        },
    )

    model: str = Field(default="newsdesk", description="Any name: the one model is `newsdesk`.")
    messages: list[ChatMessage] = Field(
        min_length=1,
        max_length=2 * MAX_HISTORY_TURNS + 2,
        description="The conversation, oldest first, ending with the user's question.",
    )
    stream: StrictBool = Field(
        default=False,
        description="Send `chat.completion.chunk` Server-Sent Events, one per verified sentence, then "
        "`data: [DONE]`.",
    )


class ChatReply(BaseModel):
    """The assistant's message."""

    role: Literal["assistant"] = Field(description="Always `assistant`.")
    content: str = Field(description="The answer with `[n]` markers, as `answer` in /v1/ask.")


class ChatChoice(BaseModel):
    """The one choice."""

    index: int = Field(description="Always 0.")
    message: ChatReply = Field(description="The answer.")
    finish_reason: Literal["stop"] = Field(description="Always `stop`.")


class ChatUsage(UsageOut):
    """Tokens spent, OpenAI's way."""

    total_tokens: int = Field(ge=0, description="Prompt and completion tokens together.")


class NewsdeskExtras(BaseModel):
    """What /v1/ask says beside the answer."""

    refused: bool = Field(description="The articles do not answer the question.")
    unsupported: list[str] = Field(description="Sentences no passage supports.")
    conflicts: list[ConflictOut] = Field(description="Differing figures for what was asked, each cited.")
    nearest_articles: list[NearestOut] = Field(description="When refused: the articles closest to it.")
    timings: TimingsOut = Field(description="Time spent.")


class ChatCompletion(BaseModel):
    """A ``chat.completion`` with Newsdesk's citations in extra fields."""

    id: str = Field(description="This completion's id.", examples=["chatcmpl-3f9a0c2e41d84b7aa1c5e6d2"])
    object: Literal["chat.completion"] = Field(description="Always `chat.completion`.")
    created: int = Field(description="Unix time the request arrived.")
    model: Literal["newsdesk"] = Field(description="Always `newsdesk`.")
    choices: list[ChatChoice] = Field(description="Exactly one choice.")
    citations: list[CitationOut] = Field(description="The passages the `[n]` markers point at.")
    usage: ChatUsage = Field(description="Tokens spent.")
    newsdesk: NewsdeskExtras = Field(description="Refusal, unsupported sentences, conflicts, timings.")


class ModelCard(BaseModel):
    """A model the server offers."""

    id: Literal["newsdesk"] = Field(description="Its name, for the `model` field of a request.")
    object: Literal["model"] = Field(description="Always `model`.")
    created: int = Field(description="Always 0.")
    owned_by: str = Field(description="Always `newsdesk`.")


class ModelList(BaseModel):
    """The models the server offers: one."""

    object: Literal["list"] = Field(description="Always `list`.")
    data: list[ModelCard] = Field(description="The one model, `newsdesk`.")


# --------------------------------------------------------------------------- Server-Sent Events


class SentenceEvent(BaseModel):
    """`event: sentence`: a verified sentence of the answer."""

    text: str = Field(description="The sentence with its `[n]` markers; a leading space after the first.")
    citations: list[CitationOut] = Field(description="The passages its markers point at.")


class ConflictsEvent(BaseModel):
    """`event: conflicts`: the sentence stating figures the articles disagree on."""

    text: str = Field(description="The sentence, each figure with its marker.")
    conflicts: list[ConflictOut] = Field(description="The differing figures, each cited.")
    citations: list[CitationOut] = Field(description="The passages its markers point at.")


class RefusalEvent(BaseModel):
    """`event: refusal`: the articles do not answer; sent instead of any sentence."""

    text: str = Field(description="The refusal, as `answer` will say it.")
    reason: str = Field(description="Which step decided.", examples=["evidence gate"])


class ErrorEvent(BaseModel):
    """`event: error`: a failure after the stream began; nothing follows."""

    message: str = Field(description="What went wrong.")
    status: int = Field(description="The status the call would have had (503: the model is unreachable).")


def _components(model: type[BaseModel]) -> dict[str, object]:
    # Nested models are components of the spec already (every one is part of AskResponse).
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema


def ask_stream_event() -> dict[str, object]:
    """The schema of one event of the /v1/ask stream (OpenAPI's reading of `text/event-stream`)."""
    data: dict[str, dict[str, object]] = {
        "sentence": _components(SentenceEvent),
        "conflicts": _components(ConflictsEvent),
        "refusal": _components(RefusalEvent),
        "error": _components(ErrorEvent),
        "done": {"$ref": "#/components/schemas/AskResponse"},
    }
    return {
        "oneOf": [
            {
                "type": "object",
                "required": ["event", "data"],
                "properties": {
                    "event": {"const": name},
                    "data": {
                        "type": "string",
                        "contentMediaType": "application/json",
                        "contentSchema": schema,
                    },
                },
            }
            for name, schema in data.items()
        ]
    }


def chat_stream_event() -> dict[str, object]:
    """The schema of one event of a streamed chat completion."""
    return {
        "type": "object",
        "required": ["data"],
        "properties": {
            "data": {
                "type": "string",
                "description": "A `chat.completion.chunk` object (JSON): the first carries the role, each "
                "next a sentence with its `citations`, the last `finish_reason: stop` with every "
                'citation, `usage` and `newsdesk`; or, after a failure, `{"error": {"message", "code"}}`; '
                "then `[DONE]`.",
            }
        },
    }
