"""The keyword index kept on disk between runs, so a start-up catches up instead of rebuilding.

Rebuilding reads every chunk back from the store and re-counts its terms: at 100,000 chunks, most of a
start-up. A snapshot holds the index and the chunks it covers; a process that loads one then asks the
store only for its ids and indexes the difference (the chunk ids carry a content hash, so an edited
article shows up as changed ids). A missing, unreadable or foreign snapshot costs a rebuild, never an
error: it is a cache, and the store stays the one source of truth.

The file is a pickle written by this service into its own data directory; it is read only from there.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from service.components.store import StoredChunk
from service.retrieval.bm25 import BM25Index

log = logging.getLogger(__name__)

# Bump when BM25Index, StoredChunk or this layout changes shape: an old file is then rebuilt.
FORMAT = 1


@dataclass
class Snapshot:
    """A keyword index and the chunks it was built from, for one collection."""

    collection: str
    bm25: BM25Index
    chunks: dict[str, StoredChunk]


def load(path: Path, collection: str) -> Snapshot | None:
    """The snapshot at ``path`` if it is this format and this collection's, else None."""
    try:
        with path.open("rb") as file:
            data = pickle.load(file)  # our own file, in our own data directory
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file is a cache miss, never a failed start
        log.warning("keyword index snapshot %s unreadable (%s): rebuilding", path, exc)
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    snapshot = data.get("snapshot")
    if not isinstance(snapshot, Snapshot) or snapshot.collection != collection:
        return None
    return snapshot


def save(path: Path, snapshot: Snapshot) -> None:
    """Write ``snapshot`` atomically: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            pickle.dump({"format": FORMAT, "snapshot": snapshot}, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
