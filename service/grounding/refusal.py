"""Recognising a model's refusal and wording the service's own."""

from __future__ import annotations

import re

_MODEL_REFUSAL = re.compile(
    r"\b(i (?:do not|don['’]t) know|(?:do|does) not (?:contain|mention|provide|say|specify|state|include)"
    r"|(?:is|are) not (?:explicitly |directly )?(?:mentioned|specified|provided|stated|given|available)"
    r"|no information"
    r"|cannot (?:be )?(?:answer|determine)|unable to (?:answer|determine))\b",
    re.IGNORECASE,
)


def is_refusal(text: str) -> bool:
    """Whether the model declined to answer (it says so in its first sentence or whole short reply)."""
    head = text.strip()[:200]
    return bool(_MODEL_REFUSAL.search(head))


def refusal_text() -> str:
    """The service's refusal: no claim, so nothing to cite."""
    return "The articles don't cover this: none of the indexed articles answers the question."
