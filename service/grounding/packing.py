"""Choose which source sentences go into the prompt, within a token budget.

On CPU, prompt tokens are the latency (~80 tokens/s of prompt processing), so the prompt carries the
sentences of the retrieved chunks that best match the question rather than the whole chunks. With a
lead window (off by default), an answer prompt opens with the window of one article that holds most of
that evidence, the same bytes for every question answered from it, so a model server with a prompt
cache evaluates it once (``components/llm/llama_entry``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from service.articles import Article
from service.components.tokens import count_tokens
from service.grounding.attribution import article_sentences, source_sentences
from service.grounding.model import SourceSentence
from service.retrieval.hybrid import SearchHit
from service.text import terms


@dataclass
class Context:
    """What the model sees (``prompt_sources``) and what citations may point at (``candidates``)."""

    candidates: list[SourceSentence]
    prompt_sources: list[SourceSentence]
    text: str
    tokens: int
    # The blocks ``text`` was written from, and the sentences that match the question best, best
    # first (for a model server that reuses articles' evaluated states: :func:`reuse_request`).
    blocks: list[list[SourceSentence]] = field(default_factory=list)
    best: list[SourceSentence] = field(default_factory=list)


# A question that asks for several things (two question words, "and when"), a list, or a comparison
# needs evidence from more than one place; a single-fact question is answered by one or two sentences.
_QUESTION_WORD = re.compile(r"\b(who|whom|whose|what|when|where|which|why|how)\b", re.IGNORECASE)
_BROAD = re.compile(
    r"\b(compare[sd]?|comparison|contrast|differ\w*|versus|vs|both|each|all|list|every|respectively)\b"
    r"|\bwhich (two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.IGNORECASE,
)


def is_broad(question: str) -> bool:
    """Does the question ask for several facts (parts, a list, a comparison)?"""
    return bool(_BROAD.search(question)) or len(_QUESTION_WORD.findall(question)) >= 2


def evidence_budget(question: str, single: int, broad: int) -> int:
    """Prompt tokens of evidence the question gets: ``broad`` for several facts, else ``single``."""
    return broad if is_broad(question) else single


def candidate_sentences(hits: list[SearchHit], articles: dict[str, Article]) -> list[SourceSentence]:
    """Every sentence of the retrieved chunks, once, cut from the article text by offset."""
    seen: dict[tuple[str, int, int], SourceSentence] = {}
    for hit in hits:
        article = articles.get(hit.chunk.article_id)
        if article is None:
            continue
        for s in source_sentences(article.id, article.title, article.text, hit.chunk.start, hit.chunk.end):
            seen.setdefault((s.article_id, s.start, s.end), s)
    return list(seen.values())


def build_context(
    question: str,
    hits: list[SearchHit],
    articles: dict[str, Article],
    embeddings: Embeddings,
    budget_tokens: int,
    lead_window: int = 0,
) -> Context:
    """Rank candidate sentences against the question and keep the best that fit ``budget_tokens``.

    With ``lead_window``, the evidence opens with the whole window (:func:`article_windows`) that
    holds most of those sentences, then the chosen sentences outside it. The prompt carries every
    sentence it would carry without a window, and its opening block is the same text for every
    question answered mostly from that window, so the model server reuses its evaluated prefix.
    """
    candidates = candidate_sentences(hits, articles)
    if not candidates:
        return Context([], [], "", 0)
    vectors = np.asarray(embeddings.embed_documents([s.text for s in candidates]), dtype=np.float32)
    query = np.asarray(embeddings.embed_query(question), dtype=np.float32)
    q_terms = set(terms(question))
    lexical = np.asarray([len(q_terms & set(terms(s.text))) / max(len(q_terms), 1) for s in candidates])
    score = 0.7 * (vectors @ query) + 0.3 * lexical

    chosen: list[int] = []
    used = 0
    for i in np.argsort(-score):
        cost = count_tokens(candidates[int(i)].text) + 2
        if used + cost > budget_tokens:
            continue
        chosen.append(int(i))
        used += cost
    picked = sorted((candidates[i] for i in chosen), key=lambda s: (s.article_id, s.start))
    lead = _lead(picked, articles, lead_window) if lead_window > 0 and picked else []
    if lead:
        article_id, start, end = lead[0].article_id, lead[0].start, lead[-1].end
        picked = [s for s in picked if not (s.article_id == article_id and start <= s.start < end)]
        # A window sentence the retrieved chunks did not hold may be cited all the same.
        known = {(s.article_id, s.start, s.end) for s in candidates}
        candidates = candidates + [s for s in lead if (s.article_id, s.start, s.end) not in known]
    blocks = ([lead] if lead else []) + _by_article(picked)
    text = format_blocks(blocks, articles)
    best = [candidates[i] for i in chosen]
    return Context(candidates, lead + picked, text, count_tokens(text), blocks, best)


def _lead(
    picked: list[SourceSentence], articles: dict[str, Article], max_tokens: int
) -> list[SourceSentence]:
    """The window that holds the most tokens of the chosen sentences (the first, on a tie)."""
    mass: dict[tuple[str, int], int] = {}
    windows: dict[str, list[list[SourceSentence]]] = {}
    for s in picked:
        if s.article_id not in windows:
            windows[s.article_id] = article_windows(articles[s.article_id], max_tokens)
        # The last window that starts at or before the sentence (a chunk may start mid-sentence).
        n = max((k for k, w in enumerate(windows[s.article_id]) if w[0].start <= s.start), default=0)
        mass[(s.article_id, n)] = mass.get((s.article_id, n), 0) + count_tokens(s.text)
    article_id, n = max(mass, key=lambda k: mass[k])
    return windows[article_id][n]


def article_windows(article: Article, max_tokens: int) -> list[list[SourceSentence]]:
    """The article as consecutive windows of whole sentences, each about the same size and at most
    ``max_tokens`` (a longer sentence is a window of its own). They depend only on the article."""
    sentences = article_sentences(article)
    if not sentences:
        return []
    costs = [count_tokens(s.text) + 1 for s in sentences]
    # As few windows as the cap allows, filled evenly: a 520-token article under a 500 cap is two
    # windows of ~260, not 500 and a 20-token scrap.
    count = -(-sum(costs) // max_tokens)
    while True:
        windows = _split(sentences, costs, sum(costs) / count)
        if all(len(w) == 1 or sum(costs[i] for i in w) <= max_tokens for w in windows) or count >= len(costs):
            return [[sentences[i] for i in w] for w in windows]
        count += 1


def _split(sentences: list[SourceSentence], costs: list[int], share: float) -> list[list[int]]:
    """Sentence indices cut where a sentence's middle passes the next multiple of ``share`` tokens."""
    windows: list[list[int]] = [[]]
    done = 0
    for i, cost in enumerate(costs):
        if windows[-1] and done + cost / 2 > len(windows) * share:
            windows.append([])
        windows[-1].append(i)
        done += cost
    return windows


