"""The corpus loader: the real articles load cleanly; a bad file is reported and skipped, alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from service.articles import load_corpus, parse_article
from service.config import Settings
from service.container import Services
from tests.conftest import CORPUS_DIR, CORPUS_IDS, copy_corpus


def body_of(path: Path) -> str:
    """The body as the corpus README defines it, split out independently of the loader."""
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("---\n")
    _, _, rest = raw[4:].partition("\n---\n")
    return rest.strip()


def test_corpus_loads_without_errors() -> None:
    corpus = load_corpus(CORPUS_DIR)
    assert corpus.errors == []
    assert len(corpus.articles) == 5
    assert sorted(a.id for a in corpus.articles) == CORPUS_IDS


def test_front_matter_fields() -> None:
    for article in load_corpus(CORPUS_DIR).articles:
        meta = article.meta
        assert meta.id == article.path.stem, "id must equal the file name"
        assert meta.title and meta.title == meta.title.strip()
        assert dt.date(2025, 1, 1) <= meta.published <= dt.date(2025, 12, 31)
        assert meta.date_precision in ("day", "month", "year")
        assert meta.date_note.strip()
    by_id = load_corpus(CORPUS_DIR).by_id()
    assert by_id["shoigu-visit-secrecy"].meta.outlet == "TheJournal.ie"
    assert by_id["shoigu-visit-secrecy"].meta.date_precision == "month"
    assert by_id["goremykin-talks-pyongyang"].meta.published == dt.date(2025, 11, 6)
    assert by_id["goremykin-talks-pyongyang"].meta.outlet is None


def test_body_is_the_text_after_front_matter() -> None:
    for article in load_corpus(CORPUS_DIR).articles:
        assert article.text == body_of(article.path)
        assert not article.text.startswith("---")
        assert article.text == article.text.strip()


def test_content_hash_changes_with_text_and_metadata(tmp_path: Path) -> None:
    path = CORPUS_DIR / "shoigu-visit-secrecy.md"
    raw = path.read_text(encoding="utf-8")
    base = parse_article(path, raw)
    assert parse_article(path, raw).content_hash == base.content_hash
    assert parse_article(path, raw.replace("Sergei Shoigu", "S. Shoigu", 1)).content_hash != base.content_hash
    assert (
        parse_article(path, raw.replace("TheJournal.ie", "The Journal", 1)).content_hash != base.content_hash
    )


def test_crlf_file_loads_like_lf(tmp_path: Path) -> None:
    src = CORPUS_DIR / "goremykin-talks-pyongyang.md"
    crlf = tmp_path / src.name
    crlf.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    (article,) = load_corpus(crlf).articles
    assert "\r" not in article.text
    assert article.text == body_of(src)


GOOD = """---
id: {id}
title: "A title"
published: 2025-05-01
date_precision: day
date_note: "dated in the text"
---

Body text. Another sentence.
"""

BAD_FILES = {
    "missing-title.md": (GOOD.replace('title: "A title"\n', ""), "title", "required"),
    "bad-date.md": (GOOD.replace("2025-05-01", "2025-13-45"), "published", "date"),
    "no-front-matter.md": ("Just a body, no metadata.\n", None, "front matter"),
    "bad-slug.md": (GOOD.replace("id: {id}", "id: Not A Slug"), "id", "slug"),
    "bad-precision.md": (GOOD.replace("date_precision: day", "date_precision: week"), "date_precision", ""),
    "unknown-field.md": (GOOD.replace("date_precision: day", "date_precision: day\nauthor: x"), "author", ""),
    "empty-body.md": (GOOD.split("\n\n")[0] + "\n\n   \n", "body", "no text"),
    "not-yaml.md": ("---\nid: [unclosed\n---\n\nBody.\n", None, "yaml"),
    "zz-dup.md": (GOOD.replace("id: {id}", "id: shoigu-visit-secrecy"), "id", "must match the file name"),
}


@pytest.fixture
def corpus_with_bad_files(tmp_path: Path) -> Path:
    corpus = copy_corpus(tmp_path / "corpus")
    for name, (content, _, _) in BAD_FILES.items():
        (corpus / name).write_text(content.replace("{id}", name.removesuffix(".md")), encoding="utf-8")
    (corpus / "fine-extra.md").write_text(GOOD.replace("{id}", "fine-extra"), encoding="utf-8")
    return corpus


def test_bad_files_are_reported_and_the_rest_load(corpus_with_bad_files: Path) -> None:
    corpus = load_corpus(corpus_with_bad_files)
    assert sorted(a.id for a in corpus.articles) == sorted([*CORPUS_IDS, "fine-extra"])
    errors = {e.path.name: e for e in corpus.errors}
    assert sorted(errors) == sorted(BAD_FILES)
    for name, (_, field, words) in BAD_FILES.items():
        error = errors[name]
        assert error.field == field, f"{name}: {error}"
        assert words.lower() in error.message.lower(), f"{name}: {error}"
        assert name in str(error)
        if field:
            assert f"[{field}]" in str(error)


def test_a_file_cannot_take_over_another_articles_id(corpus_with_bad_files: Path) -> None:
    corpus = load_corpus(corpus_with_bad_files)
    assert corpus.by_id()["shoigu-visit-secrecy"].path.name == "shoigu-visit-secrecy.md"
    (dup,) = [e for e in corpus.errors if e.path.name == "zz-dup.md"]
    assert "zz-dup.md" in dup.message and dup.field == "id"


def test_single_file_and_unreadable_file(tmp_path: Path) -> None:
    one = load_corpus(CORPUS_DIR / "rudenko-pyongyang-kursk.md")
    assert [a.id for a in one.articles] == ["rudenko-pyongyang-kursk"] and not one.errors
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"---\nid: x\n---\n\xff\xfe\xfa")
    broken = load_corpus(binary)
    assert not broken.articles
    assert "cannot read" in broken.errors[0].message


def test_readme_is_not_an_article() -> None:
    corpus = load_corpus(CORPUS_DIR)
    assert all(a.path.name != "README.md" for a in corpus.articles)
    assert all(e.path.name != "README.md" for e in corpus.errors)


def test_parsed_articles_are_reused_until_their_file_changes(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    cache = tmp_path / "data" / "parsed.pickle"
    fresh = load_corpus(corpus).by_id()
    assert load_corpus(corpus, cache=cache).by_id() == fresh and cache.is_file()
    assert load_corpus(corpus, cache=cache).by_id() == fresh  # now from the cache

    # An edited file is parsed again (its size changes; a same-size edit moves its mtime).
    target = corpus / "shoigu-kim-sappers-builders.md"
    target.write_text(
        target.read_text("utf-8").replace("sappers to help demine", "engineers to help demine"), "utf-8"
    )
    edited = load_corpus(corpus, cache=cache).by_id()["shoigu-kim-sappers-builders"]
    assert "engineers" in edited.text and edited.text == load_corpus(target).articles[0].text
    # A removed file is gone; a torn cache file costs a parse, not an error.
    target.unlink()
    assert "shoigu-kim-sappers-builders" not in load_corpus(corpus, cache=cache).by_id()
    cache.write_bytes(cache.read_bytes()[:50])
    assert len(load_corpus(corpus, cache=cache).articles) == len(CORPUS_IDS) - 1


def test_ingest_leaves_the_parsed_articles_for_the_next_start(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    settings = settings_factory(copy_corpus(tmp_path / "corpus"))
    services_factory(settings).ingest()
    assert (settings.data_dir / "parsed" / "corpus.pickle").is_file()
