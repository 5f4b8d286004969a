"""Progress reporting: a bar on a terminal, plain log lines otherwise (CI, pipes, files)."""

from __future__ import annotations

import logging
import sys
import time

from tqdm import tqdm

log = logging.getLogger("newsdesk")


class ProgressReporter:
    """Callable ``(done, total)`` that draws a tqdm bar on a TTY and logs every few seconds elsewhere."""

    def __init__(self, label: str, unit: str = "it", every_s: float = 5.0) -> None:
        self.label, self.unit, self.every_s = label, unit, every_s
        self._bar: tqdm[None] | None = None
        self._last = 0.0
        self._tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self._tty:
            if self._bar is None:
                self._bar = tqdm(total=total, desc=self.label, unit=self.unit, leave=True)
            self._bar.total = total
            self._bar.n = done
            self._bar.refresh()
            return
        now = time.monotonic()
        if done in (0, total) or now - self._last >= self.every_s:
            self._last = now
            log.info("%s: %d/%d %s", self.label, done, total, self.unit)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> ProgressReporter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
