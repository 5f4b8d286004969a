"""Incremental ingest into a real Chroma store: only changes are embedded; a killed run heals."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from service.components.backends import EmbeddingBackend
from service.components.embeddings import MINILM_MODEL_ID
from service.components.store import collection_name
from service.config import Settings
from service.container import Services
from tests.conftest import (
    CORPUS_IDS,
    CountingEmbeddings,
    copy_corpus,
    counting,
    expected_chunk_ids,
    make_settings,
    subprocess_env,
)

ServicesFactory = Callable[..., Services]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus")


@pytest.fixture
def settings(corpus: Path, settings_factory: Callable[..., Settings]) -> Settings:
    return settings_factory(corpus)


@pytest.fixture
def ingested(settings: Settings, services_factory: ServicesFactory) -> Services:
    """A store holding the whole (copied) corpus."""
    services = services_factory(settings)
    services.ingest()
    return services


def stored(services: Services) -> dict[str, set[str]]:
    return services.store.ids_by_article()


def all_ids(by_article: dict[str, set[str]]) -> set[str]:
    return set().union(*by_article.values()) if by_article else set()


def fresh(
    settings: Settings, services_factory: ServicesFactory, embedding_backend: EmbeddingBackend
) -> tuple[Services, CountingEmbeddings]:
    """A new Services (as a new process would build) whose model counts what it embeds."""
    backend, counter = counting(embedding_backend)
    return services_factory(settings, backend), counter


def test_first_ingest_embeds_all_and_second_embeds_nothing(
    settings: Settings, corpus: Path, services_factory: ServicesFactory, embedding_backend: EmbeddingBackend
) -> None:
    expected = expected_chunk_ids(corpus, settings)
    n_expected = sum(len(ids) for ids in expected.values())

    first, counter = fresh(settings, services_factory, embedding_backend)
    report = first.ingest()
    assert sorted(report.updated) == CORPUS_IDS and report.unchanged == [] and report.removed == []
    assert report.chunks_embedded == n_expected == counter.documents
    assert report.summary() == f"5 article(s) embedded ({n_expected} chunks), 0 unchanged, 0 removed"
    assert stored(first) == expected
    assert first.store.count() == n_expected

    second, counter = fresh(settings, services_factory, embedding_backend)
    report = second.ingest()
    assert report.chunks_embedded == 0 and counter.documents == 0
    assert sorted(report.unchanged) == CORPUS_IDS and report.updated == []
    assert report.summary() == "index up to date: 5 articles unchanged, nothing embedded"
    assert stored(second) == expected


def test_stored_chunks_carry_exact_offsets(ingested: Services) -> None:
    articles = ingested.articles()
    chunks = ingested.store.all_chunks()
    assert chunks
    for chunk in chunks:
        article = articles[chunk.article_id]
        assert article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.title == article.title


def test_modified_article_replaces_only_its_chunks(
    ingested: Services,
    settings: Settings,
    corpus: Path,
    services_factory: ServicesFactory,
    embedding_backend: EmbeddingBackend,
) -> None:
    before = stored(ingested)
    ingested.retriever.search("sappers", 3)  # builds the keyword index, which must then refresh
    target = corpus / "shoigu-visit-secrecy.md"
    target.write_text(
        target.read_text(encoding="utf-8") + "\nA zebracorn parade closed the visit on a Thursday.\n",
        encoding="utf-8",
    )
    expected = expected_chunk_ids(corpus, settings)

    services, counter = fresh(settings, services_factory, embedding_backend)
    report = services.ingest()
    assert report.updated == ["shoigu-visit-secrecy"]
    assert sorted(report.unchanged) == sorted(set(CORPUS_IDS) - {"shoigu-visit-secrecy"})
    assert report.chunks_embedded == len(expected["shoigu-visit-secrecy"]) == counter.documents
    after = stored(services)
    assert after == expected
    for article_id in set(CORPUS_IDS) - {"shoigu-visit-secrecy"}:
        assert after[article_id] == before[article_id], "an unchanged article was touched"
    assert not (before["shoigu-visit-secrecy"] & after["shoigu-visit-secrecy"]), "old chunk ids remain"

    hits = services.retriever.search("zebracorn parade", 3)
    assert hits[0].chunk.article_id == "shoigu-visit-secrecy" and "zebracorn" in hits[0].chunk.text
    # The first Services (its keyword index built before the change) must see the new chunks too.
    stale = ingested.retriever.search("zebracorn parade", 3)
    assert stale[0].chunk.id == hits[0].chunk.id


def test_metadata_change_reindexes_the_article(
    ingested: Services, settings: Settings, corpus: Path, services_factory: ServicesFactory
) -> None:
    target = corpus / "goremykin-talks-pyongyang.md"
    target.write_text(
        target.read_text(encoding="utf-8").replace("High-Level Talks in Pyongyang", "Talks in Pyongyang", 1),
        encoding="utf-8",
    )
    services = services_factory(settings)
    report = services.ingest()
    assert report.updated == ["goremykin-talks-pyongyang"]
    titles = {c.title for c in services.store.all_chunks() if c.article_id == "goremykin-talks-pyongyang"}
    assert titles == {"Talks in Pyongyang"}


def test_changed_chunking_parameters_rechunk(
    ingested: Services, corpus: Path, tmp_path: Path, services_factory: ServicesFactory
) -> None:
    # 170 instead of 180 tokens moves chunk boundaries but (for this corpus) not the chunk counts.
    settings = make_settings(corpus, tmp_path / "data", chunk_tokens=170)
    services = services_factory(settings)
    report = services.ingest()
    assert report.updated, "new chunking parameters were ignored"
    assert stored(services) == expected_chunk_ids(corpus, settings)
    for chunk in services.store.all_chunks():
        assert services.articles()[chunk.article_id].text[chunk.start : chunk.end] == chunk.text


def test_removed_article_chunks_are_deleted(
    ingested: Services, settings: Settings, corpus: Path, services_factory: ServicesFactory
) -> None:
    before = stored(ingested)
    (corpus / "rudenko-pyongyang-kursk.md").unlink()
    services = services_factory(settings)
    report = services.ingest()
    assert report.removed == ["rudenko-pyongyang-kursk"]
    assert report.chunks_embedded == 0
    assert "1 removed" in report.summary()
    after = stored(services)
    assert "rudenko-pyongyang-kursk" not in after
    assert after == {k: v for k, v in before.items() if k != "rudenko-pyongyang-kursk"}
    assert services.store.count() == len(all_ids(after))
    hits = services.retriever.search("Article 4 of the 23-article treaty", 10)
    assert all(h.chunk.article_id != "rudenko-pyongyang-kursk" for h in hits)


def test_broken_file_keeps_its_indexed_chunks(
    ingested: Services,
    settings: Settings,
    corpus: Path,
    services_factory: ServicesFactory,
    embedding_backend: EmbeddingBackend,
) -> None:
    before = stored(ingested)
    target = corpus / "kursk-reconstruction-dispatch.md"
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("title:", "titel:", 1), encoding="utf-8")

    services = services_factory(settings)
    report = services.ingest()
    assert [e.path.name for e in report.errors] == ["kursk-reconstruction-dispatch.md"]
    assert report.errors[0].field in ("title", "titel")
    assert report.removed == [] and report.updated == []
    assert report.summary().endswith("; 1 file(s) skipped")
    assert stored(services) == before, "a broken file must not delete its indexed chunks"

    target.write_text(original, encoding="utf-8")  # fixed again: same content, nothing to embed
    again, counter = fresh(settings, services_factory, embedding_backend)
    report = again.ingest()
    assert report.errors == [] and report.chunks_embedded == 0 and counter.documents == 0


def test_single_file_ingest_leaves_the_rest(
    ingested: Services, settings: Settings, corpus: Path, services_factory: ServicesFactory, tmp_path: Path
) -> None:
    before = stored(ingested)
    services = services_factory(settings)
    report = services.ingest(corpus / "shoigu-visit-secrecy.md")
    assert report.removed == [] and report.unchanged == ["shoigu-visit-secrecy"]
    assert stored(services) == before

    empty = services_factory(make_settings(corpus, tmp_path / "other-data"))
    report = empty.ingest(corpus / "shoigu-visit-secrecy.md")
    assert report.updated == ["shoigu-visit-secrecy"]
    assert set(stored(empty)) == {"shoigu-visit-secrecy"}


def test_partial_or_mixed_article_is_rebuilt(
    ingested: Services,
    settings: Settings,
    corpus: Path,
    services_factory: ServicesFactory,
    embedding_backend: EmbeddingBackend,
) -> None:
    """What a killed run leaves behind: an article with some of its chunks, or with stray old ones."""
    expected = expected_chunk_ids(corpus, settings)
    partial = sorted(expected["rudenko-pyongyang-kursk"])
    ingested.store.delete(partial[:3])
    stray = "goremykin-talks-pyongyang:0000000000000000:0:0-10"
    ingested.store.add_embedded(
        ["stray"],
        [[1.0] + [0.0] * 383],
        [{"article_id": "goremykin-talks-pyongyang", "title": "old", "source": "x.md", "start": 0, "end": 5}],
        [stray],
    )
    services, counter = fresh(settings, services_factory, embedding_backend)
    report = services.ingest()
    assert sorted(report.updated) == ["goremykin-talks-pyongyang", "rudenko-pyongyang-kursk"]
    assert counter.documents == len(expected["rudenko-pyongyang-kursk"]) + len(
        expected["goremykin-talks-pyongyang"]
    )
    assert stored(services) == expected


# --------------------------------------------------------------------------- killed mid-run (slow)

VOCAB = (
    "the of and to in a is that for on with as was by at from his an have are this be has it which "
    "military troops Russia North Korea Kursk officials said defence minister delegation treaty talks "
    "government agreement forces border region report analysts security cooperation weapons visit "
    "president state media war Ukraine Pyongyang Moscow support deployment sanctions engineers "
    "reconstruction intelligence according week month year statement leaders meeting plans"
).split()

CHECK_STORE = """
import json, sys
import chromadb
from chromadb.config import Settings
client = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))
col = client.get_collection(sys.argv[2])
got = col.get(include=["embeddings"])
ids = list(got["ids"])
self_hits = 0
if ids:
    res = col.query(query_embeddings=got["embeddings"], n_results=1)
    self_hits = sum(1 for cid, top in zip(ids, res["ids"]) if top and top[0] == cid)
