"""Chunking and sentence spans: properties over the real corpus and over generated text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service.articles import Article, load_corpus
from service.components.tokens import count_tokens
from service.ingest.chunking import Chunk, chunk_text
from service.text import sentence_spans
from tests.conftest import CORPUS_DIR

ARTICLES = load_corpus(CORPUS_DIR).articles
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- generated text

WORDS = st.sampled_from(
    "the a North Korea Russia sappers 1,000 5 000 troops Kursk Shoigu Pyongyang said U.S. Dr. Gen. No."
    " treaty “mutual” (defence) co-operation 2024 de-mining Ünïcödé 北朝鮮 Пхеньян émigré naïve e.g."
    " i.e. Article 51 — … $3.5bn".split()
)
END = st.sampled_from([".", "!", "?", '."', ".”", ".)", "", ";"])
SEP = st.sampled_from([" ", " ", " ", "\n", "\n\n", "  ", "\t", "\u00a0", " \n "])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=draw(st.sampled_from([5, 20, 60, 200]))))
    return " ".join(words) + draw(END)


@st.composite
def prose(draw: st.DrawFn) -> str:
    parts = draw(st.lists(sentence(), min_size=0, max_size=25))
    out = ""
    for part in parts:
        out += part + draw(SEP)
    return draw(st.sampled_from(["", " ", "\n"])) + out


LONG_WORD = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_/é漢"), min_size=1, max_size=2500
)
UNICODE = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=1500)


@st.composite
def mixed(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(prose(), LONG_WORD, UNICODE), min_size=1, max_size=4))
    return draw(SEP).join(pieces)


TEXTS = st.one_of(prose(), LONG_WORD, UNICODE, mixed())
MAX_TOKENS = st.integers(min_value=32, max_value=200)
OVERLAP = st.integers(min_value=0, max_value=60)


# --------------------------------------------------------------------------- the properties


def check_chunks(text: str, chunks: list[Chunk], max_tokens: int, overlap_tokens: int) -> None:
    """Every invariant the chunker promises."""
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert chunk.article_id == "a"
        assert 0 <= chunk.start < chunk.end <= len(text)
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.text == chunk.text.strip(), "chunks are trimmed"
        assert count_tokens(chunk.text) <= max_tokens

    for prev, nxt in itertools.pairwise(chunks):
        assert nxt.start > prev.start, "a chunk always starts later than the one before"
        assert nxt.end > prev.end, f"chunk {nxt.index} adds nothing new: {nxt.text!r}"
        if nxt.start < prev.end:  # overlap: whole units of at most overlap_tokens
            assert count_tokens(text[nxt.start : prev.end]) <= overlap_tokens
        else:  # touch: nothing but whitespace between them
            assert text[prev.end : nxt.start].strip() == ""

    covered = bytearray(len(text))
    for chunk in chunks:
        covered[chunk.start : chunk.end] = b"\x01" * (chunk.end - chunk.start)
    uncovered = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not uncovered, f"non-whitespace characters not in any chunk: {uncovered[:10]}"

    spans = sentence_spans(text)
    if all(count_tokens(text[s:e]) <= max_tokens for s, e in spans):
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        for chunk in chunks:
            assert chunk.start in starts and chunk.end in ends, "chunks are whole sentences"


def check_spans(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    previous_end = start
    for s, e in spans:
        assert previous_end <= s < e <= end, "spans are ordered, disjoint and inside the range"
        assert not text[s].isspace() and not text[e - 1].isspace(), "spans are trimmed"
        assert "\n" not in text[s:e], "a line break always ends a sentence"
        assert text[previous_end:s].strip() == "", "nothing but whitespace between sentences"
        previous_end = e
    assert text[previous_end:end].strip() == ""


# --------------------------------------------------------------------------- real corpus


@pytest.mark.parametrize("article", ARTICLES, ids=[a.id for a in ARTICLES])
def test_corpus_default_parameters(article: Article) -> None:
    chunks = chunk_text("a", article.text, 180, 40)
    check_chunks(article.text, chunks, 180, 40)
    assert len(chunks) >= 2
    assert any(nxt.start < prev.end for prev, nxt in itertools.pairwise(chunks)), "no overlap"


@PROPERTY
@given(
    article=st.sampled_from(ARTICLES),
    max_tokens=MAX_TOKENS,
    overlap=OVERLAP,
    cut=st.tuples(st.integers(0, 5000), st.integers(0, 5000)),
)
def test_corpus_properties(article: Article, max_tokens: int, overlap: int, cut: tuple[int, int]) -> None:
    lo, hi = sorted(cut)
    text = article.text[lo : max(hi, lo + 200)]
    check_chunks(text, chunk_text("a", text, max_tokens, overlap), max_tokens, overlap)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # A short form that can close a sentence does, before a word that only opens one ...
        ("It reached the square before 7 p.m. An order was given.", 2),
        ("Talks were held in the U.S. They failed.", 2),
        # A unit's last letter is no initial.
        ("The limit on the bend is 40 km/h. Police have not confirmed it.", 2),
        # ... and does not before a name, a day or a lower-case word.
        ("He left at 6 p.m. Sunday and came back.", 1),
        ("Dr. Ilse Marn said so at 9 a.m. on Friday.", 1),
    ],
)
def test_a_short_form_ends_a_sentence_only_before_an_opening_word(text: str, sentences: int) -> None:
    assert len(sentence_spans(text)) == sentences


@PROPERTY
@given(article=st.sampled_from(ARTICLES))
def test_corpus_sentence_spans(article: Article) -> None:
    spans = sentence_spans(article.text)
    check_spans(article.text, spans, 0, len(article.text))
    assert len(spans) > 10


# --------------------------------------------------------------------------- generated text


@PROPERTY
@given(text=TEXTS, max_tokens=MAX_TOKENS, overlap=OVERLAP)
@example(  # an overlap sentence that leaves no room for the next one (used to make an overlap-only chunk)
    text=" ".join(["beta"] * 150)
    + ". Second short one. "
    + " ".join(["alpha"] * 178)
    + ". Final words here.",
    max_tokens=180,
    overlap=40,
)
@example(text="x" * 3000, max_tokens=32, overlap=0)
@example(text="\n\n \t\u00a0\u2028 ", max_tokens=32, overlap=10)
def test_generated_properties(text: str, max_tokens: int, overlap: int) -> None:
    check_chunks(text, chunk_text("a", text, max_tokens, overlap), max_tokens, overlap)


@PROPERTY
@given(text=TEXTS, bounds=st.tuples(st.integers(0, 3000), st.integers(0, 3000)))
def test_generated_sentence_spans(text: str, bounds: tuple[int, int]) -> None:
    check_spans(text, sentence_spans(text), 0, len(text))
    lo, hi = sorted(min(b, len(text)) for b in bounds)
    check_spans(text, sentence_spans(text, lo, hi), lo, hi)


def test_blank_text_has_no_chunks() -> None:
    assert chunk_text("a", "") == []
    assert chunk_text("a", " \n\t ") == []


def test_overlap_only_chunk_regression() -> None:
    # A short sentence fits the overlap budget but not together with the long sentence after it: it
    # must not become a chunk of its own (it is already inside the previous chunk).
    text = " ".join(["beta"] * 150) + ". Second short one. " + " ".join(["alpha"] * 178) + ". End here."
    chunks = chunk_text("a", text, 180, 40)
    assert [c.text for c in chunks if c.text == "Second short one."] == []
    check_chunks(text, chunks, 180, 40)


def test_long_sentence_is_split_at_words() -> None:
    text = " ".join(f"word{i}" for i in range(400)) + "."
    chunks = chunk_text("a", text, 50, 0)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.text.startswith("word") and not chunk.text.endswith(("-", "wor"))
        assert count_tokens(chunk.text) <= 50


def test_sentence_spans_examples() -> None:
    def sentences(text: str) -> list[str]:
        return [text[s:e] for s, e in sentence_spans(text)]

    assert sentences("Dr. Smith met Gen. Lee. They talked.") == ["Dr. Smith met Gen. Lee.", "They talked."]
    assert sentences("U.S. officials met on Aug. 6. Talks ended!") == [
        "U.S. officials met on Aug. 6.",
        "Talks ended!",
    ]
    assert sentences("He said “yes.” Then left? Yes") == ["He said “yes.”", "Then left?", "Yes"]
    assert sentences("Heading\n\nBody one. Body two.") == ["Heading", "Body one.", "Body two."]
    assert sentences("1,000 sappers. 3.5 billion.") == ["1,000 sappers.", "3.5 billion."]
    assert sentences("   ") == []
