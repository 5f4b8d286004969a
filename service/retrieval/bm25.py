"""A small in-memory BM25 index over chunk texts.

Built from the chunks the store holds (not from local files), so it behaves the same with an embedded
Chroma and with a Chroma server. An inverted index scores only chunks that share a term with the
query, which keeps a 10,000-chunk search in the low milliseconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_TOKEN = re.compile(r"\d[\d,.]*\d|\w+")
_STOPWORDS = frozenset(
    "a an and are as at be been by did do does for from had has have how in is it its of on or that the"
    " their them there they this to was were what when where which who whom why will with would".split()
)


def terms(text: str) -> list[str]:
    """Lower-cased terms; "1,000" and "1000" become the same term; a plural 's' is dropped."""
    out = []
    for raw in _TOKEN.findall(text.lower()):
        token = raw.replace(",", "") if raw[0].isdigit() else raw
        if token in _STOPWORDS:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss") and not token[0].isdigit():
            token = token[:-1]
        out.append(token)
    return out


class BM25Index:
    """Okapi BM25 over a fixed set of documents identified by string keys."""

    def __init__(self, docs: Iterable[tuple[str, str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.keys: list[str] = []
        self.lengths: list[int] = []
        for key, text in docs:
            counts = Counter(terms(text))
            doc = len(self.keys)
            self.keys.append(key)
            self.lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self.postings[term].append((doc, tf))
        self.avg_length = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0

    def __len__(self) -> int:
        return len(self.keys)

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-``k`` ``(key, score)`` pairs; ``allowed`` restricts results to those keys."""
        n = len(self.keys)
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms(query)):
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = math.log(1 + (n - len(postings) + 0.5) / (len(postings) + 0.5))
            for doc, tf in postings:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[doc] / self.avg_length)
                scores[doc] += idf * tf * (self.k1 + 1) / (tf + norm)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        results = []
        for doc, score in ranked:
            key = self.keys[doc]
            if allowed is None or key in allowed:
                results.append((key, score))
                if len(results) == k:
                    break
        return results
