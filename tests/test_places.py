"""A claim must put a place where its source puts it: after the same "from", "to" or "near"."""

from __future__ import annotations

import pytest

from service.grounding.places import misplaced

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
