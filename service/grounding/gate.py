"""The evidence gate: is there enough in the index to be worth asking the model?

Dense similarity alone misjudges short questions about a rarely mentioned person or body: "What is
Viktor Goremykin's position?" scores 0.26 against the very sentence that answers it, below off-topic
questions such as "What is the population of Pyongyang?" (0.44). So a question also passes when a
retrieved chunk contains a name from it that few chunks contain, when one chunk holds most of the
question's words weighted by rarity (a direct question worded unlike its answer: "Who leads the
inquiry?"), when a quotation it gives is in a chunk, or when one sentence of the chunks is close
to it. What passes is still answered only
from verified citations; the gate only decides whether the model is asked at all.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

from service.config import Settings
from service.grounding.words import content_terms, stem
from service.retrieval.hybrid import HybridRetriever, SearchHit
from service.text import QUOTATION, sentence_spans, terms

_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+")
# How many of the best hits the sentence comparison reads.
SENTENCE_HITS = 3
# A word no chunk holds is weighed as if one chunk in a thousand held it.
_UNSEEN_SHARE = 0.001


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def rare_names(question: str, retriever: HybridRetriever, max_share: float) -> set[str]:
    """The question's capitalised words (as index terms) found in at most ``max_share`` of chunks."""
    found = {t for m in _NAME.finditer(question) for t in terms(m.group(0))}
    return {t for t in found if 0 < retriever.document_share(t) <= max_share}


def term_coverage(question: str, hits: list[SearchHit], retriever: HybridRetriever) -> float:
    """The largest share of the question's content words, weighted by rarity (idf), that one
    retrieved chunk holds. A word no chunk holds weighs most: it says the index is about something else."""
    wanted = list(dict.fromkeys(content_terms(question)))
    if not wanted or not hits:
        return 0.0
    weight = {t: _idf(retriever.document_share(t)) for t in wanted}
    total = sum(weight.values())
    return max(sum(weight[t] for t in wanted if t in set(terms(h.chunk.text))) / total for h in hits)


def nothing_indexed(question: str, retriever: HybridRetriever) -> bool:
    """Whether no content word of the question, in any form, is in the index ("And the best recipe
    for apple pie?"): a follow-up like that changes the topic to something no article covers,
    whatever the conversation was about. One with no content words ("When did she?") is not, nor
    one whose word the articles use in another form ("sign" for "signed")."""
    wanted = {stem(t) for t in content_terms(question)}
    return bool(wanted) and not wanted & _stems(retriever.vocabulary())


@lru_cache(maxsize=4)
def _stems(vocabulary: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(t) for t in vocabulary)


def _idf(share: float) -> float:
    return math.log(1 + 1 / share) if share > 0 else math.log(1 + 1 / _UNSEEN_SHARE)


def quoted_in_hits(question: str, hits: list[SearchHit]) -> bool:
    """ "Who said 'we moved people first'?": a quotation the question gives, found in a chunk."""
    for m in QUOTATION.finditer(question):
        quote = _normal(m.group(1))
        if len(quote.split()) >= 3 and any(quote in _normal(h.chunk.text) for h in hits):
            return True
    return False


def evidence_found(
    question: str,
    hits: list[SearchHit],
    retriever: HybridRetriever,
    settings: Settings,
    embeddings: Embeddings | None = None,
) -> bool:
    """Whether the retrieved chunks are close enough to the question to try answering it
    (``embeddings``: also compare the question with each of their sentences)."""
    best = max((h.similarity for h in hits), default=-1.0)
    if best >= settings.min_similarity or quoted_in_hits(question, hits):
        return True
    if best >= settings.min_similarity_covered and term_coverage(question, hits, retriever) >= (
        settings.min_term_coverage
    ):
        return True
    if best < settings.min_similarity_named:
        return False  # no chunk comes near: refused without looking at names or sentences
    names = rare_names(question, retriever, settings.rare_name_share)
    if any(names & set(terms(h.chunk.text)) for h in hits):
        return True
    # Last, as it embeds the best chunks' sentences (cached for the answer that follows, if any).
    return embeddings is not None and (
        best_sentence_similarity(question, hits, embeddings) >= settings.min_sentence_similarity
    )


def best_sentence_similarity(question: str, hits: list[SearchHit], embeddings: Embeddings) -> float:
    """The cosine similarity of the question to the closest sentence of the best retrieved chunks
    (``SENTENCE_HITS`` of them: embedding every sentence of every hit cost a refusal ~0.4 s)."""
    top = hits[:SENTENCE_HITS]
    sentences = list(dict.fromkeys(h.chunk.text[a:b] for h in top for a, b in sentence_spans(h.chunk.text)))
    if not sentences:
        return -1.0
    vectors = np.asarray(embeddings.embed_documents(sentences), dtype=np.float32)
    query = np.asarray(embeddings.embed_query(question), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1) * max(float(np.linalg.norm(query)), 1e-9)
    return float(((vectors @ query) / np.maximum(norms, 1e-9)).max())
