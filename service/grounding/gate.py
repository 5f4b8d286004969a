"""The evidence gate: is there enough in the index to be worth asking the model?

Dense similarity alone misjudges short questions about a rarely mentioned person or body: "What is
Viktor Goremykin's position?" scores 0.26 against the very sentence that answers it, below off-topic
questions such as "What is the population of Pyongyang?" (0.44). So a question also passes when a
retrieved chunk contains a name from it that few chunks contain. What passes is still answered only
from verified citations; the gate only decides whether the model is asked at all.
"""

from __future__ import annotations

import re

from service.config import Settings
from service.retrieval.hybrid import HybridRetriever, SearchHit
from service.text import terms

_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+")


def rare_names(question: str, retriever: HybridRetriever, max_share: float) -> set[str]:
    """The question's capitalised words (as index terms) found in at most ``max_share`` of chunks."""
    found = {t for m in _NAME.finditer(question) for t in terms(m.group(0))}
    return {t for t in found if 0 < retriever.document_share(t) <= max_share}


def evidence_found(
    question: str, hits: list[SearchHit], retriever: HybridRetriever, settings: Settings
) -> bool:
    """Whether the retrieved chunks are close enough to the question to try answering it."""
    best = max((h.similarity for h in hits), default=-1.0)
    if best >= settings.min_similarity:
        return True
    if best < settings.min_similarity_named:
        return False
    names = rare_names(question, retriever, settings.rare_name_share)
    return any(names & set(terms(h.chunk.text)) for h in hits)
