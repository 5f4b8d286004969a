"""End-to-end: assemble the real GGUF, serve it with llama_cpp.server, chat via openai."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openai import OpenAI

from bench.chroma import stop
from service.components.llm.gguf import ensure_model
from service.components.llm.local import server_options
from service.components.llm.server import LlamaServer
from service.config import Settings
from tests.conftest import CORPUS_DIR, subprocess_env

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


def test_a_stopped_cli_run_takes_its_model_server_with_it(tmp_path: Path) -> None:
    """``kill`` (SIGTERM) of a CLI run that started the local model, here `ask` mid-answer, stops
    the model server too: before, the run died at once and left the server running on both cores."""
    env = subprocess_env(LLM_BACKEND="local", CORPUS_DIR=str(CORPUS_DIR), DATA_DIR=str(tmp_path / "data"))
    env["NEWSDESK_CACHE_DIR"] = str(_cache_dir())
    ingest = subprocess.run([sys.executable, "-m", "service", "ingest"], env=env, capture_output=True)
    assert ingest.returncode == 0, ingest.stderr.decode()[-2000:]
    run = subprocess.Popen(
        [sys.executable, "-m", "service", "ask", "How many sappers did North Korea pledge?"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    children: list[int] = []
    try:
        deadline = time.monotonic() + 180
        while not children:  # the model server, started by the run
            assert run.poll() is None, run.stderr.read().decode()[-2000:] if run.stderr else ""
            assert time.monotonic() < deadline, "the run never started its model server"
            children = _children(run.pid)
            time.sleep(0.2)
        time.sleep(1.0)
        run.send_signal(signal.SIGTERM)
        assert run.wait(60) == 130
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in children):
            assert time.monotonic() < deadline, f"model server {children} outlived its run"
            time.sleep(0.2)
    finally:
        stop(run)
        for pid in filter(_alive, children):  # a failed run must not leave the server behind
            os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_saved_prompt_states_are_restored_and_hold_only_the_kv_cells(tmp_path: Path) -> None:
    """With the prompt cache on, a prompt that opens like an earlier one restores that state though
    other prompts came between, and a saved state costs its KV cells (~28 KB a token), not a copy of
    llama-cpp-python's 311 MB logits buffer as ``python -m llama_cpp.server`` saves it."""
    log = tmp_path / "server.log"
    options = server_options(Settings(llm_prompt_cache_mb=512))  # the cache implies no logits_all
    llama = LlamaServer(ensure_model(_cache_dir()), log, n_ctx=4096, extra_args=options)
    llama.start(timeout_s=180)
    client = OpenAI(base_url=llama.base_url, api_key="not-needed", timeout=300)

    def ask(text: str) -> str:
        before = log.stat().st_size
        client.chat.completions.create(
            model=llama.model_alias, messages=[{"role": "user", "content": text}], temperature=0, max_tokens=1
        )
        with log.open("rb") as handle:
            handle.seek(before)
            return handle.read().decode("utf-8", errors="replace")

    try:
        ask("Reply with one word.")
        start_mb = _rss_mb(llama.pid or 0)
        opening = " ".join(f"Line {i}: the gauge at station {i} read {i * 7} units." for i in range(50))
        ask(f"{opening}\nWhich station read 21 units?")
        ask(" ".join(f"Entry {i} lists {i * 3} boxes of stock." for i in range(50)))  # another long state
        ask("Something else entirely.")
        log_text = ask(f"{opening}\nWhich station read 35 units?")
        grown_mb = _rss_mb(llama.pid or 0) - start_mb
    finally:
        llama.stop()

    hit = re.search(r"(\d+) prefix-match hit, remaining (\d+) prompt tokens to eval", log_text)
    assert hit is not None, log_text[-2000:]
    reused, remaining = int(hit.group(1)), int(hit.group(2))
    assert reused > 500 and remaining < 30, (reused, remaining)
    assert grown_mb < 250, f"the server grew {grown_mb:.0f} MB over four saved states"
