"""Newsdesk installed from its wheel into a fresh virtualenv, run from elsewhere: no checkout needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

import httpx
import pytest

from bench.chroma import free_port
from tests.conftest import CORPUS_DIR, REPO_ROOT

pytestmark = pytest.mark.slow


def _wheel_dirs() -> list[str]:
    cache = Path(os.environ.get("NEWSDESK_CACHE_DIR") or Path.home() / ".cache" / "newsdesk") / "wheels"
    return [str(cache), *(str(p) for p in sorted(cache.glob("llama-*")))]


def _run(
    *cmd: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=900, cwd=cwd, env=env
    )
    assert done.returncode == 0, f"{cmd}: {done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


def test_the_wheel_carries_prompts_and_page_and_runs_without_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, REPO_ROOT)
    wheel = next(dist.glob("newsdesk-*.whl"))
    names = subprocess.run(
        [sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True, check=True
    ).stdout
    prompts = sorted(p.name for p in (REPO_ROOT / "prompts").glob("*.md"))
    assert all(f"service/_prompts/{name}" in names for name in prompts), names
    assert "service/web/index.html" in names and "service/web/app.js" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    links = [arg for d in _wheel_dirs() for arg in ("--find-links", d)]
    # The extras the README names for the default local model; built wheels come from the cache.
    _run(python, "-m", "pip", "install", "-q", *links, f"{wheel}[local]")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    corpus = shutil.copytree(CORPUS_DIR, tmp_path / "articles")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "OPENAI_", "PYTHONPATH"))}
    env |= {
        "NEWSDESK_CORPUS_DIR": str(corpus),
        "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
        "NEWSDESK_LLM_BACKEND": "fake",
    }
    found = _run(python, "-c", "import service.prompts as p; print(p.PROMPTS_DIR)", cwd=elsewhere, env=env)
    assert (
        Path(found.stdout.strip()) == next(env_dir.glob("lib/python*/site-packages")) / "service" / "_prompts"
    )
    ingested = _run(env_dir / "bin" / "newsdesk", "ingest", cwd=elsewhere, env=env)
    assert "5 article(s) embedded" in ingested.stdout

    port = free_port()
    server = subprocess.Popen(
        [str(env_dir / "bin" / "newsdesk"), "serve", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "the installed service exited"
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the installed service never became ready"
            time.sleep(0.3)
        assert 'data-testid="question"' in httpx.get(f"{url}/").text
        for asset in ("/static/app.js", "/static/app.css", "/docs", "/static/swagger/swagger-ui-bundle.js"):
            assert httpx.get(f"{url}{asset}").status_code == 200, asset
        answer = httpx.post(f"{url}/v1/ask", json={"question": "How many sappers did North Korea pledge?"})
        assert answer.status_code == 200 and "refused" in answer.json()
    finally:
        server.terminate()
        server.wait(30)
