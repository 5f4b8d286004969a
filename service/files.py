"""Writing a file so that a reader sees its old content or its new content, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replaced_atomically(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content into. It takes ``path``'s place only once the
    block completes; if the block fails, ``path`` is left as it was and the partial file is removed.
    (Not flushed to disk: for caches, which a crash may lose but must not tear.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
