"""Shared fixtures: isolated settings, one embedding model, one indexed corpus, a live HTTP server.

Everything runs for real: MiniLM on onnxruntime, Chroma in a temporary directory, the FastAPI app
under uvicorn on a loopback port. The expensive parts (model load, corpus ingest, the indexed
server) are session-scoped and shared by tests that only read.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from langchain_core.embeddings import Embeddings
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bench.chroma import free_port, stop
from service.api.app import create_app
from service.articles import load_corpus
from service.components.backends import EmbeddingBackend, get_embeddings
from service.components.llm.fake import ScriptedChatModel
from service.config import Settings
from service.container import Services
from service.ingest.chunking import chunk_text
from service.ingest.service import chunk_ids

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO_ROOT / "corpus"
CORPUS_IDS = sorted(p.stem for p in CORPUS_DIR.glob("*.md") if p.name != "README.md")


class IsolatedSettings(Settings):
    """``Settings`` that read only their constructor arguments: no ``NEWSDESK_*`` env, no ``.env``."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def make_settings(corpus_dir: Path, data_dir: Path, **overrides: Any) -> Settings:
    """Test settings: everything under ``data_dir``, the fake LLM, nothing read from the process env."""
    values: dict[str, Any] = {
        "corpus_dir": corpus_dir,
        "data_dir": data_dir,
        "cache_dir": data_dir / "cache",
        "llm_backend": "fake",
        "embeddings": "local",
        "chroma_url": None,
        # Tests send many requests a minute from one address; the limit has tests of its own.
        "rate_limit_per_minute": 0,
    }
    values.update(overrides)
    return IsolatedSettings(**values)


def copy_corpus(dest: Path) -> Path:
    """A writable copy of corpus/ (README included, as in the real directory)."""
    shutil.copytree(CORPUS_DIR, dest)
    return dest


def subprocess_env(**newsdesk: str) -> dict[str, str]:
    """Environment for ``python -m service`` subprocesses: no inherited NEWSDESK_*, package importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_"))}
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    env["NEWSDESK_LLM_BACKEND"] = "fake"
    env.update({f"NEWSDESK_{key.upper()}": value for key, value in newsdesk.items()})
    return env


@contextmanager
def service_process(
    env: dict[str, str], cwd: Path, *args: str, timeout_s: float = 90.0
) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """``python -m service serve`` as a real process on a free port; yields its URL, the process and
    its log file once ``/healthz`` answers, and stops it (if the test has not) on the way out."""
    port = free_port()
    with http_process(
        [sys.executable, "-m", "service", "serve", "--port", str(port), *args],
        port,
        env,
        cwd,
        cwd / f"serve-{port}.log",
        timeout_s,
    ) as (url, server):
        yield url, server, cwd / f"serve-{port}.log"


@contextmanager
def http_process(
    command: list[str], port: int, env: dict[str, str], cwd: Path, log: Path, timeout_s: float
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``command``, an HTTP server on loopback ``port``, logging to ``log``; yields its URL and process
    once ``/healthz`` answers, and stops it (if the test has not) on the way out."""
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                assert server.poll() is None, f"server exited: {log.read_text()[-3000:]}"
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, f"server did not start: {log.read_text()[-3000:]}"
                time.sleep(0.2)
            yield url, server
        finally:
            stop(server, 30)


def expected_chunk_ids(corpus_dir: Path, settings: Settings) -> dict[str, set[str]]:
    """The chunk ids a complete ingest of ``corpus_dir`` must leave in the store, by article."""
    expected = {}
    for article in load_corpus(corpus_dir).articles:
        chunks = chunk_text(article.id, article.text, settings.chunk_tokens, settings.chunk_overlap_tokens)
        expected[article.id] = set(chunk_ids(article, chunks))
    return expected


class CountingEmbeddings(Embeddings):
    """The real model, counting the texts it embeds (to prove an ingest embedded nothing)."""

    def __init__(self, model: Embeddings) -> None:
        self.model = model
        self.documents = 0
        self.queries = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += len(texts)
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return self.model.embed_query(text)


