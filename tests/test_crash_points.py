"""kill -9 at chosen points of ingest and upload (``NEWSDESK_CRASH_AT``, service/faults.py): after a
restart the index equals the corpus plus every acknowledged upload, with no duplicate chunk."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from service.articles import Article
from service.container import Services
from service.ingest.chunking import chunk_text
from service.ingest.service import chunk_ids
from tests.conftest import copy_corpus, expected_chunk_ids, make_settings, service_process, subprocess_env
from tests.test_ingest import store_state, write_generated_articles
from tests.test_uploads import long_text

pytestmark = pytest.mark.slow
ServicesFactory = Callable[..., Services]


def ingest(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service", "ingest"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_index_is(data: Path, expected: dict[str, set[str]]) -> None:
    ids = store_state(data)["ids"]
    assert isinstance(ids, list) and len(ids) == len(set(ids)), "duplicate chunk ids"
    wanted = set().union(*expected.values())
    assert set(ids) == wanted, (
        f"missing {sorted(wanted - set(ids))[:3]}, extra {sorted(set(ids) - wanted)[:3]}"
    )


@pytest.mark.parametrize("point", ["ingest-embedded", "ingest-written"])
def test_ingest_killed_at_a_point_heals_on_the_next_run(tmp_path: Path, point: str) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    write_generated_articles(corpus, 20)
    data = tmp_path / "data"
    env = subprocess_env(corpus_dir=str(corpus), data_dir=str(data), ingest_batch="16")
    killed = ingest(env | {"NEWSDESK_CRASH_AT": point}, tmp_path)
    assert killed.returncode == -9, killed.stderr
    healed = ingest(env, tmp_path)
    assert healed.returncode == 0, healed.stderr
    assert_index_is(data, expected_chunk_ids(corpus, make_settings(corpus, data)))


def upload(url: str, title: str, text: str) -> httpx.Response | None:
    try:
        return httpx.post(f"{url}/v1/articles", json={"title": title, "text": text}, timeout=120)
    except httpx.HTTPError:
        return None  # the server died before answering


def run_server(env: dict[str, str], cwd: Path, action: Callable[[str], None]) -> int:
    """Start ``serve``, run ``action(url)``, then SIGKILL the server if it is still alive."""
    with service_process(env, cwd) as (url, server, _):
        action(url)
        if server.poll() is None:
            server.kill()
        return server.wait(30)


@pytest.mark.parametrize(
    ("point", "kept"),
    [("upload-embedded", False), ("upload-written", False), ("upload-committed", True)],
)
def test_upload_killed_at_a_point_keeps_every_acknowledged_upload(
    tmp_path: Path, services_factory: ServicesFactory, point: str, kept: bool
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    data = tmp_path / "data"
    env = subprocess_env(corpus_dir=str(corpus), data_dir=str(data), ingest_batch="8")
    assert ingest(env, tmp_path).returncode == 0
    acknowledged: list[str] = []

    def upload_then_die(url: str) -> None:
        response = upload(url, "Acknowledged", long_text(4_000))
        assert response is not None and response.status_code == 201, response
        acknowledged.append(response.json()["id"])

    # An acknowledged upload, then kill -9 with no shutdown at all.
    assert run_server(env, tmp_path, upload_then_die) == -9

    def crash(url: str) -> None:
        assert upload(url, "Interrupted", long_text(6_000)) is None

    assert run_server(env | {"NEWSDESK_CRASH_AT": point}, tmp_path, crash) == -9

    restarted = services_factory(make_settings(corpus, data))
    restarted.start(with_llm=False)  # what a real restart does first: reconcile the uploads
    articles = restarted.articles()
    interrupted = [a for a in articles.values() if a.title == "Interrupted"]
    assert acknowledged[0] in articles
    assert len(interrupted) == (1 if kept else 0)
    # Exactly the corpus and the uploads that survive, each with the complete chunk set a fresh
    # chunking of it gives: no half article, no duplicate, nothing stray.
    expected = expected_chunk_ids(corpus, restarted.settings)
    for article in (articles[acknowledged[0]], *interrupted):
        expected[article.id] = complete_chunk_ids(article, restarted)
    assert_index_is(data, expected)


def complete_chunk_ids(article: Article, services: Services) -> set[str]:
    settings = services.settings
    chunks = chunk_text(article.id, article.text, settings.chunk_tokens, settings.chunk_overlap_tokens)
    return set(chunk_ids(article, chunks))
