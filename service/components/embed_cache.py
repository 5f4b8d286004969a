"""A memo in front of any Embeddings model.

Answering embeds the same article sentences over and over (to pick what goes in the prompt and to
attribute citations); on CPU that is the biggest cost after generation, and the texts repeat.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from langchain_core.embeddings import Embeddings


class CachedEmbeddings(Embeddings):
    """LRU-cached document and query embeddings (same vector space for both with MiniLM)."""

    def __init__(self, inner: Embeddings, max_items: int = 20_000) -> None:
        self.inner = inner
        self.max_items = max_items
        self._cache: OrderedDict[tuple[str, str], list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _get(self, kind: str, text: str) -> list[float] | None:
        with self._lock:
            vector = self._cache.get((kind, text))
            if vector is not None:
                self._cache.move_to_end((kind, text))
            return vector

    def _put(self, kind: str, text: str, vector: list[float]) -> None:
        with self._lock:
            self._cache[(kind, text)] = vector
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed, computing only the texts not seen before (in one batch)."""
        found = {t: v for t in set(texts) if (v := self._get("doc", t)) is not None}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            for text, vector in zip(missing, self.inner.embed_documents(missing), strict=True):
                self._put("doc", text, vector)
                found[text] = vector
        return [found[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed a query (cached)."""
        vector = self._get("query", text)
        if vector is None:
            vector = self.inner.embed_query(text)
            self._put("query", text, vector)
        return vector
