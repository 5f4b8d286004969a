"""The evidence budget follows the question: several things asked get more evidence."""

from __future__ import annotations

import pytest

from service.grounding.packing import evidence_budget, is_broad


@pytest.mark.parametrize(
    ("question", "broad"),
    [
        ("How many sappers did North Korea pledge?", False),
        ("Who leads the inquiry?", False),
        ("When was the order lifted, and how many residents did it cover?", True),
        ("Which four agencies were working together in the valley?", True),
        ("How do the two outlets' death tolls compare?", True),
        ("Do the articles differ on the number of evacuees?", True),
        ("List the towns that were evacuated.", True),
    ],
)
def test_broad_questions(question: str, broad: bool) -> None:
    assert is_broad(question) is broad
    assert evidence_budget(question, 350, 500) == (500 if broad else 350)
