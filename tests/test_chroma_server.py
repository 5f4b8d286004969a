"""The same ingest and search against a real Chroma server (``chroma run``) instead of the embedded store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bench.chroma import chroma_server, free_port
from service.api.app import create_app
from service.components.backends import EmbeddingBackend
from service.config import Settings
from service.container import Services
from service.errors import NewsdeskError
from tests.conftest import CORPUS_IDS, copy_corpus, counting, expected_chunk_ids, make_settings, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as (url, _):
        yield url


def test_ingest_and_search_through_a_chroma_server(
    chroma_url: str,
    tmp_path: Path,
    services_factory: Callable[..., Services],
    embedding_backend: EmbeddingBackend,
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    settings: Settings = make_settings(corpus, tmp_path / "data", chroma_url=chroma_url)
    services = services_factory(settings)
    report = services.ingest()
    assert sorted(report.updated) == CORPUS_IDS
    assert services.store.ids_by_article() == expected_chunk_ids(corpus, settings)
    assert not (tmp_path / "data" / "chroma").exists(), "used the embedded store instead of the server"

    hits = services.retriever.search("How many sappers will North Korea send?", k=3)
    articles = services.articles()
    for hit in hits:
        assert articles[hit.chunk.article_id].text[hit.chunk.start : hit.chunk.end] == hit.chunk.text
    assert any("1,000" in h.chunk.text and "sapper" in h.chunk.text for h in hits)

    backend, counter = counting(embedding_backend)
    second = services_factory(settings, backend)  # a new process would see the same server state
    report = second.ingest()
    assert report.chunks_embedded == 0 and counter.documents == 0
    assert report.summary().startswith("index up to date")

    (corpus / "shoigu-visit-secrecy.md").unlink()
    report = services_factory(settings).ingest()
    assert report.removed == ["shoigu-visit-secrecy"]
    assert "shoigu-visit-secrecy" not in second.store.ids_by_article()


def test_bad_chroma_url_is_a_clear_error(tmp_path: Path, services_factory: Callable[..., Services]) -> None:
    port = free_port()  # nothing listens there
    services = services_factory(
        make_settings(tmp_path, tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}")
    )
    with pytest.raises(NewsdeskError, match="Chroma"):
        services.store.count()
    bad = services_factory(make_settings(tmp_path, tmp_path / "data", chroma_url="localhost:8000"))
    with pytest.raises(NewsdeskError, match="http://host:port"):
        bad.store.count()


def test_the_service_end_to_end_on_a_chroma_server(
    chroma_url: str, tmp_path: Path, services_factory: Callable[..., Services]
) -> None:
    """Ingest, search, ask (fake model) and an article added and deleted, all through the server."""
    settings = make_settings(
        copy_corpus(tmp_path / "corpus"), tmp_path / "data", chroma_url=chroma_url, collection_prefix="e2e"
    )
    services = services_factory(settings)
    services.ingest()
    text = "Floodwater broke through the Harrow Creek dam on Tuesday; 14 people died, officials said."
    with serve(create_app(services=services)) as url, httpx.Client(base_url=url, timeout=60) as http:
        assert http.get("/readyz").status_code == 200
        hits = http.post("/v1/search", json={"query": "How many sappers will North Korea send?"}).json()
        assert any("1,000" in h["text"] for h in hits["results"])
        asked = http.post("/v1/ask", json={"question": "How many sappers will North Korea send?"})
        assert asked.status_code == 200 and "refused" in asked.json()

        created = http.post("/v1/articles", json={"title": "Dam breach", "text": text})
        assert created.status_code == 201
        article_id = created.json()["id"]
        found = http.post("/v1/search", json={"query": "Harrow Creek dam deaths", "k": 1}).json()["results"]
        assert found[0]["article_id"] == article_id
        assert article_id in services.store.ids_by_article()  # in the server's collection
        assert http.delete(f"/v1/articles/{article_id}").status_code == 204
        after = http.post("/v1/search", json={"query": "Harrow Creek dam deaths", "k": 5}).json()["results"]
        assert article_id not in {h["article_id"] for h in after}
    assert not (tmp_path / "data" / "chroma").exists(), "used the embedded store instead of the server"
