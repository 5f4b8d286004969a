"""Model backend faults become clear 429/503 responses, never a hang or a 500."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from service.api.app import create_app
from service.components.backends import ChatBackend
from service.components.llm.fake import ScriptedChatModel
from service.config import Settings
from service.container import Services
from tests.conftest import serve

QUESTION = {"question": "How many sappers did North Korea pledge?"}


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def _services(indexed: Services, build: Callable[..., Services], **overrides: object) -> Services:
    settings = indexed.settings.model_copy(update=overrides)
    return build(settings)


def test_unreachable_model_is_503(indexed: Services, services_factory: Callable[..., Services]) -> None:
    services = _services(
        indexed,
        services_factory,
        llm_backend="openai",
        openai_base_url=f"http://127.0.0.1:{closed_port()}/v1",
    )
    with serve(create_app(services=services)) as url:
        response = httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=30)
    assert response.status_code == 503
    assert "language model" in response.json()["detail"]


def test_slow_model_times_out_with_503(
    indexed: Services, services_factory: Callable[..., Services], silent_port: int
) -> None:
    services = _services(
        indexed,
        services_factory,
        llm_backend="openai",
        openai_base_url=f"http://127.0.0.1:{silent_port}/v1",
        ask_timeout_s=1.5,
    )
    started = time.monotonic()
    with serve(create_app(services=services)) as url:
        response = httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=30)
    assert response.status_code == 503
    assert time.monotonic() - started < 20


def test_full_queue_is_429_with_retry_after(
    indexed: Services, services_factory: Callable[..., Services]
) -> None:
    settings: Settings = indexed.settings.model_copy(update={"queue_size": 0})
    services = services_factory(settings)
    services.__dict__["chat"] = ChatBackend(ScriptedChatModel(), "fake", slots=1)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with services.gatekeeper.slot():
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        with serve(create_app(services=services)) as url:
            response = httpx.post(f"{url}/v1/ask", json=QUESTION, timeout=30)
    finally:
        release.set()
        holder.join()
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "busy" in response.json()["detail"]
