"""Model outputs cached by prompt hash, so a changed metric or check re-scores without re-running the model.

A LangChain ``BaseCache`` over SQLite, keyed by the sha256 of the prompt (LangChain's serialised
messages) and the model's parameters. Only the eval installs it: the service itself never answers
from a cache of model outputs (summaries have their own content-keyed cache). Hits are counted so the
report can leave cached cases out of latency figures.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from langchain_core.caches import RETURN_VAL_TYPE, BaseCache
from langchain_core.load import dumps, loads

_LOOPBACK_PORT = re.compile(r"(//(?:127\.0\.0\.1|localhost|\[::1\])):\d+")


class PromptHashCache(BaseCache):
    """Generations stored in ``path`` (one row per prompt hash)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS generations (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.commit()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(prompt: str, llm_string: str) -> str:
        # LangChain's llm_string holds the client's base URL, and the supervised local server takes a
        # free port at every start: without the port, a reply is found again in the next run.
        model = _LOOPBACK_PORT.sub(r"\1", llm_string)
        return hashlib.sha256(f"{model}\0{prompt}".encode()).hexdigest()

    def lookup(self, prompt: str, llm_string: str) -> RETURN_VAL_TYPE | None:
        with self._lock:
            row = self._db.execute(
                "SELECT value FROM generations WHERE key = ?", (self.key(prompt, llm_string),)
            ).fetchone()
            if row is None:
                self.misses += 1
                return None
            self.hits += 1
        return list(loads(row[0]))

    def update(self, prompt: str, llm_string: str, return_val: RETURN_VAL_TYPE) -> None:
        value = dumps(list(return_val))
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO generations (key, value) VALUES (?, ?)",
                (self.key(prompt, llm_string), value),
            )
            self._db.commit()

    def clear(self, **kwargs: Any) -> None:
        with self._lock:
            self._db.execute("DELETE FROM generations")
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM generations").fetchone()[0])
