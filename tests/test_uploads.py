"""Articles added and deleted over HTTP: real Chroma, the real embedding model, the real HTTP stack."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.api.app import create_app
from service.articles import UPLOAD
from service.container import Services
from service.ingest.uploads import NewArticle
from tests.conftest import CORPUS_IDS, copy_corpus, make_settings, serve, service_process, subprocess_env
from tests.test_ingest import VOCAB, store_state

ServicesFactory = Callable[..., Services]

DAM = (
    "Floodwater broke through the Harrow Creek dam on Tuesday night, officials said.\n\n"
    "The regional authority said 14 people died and 2,300 residents were evacuated from three villages. "
    "Engineers from Calder Water, which operates the dam, began an inspection on Wednesday."
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, services_factory: ServicesFactory) -> Services:
    """Services over a private copy of corpus/ (the shared ``indexed`` one must not change)."""
    root = tmp_path_factory.mktemp("uploads")
    services = services_factory(make_settings(copy_corpus(root / "corpus"), root / "data"))
    services.ingest()
    return services


@pytest.fixture(scope="module")
def client(library: Services) -> Iterator[httpx.Client]:
    with serve(create_app(services=library)) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def add(http: httpx.Client, text: str = DAM, **fields: object) -> httpx.Response:
    body = {"title": "Dam breach floods three villages", "text": text} | fields
    return http.post("/v1/articles", json=body)


def search_ids(http: httpx.Client, query: str) -> list[str]:
    hits = http.post("/v1/search", json={"query": query, "k": 10}).json()["results"]
    return [h["article_id"] for h in hits]


def test_added_article_is_searchable_at_once_then_deleted(client: httpx.Client, library: Services) -> None:
    created = add(client, outlet="Valley Courier", published="2025-04-01")
    assert created.status_code == 201, created.text
    article = created.json()
    assert article["n_chunks"] >= 1 and article["origin"] == UPLOAD and article["deletable"]
    assert article["outlet"] == "Valley Courier" and article["published"] == "2025-04-01"
    assert article["text"] == DAM  # stored as sent, so offsets index what the client sent
    assert article["id"].startswith("dam-breach-floods-three-villages-")

    listed = {a["id"]: a for a in client.get("/v1/articles").json()["articles"]}
    assert listed[article["id"]]["n_chunks"] == article["n_chunks"]
    assert all(not listed[i]["deletable"] and listed[i]["origin"] == "corpus" for i in CORPUS_IDS)
    hits = client.post("/v1/search", json={"query": "how many died in the Harrow Creek dam breach?"})
    top = hits.json()["results"][0]
    assert top["article_id"] == article["id"]
    assert DAM[top["start"] : top["end"]] == top["text"]
    assert (library.settings.uploads_dir / f"{article['id']}.md").is_file()

    assert client.delete(f"/v1/articles/{article['id']}").status_code == 204
    assert article["id"] not in search_ids(client, "Harrow Creek dam breach evacuated villages")
    assert client.get(f"/v1/articles/{article['id']}").status_code == 404
    assert article["id"] not in {a["id"] for a in client.get("/v1/articles").json()["articles"]}
    assert article["id"] not in library.store.ids_by_article()
    again = client.delete(f"/v1/articles/{article['id']}")
    assert again.status_code == 404 and "no article" in again.json()["detail"]


def test_the_same_text_twice_is_a_conflict_naming_the_first(client: httpx.Client) -> None:
    first = add(client).json()
    try:
        respaced = "  " + DAM.replace(" ", "  ").replace("\n\n", "\n \n") + "\n"
        second = add(client, text=respaced, title="Another headline", outlet="Other outlet")
        assert second.status_code == 409
        assert second.json()["existing_id"] == first["id"] and first["id"] in second.json()["detail"]
        shipped = (CORPUS_IDS[0], client.get(f"/v1/articles/{CORPUS_IDS[0]}").json()["text"])
        dup = add(client, text=shipped[1])
        assert dup.status_code == 409 and dup.json()["existing_id"] == shipped[0]
    finally:
        client.delete(f"/v1/articles/{first['id']}")


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"title": "t", "text": ""}, 422, "text"),
        ({"title": "t", "text": " \n\t "}, 422, "blank"),
        ({"title": " ", "text": "Some text."}, 422, "title"),
        ({"text": "Some text."}, 422, "title"),
        ({"title": "t", "text": "Some text.", "published": "2025-13-45"}, 422, "published"),
        ({"title": "t", "text": "Some text.", "author": "x"}, 422, "author"),
    ],
)
def test_bad_uploads_get_a_message(
    client: httpx.Client, body: dict[str, object], status: int, says: str
) -> None:
    response = client.post("/v1/articles", json=body)
    assert response.status_code == status
    assert says in response.json()["detail"]


def test_text_over_the_limit_is_413(client: httpx.Client, library: Services) -> None:
    limit = library.settings.max_article_chars
    response = add(client, text="word " * (limit // 5 + 10))
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert f"{limit:,}" in detail and "NEWSDESK_MAX_ARTICLE_CHARS" in detail


def test_shipped_articles_cannot_be_deleted_over_http(client: httpx.Client, library: Services) -> None:
    response = client.delete(f"/v1/articles/{CORPUS_IDS[0]}")
    assert response.status_code == 409 and "managed as files" in response.json()["detail"]
    assert CORPUS_IDS[0] in library.store.ids_by_article()


def test_uploads_survive_a_restart_and_a_corpus_ingest(
    tmp_path: Path, services_factory: ServicesFactory
) -> None:
    settings = make_settings(copy_corpus(tmp_path / "corpus"), tmp_path / "data")
    first = services_factory(settings)
    first.ingest()
    article = first.add_article(NewArticle("Dam breach", DAM))
    expected = first.store.ids_by_article()[article.id]

    restarted = services_factory(settings)
    restarted.start(with_llm=False)
    assert restarted.article(article.id).text == DAM and restarted.article(article.id).origin == UPLOAD
    report = restarted.ingest()  # of corpus/: must not take the upload with it
    assert article.id not in report.removed and not report.updated
    assert restarted.store.ids_by_article()[article.id] == expected
    assert restarted.retriever.search("Harrow Creek dam deaths", 1)[0].chunk.article_id == article.id


def test_start_up_finishes_what_a_killed_add_or_delete_left(
    tmp_path: Path, services_factory: ServicesFactory
) -> None:
    settings = make_settings(copy_corpus(tmp_path / "corpus"), tmp_path / "data")
    services = services_factory(settings)
    services.ingest()
    kept = services.add_article(NewArticle("Dam breach", DAM))
    gone = services.add_article(NewArticle("Bridge closed", "The Tarn bridge closed for repairs on Monday."))
    kept_ids = services.store.ids_by_article()[kept.id]
    # A delete killed after its commit (the file is gone, the chunks are not) ...
    gone.path.unlink()
    # ... an add killed after its commit (the file is there, half the chunks are not) ...
    services.store.delete(sorted(kept_ids)[: max(1, len(kept_ids) // 2)])
    # ... and an add killed before it (chunks written, the file still a temporary one).
    half = tmp_path / "data" / "articles" / ".never-committed-00000000.md.tmp"
    half.write_text("---\nid: never\ntitle: t\n---\n\nhalf")

    restarted = services_factory(settings)
    restarted.start(with_llm=False)
    by_article = restarted.store.ids_by_article()
    assert gone.id not in by_article and gone.id not in restarted.articles()
    assert by_article[kept.id] == kept_ids
    assert not half.exists()
    assert set(by_article) == {*CORPUS_IDS, kept.id}


class FailingAfter:
    """The real store's write, failing the second time: an add that dies half-way in the process."""

    def __init__(self, services: Services) -> None:
        self.add = services.store.add_embedded
        self.writes = 0

    def __call__(
        self, texts: list[str], vectors: list[list[float]], metas: list[dict[str, Any]], ids: list[str]
    ) -> None:
        self.writes += 1
        if self.writes == 2:
            raise OSError("disk full")
        self.add(texts, vectors, metas, ids)


