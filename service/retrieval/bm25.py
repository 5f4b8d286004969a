"""An in-memory BM25 index over chunk texts that takes additions and removals without a rebuild.

Built from the chunks the store holds (not from local files), so it behaves the same with an embedded
Chroma and with a Chroma server. Postings live in two parts, as in a search engine's segments: a
compact base (one sorted array per column, built in bulk) and a small part for documents added since,
with removed documents masked out. Scores are computed at query time from the live statistics
(document count, average length, each term's document frequency), so an addition or a removal costs
time proportional to that document alone, and the base is re-packed only once the added or removed
part has grown to a fair share of it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from service.text import terms

# Re-pack the base once the additions since, or the removed documents, reach this share of it. A
# re-pack is vectorised (about a second at 100,000 chunks); waiting longer would make each query
# convert an ever larger part held in Python lists.
_REPACK_SHARE = 0.25
_REPACK_MIN_POSTINGS = 50_000


class BM25Index:
    """Okapi BM25 over documents identified by string keys; ``add`` and ``remove`` keep it current."""

    def __init__(self, docs: Iterable[tuple[str, str]] = (), k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._term_ids: dict[str, int] = {}
        self._df = np.zeros(0, dtype=np.int64)
        self.keys: list[str | None] = []  # by document number; None once removed
        self._position: dict[str, int] = {}
        self._length = np.zeros(0, dtype=np.float64)
        self._alive = np.zeros(0, dtype=bool)
        # Each document's distinct term ids and their frequencies: what a removal or a re-pack needs.
        self._doc_terms: list[np.ndarray] = []
        self._doc_freqs: list[np.ndarray] = []
        self._total_length = 0.0
        # The base: postings sorted by term, term t's in [_indptr[t], _indptr[t + 1]).
        self._indptr = np.zeros(1, dtype=np.int64)
        self._post_doc = np.zeros(0, dtype=np.int32)
        self._post_tf = np.zeros(0, dtype=np.float32)
        # Added since the base was packed: term id -> (documents, term frequencies).
        self._recent: dict[int, tuple[list[int], list[int]]] = {}
        self._recent_postings = 0
        self._removed_since_pack = 0
        self._vocabulary: frozenset[str] | None = None
        self._pack(list(docs))

    # ------------------------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, key: object) -> bool:
        return key in self._position

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every term at least one live document holds."""
        if self._vocabulary is None:
            live = np.flatnonzero(self._df > 0)
            names = list(self._term_ids)
            self._vocabulary = frozenset(names[i] for i in live.tolist())
        return self._vocabulary

    def share(self, term: str) -> float:
        """The fraction of documents that contain ``term``."""
        tid = self._term_ids.get(term)
        return float(self._df[tid]) / len(self) if tid is not None and len(self) else 0.0

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-``k`` ``(key, score)`` pairs; ``allowed`` restricts results to those keys."""
        n = len(self)
        if not n:
            return []
        avg = self._total_length / n
        ids_parts, weight_parts = [], []
        for term in set(terms(query)):
            tid = self._term_ids.get(term)
            if tid is None or not self._df[tid]:
                continue
            docs, tf = self._postings(tid)
            idf = self._idf(tid)
            norm = self.k1 * (1 - self.b + self.b * self._length[docs] / avg)
            ids_parts.append(docs)
            weight_parts.append(idf * tf * (self.k1 + 1) / (tf + norm) * self._alive[docs])
        if not ids_parts:
            return []
        scores = np.bincount(
            np.concatenate(ids_parts), weights=np.concatenate(weight_parts), minlength=len(self.keys)
        )
        if allowed is not None:
            mask = np.zeros(len(self.keys), dtype=bool)
            mask[[self._position[key] for key in allowed if key in self._position]] = True
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            # Keep every candidate tied with the k-th, so ties break by key below, not by storage order.
            kth = -np.partition(-scores[candidates], k - 1)[k - 1]
            candidates = candidates[scores[candidates] >= kth]
        ranked = sorted(candidates.tolist(), key=lambda d: (-scores[d], str(self.keys[d])))[:k]
        return [(str(self.keys[d]), float(scores[d])) for d in ranked]

    def coverage(self, query: str, keys: Iterable[str]) -> dict[str, float]:
        """For each indexed key, the share of the query's idf that its document holds: the idf of
        each query term the document contains at least once, over the idf of every indexed query
        term. Unlike a BM25 score, a term repeated counts once, and the figure does not depend on
        what else matched: 1.0 is a document holding every indexed word of the query."""
        weights: dict[int, float] = {}
        for term in set(terms(query)):
            tid = self._term_ids.get(term)
            if tid is not None and self._df[tid]:
                weights[tid] = self._idf(tid)
        total = sum(weights.values())
        if not total:
            return {key: 0.0 for key in keys if key in self._position}
        ids = np.fromiter(weights, dtype=np.int32, count=len(weights))
        idf = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        out = {}
        for key in keys:
            doc = self._position.get(key)
            if doc is not None:
                # A document's term ids are sorted (``_count_many``): a binary search per query term
                # is a tenth of the time ``np.isin`` took, ~3 ms a search at 100k chunks.
                held = self._doc_terms[doc]
                at = np.minimum(np.searchsorted(held, ids), len(held) - 1)
                out[key] = float(idf[held[at] == ids].sum() / total) if len(held) else 0.0
        return out

    def _idf(self, tid: int) -> float:
        """BM25's idf of a term from the live document count and the term's document frequency."""
        df = self._df[tid]
        return math.log(1 + (len(self) - df + 0.5) / (df + 0.5))

    def _postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        if tid + 1 < len(self._indptr):
            lo, hi = self._indptr[tid], self._indptr[tid + 1]
            docs, tf = self._post_doc[lo:hi], self._post_tf[lo:hi]
        else:
            docs, tf = self._post_doc[:0], self._post_tf[:0]
        recent = self._recent.get(tid)
        if recent is None:
            return docs, tf
        return (
            np.concatenate([docs, np.asarray(recent[0], dtype=np.int32)]),
            np.concatenate([tf, np.asarray(recent[1], dtype=np.float32)]),
        )

    # ------------------------------------------------------------------------------------ writing

    def add(self, docs: Iterable[tuple[str, str]]) -> None:
        """Index documents; a key already indexed is replaced."""
        docs = list(docs)
        counted = zip(*self._count_many([text for _, text in docs]), strict=True)
        if len(self._df) < len(self._term_ids):  # terms first seen in these documents
            self._df = np.concatenate([self._df, np.zeros(len(self._term_ids) - len(self._df), np.int64)])
        for (key, _), (tids, tfs) in zip(docs, counted, strict=True):
            if key in self._position:
                self.remove([key])
            doc = self._new_document(key, tids, tfs)
            for tid, tf in zip(tids.tolist(), tfs.tolist(), strict=True):
                docs_of, tfs_of = self._recent.setdefault(tid, ([], []))
                docs_of.append(doc)
                tfs_of.append(tf)
            self._df[tids] += 1
            self._recent_postings += len(tids)
        self._vocabulary = None
        self._maybe_repack()

    def remove(self, keys: Iterable[str]) -> None:
        """Forget documents by key (unknown keys are ignored)."""
        for key in keys:
            doc = self._position.pop(key, None)
            if doc is None:
                continue
            self.keys[doc] = None
            self._alive[doc] = False
            self._total_length -= float(self._length[doc])
            self._df[self._doc_terms[doc]] -= 1
            self._removed_since_pack += 1
        self._vocabulary = None
        self._maybe_repack()

    def _new_document(self, key: str, tids: np.ndarray, tfs: np.ndarray) -> int:
        doc, length = len(self.keys), float(tfs.sum())
        self.keys.append(key)
        self._position[key] = doc
        if doc >= len(self._length):  # grow by doubling, so adding one at a time stays cheap
            grow = max(64, len(self._length))
            self._length = np.concatenate([self._length, np.zeros(grow)])
            self._alive = np.concatenate([self._alive, np.zeros(grow, dtype=bool)])
        self._length[doc] = length
        self._alive[doc] = True
        self._doc_terms.append(tids.astype(np.int32))
        self._doc_freqs.append(tfs.astype(np.float32))
        self._total_length += length
        return doc

    def _maybe_repack(self) -> None:
        base = max(len(self._post_doc), _REPACK_MIN_POSTINGS)
        if self._recent_postings > _REPACK_SHARE * base or self._removed_since_pack > _REPACK_SHARE * max(
            len(self), 1000
        ):
            self._pack([])

    def _pack(self, new_docs: list[tuple[str, str]]) -> None:
        """Rebuild the base from the live documents plus ``new_docs``, renumbering densely."""
        live = [d for d in range(len(self.keys)) if self._alive[d]]
        keys: list[str | None] = [self.keys[d] for d in live]
        doc_terms = [self._doc_terms[d] for d in live]
        doc_freqs = [self._doc_freqs[d] for d in live]
        fresh_terms, fresh_freqs = self._count_many([text for _, text in new_docs])
        keys += [key for key, _ in new_docs]
        if len(set(keys)) < len(keys):
            raise ValueError("duplicate document keys")
        doc_terms += fresh_terms
        doc_freqs += fresh_freqs
        n = len(keys)
        counts = np.asarray([len(t) for t in doc_terms], dtype=np.int64)
        term = np.concatenate(doc_terms) if n else np.zeros(0, np.int32)
        freq = np.concatenate(doc_freqs) if n else np.zeros(0, np.float32)
        doc = np.repeat(np.arange(n, dtype=np.int32), counts)
        order = np.lexsort((doc, term))
        self._post_doc, self._post_tf = doc[order], freq[order]
        self._df = np.bincount(term, minlength=len(self._term_ids)).astype(np.int64)
        self._indptr = np.concatenate([[0], np.cumsum(self._df)]).astype(np.int64)
        self.keys = keys
        self._position = {str(key): i for i, key in enumerate(keys)}
        self._length = np.asarray([float(f.sum()) for f in doc_freqs], dtype=np.float64)
        self._alive = np.ones(n, dtype=bool)
        self._doc_terms, self._doc_freqs = doc_terms, doc_freqs
        self._total_length = float(self._length.sum())
        self._recent, self._recent_postings, self._removed_since_pack = {}, 0, 0
        self._vocabulary = None

    def _count_many(self, texts: list[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per text, its distinct term ids and their frequencies: one vectorised count for all."""
        if not texts:
            return [], []
        ids: list[int] = []
        lengths = []
        register = self._term_ids.setdefault
        for text in texts:
            tokens = terms(text)
            ids.extend([register(t, len(self._term_ids)) for t in tokens])
            lengths.append(len(tokens))
        vocabulary = len(self._term_ids)
        doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        pairs, tf = np.unique(doc * vocabulary + np.asarray(ids, dtype=np.int64), return_counts=True)
        pair_doc, pair_term = np.divmod(pairs, vocabulary)
        cuts = np.searchsorted(pair_doc, np.arange(1, len(texts)))
        return (
            np.split(pair_term.astype(np.int32), cuts),
            np.split(tf.astype(np.float32), cuts),
        )
