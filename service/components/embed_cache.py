"""A memo in front of any Embeddings model.

Answering embeds the same article sentences over and over (to pick what goes in the prompt and to
attribute citations); on CPU that is the biggest cost after generation, and the texts repeat.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

from langchain_core.embeddings import Embeddings

_Key = tuple[str, str]


class CachedEmbeddings(Embeddings):
    """LRU-cached document and query embeddings (same vector space for both with MiniLM).

    Concurrent callers share work: a text another thread is already embedding is waited for, not
    embedded again, and at most ``concurrency`` calls reach the model at once. Without that, the
    first burst of questions after start-up (an empty cache) had every request embed every sentence
    of the articles at the same time: no faster on two cores, and the peak of those parallel batches
    stayed resident (+0.5 GB under 100 clients).
    """

    def __init__(self, inner: Embeddings, max_items: int = 20_000, concurrency: int | None = None) -> None:
        self.inner = inner
        self.max_items = max_items
        self._cache: OrderedDict[_Key, list[float]] = OrderedDict()
        self._pending: dict[_Key, threading.Event] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(concurrency or os.cpu_count() or 1)

    def _lookup(self, key: _Key) -> list[float] | None:
        vector = self._cache.get(key)
        if vector is not None:
            self._cache.move_to_end(key)
        return vector

    def _put(self, key: _Key, vector: list[float]) -> None:
        self._cache[key] = vector
        while len(self._cache) > self.max_items:
            self._cache.popitem(last=False)

    def _embed(self, kind: str, texts: list[str]) -> list[list[float]]:
        with self._slots:
            if kind == "query":
                return [self.inner.embed_query(t) for t in texts]
            return self.inner.embed_documents(texts)

    def _resolve(self, kind: str, texts: list[str]) -> list[list[float]]:
        found: dict[str, list[float]] = {}
        mine: list[str] = []
        waits: list[tuple[str, threading.Event]] = []
        with self._lock:
            for text in dict.fromkeys(texts):
                key = (kind, text)
                if (vector := self._lookup(key)) is not None:
                    found[text] = vector
                elif (event := self._pending.get(key)) is not None:
                    waits.append((text, event))
                else:
                    self._pending[key] = threading.Event()
                    mine.append(text)
        try:
            if mine:
                vectors = self._embed(kind, mine)
                with self._lock:
                    for text, vector in zip(mine, vectors, strict=True):
                        self._put((kind, text), vector)
                        found[text] = vector
        finally:
            with self._lock:
                for text in mine:
                    self._pending.pop((kind, text)).set()
        for text, event in waits:
            event.wait()
            with self._lock:
                vector = self._lookup((kind, text))
            # The other caller failed, or the entry was evicted already: embed it here.
            found[text] = vector if vector is not None else self._embed(kind, [text])[0]
        return [found[t] for t in texts]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed, computing only the texts neither cached nor being embedded by another caller."""
        return self._resolve("doc", texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed a query (cached)."""
        return self._resolve("query", [text])[0]
