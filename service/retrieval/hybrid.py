"""Dense + BM25 retrieval fused by reciprocal rank fusion (RRF)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from service.components.store import ChunkStore, StoredChunk
from service.errors import IndexNotReadyError
from service.retrieval.bm25 import BM25Index


@dataclass(frozen=True)
class SearchHit:
    """A retrieved chunk with its fused rank score and its dense cosine similarity to the query.

    ``score`` orders results; ``similarity`` has a fixed meaning across queries, so it is what the
    evidence gate compares with a calibrated threshold.
    """

    chunk: StoredChunk
    score: float
    similarity: float


class HybridRetriever:
    """Searches one ChunkStore; the keyword index is rebuilt whenever the store's size changes."""

    def __init__(self, store: ChunkStore, dense_candidates: int = 30, rrf_k: int = 60) -> None:
        self.store = store
        self.dense_candidates = dense_candidates
        self.rrf_k = rrf_k
        self._lock = threading.Lock()
        self._bm25: BM25Index | None = None
        self._chunks: dict[str, StoredChunk] = {}
        self._by_article: dict[str, set[str]] = {}
        self._indexed_count = -1

    def refresh(self) -> int:
        """(Re)build the keyword index if the store changed; returns the number of chunks."""
        count = self.store.count()
        with self._lock:
            if count != self._indexed_count or self._bm25 is None:
                chunks = self.store.all_chunks()
                self._chunks = {c.id: c for c in chunks}
                self._by_article = {}
                for c in chunks:
                    self._by_article.setdefault(c.article_id, set()).add(c.id)
                self._bm25 = BM25Index((c.id, c.text) for c in chunks)
                self._indexed_count = count
        return count

    def chunk_counts(self) -> dict[str, int]:
        """Number of indexed chunks per article id."""
        self.refresh()
        with self._lock:
            return {article: len(ids) for article, ids in self._by_article.items()}

    def invalidate(self) -> None:
        """Force a rebuild on the next search (after an ingest in this process)."""
        with self._lock:
            self._bm25 = None

    def search(self, query: str, k: int = 5, article_ids: list[str] | None = None) -> list[SearchHit]:
        """The ``k`` best chunks for ``query``, optionally only from ``article_ids``."""
        if not self.refresh():
            raise IndexNotReadyError("the index is empty: run `python -m service ingest` first")
        query_vector = self.store.embeddings.embed_query(query)
        n = max(self.dense_candidates, k)
        dense = self.store.dense(query_vector, n, article_ids)
        allowed = self._allowed(article_ids)
        assert self._bm25 is not None
        keyword = self._bm25.search(query, n, allowed)

        fused: dict[str, float] = {}
        for rank, (chunk, _) in enumerate(dense):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for rank, (chunk_id, _) in enumerate(keyword):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        top = sorted(fused, key=lambda cid: -fused[cid])[:k]

        similarity = {chunk.id: sim for chunk, sim in dense}
        missing = [cid for cid in top if cid not in similarity]
        for cid, vector in self.store.vectors_for(missing).items():
            similarity[cid] = float(np.dot(np.asarray(vector), np.asarray(query_vector)))
        chunks = {chunk.id: chunk for chunk, _ in dense} | {cid: self._chunks[cid] for cid in missing}
        return [SearchHit(chunks[cid], fused[cid], similarity[cid]) for cid in top]

    def _allowed(self, article_ids: list[str] | None) -> set[str] | None:
        if not article_ids:
            return None
        return set().union(*(self._by_article.get(a, set()) for a in article_ids))
