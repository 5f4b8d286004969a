"""The evidence sentence that restates a question with its answer (``service.grounding.restating``):
found when it holds every content word and the thing asked, not when a word is missing, the act
is only a noun, or nothing of the kind asked is there."""

from __future__ import annotations

import pytest

from service.grounding.model import SourceSentence
from service.grounding.restating import restating_sentences, without_source

TEXT = (
    "The Harbour Trust said it had sent 25 volunteers to the quay. "
    "The Harbour Trust also sent two boats. "
    "With two boats, the Harbour Trust sent 25 volunteers and 3 divers to the quay. "
    "Tolland Works, which runs the Marrow Bridge, said the bridge's design was sound. "
    "The mayor of Brask, Ilse Vantor, opened the town hall to families on Friday. "
    "The ferry service was suspended after the storm. "
    "The storm damaged the pier in Brask. "
    "The Marrow Bridge spans the river in the northern part of the valley. "
    "According to Tolland Works, the Harbour Trust sent volunteers to help."
)


def _sentences() -> list[SourceSentence]:
    out, start = [], 0
    for part in TEXT.split(". "):
        text = part if part.endswith(".") else part + "."
        begin = TEXT.index(text, start)
        out.append(SourceSentence("story", "Story", begin, begin + len(text), text))
        start = begin + len(text)
    return out


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many volunteers did the Harbour Trust send?", "25 volunteers"),
        ("Who opened the town hall to families?", "Ilse Vantor"),
        ("When did the mayor open the town hall to families?", "on Friday"),
        ("According to the Brask Courier report, who opened the town hall to families?", "Ilse Vantor"),
        ("Where did the storm damage the pier?", "Brask"),
        ("Where does the Marrow Bridge span the river?", "northern"),
    ],
)
def test_a_sentence_holding_the_question_and_its_answer_restates_it(question: str, expected: str) -> None:
    found = restating_sentences(question, _sentences())
    assert found and expected in found[0].text
    assert all(TEXT[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    "question",
    [
        # "design" is there only as a noun: the sentence tells who runs the bridge, not who designed it.
        "Who designed the Marrow Bridge?",
        # A word of the question no sentence holds: another act.
        "How many volunteers did the Harbour Trust pay?",
        # Nothing of the kind asked: no figure for "how many boats were damaged", no date.
        "When was the ferry service suspended after the storm?",
        # An open question: any sentence holding its words would pass.
        "Why was the ferry service suspended after the storm?",
        # Two figures: which one counts the volunteers is for the reader to pick.
        "How many volunteers did the Harbour Trust send to the quay with two boats?",
        # "According to" names a teller, not a place.
        "Where did the Harbour Trust send the volunteers?",
        # Too few words to pin one sentence.
        "Who opened it?",
    ],
)
def test_no_sentence_restates_a_question_it_does_not_answer(question: str) -> None:
    assert restating_sentences(question, _sentences()) == []


def test_a_phrase_naming_the_source_is_not_content() -> None:
    assert (
        without_source("According to the Brask Courier report, who opened the hall?")
        == "who opened the hall?"
    )
    assert without_source("Where is the quay, as described in the second article?") == "Where is the quay?"
