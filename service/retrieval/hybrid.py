"""Dense + BM25 retrieval, fused on their scores.

Both retrievers propose candidates (dense top-n, BM25 top-n); every candidate gets its real cosine,
so the two terms of the fused score are on fixed scales. The keyword term (``keyword_score``):

- ``bm25`` (the default): ``keyword_weight`` x the candidate's BM25 score over the query's best.
  Reciprocal rank fusion, used before, weighed a rank the same whatever the margin behind it: a
  chunk quoting the question word for word ranked below chunks midway down both lists.
- ``coverage``: ``keyword_weight`` x the square of the share of the query's idf that the chunk
  holds, each word counted once (``BM25Index.coverage``). In an archive where a story's common
  words fill thousands of chunks and only its names are rare, BM25 puts first the chunk repeating
  the names most, and the chunk holding the names *and* the words asked about scores less relative
  to it: at 100,000 chunks the planted tuning questions lost 0.127 of MRR against their own corpus
  with ``bm25``, 0.029 with ``coverage``.
- ``auto`` (the default): ``bm25`` while the index holds fewer than ``coverage_from`` chunks,
  ``coverage`` from there. On a few dozen chunks BM25 ranks the shipped corpus's questions better
  (MRR 0.987 against 0.972), and coverage reorders most of the eval's top 5s, which the 1.5B model
  then answers differently; from a thousand chunks on, where a story's common words stop telling its
  chunks apart, coverage ranks better (``bench/RESULTS.md``, archive notes).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from service.components.store import ChunkStore, StoredChunk
from service.errors import IndexNotReadyError
from service.retrieval import snapshot
from service.retrieval.bm25 import BM25Index

# How far before the newest indexed chunk a catch-up asks for additions: writers on other machines
# stamp chunks with their own clocks. A writer further behind is caught by the count comparison.
_CLOCK_SLACK_S = 5.0


@dataclass(frozen=True)
class SearchHit:
    """A retrieved chunk with its fused score and its dense cosine similarity to the query.

    ``score`` orders results; ``similarity`` has a fixed meaning across queries, so it is what the
    evidence gate compares with a calibrated threshold.
    """

    chunk: StoredChunk
    score: float
    similarity: float


class HybridRetriever:
    """Searches one ChunkStore; the keyword index follows the store's changes.

    Whoever changed the store (this process, another worker, an ``ingest`` run), the next search after
    its size changes, or after ``invalidate``, indexes only the difference: the chunks the store
    recorded as deleted and those stored since the newest one indexed. When that does not account for
    the store's count, it compares the stored ids with the indexed ones. Only a first build, or a
    difference larger than a quarter of the index, reads every chunk.
    """

    def __init__(
        self,
        store: ChunkStore,
        dense_candidates: int = 30,
        keyword_weight: float = 0.5,
        keyword_score: str = "bm25",
        coverage_from: int = 1000,
        recheck_s: float = 0.25,
        snapshot_path: Path | None = None,
    ) -> None:
        self.store = store
        self.dense_candidates = dense_candidates
        self.keyword_weight = keyword_weight
        self.keyword_score = keyword_score
        self.coverage_from = coverage_from
        self.recheck_s = recheck_s
        self._checked_at = -float("inf")  # when the store's size was last compared with the index
        self._lock = threading.Lock()  # guards the index and the maps below, read by every search
        self._refreshing = threading.Lock()  # one catch-up at a time; searches go on meanwhile
        self._bm25: BM25Index | None = None
        self._chunks: dict[str, StoredChunk] = {}
        self._by_article: dict[str, set[str]] = {}
        self._indexed_count = -1
        self._latest_added = 0.0  # the newest ``added_at`` indexed: where the next catch-up starts
        self._latest_deleted = 0.0  # the newest deletion record taken: where the next look starts
        self.full_builds = 0  # how many times every chunk was read: a catch-up should not add one
        self.snapshot_path = snapshot_path  # the index kept on disk between runs (see snapshot.py)
        self._unsaved = False  # the index changed since the snapshot was written

    def refresh(self) -> int:
        """Bring the keyword index up to date with the store if it changed; returns the chunk count.

        Another process's change is looked for at most every ``recheck_s``: counting a collection
        costs as much as the rest of a search at 100k chunks. ``invalidate`` makes the next call look.
        """
        started = time.monotonic()
        if (
            self._bm25 is not None
            and self._indexed_count >= 0
            and started - self._checked_at < self.recheck_s
        ):
            return self._indexed_count
        count = self.store.count()
        if count == self._indexed_count and self._bm25 is not None:
            self._checked_at = started
            return count
        with self._refreshing:
            count = self.store.count()
            if count != self._indexed_count or self._bm25 is None:
                if self._bm25 is None and not self._load():
                    self._rebuild()
                else:
                    self._catch_up(count)
            self._checked_at = started
        return self._indexed_count

    def _rebuild(self) -> None:
        chunks = self.store.all_chunks()
        self._install(BM25Index((c.id, c.text) for c in chunks), {c.id: c for c in chunks}, unsaved=True)
        self.full_builds += 1
        self.save()  # a full build is the expensive thing a snapshot spares the next start

    def _load(self) -> bool:
        """Take the index from the snapshot on disk, if there is one for this collection."""
        if self.snapshot_path is None:
            return False
        kept = snapshot.load(self.snapshot_path, self.store.name)
        if kept is None:
            return False
        self._install(kept.bm25, kept.chunks, unsaved=False)
        return True

    def _install(self, index: BM25Index, chunks: dict[str, StoredChunk], unsaved: bool) -> None:
        """Make ``index`` over ``chunks`` the one searches use."""
        by_article: dict[str, set[str]] = {}
        for c in chunks.values():
            by_article.setdefault(c.article_id, set()).add(c.id)
        with self._lock:
            self._bm25, self._chunks, self._by_article = index, chunks, by_article
            self._latest_added = max((c.added_at for c in chunks.values()), default=0.0)
            self._indexed_count = len(chunks)
            self._unsaved = unsaved

    def save(self) -> None:
        """Write the index to its snapshot if it changed since the last write (no path: nothing)."""
        if self.snapshot_path is None:
            return
        with self._lock:
            if not self._unsaved or self._bm25 is None:
                return
            # Pickled under the lock: a catch-up must not change the index half-way through.
            snapshot.save(self.snapshot_path, self.store.name, snapshot.Snapshot(self._bm25, self._chunks))
            self._unsaved = False

    def _catch_up(self, count: int) -> None:
        if self._take_recorded(count):
            return
        stored = self.store.ids()
        with self._lock:
            known = set(self._chunks)
        added, removed = sorted(stored - known), known - stored
        if len(added) + len(removed) > max(1000, len(known) // 4):
            self._rebuild()
            return
        new = self.store.chunks(added)  # a chunk deleted since the id list was read is not returned
        self._apply(new, removed)

    def _take_recorded(self, count: int) -> bool:
        """Forget the chunks the store recorded as deleted, then index those stored since the newest
        one indexed; whether the index now holds as many chunks as the store (``count``, just asked).
        Those are the usual changes (an upload, a deletion, an ingest by another process), and asking
        for them is a metadata filter, where comparing every id costs most of a second at 100k chunks.
        Anything else — a writer whose clock lags, a crash between a deletion and its record, a bulk
        load — leaves the counts apart, and the caller compares ids."""
        with self._lock:
            if not self._chunks:
                return False
            since = self._latest_deleted - _CLOCK_SLACK_S
        deleted = self.store.deleted_since(since)
        with self._lock:
            # A chunk stored again after its deletion (the same text re-uploaded) stays.
            gone = {
                cid for cid, at in deleted.items() if cid in self._chunks and self._chunks[cid].added_at < at
            }
            self._latest_deleted = max([self._latest_deleted, *deleted.values()])
            since, known = self._latest_added - _CLOCK_SLACK_S, self._chunks
        if gone:
            self._apply([], gone)
        if count < len(known):
            return False
        new = [c for c in self.store.added_since(since) if c.id not in known]
        if len(known) + len(new) != count or len(new) > max(1000, len(known) // 4):
            return False  # deletions not recorded, or a bulk load: the id comparison decides
        if not gone and not new:
            # Asked to catch up (``invalidate``) with the counts equal and nothing recorded: an
            # unrecorded deletion may hide behind an addition. Only the ids can tell.
            return False
        self._apply(new, set())
        return True

    def article_changed(self, article_id: str) -> None:
        """Catch up with a change to one article made in this process: reads that article's chunks
        only. The full comparison of ids a catch-up makes costs most of a second at 100k chunks; this
        is what makes an upload searchable the moment its request returns."""
        with self._refreshing:
            with self._lock:
                if self._bm25 is None:
                    return  # the first search builds or loads the index anyway
                known = set(self._by_article.get(article_id, set()))
            stored = {c.id: c for c in self.store.article_chunks(article_id)}
            self._apply([stored[cid] for cid in sorted(set(stored) - known)], known - set(stored))

    def _apply(self, new: list[StoredChunk], removed: set[str]) -> None:
        """Index ``new`` chunks and forget ``removed`` ids."""
        with self._lock:
            assert self._bm25 is not None
            self._bm25.remove(removed)
            self._bm25.add((c.id, c.text) for c in new)
            for cid in removed:
                chunk = self._chunks.pop(cid)
                ids = self._by_article.get(chunk.article_id, set())
                ids.discard(cid)
                if not ids:
                    self._by_article.pop(chunk.article_id, None)
            for c in new:
                self._chunks[c.id] = c
                self._by_article.setdefault(c.article_id, set()).add(c.id)
                self._latest_added = max(self._latest_added, c.added_at)
            self._indexed_count = len(self._chunks)
            self._unsaved = self._unsaved or bool(new or removed)

    def chunk_counts(self) -> dict[str, int]:
        """Number of indexed chunks per article id."""
        self.refresh()
        with self._lock:
            return {article: len(ids) for article, ids in self._by_article.items()}

    def invalidate(self) -> None:
        """Catch up with the store on the next search (after a change made in this process)."""
        with self._lock:
            self._indexed_count = -1

    def search(self, query: str, k: int = 5, article_ids: list[str] | None = None) -> list[SearchHit]:
        """The ``k`` best chunks for ``query``, optionally only from ``article_ids``."""
        if not self.refresh():
            raise IndexNotReadyError("the index is empty: run `python -m service ingest` first")
        query_vector = self.store.embeddings.embed_query(query)
        hits = self._search(query, query_vector, k, article_ids, strict=True)
        if hits is None:
            # The store changed without changing size (another process re-ingested an edited article
            # into as many chunks): the keyword index is stale. Catch up and search once more.
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
        dense = self.store.nearest(query_vector, n, article_ids)
        with self._lock:
            assert self._bm25 is not None
            indexed = self._chunks
            unindexed = [cid for cid, _ in dense if cid not in indexed]
            if strict and unindexed:
                return None
            keyword = self._bm25.search(query, n, self._allowed(article_ids))
            candidates = list(dict.fromkeys(cid for cid, _ in dense + keyword))
            by_coverage = self.fusion() == "coverage"
            coverage = self._bm25.coverage(query, candidates) if by_coverage else {}
            known = {cid: indexed[cid] for cid in candidates if cid in indexed}

        # The texts come from the index; only a chunk it does not hold yet is read from the store.
        chunks = {c.id: c for c in self.store.chunks(unindexed)} if unindexed else {}
        chunks.update({cid: known[cid] for cid, _ in dense if cid in known})
        similarity = {cid: sim for cid, sim in dense if cid in chunks}
        # Keyword hits outside the dense list get their own cosine, so every candidate is scored
        # on both scales (one get of at most ``n`` vectors).
        missing = [cid for cid, _ in keyword if cid not in similarity]
        vectors = self.store.vectors_for([cid for cid in missing if cid in known])
        if len(vectors) < len(missing):  # keyword hits the store no longer holds
            if strict:
                return None
            keyword = [(cid, score) for cid, score in keyword if cid in similarity or cid in vectors]
        for cid, vector in vectors.items():
            similarity[cid] = float(np.dot(np.asarray(vector), np.asarray(query_vector)))
            chunks[cid] = known[cid]
        fused = dict(similarity)
        if by_coverage:
            for cid in fused:
                fused[cid] += self.keyword_weight * coverage.get(cid, 0.0) ** 2
        else:
            best = max((score for _, score in keyword), default=0.0)
            for cid, score in keyword:
                if best > 0:
                    fused[cid] += self.keyword_weight * score / best
        top = sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]
        return [SearchHit(chunks[cid], fused[cid], similarity[cid]) for cid in top]

    def fusion(self) -> str:
        """The keyword score searches fuse now: ``keyword_score``, with ``auto`` resolved by how many
        chunks are indexed."""
        if self.keyword_score != "auto":
            return self.keyword_score
        return "coverage" if len(self._chunks) >= self.coverage_from else "bm25"

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
