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
            # Keep the old index until the rebuild, so a search running meanwhile still has one.
            self._indexed_count = -1

    def search(self, query: str, k: int = 5, article_ids: list[str] | None = None) -> list[SearchHit]:
        """The ``k`` best chunks for ``query``, optionally only from ``article_ids``."""
        if not self.refresh():
            raise IndexNotReadyError("the index is empty: run `python -m service ingest` first")
        query_vector = self.store.embeddings.embed_query(query)
        hits = self._search(query, query_vector, k, article_ids, strict=True)
        if hits is None:
            # The store changed without changing size (another process re-ingested an edited article
            # into as many chunks): the keyword index is stale. Rebuild it and search once more.
            self.invalidate()
            self.refresh()
            hits = self._search(query, query_vector, k, article_ids, strict=False)
        assert hits is not None
        return hits

    def _search(
        self, query: str, query_vector: list[float], k: int, article_ids: list[str] | None, strict: bool
    ) -> list[SearchHit] | None:
        """Fused hits; ``None`` (when ``strict``) if the keyword index disagrees with the store."""
        n = max(self.dense_candidates, k)
        dense = self.store.dense(query_vector, n, article_ids)
        with self._lock:
            bm25, known, allowed = self._bm25, self._chunks, self._allowed(article_ids)
        assert bm25 is not None
        if strict and any(chunk.id not in known for chunk, _ in dense):
            return None
        keyword = bm25.search(query, n, allowed)

        fused: dict[str, float] = {}
        for rank, (chunk, _) in enumerate(dense):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        for rank, (chunk_id, _) in enumerate(keyword):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        top = sorted(fused, key=lambda cid: -fused[cid])[:k]

        similarity = {chunk.id: sim for chunk, sim in dense}
        missing = [cid for cid in top if cid not in similarity]
        vectors = self.store.vectors_for(missing)
        if len(vectors) < len(missing):  # keyword hits the store no longer holds
            if strict:
                return None
            top = [cid for cid in top if cid in similarity or cid in vectors]
        for cid, vector in vectors.items():
            similarity[cid] = float(np.dot(np.asarray(vector), np.asarray(query_vector)))
        chunks = {chunk.id: chunk for chunk, _ in dense} | {cid: known[cid] for cid in vectors}
        return [SearchHit(chunks[cid], fused[cid], similarity[cid]) for cid in top]

    def document_share(self, term: str) -> float:
        """The fraction of indexed chunks containing ``term`` (a ``bm25.terms`` term); 0 if none."""
        self.refresh()
        with self._lock:
            return self._bm25.share(term) if self._bm25 is not None else 0.0

    def vocabulary(self) -> frozenset[str]:
        """Every term the index holds (``bm25.terms`` terms), for asking whether a word is known at all."""
        self.refresh()
        with self._lock:
            return self._bm25.vocabulary if self._bm25 is not None else frozenset()

    def _allowed(self, article_ids: list[str] | None) -> set[str] | None:
        if not article_ids:
            return None
        return set().union(*(self._by_article.get(a, set()) for a in article_ids))