def test_a_failed_add_leaves_nothing_behind(
    tmp_path: Path, services_factory: ServicesFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(copy_corpus(tmp_path / "corpus"), tmp_path / "data", ingest_batch=2)
    services = services_factory(settings)
    services.ingest()
    before = services.store.ids_by_article()
    monkeypatch.setattr(services.store, "add_embedded", FailingAfter(services))
    with pytest.raises(OSError, match="disk full"):
        services.add_article(NewArticle("Long", long_text(3_000)))
    assert services.store.ids_by_article() == before
    assert not list(settings.uploads_dir.glob("*.md")) and len(services.articles()) == len(CORPUS_IDS)


def long_text(chars: int) -> str:
    words = [VOCAB[(i * 7919) % len(VOCAB)] for i in range(chars // 5)]
    sentences = [" ".join(words[i : i + 15]).capitalize() + "." for i in range(0, len(words), 15)]
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))[:chars]


@pytest.mark.slow
def test_sigkill_mid_upload_leaves_the_old_state(tmp_path: Path, services_factory: ServicesFactory) -> None:
    """kill -9 while an uploaded article is being indexed: after a restart it is absent, entirely."""
    corpus = copy_corpus(tmp_path / "corpus")
    data = tmp_path / "data"
    env = subprocess_env(corpus_dir=str(corpus), data_dir=str(data), ingest_batch="4")
    subprocess.run(
        [sys.executable, "-m", "service", "ingest"], env=env, cwd=tmp_path, check=True, capture_output=True
    )
    before = set(store_state(data)["ids"])  # type: ignore[call-overload]
    with service_process(env, tmp_path) as (url, server, _):
        # Near the article size limit (200,000 characters): indexing it takes many seconds, so the
        # kill lands mid-write even though each look at the store starts a process of its own.
        upload = threading.Thread(target=_post_quietly, args=(url, long_text(190_000)), daemon=True)
        upload.start()
        deadline = time.monotonic() + 60
        while len(_ids_while_writing(data)) <= len(before):
            assert time.monotonic() < deadline and server.poll() is None, "no chunk was ever written"
            time.sleep(0.1)
        server.send_signal(signal.SIGKILL)
        assert server.wait(10) == -signal.SIGKILL
    killed = set(store_state(data)["ids"])  # type: ignore[call-overload]
    assert killed > before, "the kill landed before any chunk of the upload was written"
    assert not list((data / "articles").glob("*.md")), "the kill landed after the commit; upload more"

    restarted = services_factory(make_settings(corpus, data))
    restarted.start(with_llm=False)
    assert set(restarted.store.ids_by_article()) == set(CORPUS_IDS)
    assert sorted(restarted.articles()) == CORPUS_IDS
    assert not list((data / "articles").iterdir())


def _ids_while_writing(data: Path) -> set[str]:
    # A reader can catch the writer between its SQLite and vector-index updates and fail: try again.
    try:
        return set(store_state(data)["ids"])  # type: ignore[call-overload]
    except subprocess.CalledProcessError:
        return set()


def _post_quietly(url: str, text: str) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the server is killed mid-request: that is the point
        httpx.post(f"{url}/v1/articles", json={"title": "Long", "text": text}, timeout=120)


def test_summaries_are_not_served_from_cache_across_an_add_or_delete(client: httpx.Client) -> None:
    def timeline() -> dict[str, object]:
        response = client.post("/v1/summaries", json={"style": "timeline"})
        assert response.status_code == 200, response.text
        body: dict[str, object] = response.json()
        return body

    first = timeline()
    assert timeline()["cached"]
    article = add(client, published="2025-04-01").json()
    with_it = timeline()
    assert not with_it["cached"] and article["id"] in with_it["articles"]  # type: ignore[operator]
    assert "Harrow Creek" in str(with_it["summary"])  # its dated sentence is on the timeline
    assert client.delete(f"/v1/articles/{article['id']}").status_code == 204
    # Back to the articles of the first call: its summary is the right one again (the key is the
    # articles' content, so one that covered the deleted article cannot come back).
    without = timeline()
    assert article["id"] not in without["articles"]  # type: ignore[operator]
    assert without["summary"] == first["summary"] and "Harrow Creek" not in str(without["summary"])
