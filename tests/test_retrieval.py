"""Hybrid retrieval over the indexed corpus, and the BM25 index on its own."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from service.components.backends import EmbeddingBackend
from service.components.store import collection_name, make_client
from service.config import Settings
from service.container import Services
from service.errors import IndexNotReadyError
from service.grounding.gate import nothing_indexed
from service.ingest.service import ChunkingParams, ingest
from service.ingest.uploads import NewArticle
from service.retrieval.bm25 import BM25Index
from service.retrieval.hybrid import HybridRetriever, SearchHit
from service.text import terms
from tests.conftest import CORPUS_IDS, copy_corpus

QUESTIONS = yaml.safe_load((Path(__file__).parent / "data" / "retrieval_questions.yaml").read_text("utf-8"))
SAPPER_QUERY = "How many sappers will North Korea send?"


def describe(hits: list[SearchHit]) -> str:
    return "\n".join(
        f"  {i}. {h.chunk.article_id} [{h.chunk.start}:{h.chunk.end}] score={h.score:.4f} "
        f"sim={h.similarity:.3f} {h.chunk.text[:90]!r}"
        for i, h in enumerate(hits, 1)
    )


def test_question_file_is_well_formed() -> None:
    assert len(QUESTIONS) == 20
    for item in QUESTIONS:
        assert item["question"].strip()
        assert set(item["articles"]) <= set(CORPUS_IDS)


@pytest.mark.parametrize("item", QUESTIONS, ids=[f"q{i:02d}" for i in range(1, len(QUESTIONS) + 1)])
def test_an_answering_article_is_in_the_top_5(indexed: Services, item: dict[str, object]) -> None:
    hits = indexed.retriever.search(str(item["question"]), k=5)
    found = {h.chunk.article_id for h in hits}
    assert found & set(item["articles"]), (  # type: ignore[call-overload]
        f"{item['question']!r}: expected one of {item['articles']}, top 5 were:\n{describe(hits)}"
    )


def test_sapper_query_finds_the_figure_with_exact_offsets(indexed: Services) -> None:
    hits = indexed.retriever.search(SAPPER_QUERY, k=3)
    articles = indexed.articles()
    for hit in hits:
        assert articles[hit.chunk.article_id].text[hit.chunk.start : hit.chunk.end] == hit.chunk.text
    sappers = [h for h in hits if "1,000" in h.chunk.text and "sapper" in h.chunk.text]
    assert sappers, f"no chunk with the 1,000 sappers in the top 3:\n{describe(hits)}"
    assert {h.chunk.article_id for h in sappers} <= {
        "shoigu-kim-sappers-builders",
        "kursk-reconstruction-dispatch",
    }


def test_article_filter_restricts_results(indexed: Services) -> None:
    only = ["goremykin-talks-pyongyang"]
    hits = indexed.retriever.search(SAPPER_QUERY, k=10, article_ids=only)
    assert hits and {h.chunk.article_id for h in hits} == set(only)
    assert len(hits) == indexed.retriever.chunk_counts()["goremykin-talks-pyongyang"]

    two = ["rudenko-pyongyang-kursk", "shoigu-visit-secrecy"]
    hits = indexed.retriever.search("Article 51 of the U.N. Charter", k=50, article_ids=two)
    assert {h.chunk.article_id for h in hits} == set(two)
    assert hits[0].chunk.article_id == "rudenko-pyongyang-kursk"


def test_unknown_article_filter_gives_no_results(indexed: Services) -> None:
    assert indexed.retriever.search(SAPPER_QUERY, k=5, article_ids=["no-such-article"]) == []


@pytest.mark.parametrize("k", [1, 3, 5, 26, 50])
def test_k_bounds_the_number_of_results(indexed: Services, k: int) -> None:
    hits = indexed.retriever.search("North Korean troops in Kursk", k=k)
    total = indexed.store.count()
    assert len(hits) == min(k, total)
    assert len({h.chunk.id for h in hits}) == len(hits), "duplicate chunks in results"


def test_scores_sorted_and_similarities_are_cosines(indexed: Services) -> None:
    weight = indexed.retriever.keyword_weight
    for query in ("Kim Jong Un", "weapons tests and drills", "1,000 to 3,000", "zzzz qqqq"):
        hits = indexed.retriever.search(query, k=26)
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
        for hit in hits:
            assert -1.0 - 1e-6 <= hit.similarity <= 1.0 + 1e-6
            # The fused score is the cosine plus at most the keyword weight (coverage squared <= 1).
            assert hit.similarity - 1e-9 <= hit.score <= hit.similarity + weight + 1e-9


def test_a_decisive_keyword_match_outranks_middling_hits_of_both(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    """A question quoting a sentence word for word: BM25 puts its chunk first by a wide margin
    (14.2 against 4.0), dense search does not rank it at all. Reciprocal rank fusion, which counts
    ranks and not margins, left it out of the top 5 for chunks midway down both lists."""
    corpus = Path(__file__).resolve().parents[1] / "evals" / "corpora" / "korrel"
    services = services_factory(settings_factory(corpus_dir=corpus))
    services.ingest()
    hits = services.retriever.search('Who said "We moved people first and asked questions later"?', k=5)
    assert "asked questions later" in hits[0].chunk.text, describe(hits)


def _write_article(root: Path, article_id: str, title: str, body: str) -> None:
    front = f"id: {article_id}\ntitle: {title}\npublished: 2025-03-01\ndate_precision: day\ndate_note: test"
    (root / f"{article_id}.md").write_text(f"---\n{front}\n---\n\n{body}\n", "utf-8")


def test_the_chunk_holding_the_names_and_the_asked_words_outranks_one_repeating_the_names(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    """An archive where the story's words fill every article and only a place name is rare. BM25 puts
    first the article that repeats the name six times; relative to that best, the article that holds
    the name once *and* the asked-about words scores less, and ranks second. Keyword coverage, which
    the default fusion takes from ``coverage_from_chunks`` indexed chunks on, puts it first."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(7)
    topic = ["dockworkers", "strike", "harbour", "cranes", "union", "wages", "shifts", "cargo"]
    for i in range(40):
        words = rng.sample(topic, 4)
        body = (
            f"The {words[0]} dispute went on for a {['second', 'third', 'fourth'][i % 3]} week. "
            f"About {100 + 7 * i} dockworkers walked out over {words[1]} and {words[2]}. "
            f"The union said the {words[3]} would stay idle until talks resume."
        )
        _write_article(corpus, f"filler-{i:02d}", f"Harbour dispute, week {i}", body)
    _write_article(
        corpus,
        "walkout",
        "Walkout in Tavrin",
        "In Tavrin, 450 dockworkers walked out on Monday. The union said the cranes would stay idle.",
    )
    _write_article(
        corpus,
        "talks",
        "Tavrin harbour talks",
        "Tavrin officials met the union in Tavrin. The Tavrin harbour board and Tavrin council said the"
        " dispute over wages at Tavrin would be settled. Tavrin dockworkers were not consulted.",
    )
    question = "How many dockworkers walked out in Tavrin?"
    services = services_factory(settings_factory(corpus_dir=corpus, coverage_from_chunks=40))
    services.ingest()
    hits = services.retriever.search(question, k=5)
    assert services.retriever.fusion() == "coverage"  # 42 chunks indexed, "auto" from 40
    assert [h.chunk.article_id for h in hits[:2]] == ["walkout", "talks"], describe(hits)
    below = HybridRetriever(services.store, keyword_score="auto", coverage_from=43)
    by_bm25 = below.search(question, k=5)
    assert below.fusion() == "bm25"
    assert [h.chunk.article_id for h in by_bm25[:2]] == ["talks", "walkout"], describe(by_bm25)
    by_coverage = HybridRetriever(services.store, keyword_score="coverage", coverage_from=43).search(question)
    assert [h.chunk.article_id for h in by_coverage[:2]] == ["walkout", "talks"], describe(by_coverage)


