"""Sentence spans over article text: shared by chunking and citation attribution."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace, or at a line break.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen lt col sgt capt no vs etc inc corp co ltd jan feb mar apr jun jul aug sep sept"
    " oct nov dec u.s u.n u.k e.g i.e a.m p.m".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    # Single capitals ("U.S.", "J. Smith") and known short forms do not end a sentence.
    return len(word) == 1 or word in _ABBREVIATIONS


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences in ``text[start:end]``, whitespace trimmed.

    Every non-whitespace character of the range belongs to exactly one span.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, stop):
        if match.group(0) != "\n" and _is_abbreviation(text, match.start()):
            continue
        _append_trimmed(text, cursor, match.end(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, stop, spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
