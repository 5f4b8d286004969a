"""The keyword index kept on disk between runs, so a start-up catches up instead of rebuilding.

Rebuilding reads every chunk back from the store and re-counts its terms: at 100,000 chunks, most of a
start-up. A snapshot holds the index and the chunks it covers; a process that loads one then asks the
store only for its ids and indexes the difference (the chunk ids carry a content hash, so an edited
article shows up as changed ids). A missing, unreadable or foreign snapshot costs a rebuild, never an
error: it is a cache, and the store stays the one source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from service import pickles
from service.components.store import StoredChunk
from service.retrieval.bm25 import BM25Index

# Change when BM25Index, StoredChunk or this layout changes shape: an old file is then rebuilt.
FORMAT = "keyword-index/2"


@dataclass
class Snapshot:
    """A keyword index and the chunks it was built from."""

    bm25: BM25Index
    chunks: dict[str, StoredChunk]


def load(path: Path, collection: str) -> Snapshot | None:
    """The snapshot at ``path`` if it is this format and this collection's, else None."""
    value = pickles.load(path, FORMAT, collection)
    return value if isinstance(value, Snapshot) else None


def save(path: Path, collection: str, snapshot: Snapshot) -> None:
    pickles.save(path, FORMAT, collection, snapshot)
