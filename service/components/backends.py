"""The one place that picks backends from settings. Optional ones are imported lazily."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

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
    return ChunkStore(make_client(settings), embeddings.model, name)