print(json.dumps({"ids": ids, "self_hits": self_hits}))
"""


def write_generated_articles(corpus: Path, n: int, seed: int = 7) -> None:
    """``n`` extra articles of ~300 cl100k tokens each (two chunks), deterministic."""
    rng = random.Random(seed)
    for i in range(n):
        sentences = []
        for _ in range(14):
            words = rng.choices(VOCAB, k=rng.randint(12, 24))
            sentences.append(" ".join(words).capitalize() + f" {rng.randint(10, 99_999):,}.")
        body = "\n\n".join(" ".join(sentences[j : j + 4]) for j in range(0, len(sentences), 4))
        (corpus / f"generated-{i:03d}.md").write_text(
            f"---\nid: generated-{i:03d}\ntitle: Generated article {i}\npublished: 2025-01-{i % 28 + 1:02d}\n"
            f"date_precision: day\ndate_note: generated for the kill test\n---\n\n{body}\n",
            encoding="utf-8",
        )


def store_state(data_dir: Path) -> dict[str, object]:
    """Read the store in a fresh process (never share a client with the writer)."""
    name = collection_name("newsdesk", MINILM_MODEL_ID)
    out = subprocess.run(
        [sys.executable, "-c", CHECK_STORE, str(data_dir / "chroma"), name],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    state: dict[str, object] = json.loads(out.stdout)
    return state


@pytest.mark.slow
def test_sigkill_mid_ingest_heals_on_next_run(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    write_generated_articles(corpus, 80)
    data = tmp_path / "data"
    settings = make_settings(corpus, data)
    expected = all_ids(expected_chunk_ids(corpus, settings))
    assert len(expected) > 160
    # Small embedding calls, so the kill lands between written batches.
    env = subprocess_env(corpus_dir=str(corpus), data_dir=str(data), ingest_batch="32")
    cmd = [sys.executable, "-m", "service", "ingest"]

    proc = subprocess.Popen(
        cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: list[str] = []
    started = threading.Event()

    def read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "embedding chunks: 0/" in line:
                started.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        assert started.wait(60), f"ingest never started embedding: {''.join(lines)}"
        deadline = time.monotonic() + 60
        while not store_state(data)["ids"] and time.monotonic() < deadline:  # first batch written
            time.sleep(0.2)
        assert proc.poll() is None, "ingest finished before it could be killed; make the corpus bigger"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(5)

    killed = store_state(data)
    killed_ids = set(killed["ids"])  # type: ignore[call-overload]
    assert 0 < len(killed_ids) < len(expected), f"kill left {len(killed_ids)}/{len(expected)} chunks"

    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "article(s) embedded" in done.stdout

    healed = store_state(data)
    healed_ids = healed["ids"]
    assert isinstance(healed_ids, list)
    assert len(healed_ids) == len(set(healed_ids))
    assert set(healed_ids) == expected, (
        f"missing {sorted(expected - set(healed_ids))[:5]}, extra {sorted(set(healed_ids) - expected)[:5]}"
    )
    assert healed["self_hits"] == len(expected), "the vector index does not find every stored chunk"

    again = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"index up to date: {5 + 80} articles unchanged, nothing embedded"
