"""Token-aware, sentence-aligned chunking that keeps exact character offsets.

MiniLM reads at most 256 wordpieces (about 1.12 per cl100k token), so chunks stay near 200 cl100k
tokens: anything longer would be silently truncated by the embedding model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from service.components.tokens import count_tokens
from service.text import sentence_spans

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Chunk:
    """A passage of one article: ``article.text[start:end] == text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


def chunk_text(
    article_id: str,
    text: str,
    max_tokens: int = 180,
    overlap_tokens: int = 40,
    counter: Callable[[str], int] = count_tokens,
) -> list[Chunk]:
    """Split ``text`` into chunks of whole sentences, each at most ``max_tokens`` tokens.

    Consecutive chunks share up to ``overlap_tokens`` tokens of trailing sentences so a fact that
    straddles a boundary is still whole in one chunk. A sentence longer than the budget is split at
    word (or, failing that, character) boundaries.
    """
    units = [piece for span in sentence_spans(text) for piece in _fit(text, span, max_tokens, counter)]
    chunks: list[Chunk] = []
    first = 0
    while first < len(units):
        last = first
        while last + 1 < len(units) and counter(text[units[first][0] : units[last + 1][1]]) <= max_tokens:
            last += 1
        start, end = units[first][0], units[last][1]
        chunks.append(Chunk(article_id, len(chunks), start, end, text[start:end]))
        if last + 1 >= len(units):
            break
        first = _overlap_start(text, units, first, last, max_tokens, overlap_tokens, counter)
    return chunks


def _overlap_start(
    text: str,
    units: list[tuple[int, int]],
    first: int,
    last: int,
    max_tokens: int,
    overlap_tokens: int,
    counter: Callable[[str], int],
) -> int:
    """Index of the first unit of the next chunk: as far back as the overlap allows, always forward.

    The overlap must also leave room for the next new unit (``last + 1``); otherwise the next chunk
    would hold only the overlap, a passage already wholly inside this chunk.
    """
    nxt = last + 1
    while (
        nxt - 1 > first
        and counter(text[units[nxt - 1][0] : units[last][1]]) <= overlap_tokens
        and counter(text[units[nxt - 1][0] : units[last + 1][1]]) <= max_tokens
    ):
        nxt -= 1
    return nxt


def _fit(
    text: str, span: tuple[int, int], max_tokens: int, counter: Callable[[str], int]
) -> list[tuple[int, int]]:
    """Split one sentence span into pieces within the token budget."""
    start, end = span
    if counter(text[start:end]) <= max_tokens:
        return [span]
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    pieces: list[tuple[int, int]] = []
    piece_start: int | None = None
    piece_end = start
    for w_start, w_end in words:
        if piece_start is not None and counter(text[piece_start:w_end]) <= max_tokens:
            piece_end = w_end
            continue
        if piece_start is not None:
            pieces.append((piece_start, piece_end))
        if counter(text[w_start:w_end]) <= max_tokens:
            piece_start, piece_end = w_start, w_end
        else:
            pieces.extend(_split_chars(text, w_start, w_end, max_tokens, counter))
            piece_start = None
    if piece_start is not None:
        pieces.append((piece_start, piece_end))
    return pieces


def _split_chars(
    text: str, start: int, end: int, max_tokens: int, counter: Callable[[str], int]
) -> list[tuple[int, int]]:
    """Split a single over-long 'word' into the longest character runs that fit."""
    pieces = []
    while start < end:
        lo, hi = start + 1, end
        while lo < hi:  # largest cut that still fits
            mid = (lo + hi + 1) // 2
            if counter(text[start:mid]) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((start, lo))
        start = lo
    return pieces
