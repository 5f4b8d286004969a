"""Faults on the real stack: the local model server killed mid-answer, a Chroma server stopped."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bench.chroma import ChromaServer
from service.api.app import create_app
from service.components.llm.fake import ScriptedChatModel
from service.container import Services
from tests.conftest import SUPPORT_QUESTION, copy_corpus, make_settings, serve

ServicesFactory = Callable[..., Services]
QUESTION = "How many sappers did North Korea pledge?"


def _cache_dir() -> Path:
    configured = os.environ.get("NEWSDESK_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "newsdesk"


def _sse(lines: list[str]) -> list[tuple[str, dict[str, object]]]:
    events, name = [], "message"
    for line in lines:
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[6:])))
            name = "message"
    return events


@pytest.mark.llm
def test_model_killed_mid_answer_is_a_503_then_the_model_is_back(
    indexed: Services, services_factory: ServicesFactory, tmp_path: Path
) -> None:
    settings = indexed.settings.model_copy(update={"llm_backend": "local", "cache_dir": _cache_dir()})
    services = services_factory(settings)
    with (
        serve(create_app(services=services), timeout_s=240) as url,
        httpx.Client(base_url=url, timeout=180) as http,
    ):
        server = services._local_server
        assert server is not None and server.ready()[0]
        pid = server._server.pid  # type: ignore[union-attr]
        lines: list[str] = []
        streamed = threading.Thread(
            target=lambda: lines.extend(
                httpx.Client(base_url=url, timeout=180)
                .post("/v1/ask", json={"question": QUESTION, "stream": True})
                .text.splitlines()
            )
        )
        started = time.monotonic()
        streamed.start()
        time.sleep(3)  # the model is reading the prompt (~10 s on 2 cores)
        os.kill(pid, signal.SIGKILL)  # type: ignore[arg-type]
        streamed.join(120)
        assert not streamed.is_alive(), "the stream hung after the model died"
        events = _sse(lines)
        assert events and events[-1][0] == "error", events
        assert events[-1][1]["status"] == 503 and time.monotonic() - started < settings.ask_timeout_s

        readiness = http.get("/readyz")
        deadline = time.monotonic() + 120
        while readiness.status_code != 200 and time.monotonic() < deadline:
            time.sleep(1)
            readiness = http.get("/readyz")
        assert readiness.status_code == 200, readiness.text
        assert server.restarts == 1 and server._server.pid != pid  # type: ignore[union-attr]

        after = http.post("/v1/ask", json={"question": QUESTION})
        assert after.status_code == 200, after.text
        assert not after.json()["refused"] and "1,000" in after.json()["answer"]


@pytest.mark.slow
def test_chroma_server_stopped_is_a_503_then_back_without_a_restart(
    services_factory: ServicesFactory, tmp_path: Path
) -> None:
    (tmp_path / "chroma").mkdir()
    chroma = ChromaServer(tmp_path / "chroma")
    chroma.start()
    try:
        settings = make_settings(copy_corpus(tmp_path / "corpus"), tmp_path / "data", chroma_url=chroma.url)
        services = services_factory(settings)
        assert not services.ingest().errors
        model = services.chat.model
        assert isinstance(model, ScriptedChatModel)
        model.answer_always(SUPPORT_QUESTION, "yes")
        model.answer_always("", "North Korea pledged 1,000 sappers.")
        with serve(create_app(services=services)) as url, httpx.Client(base_url=url, timeout=30) as http:
            search = {"query": "How many sappers will North Korea send?"}
            assert http.get("/readyz").status_code == 200
            assert http.post("/v1/search", json=search).status_code == 200

            chroma.stop()
            started = time.monotonic()
            readiness = http.get("/readyz")
            assert readiness.status_code == 503
            assert "Chroma server is unreachable" in readiness.json()["checks"]["index"]["detail"]
            for path, body in (("/v1/search", search), ("/v1/ask", {"question": QUESTION})):
                down = http.post(path, json=body)
                assert down.status_code == 503, down.text
                assert "Chroma server is unreachable" in down.json()["detail"]
            streamed = http.post("/v1/ask", json={"question": QUESTION, "stream": True})
            assert streamed.status_code == 503 and "Chroma" in streamed.json()["detail"]
            assert time.monotonic() - started < 10, "a stopped Chroma server must fail fast, not hang"

            chroma.start()  # the same port and path: the same collection
            assert http.get("/readyz").status_code == 200
            assert http.post("/v1/search", json=search).json()["results"]
            answer = http.post("/v1/ask", json={"question": QUESTION})
            assert answer.status_code == 200, answer.text
            assert not answer.json()["refused"] and "1,000" in answer.json()["answer"]
    finally:
        chroma.stop()
