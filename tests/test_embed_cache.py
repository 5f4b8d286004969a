"""The sentence-embedding memo: one model call per text, however many callers ask at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from langchain_core.embeddings import Embeddings

from service.components.backends import EmbeddingBackend
from service.components.embed_cache import CachedEmbeddings

TEXTS = [f"Sentence number {i} of an article about the harbour's new crane." for i in range(40)]


class Recording(Embeddings):
    """The real model, recording every text it is asked for and the most calls in flight at once."""

    def __init__(self, model: Embeddings) -> None:
        self.model = model
        self.texts: list[str] = []
        self.running = 0
        self.most_running = 0
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            self.texts.extend(texts)
            self.running += 1
            self.most_running = max(self.most_running, self.running)
        try:
            return self.model.embed_documents(texts)
        finally:
            with self._lock:
                self.running -= 1

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def test_concurrent_callers_embed_each_text_once(embedding_backend: EmbeddingBackend) -> None:
    inner = Recording(embedding_backend.model)
    cache = CachedEmbeddings(inner, concurrency=2)
    start = threading.Barrier(8)

    def ask(offset: int) -> list[list[float]]:
        start.wait()
        # Overlapping, differently ordered lists, as concurrent answers over the same articles make.
        return cache.embed_documents(TEXTS[offset:] + TEXTS[:offset])

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, range(0, 40, 5)))

    assert sorted(inner.texts) == sorted(TEXTS)  # each text reached the model exactly once
    assert inner.most_running <= 2
    alone = embedding_backend.model.embed_documents(TEXTS)
    for offset, vectors in zip(range(0, 40, 5), results, strict=True):
        assert vectors == alone[offset:] + alone[:offset]


def test_a_failed_embedding_is_retried_by_the_caller_that_waited(embedding_backend: EmbeddingBackend) -> None:
    class FailsOnce(Recording):
        failed = False

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            if not self.failed:
                self.failed = True
                entered.set()
                proceed.wait(5)
                raise RuntimeError("model crashed")
            return super().embed_documents(texts)

    entered, proceed = threading.Event(), threading.Event()
    inner = FailsOnce(embedding_backend.model)
    cache = CachedEmbeddings(inner)
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(cache.embed_documents, TEXTS[:3])
        entered.wait(5)
        second = pool.submit(cache.embed_documents, TEXTS[:3])
        proceed.set()
        assert second.result(timeout=30) == embedding_backend.model.embed_documents(TEXTS[:3])
        try:
            first.result(timeout=30)
        except RuntimeError as error:
            assert "crashed" in str(error)
        else:
            raise AssertionError("the failing call should raise")
    assert cache.embed_query(TEXTS[0]) == embedding_backend.model.embed_query(TEXTS[0])
