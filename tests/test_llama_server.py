"""End-to-end: assemble the real GGUF, serve it with llama_cpp.server, chat via openai."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openai import OpenAI

from service.components.llm.gguf import ensure_model
from service.components.llm.server import LlamaServer

pytestmark = pytest.mark.llm


def _cache_dir() -> Path:
    configured = os.environ.get("NEWSDESK_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "newsdesk"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    model = ensure_model(_cache_dir())
    log = tmp_path_factory.mktemp("llama") / "server.log"
    llama = LlamaServer(model, log, n_ctx=4096)
    llama.start(timeout_s=180)
    yield llama
    llama.stop()


def test_chat_completion(server: LlamaServer) -> None:
    client = OpenAI(base_url=server.base_url, api_key="not-needed", timeout=120)
    reply = client.chat.completions.create(
        model=server.model_alias,
        messages=[{"role": "user", "content": "Reply with the single word: yes"}],
        temperature=0,
        max_tokens=16,
    )

    content = reply.choices[0].message.content
    assert content is not None
    assert content.strip()
    assert reply.usage is not None
    assert reply.usage.prompt_tokens > 0


def test_stop_ends_the_process(server: LlamaServer) -> None:
    # Runs last in this module; the fixture's own stop() is then a no-op.
    pid = server.pid
    assert pid is not None
    assert server.is_running()

    server.stop()

    assert not server.is_running()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # reaped by stop(), so the pid no longer exists
