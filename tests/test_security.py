"""Keys, limits and headers, on the real app over real HTTP (only the chat model is the fake)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from service.api.app import create_app
from service.api.security import KeySet, RateLimiter
from service.container import Services
from service.errors import BusyError, ConfigurationError
from tests.conftest import copy_corpus, make_settings, serve, service_process, subprocess_env

ServicesFactory = Callable[..., Services]
PLAIN, ADMIN = "plain-key-1", "admin-key-1"


@pytest.fixture(scope="module")
def keyed_url(tmp_path_factory: pytest.TempPathFactory, services_factory: ServicesFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("keyed")
    # One plain key given as its hash, from a file with a comment, beside a plain-text key.
    keys = root / "keys.txt"
    keys.write_text(f"# readers\nsha256:{hashlib.sha256(PLAIN.encode()).hexdigest()}\nother-key\n")
    settings = make_settings(
        copy_corpus(root / "corpus"),
        root / "data",
        api_keys=f"@{keys}",
        admin_keys=ADMIN,
        max_body_bytes=100_000,
        max_article_chars=50_000,
        cors_origins="http://newsroom.example",
    )
    services = services_factory(settings)
    services.ingest()
    with serve(create_app(services=services)) as url:
        yield url


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


ARTICLE = {
    "title": "Bridge closed",
    "text": "The Tarn bridge closed for repairs on Monday, the council said.",
}


def test_keys_guard_the_api_and_admin_keys_guard_the_articles(keyed_url: str) -> None:
    with httpx.Client(base_url=keyed_url, timeout=30) as http:
        missing = http.get("/v1/articles")
        assert missing.status_code == 401 and "API key" in missing.json()["detail"]
        assert missing.headers["www-authenticate"] == "Bearer"
        assert http.get("/v1/articles", headers=bearer("wrong")).status_code == 401
        assert http.get("/v1/articles", headers={"Authorization": PLAIN}).status_code == 401  # no scheme
        assert http.get("/v1/articles", headers=bearer(PLAIN)).status_code == 200
        assert http.get("/v1/articles", headers=bearer("other-key")).status_code == 200
        assert http.get("/v1/articles", headers=bearer(ADMIN)).status_code == 200  # admin is also plain

        refused = http.post("/v1/articles", json=ARTICLE, headers=bearer(PLAIN))
        assert refused.status_code == 403 and "admin key" in refused.json()["detail"]
        assert http.post("/v1/articles", json=ARTICLE).status_code == 401
        created = http.post("/v1/articles", json=ARTICLE, headers=bearer(ADMIN))
        assert created.status_code == 201
        article_id = created.json()["id"]
        assert http.delete(f"/v1/articles/{article_id}", headers=bearer(PLAIN)).status_code == 403
        assert http.delete(f"/v1/articles/{article_id}", headers=bearer(ADMIN)).status_code == 204

        # Open without a key: health, the page and its files, the docs and the spec.
        for path in (
            "/healthz",
            "/readyz",
            "/",
            "/static/app.js",
            "/docs",
            "/docs/start.js",
            "/openapi.json",
        ):
            assert http.get(path).status_code == 200, path
        assert http.get("/metrics").status_code == 401
        metrics = http.get("/metrics", headers=bearer(PLAIN))
        assert metrics.status_code == 200
        assert 'http_requests_total{handler="/v1/articles",method="GET",status="2xx"}' in metrics.text
        assert "newsdesk_model_queue_depth" in metrics.text


def test_the_openai_client_sends_its_api_key_as_the_bearer(keyed_url: str) -> None:
    good = openai.OpenAI(base_url=f"{keyed_url}/v1", api_key=PLAIN, max_retries=0)
    assert [m.id for m in good.models.list()] == ["newsdesk"]
    bad = openai.OpenAI(base_url=f"{keyed_url}/v1", api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.models.list()


def test_no_admin_key_means_nobody_changes_the_articles(
    tmp_path: Path, services_factory: ServicesFactory
) -> None:
    settings = make_settings(copy_corpus(tmp_path / "corpus"), tmp_path / "data", api_keys=PLAIN)
    with serve(create_app(services=services_factory(settings))) as url:
        response = httpx.post(f"{url}/v1/articles", json=ARTICLE, headers=bearer(PLAIN))
    assert response.status_code == 403 and "no admin key is set" in response.json()["detail"]


def test_bodies_over_the_limit_are_413_whether_declared_or_streamed(keyed_url: str) -> None:
    big = json.dumps({"title": "t", "text": "x" * 200_000}).encode()
    with httpx.Client(base_url=keyed_url, timeout=30, headers=bearer(ADMIN)) as http:
        declared = http.post("/v1/articles", content=big, headers={"content-type": "application/json"})
        assert declared.status_code == 413 and "NEWSDESK_MAX_BODY_BYTES" in declared.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            for i in range(0, len(big), 16_384):
                yield big[i : i + 16_384]

        streamed = http.post("/v1/ask", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        # Under the body limit but over the article limit: the article limit's own message.
        long = http.post("/v1/articles", json={"title": "t", "text": "word " * 12_000})
        assert long.status_code == 413 and "NEWSDESK_MAX_ARTICLE_CHARS" in long.json()["detail"]


def test_every_response_has_a_request_id_and_security_headers(keyed_url: str) -> None:
    with httpx.Client(base_url=keyed_url, timeout=30) as http:
        page = http.get("/")
        given = http.get("/v1/articles", headers={"X-Request-ID": "trace-42", **bearer(PLAIN)})
        failed = http.get("/v1/articles/nope", headers=bearer(PLAIN))
        hostile = http.get("/healthz", headers={"X-Request-ID": "<script>" + "x" * 200})
    assert given.headers["x-request-id"] == "trace-42"
    assert failed.status_code == 404 and len(failed.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != "<script>" + "x" * 200  # not echoed: a new id instead
    for response in (page, given, failed):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_cors_allows_only_the_configured_origins(keyed_url: str) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    with httpx.Client(base_url=keyed_url, timeout=30) as http:
        ok = http.options("/v1/ask", headers={"Origin": "http://newsroom.example", **preflight})
        other = http.options("/v1/ask", headers={"Origin": "http://elsewhere.example", **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "http://newsroom.example"
    assert "access-control-allow-origin" not in other.headers


def test_rate_limit_per_key_answers_429_with_retry_after(
    tmp_path: Path, services_factory: ServicesFactory
) -> None:
    settings = make_settings(
        copy_corpus(tmp_path / "corpus"), tmp_path / "data", api_keys="a,b", rate_limit_per_minute=3
    )
    with serve(create_app(services=services_factory(settings))) as url, httpx.Client(base_url=url) as http:
        codes = [http.get("/v1/models", headers=bearer("a")).status_code for _ in range(4)]
        limited = http.get("/v1/models", headers=bearer("a"))
        other = http.get("/v1/models", headers=bearer("b"))
        health = [http.get("/healthz").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429]
    assert limited.status_code == 429 and 1 <= int(limited.headers["retry-after"]) <= 20
    assert "3 requests per minute" in limited.json()["detail"]
    assert other.status_code == 200  # each key has its own budget
    assert health == [200] * 5  # health checks are not limited


def test_rate_limiter_refills_over_time() -> None:
    limiter = RateLimiter(per_minute=600)  # 10 per second
    for _ in range(600):
        limiter.check("x")
    with pytest.raises(BusyError) as raised:
        limiter.check("x")
    assert raised.value.retry_after_s == 1
    time.sleep(0.25)
    limiter.check("x")  # ~2.5 tokens back


def test_key_specs() -> None:
    keys = KeySet.parse(" a , b ,", "NEWSDESK_API_KEYS")
    assert "a" in keys and "b" in keys and "c" not in keys and "" not in keys
    assert not KeySet.parse("", "NEWSDESK_API_KEYS") and not KeySet.parse(None, "X")
    with pytest.raises(ConfigurationError, match="64 hex digits"):
        KeySet.parse("sha256:abc", "NEWSDESK_API_KEYS")
    with pytest.raises(ConfigurationError, match="cannot read key file"):
        KeySet.parse("@/nonexistent/keys", "NEWSDESK_API_KEYS")


def test_serve_refuses_a_network_address_without_keys(tmp_path: Path) -> None:
    env = subprocess_env(data_dir=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "service", "serve", "--host", "0.0.0.0", "--port", "8765"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "without API keys" in done.stderr and "NEWSDESK_ALLOW_ANONYMOUS" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_serve_logs_json_lines_with_the_request_id(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    env = subprocess_env(corpus_dir=str(corpus), data_dir=str(tmp_path / "data"), api_keys="secret-key")
    subprocess.run(
        [sys.executable, "-m", "service", "ingest"], env=env, cwd=tmp_path, check=True, capture_output=True
    )
    with service_process(env, tmp_path) as (url, _, log):
        headers = {"X-Request-ID": "req-7", **bearer("secret-key")}
        assert httpx.get(f"{url}/v1/articles/nope", headers=headers).status_code == 404
        time.sleep(0.5)
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    access: list[dict[str, Any]] = [e for e in lines if e.get("request_id") == "req-7"]
    assert access and access[-1]["status"] == 404 and access[-1]["path"] == "/v1/articles/nope"
    assert "secret-key" not in log.read_text()  # keys are never logged


def test_metrics_count_answers_refusals_and_requests(http: httpx.Client) -> None:
    def value(text: str, name: str) -> float:
        match = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", text, re.M)
        return float(match.group(1)) if match else 0.0

    question = {"question": "What is the weather forecast for Paris tomorrow?"}
    refusal = 'newsdesk_refusals_total{reason="evidence gate"}'
    before = value(http.get("/metrics").text, refusal)
    body = http.post("/v1/ask", json=question).json()
    assert body["refused"] and body["refusal_reason"] == "evidence gate"
    http.post("/v1/ask", json=question | {"stream": True})
    text = http.get("/metrics").text
    assert value(text, refusal) == before + 2  # streamed or not, each answer is counted once
    assert value(text, 'newsdesk_answers_total{outcome="refused"}') >= 2
    assert 'http_request_duration_seconds_count{handler="/v1/ask",method="POST"}' in text
    assert "newsdesk_first_sentence_seconds_bucket" in text and "newsdesk_prompt_tokens_total" in text
