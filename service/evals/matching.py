"""Is a fact in a text? Case-insensitive, numbers normalised ("1,000" = "1000" = "one thousand")."""

from __future__ import annotations

import re

from service.grounding.numbers import values


def _normal(text: str) -> str:
    text = re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", text.lower())
    return re.sub(r"[’']", "'", re.sub(r"\s+", " ", text))


def fact_in(alternatives: list[str], text: str) -> bool:
    """Whether any alternative of one fact occurs in ``text``."""
    normal = _normal(text)
    numbers = values(text)
    for alt in alternatives:
        alt_values = values(alt)
        words = re.sub(r"[\d,.\s]+", " ", alt).strip()
        if alt_values and not words:  # a bare figure: compare as numbers
            if alt_values <= numbers:
                return True
        elif _normal(alt) in normal:
            return True
    return False


def facts_in(facts: list[list[str]], text: str) -> bool:
    """All facts present."""
    return all(fact_in(alts, text) for alts in facts)