# --------------------------------------------------------------------------- settings and services


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    """``settings_factory(corpus_dir=..., **overrides)``: Settings with data under this test's tmp_path."""

    def build(corpus_dir: Path = CORPUS_DIR, data_dir: Path | None = None, **overrides: Any) -> Settings:
        return make_settings(corpus_dir, data_dir or tmp_path / "data", **overrides)

    return build


@pytest.fixture(scope="session")
def embedding_backend(tmp_path_factory: pytest.TempPathFactory) -> EmbeddingBackend:
    """The real MiniLM model, loaded once for the whole session."""
    root = tmp_path_factory.mktemp("embeddings")
    return get_embeddings(make_settings(CORPUS_DIR, root))


@pytest.fixture(scope="session")
def services_factory(embedding_backend: EmbeddingBackend) -> Callable[..., Services]:
    """``services_factory(settings, embeddings=None)``: a fresh Services on the session's model."""

    def build(settings: Settings, embeddings: EmbeddingBackend | None = None) -> Services:
        return Services(settings, embeddings=embeddings or embedding_backend)

    return build


def counting(backend: EmbeddingBackend) -> tuple[EmbeddingBackend, CountingEmbeddings]:
    """``backend`` wrapped to count what it embeds: ``(backend for Services, counter)``."""
    counter = CountingEmbeddings(backend.model)
    return EmbeddingBackend(counter, backend.model_id), counter


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, services_factory: Callable[..., Services]) -> Services:
    """Services over a tmp copy of corpus/, ingested once. Read-only: do not ingest into it."""
    root = tmp_path_factory.mktemp("indexed")
    services = services_factory(make_settings(copy_corpus(root / "corpus"), root / "data"))
    report = services.ingest()
    assert not report.errors and len(report.updated) == len(CORPUS_IDS), report.summary()
    return services


# --------------------------------------------------------------------------- shared fake chat model

SUPPORT_QUESTION = "Does the passage state this?"  # the last line of prompts/support.md


@pytest.fixture
def fake_llm(indexed: Services) -> Iterator[ScriptedChatModel]:
    """The one scripted chat model (``llm_backend="fake"``) of the shared app: queue replies, read prompts."""
    model = indexed.chat.model
    assert isinstance(model, ScriptedChatModel)
    model.replies.clear()
    model.prompts.clear()
    model.extras.clear()
    # The support check asks the model about claims its structured checks cannot decide; by default
    # the fake says they are stated, so a test's queue holds only answers (tests of the judge override).
    model.answer_always(SUPPORT_QUESTION, "yes")
    yield model
    model.replies.clear()


# --------------------------------------------------------------------------- live HTTP server


@contextmanager
def serve(app: FastAPI, timeout_s: float = 30.0) -> Iterator[str]:
    """Run ``app`` under uvicorn in a background thread on a free loopback port; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # bound before uvicorn starts: no race for the port
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="uvicorn")
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn exited during start-up")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"uvicorn did not start within {timeout_s} s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not shut down"


@pytest.fixture(scope="session")
def live_server(indexed: Services) -> Iterator[str]:
    """Base URL of the real app serving the indexed corpus."""
    with serve(create_app(services=indexed)) as url:
        yield url


@pytest.fixture
def http(live_server: str) -> Iterator[httpx.Client]:
    """An httpx client for ``live_server``."""
    with httpx.Client(base_url=live_server, timeout=30.0) as client:
        yield client


def assert_citations_exact(http: httpx.Client, body: dict[str, Any], text_key: str = "answer") -> None:
    """The invariant of every answer and summary: each quote is exactly the article's text at its
    offsets, and each citation's marker appears in the text."""
    cited = list(body["citations"]) + [f["citation"] for c in body["conflicts"] for f in c["figures"]]
    texts: dict[str, str] = {}
    for c in cited:
        if c["article_id"] not in texts:
            texts[c["article_id"]] = http.get(f"/v1/articles/{c['article_id']}").json()["text"]
        assert texts[c["article_id"]][c["start"] : c["end"]] == c["quote"]
    for c in body["citations"]:
        assert f"[{c['n']}]" in body[text_key]
