"""Choose which source sentences go into the prompt, within a token budget.

On CPU, prompt tokens are the latency (~80 tokens/s of prompt processing), so the prompt carries the
sentences of the retrieved chunks that best match the question rather than the whole chunks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from service.articles import Article
from service.components.tokens import count_tokens
from service.grounding.attribution import source_sentences
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
) -> Context:
    """Rank candidate sentences against the question and keep the best that fit ``budget_tokens``."""
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
    text = format_sources(picked, articles)
    return Context(candidates, picked, text, count_tokens(text))


def format_sources(sources: list[SourceSentence], articles: dict[str, Article]) -> str:
    """One numbered block per article, its sentences in reading order."""
    blocks: list[str] = []
    by_article: dict[str, list[SourceSentence]] = {}
    for s in sources:
        by_article.setdefault(s.article_id, []).append(s)
    for n, (article_id, sentences) in enumerate(by_article.items(), 1):
        meta = articles[article_id].meta
        byline = meta.byline()
        header = f"[{n}] {meta.title}" + (f" ({byline})" if byline else "")
        blocks.append(header + "\n" + " ".join(s.text for s in sentences))
    return "\n\n".join(blocks)
