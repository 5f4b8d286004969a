"""One generation at a time on a local CPU model (a few on a remote server), with a bounded waiting line.

Two generations side by side on 2 cores are each slower than one after the other (measured: 18 tok/s
alone vs 6-8 tok/s contended), so requests queue; past ``queue_size`` waiting, callers get a 429 with
Retry-After instead of an ever longer wait.
"""

from __future__ import annotations

import fcntl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from service.errors import BackendUnavailableError, BusyError


class Gatekeeper:
    """A limit on generations at once (``slots``; 0 for none) plus a count of waiters."""

    def __init__(
        self,
        slots: int,
        queue_size: int,
        wait_timeout_s: float,
        shared_lock: Path | None = None,
        retry_after_s: int = 20,
    ) -> None:
        self.slots = slots
        self.shared_lock = shared_lock
        self.queue_size = queue_size
        self.wait_timeout_s = wait_timeout_s
        self.retry_after_s = retry_after_s
        self._free = threading.BoundedSemaphore(max(slots, 1))
        self._count = threading.Lock()
        self._waiting = 0
        self._running = 0

    def _timed_out(self) -> BackendUnavailableError:
        return BackendUnavailableError(f"waited {self.wait_timeout_s:.0f} s for the model; retry later")

    @contextmanager
    def _across_processes(self, deadline: float) -> Iterator[None]:
        """The shared lock file, when several processes share one model (serve --workers)."""
        if self.shared_lock is None:
            yield
            return
        self.shared_lock.parent.mkdir(parents=True, exist_ok=True)
        with self.shared_lock.open("a") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise self._timed_out() from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @property
    def running(self) -> int:
        """Operations holding the model now."""
        return self._running

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
            deadline = time.monotonic() + self.wait_timeout_s
            if not self._free.acquire(timeout=self.wait_timeout_s):
                raise self._timed_out()
            try:
                with self._across_processes(deadline):
                    self._running += 1
                    try:
                        yield
                    finally:
                        self._running -= 1
            finally:
                self._free.release()
        finally:
            with self._count:
                self._waiting -= 1
