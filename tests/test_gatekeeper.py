"""The model's slots and waiting line."""

from __future__ import annotations

import threading
from contextlib import ExitStack
from pathlib import Path

import pytest

from service.ask.gatekeeper import Gatekeeper
from service.errors import BackendUnavailableError, BusyError


def test_slots_then_a_bounded_line_then_429() -> None:
    gate = Gatekeeper(slots=2, queue_size=1, wait_timeout_s=5)
    got, release = threading.Event(), threading.Event()

    def wait_in_line() -> None:
        with gate.slot():
            got.set()
            release.wait(5)

    with ExitStack() as held:
        held.enter_context(gate.slot())
        held.enter_context(gate.slot())  # two run at once
        waiter = threading.Thread(target=wait_in_line)
        waiter.start()
        while gate.depth < 3:  # the third waits in line
            pass
        assert not got.is_set()
        with pytest.raises(BusyError, match="1 request") as busy, gate.slot():
            pass  # the line is full
        assert busy.value.retry_after_s > 0
    assert got.wait(5)  # a slot freed: the one in line has it
    release.set()
    waiter.join(5)
    assert gate.depth == 0


def test_a_wait_longer_than_the_timeout_is_a_503() -> None:
    gate = Gatekeeper(slots=1, queue_size=4, wait_timeout_s=0.2)
    with gate.slot(), pytest.raises(BackendUnavailableError, match="waited"), gate.slot():
        pass
    assert gate.depth == 0


def test_no_slots_means_no_limit() -> None:
    gate = Gatekeeper(slots=0, queue_size=0, wait_timeout_s=0.1)
    with gate.slot(), gate.slot(), gate.slot():
        assert gate.depth == 0


def test_workers_sharing_one_model_take_turns_through_the_lock_file(tmp_path: Path) -> None:
    lock = tmp_path / "model.lock"
    first = Gatekeeper(slots=1, queue_size=4, wait_timeout_s=5, shared_lock=lock)
    second = Gatekeeper(slots=1, queue_size=4, wait_timeout_s=0.3, shared_lock=lock)  # another worker
    with first.slot(), pytest.raises(BackendUnavailableError, match="waited"), second.slot():
        pass
    with second.slot():  # free again once the first let go
        pass
