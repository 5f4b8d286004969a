"""Names as news sentences give them: runs of capitalised words, titles before a name, a person's
name. The primitives every check that asks *who* reads names with."""

from __future__ import annotations

import re


def names_in(text: str) -> list[str]:
    """The capitalised names in ``text`` ("Marta Ksendal", "Dorrin Province"), a sentence's
    opening word ("The", "According") left out."""
    found = []
    for m in NAME.finditer(text):
        words = m.group(0).split()
        if words[0] in STARTERS:
            words = words[1:]
        if words:
            found.append(" ".join(words))
    return found


def actor_names(text: str) -> str:
    """The capitalised names in ``text``, joined."""
    return " ".join(m.group(0) for m in NAME.finditer(text) if m.group(0).split()[0] not in STARTERS)


CAPITALISED_WORD = re.compile(r"[A-Z][a-z’'-]+")


# Titles before a name: "Judge Rosa Hemm", "Captain Ansel Mirovic".
TITLES = frozenset(
    "captain mr mrs ms dr judge mayor minister president general colonel sir lord chief prosecutor"
    " prime".split()
)


NAME = re.compile(r"(?<![\w’'])[A-Z][a-zA-Z’'-]+(?:\s+[A-Z][a-zA-Z’'-]+)*")


STARTERS = frozenset(
    "The A An It Its This That These Those He She They We I In On At By For From According However While"
    " After Before Under Over Some Many Most Both Each Yes No".split()
)


# How far (characters) from a name an apposition may call it by a noun.
APPOSITION = 40


def without_other_names(text: str, claim: str) -> str:
    """``text`` less the names (with the titles before them) of people ``claim`` does not name:
    what is said there as part of their name is theirs, not the claim's to borrow ("the
    environment minister" from "Environment Minister Karel Sand said …" for "Petra Holm is the
    environment minister"). A name is matched by its last word, whatever title goes before it."""
    claimed = {w.lower() for w in re.findall(r"[\w’'-]+", claim)}
    return PERSON_NAME.sub(lambda m: m.group(0) if m.group(0).split()[-1].lower() in claimed else " ", text)


CAPITALISED = re.compile(r"(?<![\w’'])(?<!^)(?<!^\W)[A-Z]")


# Two or more capitalised words, the first not a sentence opener: a person's (or a body's) name.
PERSON_NAME = re.compile(r"(?<![\w’'])(?!(?:The|A|An|In|On|At|By|For)\b)[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+")
