"""A small in-memory BM25 index over chunk texts.

Built from the chunks the store holds (not from local files), so it behaves the same with an embedded
Chroma and with a Chroma server. An inverted index scores only chunks that share a term with the
query, which keeps a 10,000-chunk search in the low milliseconds.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

import numpy as np

from service.text import terms


class BM25Index:
    """Okapi BM25 over a fixed set of documents identified by string keys.

    A term's contribution to a document's score depends only on the index, not on the query, so it is
    computed once at build time; a search is then one ``bincount`` over the query terms' postings.
    """

    def __init__(self, docs: Iterable[tuple[str, str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.keys: list[str] = []
        raw: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        lengths: list[int] = []
        for key, text in docs:
            counts = Counter(terms(text))
            doc = len(self.keys)
            self.keys.append(key)
            lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                raw[term][0].append(doc)
                raw[term][1].append(tf)
        self._position = {key: i for i, key in enumerate(self.keys)}
        n = len(self.keys)
        length = np.asarray(lengths, dtype=np.float64)
        avg = float(length.mean()) if n else 0.0
        norm = k1 * (1 - b + b * length / avg) if n else length
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (doc_list, tf_list) in raw.items():
            ids = np.asarray(doc_list, dtype=np.int64)
            freq = np.asarray(tf_list, dtype=np.float64)
            idf = math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
            self.postings[term] = (ids, idf * freq * (k1 + 1) / (freq + norm[ids]))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every indexed term."""
        return frozenset(self.postings)

    def __len__(self) -> int:
        return len(self.keys)

    def share(self, term: str) -> float:
        """The fraction of documents that contain ``term``."""
        ids = self.postings.get(term)
        return len(ids[0]) / len(self.keys) if ids is not None and self.keys else 0.0

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-``k`` ``(key, score)`` pairs; ``allowed`` restricts results to those keys."""
        hits = [self.postings[t] for t in set(terms(query)) if t in self.postings]
        if not hits:
            return []
        scores = np.bincount(
            np.concatenate([ids for ids, _ in hits]),
            weights=np.concatenate([w for _, w in hits]),
            minlength=len(self.keys),
        )
        if allowed is not None:
            mask = np.zeros(len(self.keys), dtype=bool)
            mask[[self._position[key] for key in allowed if key in self._position]] = True
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        ranked = sorted(candidates.tolist(), key=lambda d: (-scores[d], d))
        return [(self.keys[d], float(scores[d])) for d in ranked]
