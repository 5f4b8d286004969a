"""One generation at a time on a local CPU model, with a bounded waiting line.

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
    """A mutex plus a count of waiters; ``serial=False`` lets everyone through (remote APIs)."""

    def __init__(self, serial: bool, queue_size: int, wait_timeout_s: float, retry_after_s: int = 20) -> None:
        self.serial = serial
        self.queue_size = queue_size
        self.wait_timeout_s = wait_timeout_s
        self.retry_after_s = retry_after_s
        self._lock = threading.Lock()
        self._count = threading.Lock()
        self._waiting = 0

    @property
    def depth(self) -> int:
        """Operations holding or waiting for the model (the /metrics queue gauge)."""
        return self._waiting

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold the model for one operation."""
        if not self.serial:
            yield
            return
        with self._count:
            if self._waiting > self.queue_size:
                raise BusyError(
                    f"the model is busy and {self._waiting - 1} request(s) are already waiting; retry later",
                    self.retry_after_s,
                )
            self._waiting += 1
        try:
            if not self._lock.acquire(timeout=self.wait_timeout_s):
                raise BackendUnavailableError(
                    f"waited {self.wait_timeout_s:.0f} s for the model; retry later"
                )
            try:
                yield
            finally:
                self._lock.release()
        finally:
            with self._count:
                self._waiting -= 1
