"""The long-lived objects one process shares: settings, models, store, retriever, articles."""

from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from service.articles import Article, load_corpus
from service.components.backends import EmbeddingBackend, get_embeddings, get_store
from service.components.store import ChunkStore
from service.config import Settings
from service.errors import NotFoundError
from service.ingest.service import ChunkingParams, IngestReport, Progress, ingest
from service.retrieval.hybrid import HybridRetriever


class Services:
    """Built once per process (app start-up or CLI command); everything heavy is created lazily."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._articles: dict[str, Article] | None = None
        self._lock = threading.Lock()

    @cached_property
    def embeddings(self) -> EmbeddingBackend:
        return get_embeddings(self.settings)

    @cached_property
    def store(self) -> ChunkStore:
        return get_store(self.settings, self.embeddings)

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(self.store, self.settings.dense_candidates, self.settings.rrf_k)

    def articles(self) -> dict[str, Article]:
        """The corpus as loaded from ``corpus_dir`` (reloaded after an ingest)."""
        with self._lock:
            if self._articles is None:
                self._articles = load_corpus(self.settings.corpus_dir).by_id()
            return self._articles

    def article(self, article_id: str) -> Article:
        """One article by id, or NotFoundError."""
        try:
            return self.articles()[article_id]
        except KeyError:
            known = ", ".join(sorted(self.articles())) or "none"
            raise NotFoundError(f"no article with id {article_id!r}; known ids: {known}") from None

    def start(self) -> None:
        """Load the embedding model and the keyword index now, so the first request is not slow."""
        self.retriever.refresh()
        self.articles()

    def close(self) -> None:
        """Release what start() acquired."""

    def readiness(self) -> dict[str, tuple[bool, str]]:
        """Named checks, each ``(ok, detail)``: what /readyz reports."""
        checks: dict[str, tuple[bool, str]] = {}
        try:
            count = self.retriever.refresh()
            checks["index"] = (
                count > 0,
                f"{count} chunks in {self.store.name}" if count else "index empty: run ingest",
            )
        except Exception as exc:  # readiness must report, never raise
            checks["index"] = (False, f"store unavailable: {exc}")
        checks["embeddings"] = (True, self.embeddings.model_id)
        articles = self.articles()
        checks["corpus"] = (bool(articles), f"{len(articles)} articles in {self.settings.corpus_dir}")
        return checks

    def ingest(self, path: Path | None = None, progress: Progress | None = None) -> IngestReport:
        """Ingest ``path`` (default: the corpus directory) and refresh what depends on the index."""
        params = ChunkingParams(self.settings.chunk_tokens, self.settings.chunk_overlap_tokens)
        report = ingest(path or self.settings.corpus_dir, self.store, params, progress)
        with self._lock:
            self._articles = None
        self.retriever.invalidate()
        return report
