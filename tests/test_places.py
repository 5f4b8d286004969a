"""A claim must put a place where its source puts it: after the same "from", "to" or "near"."""

from __future__ import annotations

import pytest

from service.grounding.places import misplaced, place_untold

TRIP = "The train, carrying 212 passengers from Teskin to Morvé, left the tracks on a bend."
LINE = "Service on the Teskin–Morvé line resumed on Tuesday, 12 days after a train derailed near Korvala."


@pytest.mark.parametrize(
    ("claim", "source", "placed"),
    [
        ("The train was travelling from Morvé to Teskin.", TRIP, "from Teskin"),
        ("The train was travelling from Teskin to Morvé.", TRIP, ""),
        ("Near Teskin.", LINE, "near Korvala"),
        ("Near Korvala.", LINE, ""),
        # Who gave what to whom is a placing, too.
        ("Halvik supplied shells to Norland.", "Norland supplied shells to Halvik.", "to Halvik"),
        # A place the source's place lies in, a name the source lacks, a month, a report: no placing.
        ("Troops were sent to Norland.", "Troops were sent to Vask, in western Norland.", ""),
        ("Troops were sent to Vask.", "Troops were sent to Norland's Vask region.", ""),
        ("Troops were sent to Tessick.", "Troops were sent to Vask.", ""),
        ("The talks ran from May to June.", "The talks ran from April to June in Vask.", ""),
        ("According to Reuters, it sank.", "Reuters said, according to the coastguard, it sank.", ""),
    ],
)
def test_a_place_is_where_the_source_puts_it(claim: str, source: str, placed: str) -> None:
    assert misplaced(claim, source) == placed


@pytest.mark.parametrize(
    ("question", "told", "untold"),
    [
        # A count asked for one room is not the college's, nor a march's from it.
        (
            "How many students sat the paper in Room 14 at Harlow College?",
            "About 600 students and parents marched from Harlow College to the town hall.",
            "Room 14",
        ),
        (
            "How many students sat the paper in Room 14 at Harlow College?",
            "In Room 14 at Harlow College, 31 students sat the paper.",
            "",
        ),
        # What kind of place it is needs no repeating; a month dates; other questions narrow nothing.
        ("How many patients were treated at Tansey Hospital?", "Tansey treated 40 patients.", ""),
        ("How many patients were treated in March?", "In all, 40 patients were treated.", ""),
        ("Who treated the patients at Tansey Hospital?", "Doctors from Velmont treated them.", ""),
        # A possessive names the owner, told by its name alone.
        ("How many firms got payments from OMTA's scheme?", "OMTA said 74 firms had been paid.", ""),
    ],
)
def test_a_count_for_a_named_place_is_told_beside_it(question: str, told: str, untold: str) -> None:
    assert place_untold(question, told) == untold


def test_a_place_the_whole_article_is_about_is_named_in_its_lead() -> None:
    question = "How much ransom did the attackers demand from the Ferrow Valley network?"
    told = "The attackers have demanded a ransom of 4.5 million dunars."
    assert place_untold(question, told) == "Ferrow Valley"
    lead = "Ransomware shuts hospitals. A ransomware attack has shut down the Ferrow Valley network."
    assert place_untold(question, told, lead) == ""