def _by_article(sources: list[SourceSentence]) -> list[list[SourceSentence]]:
    by_article: dict[str, list[SourceSentence]] = {}
    for s in sources:
        by_article.setdefault(s.article_id, []).append(s)
    return list(by_article.values())


def format_blocks(blocks: list[list[SourceSentence]], articles: dict[str, Article]) -> str:
    """Numbered blocks, each headed by its article's title and byline."""
    out: list[str] = []
    for n, sentences in enumerate(blocks, 1):
        out.append(_header(n, articles[sentences[0].article_id]) + "\n" + " ".join(s.text for s in sentences))
    return "\n\n".join(out)


def _header(n: int, article: Article) -> str:
    byline = article.meta.byline()
    return f"[{n}] {article.meta.title}" + (f" ({byline})" if byline else "")


def reuse_request(context: Context, articles: dict[str, Article], fresh: int) -> dict[str, Any]:
    """The evidence as a model server that keeps articles' evaluated states takes it
    (``components/llm/reuse``): segments whose text, joined, is ``context.text``, each sentence
    naming its place in its article, and every sentence of those articles in order.

    A sentence that opens a block names no article (its article's state holds it after a space, the
    prompt without), and nor do the ``fresh`` others that match the question best: the server
    evaluates them in the prompt's own context, as it does the headers. (Each block's own best,
    tried too, held the eval no better at more tokens: ``bench/RESULTS.md``.)
    """
    every = {b[0].article_id: article_sentences(articles[b[0].article_id]) for b in context.blocks}
    # Block openers that do not open their article are evaluated anyway: the fresh are others.
    anyway = {
        (b[0].article_id, b[0].start) for b in context.blocks if b[0].start != every[b[0].article_id][0].start
    }
    others = [(s.article_id, s.start) for s in context.best if (s.article_id, s.start) not in anyway]
    keep_fresh = set(others[:fresh])
    documents = {
        article_id: {
            "lead": _header(1, articles[article_id]) + "\n",
            "sentences": [s.text if i == 0 else " " + s.text for i, s in enumerate(sentences)],
        }
        for article_id, sentences in every.items()
    }
    places = {
        article_id: {s.start: i for i, s in enumerate(sentences)} for article_id, sentences in every.items()
    }
    segments: list[dict[str, Any]] = []
    for n, sentences in enumerate(context.blocks, 1):
        article = articles[sentences[0].article_id]
        segments.append({"text": ("\n\n" if n > 1 else "") + _header(n, article) + "\n"})
        for i, s in enumerate(sentences):
            segment: dict[str, Any] = {"text": s.text if i == 0 else " " + s.text}
            index = places[article.id].get(s.start)
            if (
                index is not None
                and (s.article_id, s.start) not in keep_fresh
                and documents[article.id]["sentences"][index] == segment["text"]
            ):
                segment.update(document=article.id, index=index)
            segments.append(segment)
    return {"documents": documents, "segments": segments}
