"""The one place that picks backends from settings. Optional ones are imported lazily."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel

from service.components.store import ChunkStore, collection_name, make_client
from service.config import Settings
from service.errors import ConfigurationError


@dataclass(frozen=True)
class EmbeddingBackend:
    """An embedding model and the id that names its collection."""

    model: Embeddings
    model_id: str


def get_embeddings(settings: Settings) -> EmbeddingBackend:
    """The configured embedding model: local MiniLM on onnxruntime, or OpenAI."""
    if settings.embeddings == "openai":
        if settings.openai_api_key is None:
            raise ConfigurationError("NEWSDESK_EMBEDDINGS=openai needs OPENAI_API_KEY")
        from langchain_openai import OpenAIEmbeddings

        model = OpenAIEmbeddings(
            model=settings.openai_embedding_model,
            api_key=settings.openai_api_key,
            base_url=settings.openai_base_url,
        )
        return EmbeddingBackend(model, f"openai-{settings.openai_embedding_model}")
    from service.components.embeddings import MINILM_MODEL_ID, MiniLMEmbeddings

    return EmbeddingBackend(MiniLMEmbeddings(threads=settings.embedding_threads), MINILM_MODEL_ID)


def get_store(settings: Settings, embeddings: EmbeddingBackend) -> ChunkStore:
    """The chunk store for this embedding model, embedded or on a Chroma server."""
    name = collection_name(settings.collection_prefix, embeddings.model_id)
    return ChunkStore(make_client(settings), embeddings.model, name, settings.hnsw_ef_search)


@dataclass
class ChatBackend:
    """A chat model plus what callers need to know about it."""

    model: BaseChatModel
    name: str
    # Generations that may run at once: 1 for a local CPU model (callers queue), the configured cap
    # for a remote server, 0 for no limit (the fake).
    slots: int


def get_chat_model(settings: Settings, local_base_url: str | None = None) -> ChatBackend:
    """The configured chat model. ``local_base_url`` is the supervised llama.cpp server's URL."""
    if settings.llm_backend == "fake":
        from service.components.llm.fake import ScriptedChatModel

        return ChatBackend(ScriptedChatModel(), "fake", slots=0)
    from langchain_openai import ChatOpenAI

    from service.components.llm.server import DEFAULT_ALIAS

    if settings.llm_backend == "local":
        if local_base_url is None:
            raise ConfigurationError("the local backend needs its server URL")
        base_url, api_key, model = local_base_url, "not-needed", DEFAULT_ALIAS
    else:
        if settings.openai_api_key is None and settings.openai_base_url is None:
            raise ConfigurationError(
                "NEWSDESK_LLM_BACKEND=openai needs OPENAI_API_KEY or NEWSDESK_OPENAI_BASE_URL"
            )
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        base_url, api_key, model = settings.openai_base_url, key, settings.openai_model  # type: ignore[assignment]
    chat = ChatOpenAI(
        model=model,
        base_url=base_url,
        api_key=api_key,  # type: ignore[arg-type]
        temperature=0,
        max_completion_tokens=settings.llm_max_tokens,
        timeout=settings.ask_timeout_s,
        max_retries=0,
        stream_usage=True,
    )
    slots = 1 if settings.llm_backend == "local" else settings.llm_concurrency
    return ChatBackend(chat, model, slots=slots)
