"""The HTTP API, served for real by uvicorn on a loopback port and called with httpx."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.config import Settings
from service.container import Services
from tests.conftest import CORPUS_DIR, CORPUS_IDS, make_settings, serve
from tests.test_articles import body_of
from tests.test_retrieval import QUESTIONS

SAPPER_QUERY = "How many sappers will North Korea send?"


@pytest.fixture(scope="module")
def empty_server(
    tmp_path_factory: pytest.TempPathFactory, services_factory: Callable[..., Services]
) -> Iterator[str]:
    """The app over a store nobody has ingested into."""
    root = tmp_path_factory.mktemp("empty")
    with serve(create_app(services=services_factory(make_settings(CORPUS_DIR, root / "data")))) as url:
        yield url


def search(http: httpx.Client, body: Any) -> httpx.Response:
    return http.post("/v1/search", json=body)


# --------------------------------------------------------------------------- health


def test_healthz(http: httpx.Client) -> None:
    response = http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_when_indexed(http: httpx.Client, indexed: Services) -> None:
    response = http.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert set(body["checks"]) >= {"index", "embeddings", "corpus"}
    assert all(check["ok"] for check in body["checks"].values())
    assert str(indexed.store.count()) in body["checks"]["index"]["detail"]


def test_readyz_503_with_reason_on_empty_index(empty_server: str) -> None:
    response = httpx.get(f"{empty_server}/readyz", timeout=30)
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["checks"]["index"]["ok"] is False
    assert "ingest" in body["checks"]["index"]["detail"]


def test_search_on_empty_index_is_503(empty_server: str) -> None:
    response = httpx.post(f"{empty_server}/v1/search", json={"query": "sappers"}, timeout=30)
    assert response.status_code == 503
    assert "ingest" in response.json()["detail"]


# --------------------------------------------------------------------------- articles


def test_list_articles(http: httpx.Client, indexed: Services) -> None:
    response = http.get("/v1/articles")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["articles"]
    items = body["articles"]
    assert sorted(item["id"] for item in items) == CORPUS_IDS
    for item in items:
        assert {"id", "title", "outlet", "published", "n_chunks"} <= set(item)
        assert isinstance(item["title"], str) and item["title"]
        assert item["n_chunks"] > 0
        assert len(item["published"]) == 10 and item["published"].startswith("2025-")
    assert sum(item["n_chunks"] for item in items) == indexed.store.count()
    outlets = {item["id"]: item["outlet"] for item in items}
    assert outlets["shoigu-visit-secrecy"] == "TheJournal.ie"
    assert outlets["rudenko-pyongyang-kursk"] is None


@pytest.mark.parametrize("article_id", CORPUS_IDS)
def test_article_text_is_the_corpus_body(http: httpx.Client, article_id: str) -> None:
    response = http.get(f"/v1/articles/{article_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == article_id
    assert body["text"] == body_of(CORPUS_DIR / f"{article_id}.md")
    assert body["n_chunks"] > 0


def test_search_offsets_index_into_article_text(http: httpx.Client) -> None:
    response = search(http, {"query": SAPPER_QUERY, "k": 10})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 10
    texts: dict[str, str] = {}
    for result in results:
        assert set(result) == {"article_id", "title", "text", "start", "end", "score", "similarity"}
        if result["article_id"] not in texts:
            texts[result["article_id"]] = http.get(f"/v1/articles/{result['article_id']}").json()["text"]
        assert texts[result["article_id"]][result["start"] : result["end"]] == result["text"]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert any("1,000" in r["text"] and "sapper" in r["text"] for r in results[:3])


def test_unknown_article_is_404(http: httpx.Client) -> None:
    response = http.get("/v1/articles/no-such-article")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "no-such-article" in detail and "shoigu-visit-secrecy" in detail


# --------------------------------------------------------------------------- search requests


def test_search_with_article_filter(http: httpx.Client) -> None:
    response = search(http, {"query": SAPPER_QUERY, "k": 5, "article_ids": ["shoigu-visit-secrecy"]})
    assert response.status_code == 200
    assert {r["article_id"] for r in response.json()["results"]} == {"shoigu-visit-secrecy"}


def test_search_unknown_article_ids_is_404(http: httpx.Client) -> None:
    response = search(http, {"query": SAPPER_QUERY, "article_ids": ["shoigu-visit-secrecy", "nope"]})
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({}, "query"),
        ({"k": 3}, "query"),
        ({"query": ""}, "query"),
        ({"query": "x" * 2001}, "query"),
        ({"query": "sappers", "k": 0}, "k"),
        ({"query": "sappers", "k": 51}, "k"),
        ({"query": "sappers", "k": -1}, "k"),
        ({"query": "sappers", "k": "five"}, "k"),
        ({"query": "sappers", "k": 2.5}, "k"),
        ({"query": 42}, "query"),
        ({"query": ["sappers"]}, "query"),
        ({"query": None}, "query"),
        ({"query": "sappers", "article_ids": "shoigu-visit-secrecy"}, "article_ids"),
        ({"query": "sappers", "article_ids": [1, 2]}, "article_ids"),
        ({"query": "sappers", "extra": True}, "extra"),
        (["query", "sappers"], "body"),
        ("sappers", "body"),
    ],
)
def test_bad_search_bodies_are_422(http: httpx.Client, body: Any, where: str) -> None:
    response = search(http, body)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.startswith("invalid request")
    assert where in detail


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"", "application/json"),
        (b"query=sappers", "application/x-www-form-urlencoded"),
        (b"\xff\xfe", "application/json"),
    ],
)
def test_non_json_search_body_is_422(http: httpx.Client, content: bytes, content_type: str) -> None:
    response = http.post("/v1/search", content=content, headers={"content-type": content_type})
    assert response.status_code == 422, response.text
    assert isinstance(response.json()["detail"], str)


def test_concurrent_searches_agree(http: httpx.Client, live_server: str) -> None:
    queries = [item["question"] for item in QUESTIONS[:8]]
    expected = [search(http, {"query": q}).json() for q in queries]

    def run(query: str) -> Any:
        with httpx.Client(base_url=live_server, timeout=60) as client:
            response = client.post("/v1/search", json={"query": query})
            assert response.status_code == 200
            return response.json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(run, queries * 2))
    assert got == expected * 2


# --------------------------------------------------------------------------- docs


def test_openapi_and_docs(http: httpx.Client) -> None:
    spec = http.get("/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert {"/healthz", "/readyz", "/v1/articles", "/v1/articles/{article_id}", "/v1/search"} <= set(paths)
    docs = http.get("/docs")
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()
    # Offline, a CDN script would leave a blank page: every asset is this app's own, and is served.
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for asset in assets:
        assert http.get(asset).status_code == 200, asset
    assert http.get("/redoc").status_code == 404  # ReDoc would load from a CDN: not offered


def test_unknown_route_is_404(http: httpx.Client) -> None:
    assert http.get("/v1/nothing").status_code == 404
    assert http.get("/v1/search").status_code == 405


def test_settings_are_isolated(indexed: Services) -> None:
    assert isinstance(indexed.settings, Settings)
    assert indexed.settings.llm_backend == "fake"
    assert indexed.settings.chroma_url is None