def test_keyword_coverage_weighs_each_query_word_once_by_its_rarity() -> None:
    index = BM25Index(
        [
            ("rare-once", "Tavrin dockworkers walked out"),
            ("rare-repeated", "Tavrin Tavrin Tavrin Tavrin"),
            ("common", "dockworkers walked out"),
            ("filler-1", "dockworkers on strike"),
            ("filler-2", "dockworkers at the harbour"),
        ]
    )
    got = index.coverage("Tavrin dockworkers?", ["rare-once", "rare-repeated", "common", "nope"])
    assert set(got) == {"rare-once", "rare-repeated", "common"}  # keys the index lacks are left out
    assert got["rare-once"] == pytest.approx(1.0)  # every indexed word of the query
    assert 0 < got["common"] < got["rare-repeated"] < 1  # the rare name weighs more than common words
    once, repeated = index.coverage("Tavrin", ["rare-once", "rare-repeated"]).values()
    assert once == repeated == 1.0  # a word repeated counts once
    assert index.coverage("zzzz", ["common"]) == {"common": 0.0}


def test_keyword_only_hits_get_a_real_similarity(indexed: Services) -> None:
    """Hits found only by BM25 (beyond the dense candidates) still get their true cosine similarity."""
    embed = indexed.embeddings.model
    hits = indexed.retriever.search("Rossiiskaya Gazeta", k=26)
    query = embed.embed_query("Rossiiskaya Gazeta")
    vectors = indexed.store.vectors_for([h.chunk.id for h in hits])
    for hit in hits:
        expected = sum(a * b for a, b in zip(vectors[hit.chunk.id], query, strict=True))
        assert hit.similarity == pytest.approx(expected, abs=1e-3)


