"""A sentence of the evidence that restates the question with its answer filled in.

The small model, shown the very sentence that answers a question, still answers from another one
now and then: asked "Who will take part in building the memorial?", it names the other country of
the story, and the support check rightly refuses its answer. When a sentence of the retrieved
chunks holds every content word of the question and gives what the question asks for (a figure, a
date, a name, something the question does not already say), that sentence is the answer, quoted
whole: it is exactly what the article says, so nothing is lost in the retelling.

Every content word must be there (by stem): a question that sounds covered but asks about another
act, place or thing ("the memorial in Moscow") holds a word no such sentence has. A phrase that
only names the source ("according to the reconstruction report,") is not content: the sentence
comes from that source's text, which seldom names itself.
"""

from __future__ import annotations

import re

from service.grounding.asked import asked_kinds, gives_what_was_asked
from service.grounding.model import SourceSentence
from service.grounding.names import names_in
from service.grounding.numbers import numbers
from service.grounding.questions import relation_word
from service.grounding.words import content_terms, stem
from service.text import terms

# "According to the reconstruction report,", "as described in the Reuters article", "in the second
# article": the source named, up to the clause's end.
_SOURCE_PHRASE = re.compile(
    r"\b(?:according to|as (?:described|reported|stated|told|given|said) (?:in|by)|in)\s+(?:the\s+|an?\s+)?"
    r"[^,?;]{0,60}?\b(?:report|reports|article|articles|story|stories|piece|account|coverage|outlet)\b,?",
    re.IGNORECASE,
)
_AMOUNTS = {"count", "money", "duration"}
# A question of one or two content words ("Who resigned?") would be restated by many sentences.
MIN_WORDS = 3
_WHO = re.compile(r"^\W*(?:who|whom|which (?:official|person|minister|man|woman|leader|officer))\b", re.I)
_WHERE = re.compile(r"^\W*where\b", re.I)
# A place told: a name after a preposition of place ("according to" names a teller), or a
# direction in lower case ("in the southwestern region"; "North Korea" is a name).
_PLACE = re.compile(
    r"(?<![Aa]ccording )\b(?:in|at|near|outside|from|to|into|off)\s+(?:the\s+)?([A-Z][\w’'-]+)"
    r"|\b((?:north|south|east|west|central)\w*)\b"
)


def without_source(question: str) -> str:
    """The question without the phrase that names where to look."""
    return re.sub(r"[\s,]+([?.!])", r"\1", " ".join(_SOURCE_PHRASE.sub(" ", question).split()))


def restating_sentences(question: str, candidates: list[SourceSentence]) -> list[SourceSentence]:
    """The candidates that hold every content word of ``question`` (by stem) and give what it asks
    for, in their order."""
    asked = without_source(question)
    wanted = {stem(t) for t in content_terms(asked)}
    if len(wanted) < MIN_WORDS:
        return []
    return [
        source
        for source in candidates
        if wanted <= {stem(t) for t in terms(source.text)}
        and _fills_the_gap(asked, source.text)
        and _tells_the_act(asked, source.text)
        and gives_what_was_asked(asked, [source.text])
    ]


def _fills_the_gap(question: str, sentence: str) -> bool:
    """Whether ``sentence`` holds the kind of thing asked, where that can be seen: a figure, date or
    name the question's wording asks for (``asked_kinds``), a person or body the question does not
    name (who), a named place (where). An open question ("what did they agree?", "why?") is not
    restated: any sentence holding its words would pass."""
    kinds = asked_kinds(question)
    if kinds:
        # gives_what_was_asked checks that the sentence gives it. A sentence of several figures
        # does not answer "how many": which of them counts the thing asked is for a reader to pick.
        return not (set(kinds) & _AMOUNTS and len(numbers(sentence)) > 1)
    if _WHO.match(question):
        asked = {t for name in names_in(question) for t in terms(name)}
        return any(not set(terms(n)) <= asked for n in names_in(sentence))
    if _WHERE.match(question):
        places = [
            m.group(1) if m.group(1) else m.group(2)
            for m in _PLACE.finditer(sentence)
            if m.group(2) or m.group(1)[0].isupper()
        ]
        return any(p.lower() not in question.lower() for p in places)
    return False


_WORD = re.compile(r"[\w’'-]+")
_BEFORE_A_VERB = frozenset("to will would could can did does do may might must should shall".split())


def _tells_the_act(question: str, sentence: str) -> bool:
    """Whether ``sentence`` tells the act a question in the past asks about as an act: "Who
    designed the dam?" is not restated by "the same spillway design", which holds the stem only as
    a noun. The bare stem counts after "to", "will" or "did" ("will design")."""
    act = relation_word(question).lower()
    if not act.endswith("ed"):
        return True
    root, bare = stem(act), {act[:-2], act[:-1]}  # "designed" → "design", "closed" → "close"
    words = _WORD.findall(sentence.lower())
    return any(
        stem(w) == root and (w not in bare or (i > 0 and words[i - 1] in _BEFORE_A_VERB))
        for i, w in enumerate(words)
    )
