"""``serve --workers 2`` over a real Chroma server: an article added or deleted through one worker is
seen by searches through every worker."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import copy_corpus, service_process, subprocess_env
from tests.test_chroma_server import chroma_url  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow
TEXT = "Floodwater broke through the Harrow Creek dam on Tuesday; 14 people died, officials said."


def _found(url: str) -> bool:
    # A new connection each time, so the requests spread over the workers.
    with httpx.Client(base_url=url, timeout=30) as http:
        hits = http.post("/v1/search", json={"query": "Harrow Creek dam deaths", "k": 3}).json()["results"]
    return any("Harrow Creek" in h["text"] for h in hits)


def _seen_by_all(url: str, expected: bool, timeout_s: float = 15.0) -> float:
    """Seconds until 20 searches in a row agree (with two workers, both answered some of them)."""
    started = time.monotonic()
    agreeing = 0
    while agreeing < 20:
        assert time.monotonic() - started < timeout_s, "a worker kept its stale view of the articles"
        agreeing = agreeing + 1 if _found(url) is expected else 0
    return time.monotonic() - started


def test_two_workers_see_each_others_article_changes(chroma_url: str, tmp_path: Path) -> None:  # noqa: F811
    env = subprocess_env(
        corpus_dir=str(copy_corpus(tmp_path / "corpus")),
        data_dir=str(tmp_path / "data"),
        chroma_url=chroma_url,
        collection_prefix="workers",
        rate_limit_per_minute="0",
    )
    subprocess.run([sys.executable, "-m", "service", "ingest"], env=env, check=True, capture_output=True)
    with service_process(env, tmp_path, "--workers", "2") as (url, _, log):
        assert _seen_by_all(url, expected=False) >= 0
        created = httpx.post(f"{url}/v1/articles", json={"title": "Dam breach", "text": TEXT}, timeout=60)
        assert created.status_code == 201, created.text
        lag_add = _seen_by_all(url, expected=True)
        assert httpx.delete(f"{url}/v1/articles/{created.json()['id']}").status_code == 204
        lag_delete = _seen_by_all(url, expected=False)
        print(f"visible to every worker after {lag_add:.2f} s (add), {lag_delete:.2f} s (delete)")
    workers = {line for line in log.read_text().splitlines() if "Started server process" in line}
    assert len(workers) == 2, log.read_text()[-3000:]


def test_several_workers_need_a_chroma_server(tmp_path: Path) -> None:
    env = subprocess_env(data_dir=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "service", "serve", "--workers", "2"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "need a Chroma server (NEWSDESK_CHROMA_URL)" in done.stderr