def test_exact_figure_is_found_by_keywords(indexed: Services) -> None:
    hits = indexed.retriever.search("6,000", k=3)
    assert "6,000" in hits[0].chunk.text


def test_empty_index_raises_not_ready(
    settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    services = services_factory(settings_factory())
    with pytest.raises(IndexNotReadyError, match="ingest"):
        services.retriever.search("anything")


def test_index_changed_by_another_process_with_same_chunk_count(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    """Serving process A; an ingest elsewhere (B) edits an article without changing the chunk count.

    A's keyword index still holds the old chunk ids; searching must neither fail (it used to raise
    KeyError, a 500 over HTTP) nor return chunks the store no longer holds.
    """
    corpus = copy_corpus(tmp_path / "corpus")
    settings = settings_factory(corpus)
    serving = services_factory(settings)
    serving.ingest()
    count = serving.store.count()
    serving.retriever.search("warm up", 3)

    target = corpus / "shoigu-kim-sappers-builders.md"
    target.write_text(
        target.read_text("utf-8").replace("sappers to help demine", "engineers to help demine"), "utf-8"
    )
    other = services_factory(settings)
    assert other.ingest().updated == ["shoigu-kim-sappers-builders"]
    assert other.store.count() == count, "precondition: same number of chunks"

    live = {c for ids in other.store.ids_by_article().values() for c in ids}
    hits = serving.retriever.search("Rossiiskaya Gazeta video", k=50)
    assert len(hits) == count
    assert {h.chunk.id for h in hits} == live
    texts = {h.chunk.id: h.chunk.text for h in hits}
    assert any("engineers to help demine" in t for t in texts.values())
    assert not any("sappers to help demine" in t for t in texts.values())


def test_a_change_by_another_process_is_caught_up_without_reading_every_chunk(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    """Another process (a worker, an ``ingest`` run) adds one article and deletes another: the
    serving process's next search sees both changes, and its keyword index indexes only the
    difference instead of reading the whole collection again."""
    corpus = copy_corpus(tmp_path / "corpus")
    settings = settings_factory(corpus)
    serving = services_factory(settings)
    serving.ingest()
    serving.retriever.search("warm up", 3)
    builds = serving.retriever.full_builds

    (corpus / "harbour-crane.md").write_text(
        "---\nid: harbour-crane\ntitle: Harbour gets a zebracorn crane\npublished: 2025-03-01\n"
        "date_precision: day\ndate_note: test article\n---\n\n"
        "The harbour authority installed a zebracorn crane able to lift 90 tonnes.\n",
        "utf-8",
    )
    (corpus / "shoigu-kim-sappers-builders.md").unlink()
    other = services_factory(settings)
    report = other.ingest()
    assert report.removed == ["shoigu-kim-sappers-builders"] and report.updated == ["harbour-crane"]

    time.sleep(serving.retriever.recheck_s)  # how often a search looks for another process's change
    hits = serving.retriever.search("zebracorn crane", k=3)
    assert hits[0].chunk.article_id == "harbour-crane"
    assert "shoigu-kim-sappers-builders" not in serving.retriever.chunk_counts()
    everything = serving.retriever.search("sappers North Korea Kursk", k=100)
    assert all(h.chunk.article_id != "shoigu-kim-sappers-builders" for h in everything)
    assert serving.retriever.document_share("zebracorn") > 0
    assert serving.retriever.full_builds == builds, "caught up by the difference, not rebuilt"


CRANE = NewArticle(title="Harbour crane", text="The harbour installed a zebracorn crane for 90 tonnes.")


def _indexed_and_listing_ids(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Ingest and build the keyword index; then every later ``store.ids()`` call adds to the list."""
    services.ingest()
    services.retriever.search("warm up", 3)
    listed: list[int] = []
    real_ids = services.store.ids
    monkeypatch.setattr(services.store, "ids", lambda: listed.append(1) or real_ids())
    return listed


def test_an_addition_by_another_process_is_taken_without_listing_every_id(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    services_factory: Callable[..., Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another worker uploads an article, deletes it and uploads it again: each next search asks the
    store for what was added or recorded as deleted since (metadata filters), not for every stored id,
    which takes most of a second at 100k chunks."""
    settings = settings_factory(copy_corpus(tmp_path / "corpus"))
    serving = services_factory(settings)
    listed = _indexed_and_listing_ids(serving, monkeypatch)
    other = services_factory(settings)
    article = other.add_article(CRANE)
    time.sleep(serving.retriever.recheck_s)
    assert serving.retriever.search("zebracorn crane", k=3)[0].chunk.article_id == article.id

    other.delete_article(article.id)
    time.sleep(serving.retriever.recheck_s)
    assert all(h.chunk.article_id != article.id for h in serving.retriever.search("zebracorn crane", k=3))
    assert article.id not in serving.retriever.chunk_counts()
    assert serving.retriever.document_share("zebracorn") == 0

    again = other.add_article(CRANE)  # the same chunk ids, stored after their deletion record
    time.sleep(serving.retriever.recheck_s)
    assert serving.retriever.search("zebracorn crane", k=3)[0].chunk.article_id == again.id
    assert serving.retriever.chunk_counts()[again.id] == len(other.store.article_chunks(again.id))
    assert listed == [], "every change was taken from the store's records, not by comparing ids"
    assert serving.retriever.full_builds == 1


def test_a_deletion_left_unrecorded_by_a_crash_is_found_by_comparing_ids(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    services_factory: Callable[..., Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A writer that stops between deleting chunks and recording the deletion leaves the store's
    count apart from the serving index: the next search compares ids and forgets the chunks."""
    settings = settings_factory(copy_corpus(tmp_path / "corpus"))
    other = services_factory(settings)
    article = other.add_article(CRANE)
    serving = services_factory(settings)
    listed = _indexed_and_listing_ids(serving, monkeypatch)
    assert serving.retriever.search("zebracorn crane", k=3)[0].chunk.article_id == article.id
    monkeypatch.setattr(other.store, "_record_deleted", lambda ids: None)
    other.delete_article(article.id)
    time.sleep(serving.retriever.recheck_s)
    assert all(h.chunk.article_id != article.id for h in serving.retriever.search("zebracorn crane", k=3))
    assert serving.retriever.document_share("zebracorn") == 0
    assert listed == [1], "the id comparison is what found it"
    assert serving.retriever.full_builds == 1


def test_an_unrecorded_deletion_behind_an_addition_is_found_by_comparing_ids(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    services_factory: Callable[..., Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One chunk deleted with no record and one added leave the counts equal: when asked to catch
    up, the index must not take the addition alone for the whole change."""
    settings = settings_factory(copy_corpus(tmp_path / "corpus"))
    serving = services_factory(settings)
    listed = _indexed_and_listing_ids(serving, monkeypatch)
    other = services_factory(settings)
    monkeypatch.setattr(other.store, "_record_deleted", lambda ids: None)
    victim = sorted(other.store.ids())[0]
    other.store.delete([victim])
    other.add_article(CRANE)
    serving.retriever.invalidate()
    hits = serving.retriever.search("zebracorn crane", k=50)
    assert "zebracorn" in hits[0].chunk.text
    assert sum(serving.retriever.chunk_counts().values()) == other.store.count()
    assert victim not in {h.chunk.id for h in serving.retriever.search("North Korea Kursk sappers", k=100)}
    assert listed == [1], "the id comparison is what found it"


def test_an_upload_is_indexed_by_its_own_chunks_not_by_comparing_every_id(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    services_factory: Callable[..., Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An article added or deleted in this process is searchable (or gone) on the next search
    without listing every stored id, which takes most of a second at 100k chunks."""
    services = services_factory(settings_factory(copy_corpus(tmp_path / "corpus")))
    listed = _indexed_and_listing_ids(services, monkeypatch)
    article = services.add_article(CRANE)
    hits = services.retriever.search("zebracorn crane", k=3)
    assert hits[0].chunk.article_id == article.id
    assert services.retriever.document_share("zebracorn") > 0
    services.delete_article(article.id)
    assert all(h.chunk.article_id != article.id for h in services.retriever.search("zebracorn crane", k=3))
    assert services.retriever.document_share("zebracorn") == 0
    assert article.id not in services.retriever.chunk_counts()
    assert listed == [], "caught up from the article's own chunks"
    assert services.retriever.full_builds == 1


def test_the_dense_search_breadth_follows_the_setting_on_new_and_existing_collections(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    services_factory: Callable[..., Services],
    embedding_backend: EmbeddingBackend,
) -> None:
    """A new collection is made with ``hnsw_ef_search``; one made before (as older releases did, with
    only the space in its metadata) or with another value is changed to it, and still answers."""
    data_dir = tmp_path / "data"
    old = settings_factory(data_dir=data_dir)
    legacy = make_client(old).get_or_create_collection(
        collection_name(old.collection_prefix, embedding_backend.model_id), metadata={"hnsw:space": "cosine"}
    )
    assert legacy.configuration["hnsw"]["ef_search"] != 700

    services = services_factory(settings_factory(data_dir=data_dir, hnsw_ef_search=700))
    services.ingest()
    stored = make_client(services.settings).get_collection(services.store.name).configuration["hnsw"]
    assert (stored["space"], stored["ef_search"]) == ("cosine", 700)
    assert services.store.name == legacy.name
    hits = services.retriever.search("How many sappers did North Korea pledge?", 3)
    assert hits[0].similarity > 0.3  # cosine space kept: similarity = 1 - distance

    fresh = services_factory(settings_factory(data_dir=tmp_path / "fresh", hnsw_ef_search=333))
    assert (
        make_client(fresh.settings).get_collection(fresh.store.name).configuration["hnsw"]["ef_search"] == 333
    )


# --------------------------------------------------------------------------- BM25 on its own


def test_terms_normalise_numbers_and_plurals() -> None:
    assert terms("1,000 sappers") == terms("1000 sapper") == ["1000", "sapper"]
    assert terms("12,000 to 13,000.") == ["12000", "13000"]
    assert "the" not in terms("The treaty of the two")
    assert terms("Troops TROOPS troops") == ["troop", "troop", "troop"]


def test_bm25_thousands_separator_matches() -> None:
    index = BM25Index([("a", "North Korea will send 1000 sappers"), ("b", "the treaty was signed in June")])
    assert [k for k, _ in index.search("1,000", 5)] == ["a"]
    index = BM25Index([("a", "up to 1,000 sappers"), ("b", "nothing here")])
    assert [k for k, _ in index.search("1000", 5)] == ["a"]


def test_bm25_ranking_k_and_allowed() -> None:
    docs = [
        ("both", "sappers demine Kursk fields"),
        ("one", "sappers arrived by train"),
        ("long", "sappers " + "filler words about something else entirely " * 20),
        ("none", "a memorial complex in Pyongyang"),
    ]
    index = BM25Index(docs)
    assert len(index) == 4
    ranked = index.search("sappers Kursk", 10)
    assert [k for k, _ in ranked][:1] == ["both"]
    assert "none" not in {k for k, _ in ranked}
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    assert ranked[-1][0] == "long", "length normalisation ranks the long document last"
    assert len(index.search("sappers", 2)) == 2
    assert [k for k, _ in index.search("sappers", 10, allowed={"one"})] == ["one"]
    assert index.search("zebracorn", 5) == []
    assert BM25Index([]).search("anything", 5) == []


def test_a_follow_up_about_nothing_indexed_is_known_without_the_model(indexed: Services) -> None:
    assert nothing_indexed("And the best recipe for apple pie?", indexed.retriever)
    # "sign" is indexed only as "signed": the word is known in another form.
    assert not nothing_indexed("When did they sign it?", indexed.retriever)
    assert not nothing_indexed("When did she?", indexed.retriever)  # no content word to judge by


def test_bm25_added_and_removed_documents_score_as_a_fresh_build() -> None:
    """However an index got to its documents (built, added one by one, removed, replaced, re-packed),
    it scores them exactly as an index built from scratch over the same documents."""
    rng = random.Random(20250302)
    words = [f"w{i}" for i in range(300)] + ["sappers", "1,000", "Kursk", "troops"]
    texts = {str(i): " ".join(rng.choices(words, k=rng.randint(0, 60))) for i in range(600)}
    index = BM25Index(list(texts.items())[:100])
    live = dict(list(texts.items())[:100])
    for _ in range(1500):  # enough additions to pass the re-pack threshold more than once
        key = rng.choice(list(texts))
        if rng.random() < 0.6 or not live:
            index.add([(key, texts[key])])
            live[key] = texts[key]
        else:
            gone = rng.choice(list(live))
            index.remove([gone])
            live.pop(gone)
    fresh = BM25Index(list(live.items()))
    assert len(index) == len(fresh) == len(live)
    assert index.vocabulary == fresh.vocabulary
    assert all(index.share(t) == fresh.share(t) for t in fresh.vocabulary)
    for _ in range(100):
        query = " ".join(rng.choices(words, k=4))
        allowed = set(rng.sample(sorted(live), 20))
        for restrict in (None, allowed):
            got, want = index.search(query, 10, restrict), fresh.search(query, 10, restrict)
            assert [k for k, _ in got] == [k for k, _ in want]
            assert [s for _, s in got] == pytest.approx([s for _, s in want])
    index.remove(list(live))
    assert len(index) == 0 and index.search("sappers", 5) == [] and index.share("sappers") == 0.0


def test_bm25_ties_break_by_key_not_by_arrival() -> None:
    docs = [(key, "the same sappers text") for key in ("d", "b", "c", "a")]
    assert [k for k, _ in BM25Index(docs).search("sappers", 2)] == ["a", "b"]
    later = BM25Index(docs[:1])
    later.add(docs[1:])
    assert [k for k, _ in later.search("sappers", 2)] == ["a", "b"]


def test_a_restart_takes_the_keyword_index_from_disk_and_catches_up(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    """Ingest keeps the keyword index beside the data; the next process loads it and indexes only
    what changed since, instead of reading every chunk back (most of a start-up at 100k chunks)."""
    corpus = copy_corpus(tmp_path / "corpus")
    settings = settings_factory(corpus)
    first = services_factory(settings)
    first.ingest()
    path = first.retriever.snapshot_path
    assert path is not None and path.is_file()

    (corpus / "harbour-crane.md").write_text(
        "---\nid: harbour-crane\ntitle: Harbour gets a zebracorn crane\npublished: 2025-03-01\n"
        "date_precision: day\ndate_note: test article\n---\n\n"
        "The harbour authority installed a zebracorn crane able to lift 90 tonnes.\n",
        "utf-8",
    )
    # Another writer changes the store without touching the snapshot (as a worker's upload does).
    writer = services_factory(settings)
    ingest(corpus, writer.store, ChunkingParams(settings.chunk_tokens, settings.chunk_overlap_tokens))

    restarted = services_factory(settings)
    restarted.start(with_llm=False)
    assert restarted.retriever.full_builds == 0, "loaded from disk, not rebuilt"
    assert restarted.retriever.search("zebracorn crane", 1)[0].chunk.article_id == "harbour-crane"
    # Loaded and caught up, the index scores exactly as one built from the store now.
    fresh = HybridRetriever(restarted.store)
    for query in ("sappers Kursk", "zebracorn crane 90 tonnes", "Shoigu Pyongyang June"):
        got = [(h.chunk.id, round(h.score, 9)) for h in restarted.retriever.search(query, 8)]
        assert got == [(h.chunk.id, round(h.score, 9)) for h in fresh.search(query, 8)]
    assert fresh.full_builds == 1


def test_an_unreadable_keyword_index_snapshot_costs_a_rebuild_not_a_start(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    settings = settings_factory(copy_corpus(tmp_path / "corpus"))
    first = services_factory(settings)
    first.ingest()
    path = first.retriever.snapshot_path
    assert path is not None
    path.write_bytes(path.read_bytes()[:100])  # torn, as by a crash mid-write on a filesystem without rename
    restarted = services_factory(settings)
    assert restarted.retriever.search("sappers", 1)
    assert restarted.retriever.full_builds == 1
    restarted.close()
    assert services_factory(settings).retriever.search("sappers", 1) and path.stat().st_size > 1000
