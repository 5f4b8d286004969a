"""One generation at a time on a local CPU model (a few on a remote server), with a bounded waiting line.

Two generations side by side on 2 cores are each slower than one after the other (measured: 18 tok/s
alone vs 6-8 tok/s contended), so requests queue; past ``queue_size`` waiting, callers get a 429 with
Retry-After instead of an ever longer wait.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from service.errors import BackendUnavailableError, BusyError


class Gatekeeper:
    """A limit on generations at once (``slots``; 0 for none) plus a count of waiters."""

    def __init__(self, slots: int, queue_size: int, wait_timeout_s: float, retry_after_s: int = 20) -> None:
        self.slots = slots
        self.queue_size = queue_size
        self.wait_timeout_s = wait_timeout_s
        self.retry_after_s = retry_after_s
        self._free = threading.BoundedSemaphore(max(slots, 1))
        self._count = threading.Lock()
        self._waiting = 0

    @property
    def depth(self) -> int:
        """Operations holding or waiting for the model (the /metrics queue gauge)."""
        return self._waiting

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the model's slots for one operation."""
        if self.slots <= 0:
            yield
            return
        with self._count:
            # Past the operations running, at most queue_size may wait.
            if self._waiting - self.slots >= self.queue_size:
                raise BusyError(
                    f"the model is busy and {self._waiting - self.slots} request(s) are already "
                    "waiting; retry later",
                    self.retry_after_s,
                )
            self._waiting += 1
        try:
            if not self._free.acquire(timeout=self.wait_timeout_s):
                raise BackendUnavailableError(
                    f"waited {self.wait_timeout_s:.0f} s for the model; retry later"
                )
            try:
                yield
            finally:
                self._free.release()
        finally:
            with self._count:
                self._waiting -= 1
