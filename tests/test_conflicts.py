"""Conflicts between outlets' figures, found from the text of any story: what is counted, over which
stretch, on which day, and told when. The real embedding model reads the clauses."""

from __future__ import annotations

import pytest

from service.components.backends import EmbeddingBackend
from service.grounding.conflicts import ConflictFinder, cite, currencies_told, describe, mentions
from service.grounding.kinds import count_kind
from service.grounding.model import Citation, SourceSentence


def _sentence(article: str, text: str) -> SourceSentence:
    return SourceSentence(article, article.title(), 0, len(text), text)


@pytest.fixture(scope="module")
def finder(embedding_backend: EmbeddingBackend) -> ConflictFinder:
    return ConflictFinder(embedding_backend.model)


def _values(found: list[list]) -> list[set[float]]:
    return [{m.quantity.low for m in group} for group in found]


def test_a_count_in_a_clause_about_money_teaches_no_currency(finder: ConflictFinder) -> None:
    # "2,400 households had joined a compensation claim" reads as money by its clause; were
    # "household" learned as a currency, every count of households would be a sum, and no longer
    # bear on "How many households …?".
    claim = _sentence(
        "wire", "A law firm said 2,400 households had joined a compensation claim against the utility."
    )
    fine = _sentence("wire", "The regulator could impose a fine of up to 1.2 million florets on the utility.")
    found = [m for s in (claim, fine) for m in mentions(s)]
    assert currencies_told(found) == {"floret"}
    sentences = [
        claim,
        fine,
        _sentence(
            "courier", "About 3,100 households lost power in the first week of the storm, the utility said."
        ),
        _sentence(
            "herald",
            "The utility told councillors that 4,200 households lost power in the first week of the storm.",
        ),
    ]
    groups = finder.find(sentences)
    assert _values(groups) == [{3100.0, 4200.0}]
    assert all(m.kind == "count" for m in groups[0])
    question = "How many households lost power in the first week of the storm?"
    assert finder.relevant(groups[0], question, "About 3,100 households lost power in the first week.")


def test_one_days_count_and_a_total_by_a_day_are_not_a_weeks_count(finder: ConflictFinder) -> None:
    # Monday's diversions, the total by Thursday morning, and two outlets' counts for the first
    # week: only the week's two counts are one quantity.
    sentences = [
        _sentence(
            "wire",
            "Ambulances carrying 74 patients were diverted on Monday to two hospitals outside the city, the"
            " ambulance service said.",
        ),
        _sentence(
            "local",
            "By Thursday morning, 310 patients had been diverted by ambulance to hospitals outside"
            " the network.",
        ),
        _sentence(
            "daily",
            "Figures from the ambulance service show that 640 patients were diverted by ambulance to"
            " hospitals outside the network in the first week after the attack.",
        ),
        _sentence(
            "broadcaster",
            "The minister told the committee that 470 patients had been diverted by ambulance to other"
            " hospitals in the first week after the attack.",
        ),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{470.0, 640.0}]
    # Nor do the week's differing counts bear on a question about one day.
    day = "How many patients were diverted by ambulance on the Monday of the attack?"
    assert not finder.relevant(found[0], day, "74 patients were diverted on Monday.")
    week = "How many patients were diverted by ambulance in the first week after the attack?"
    assert finder.relevant(found[0], week, "640 patients were diverted in the first week after the attack.")
    # Without the week's counts, Monday's 74 is not the total by Thursday.
    assert finder.find(sentences[:2]) == []


def test_when_a_figure_was_told_is_not_the_time_it_is_of(finder: ConflictFinder) -> None:
    # "told lawmakers last week" dates the telling: the cost told is the one the other outlet gives
    # from the same hearing. A long qualifier does not hide what rose ("the cost of …").
    told = _sentence(
        "wire", "The network told lawmakers last week that the recovery would cost 27 million dunars."
    )
    risen = _sentence(
        "broadcaster",
        "The cost of recovering from the attack on the hospital network has risen to 23.5 million dunars,"
        " its finance director told deputies on Wednesday.",
    )
    assert _values(finder.find([told, risen])) == [{23.5e6, 27e6}]
    # Last year's harvest is of another year, whoever tells of it.
    harvest = [
        _sentence("courier", "The cooperative said last year's harvest was 40 tonnes."),
        _sentence("herald", "The cooperative's harvest reached 55 tonnes, its chairman said."),
    ]
    assert finder.find(harvest) == []


def test_differing_lengths_are_shown_with_their_unit(finder: ConflictFinder) -> None:
    sentences = [
        _sentence("weekly", "The booking system came back online on Monday, after 14 days offline."),
        _sentence("wire", "Its booking system was offline for 17 days, the company said."),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{14.0, 17.0}]

    def citation(source: SourceSentence) -> Citation:
        n = sentences.index(source) + 1
        return Citation(n, source.article_id, source.title, source.text, source.start, source.end)

    told = describe(cite(found, citation))
    assert "14 days according to" in told and "17 days according to" in told


def test_how_long_something_lasted_up_to_an_event_is_a_length(finder: ConflictFinder) -> None:
    # "for about 11 hours before it was removed" is how long, not a moment before the removal; and
    # how long a file "remained" online is a length, not what is left.
    sentences = [
        _sentence(
            "wire",
            "According to the agency, the file was online for about 11 hours before the site's operator"
            " removed it on Tuesday.",
        ),
        _sentence(
            "daily",
            "A timeline seen by the paper shows that the file remained accessible online for almost"
            " 14 hours.",
        ),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{11.0, 14.0}]
    assert found[0][0].topic == "hours online"  # what the hours are of, not "hours"
    # A moment told before an event is still not how long something lasted.
    before = [
        _sentence("wire", "The warning reached the agency two hours before the file was removed."),
        _sentence("daily", "The file was online for almost 14 hours."),
    ]
    assert finder.find(before) == []


def test_those_arrested_are_not_those_charged(finder: ConflictFinder) -> None:
    arrested = _sentence(
        "daily", "Police investigating the theft arrested three people on Friday after raiding a warehouse."
    )
    charged = _sentence("wire", "Prosecutors have charged two people over the theft of the paintings.")
    assert finder.find([arrested, charged]) == []
    detained = _sentence("local", "Officers detained four people in a raid on a warehouse on Friday.")
    assert _values(finder.find([arrested, detained])) == [{3.0, 4.0}]
    # A price charged is a sum, not a charge brought.
    assert count_kind("the gallery charged visitors 45 euros for the tour") == "money"


def test_a_sum_is_shown_as_what_it_pays(finder: ConflictFinder) -> None:
    sentences = [
        _sentence(
            "wire", "The attackers have demanded a ransom of 4.5 million dunars, two people familiar said."
        ),
        _sentence("weekly", "The ransom note demanded a ransom of 6 million dunars in bitcoin."),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{4.5e6, 6e6}]
    assert found[0][0].topic == "ransom"


def test_totals_by_one_day_told_two_ways_may_differ(finder: ConflictFinder) -> None:
    # "by March 18" and "by Thursday" (a Thursday, March 18): two outlets' totals by one day.
    sentences = [
        _sentence(
            "weekly", "Police had arrested four people by March 18, according to the prosecutor's office."
        ),
        _sentence(
            "daily",
            "By Thursday, police had arrested five people in connection with the theft, a source said.",
        ),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{4.0, 5.0}]
    # A day or month the question dates by is no name each article must hold.
    question = "How many people had police arrested over the theft by Thursday, March 18?"
    answer = "Police had arrested five people by Thursday, March 18."
    articles = {s.article_id: s.text for s in sentences}
    assert finder.relevant(found[0], question, answer, {}, articles)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Another group of the same things, told as such.
        (
            ("weekly", "Two paintings were found in a garage on March 16, the police said."),
            (
                "wire",
                "Three other paintings were damaged when the thieves tried to cut them from their frames.",
            ),
        ),
        # A choice put in words, not a count.
        (
            ("daily", '"Four guards or forty, nobody can stop a ladder and an axe," she said.'),
            ("local", "The museum employs 58 guards in total, according to the union."),
        ),
        # A usual level, not one day's.
        (
            ("local", "The museum usually receives about 3,800 visitors a day."),
            ("broadcaster", "The museum said 6,300 visitors came through on Tuesday."),
        ),
    ],
)
def test_figures_of_other_things_are_no_conflict(
    finder: ConflictFinder, one: tuple[str, str], other: tuple[str, str]
) -> None:
    assert finder.find([_sentence(*one), _sentence(*other)]) == []


def test_a_sum_asked_as_paid_is_not_a_cover_limit(finder: ConflictFinder) -> None:
    sentences = [
        _sentence(
            "weekly", "The insurer's policy covers the works up to 25 million marels, two people said."
        ),
        _sentence(
            "daily", "The paintings are insured under a policy that covers them up to 40 million marels."
        ),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{25e6, 40e6}]
    answer = "The insurer's policy covers the works up to 25 million marels."
    assert not finder.relevant(found[0], "How much money has the insurer paid the museum so far?", answer)
    assert finder.relevant(found[0], "How much does the insurer's policy cover the works for?", answer)


def test_a_partitive_counts_the_noun_after_it(finder: ConflictFinder) -> None:
    # "five of the nine stolen paintings" counts paintings: differing arrests do not bear on it.
    sentences = [
        _sentence(
            "weekly", "Police had arrested four people by March 18, according to the prosecutor's office."
        ),
        _sentence("daily", "By March 18, police had arrested five people in connection with the theft."),
    ]
    found = finder.find(sentences)
    assert _values(found) == [{4.0, 5.0}]
    answer = "Five of the nine stolen paintings have now been recovered, police said."
    assert not finder.relevant(
        found[0], "In which town did police find the first of the stolen paintings?", answer
    )
    arrests = "Police had arrested five people by March 18."
    assert finder.relevant(found[0], "How many people had police arrested by March 18?", arrests)


def test_a_sentence_that_sets_its_figure_against_another_outlets_tells_a_conflict(
    finder: ConflictFinder,
) -> None:
    # "11 works, not the nine announced by police" disputes the police's "nine paintings", whatever
    # nouns the two count in; "far below the figure of 180 million" disputes the other estimate.
    sentences = [
        _sentence(
            "wire", "Thieves broke into the museum early on Monday and stole nine paintings, police said."
        ),
        _sentence(
            "weekly",
            "The thieves took 11 works, not the nine announced by police, according to an inventory.",
        ),
        _sentence(
            "weekly",
            "Dealers put the combined value of the stolen works at about 65 million marels, far below the"
            " figure of 180 million marels attributed last week by the Ledger.",
        ),
        _sentence(
            "daily", "The stolen paintings are worth about 180 million marels, according to an official."
        ),
    ]
    assert sorted(_values(finder.find(sentences)), key=min) == [{9.0, 11.0}, {65e6, 180e6}]
    # Without the sentence's own contrast, nine paintings and eleven works are two counts.
    plain = _sentence("weekly", "The thieves took 11 works, according to an internal inventory.")
    assert finder.find([sentences[0], plain]) == []


def test_the_figures_that_changed_a_toll_are_not_a_toll(finder: ConflictFinder) -> None:
    """ "The death toll rose to four from two after two people pulled from the snow died" gives four
    as the toll; it agrees with the other outlet's four, and only the third outlet's five differs."""
    sentences = [
        _sentence(
            "wire",
            "Police said the death toll rose to four from two on Saturday evening after two people "
            "pulled from the snow died at the scene.",
        ),
        _sentence("post", "Rescue teams dug through the night where the avalanche killed four people."),
        _sentence("courier", "Five people died as a result of the avalanche, according to the Courier."),
    ]
    groups = finder.find(sentences)
    assert [sorted(v) for v in _values(groups)] == [[4.0, 5.0]]
    assert all(m.source.article_id != "wire" or m.quantity.low == 4.0 for m in groups[0])


def test_the_initial_search_is_the_search(finder: ConflictFinder) -> None:
    """ "the initial search on the slope lasted 22 hours" and "The search had lasted 19 hours" are
    two outlets' lengths of one search, not a search at another time."""
    sentences = [
        _sentence(
            "inspectorate",
            "It said the first rescue team reached the debris 14 minutes after the slide, and that the "
            "initial search on the slope lasted 22 hours.",
        ),
        _sentence("post", "The search had lasted 19 hours."),
    ]
    assert _values(finder.find(sentences)) == [{19.0, 22.0}]


def test_a_sum_is_named_by_what_it_pays_before_or_after_it(finder: ConflictFinder) -> None:
    sentences = [
        _sentence(
            "ledger", "Haldor announced emergency aid of 6 million marels for the town and the victims."
        ),
        _sentence("wire", "The government has approved 8 million marels in emergency aid for the town."),
        # (a sum told as paid teaches the invented currency)
        _sentence("wire", "The owner said it had made advance payments totalling 1.5 million marels."),
    ]
    groups = finder.find(sentences)
    assert _values(groups) == [{6e6, 8e6}]
    assert {m.topic for m in groups[0]} == {"emergency aid"}
    question = "How much emergency aid has the government provided for the town?"
    assert finder.relevant(
        groups[0], question, "The government has approved 8 million marels in emergency aid."
    )


def test_a_count_given_beside_the_answer_does_not_bring_its_conflict(finder: ConflictFinder) -> None:
    """ "13 people were buried by the slide. Eight were dug out alive." answers "How many people were
    dug out alive?" with eight: the differing counts of the buried are not what was asked."""
    groups = finder.find(
        [
            _sentence("wire", "He said 11 people were buried by the avalanche."),
            _sentence("post", "According to the rescue corps, 13 people were buried by the slide."),
        ]
    )
    answer = "According to the rescue corps, 13 people were buried by the slide. Eight were dug out alive."
    assert not finder.relevant(groups[0], "How many people were dug out of the avalanche alive?", answer)
    assert finder.relevant(groups[0], "How many people were buried by the avalanche?", answer)


def test_a_measure_asked_is_not_answered_by_differing_counts(finder: ConflictFinder) -> None:
    """ "How deep was the debris where the victims were buried?" asks a depth: two outlets' tolls
    are not about it; two outlets' widths of the slide are about "How wide …?"."""
    tolls = finder.find(
        [
            _sentence("wire", "Four people were killed in the avalanche, which struck the run on Saturday."),
            _sentence("courier", "Five people died as a result of the avalanche, according to the Courier."),
        ]
    )
    assert not finder.relevant(
        tolls[0], "How deep was the avalanche debris where the victims were buried?", ""
    )
    widths = finder.find(
        [
            _sentence("courier", "The avalanche was about 600 metres wide, according to the rescue corps."),
            _sentence("broadcast", "The chief inspector said the slab was 750 metres wide."),
        ]
    )
    assert finder.relevant(widths[0], "How wide was the avalanche?", "")


def test_one_teller_asked_and_another_dimension_bring_no_conflict(finder: ConflictFinder) -> None:
    widths = finder.find(
        [
            _sentence("courier", "The avalanche was about 600 metres wide, according to the rescue corps."),
            _sentence("broadcast", "The chief inspector said the slab was 750 metres wide."),
        ]
    )
    assert not finder.relevant(
        widths[0], "How deep was the avalanche debris where the victims were buried?", ""
    )
    question = "According to the Hessandry Courier, how wide was the avalanche?"
    assert not finder.relevant(widths[0], question, "The avalanche was about 600 metres wide.")
    question = "According to the articles, how wide was the avalanche?"
    assert finder.relevant(widths[0], question, "The avalanche was about 600 metres wide.")


def test_a_toll_told_in_one_word_is_a_toll_and_hours_since_an_event_a_length(finder: ConflictFinder) -> None:
    """ "21 were rescued alive and five died" and "six died and 20 were rescued": "five died" says
    what it counts by its kind, however short its clause. "68 hours after the collapse" is how long
    after it, not a period a count covers."""
    groups = finder.find(
        [
            _sentence("radio", "Of the 26 men trapped in the collapse, 21 were rescued alive and five died."),
            _sentence("dispatch", "Of the 26 miners trapped, six died and 20 were rescued."),
        ]
    )
    assert {5.0, 6.0} in _values(groups)
    since = [
        m
        for m in mentions(_sentence("courier", "The last survivor was reached 68 hours after the collapse."))
    ]
    assert [m.quantity.low for m in since] == [68.0]
    head = mentions(
        _sentence("wire", "A roof collapse trapped 23 miners about 620 metres below the surface.")
    )
    assert head[0].topic == "miners"


def test_a_sum_is_named_by_the_act_that_pays_it() -> None:
    fined = (
        "The inspectorate fined Kestrow Mining Services 2.4 million marels last November over roof support."
    )
    assert [m.topic for m in mentions(_sentence("ledger", fined))] == ["fine"]
    both = "The council spent 3 million euros on repairs, and fined the firm 2 million euros."
    assert [m.topic for m in mentions(_sentence("wire", both))] == ["spending", "fine"]


def test_how_far_work_had_got_by_a_day_is_not_its_finished_figure(finder: ConflictFinder) -> None:
    """ "54 metres had been completed by Wednesday evening" is how far the work had got, not another
    outlet's figure for a tunnel "finished at 84 metres", however alike the two clauses read."""
    progress = _sentence(
        "courier",
        "The brigade said the tunnel was planned at 90 metres and that 54 metres had been completed by "
        "Wednesday evening.",
    )
    finished = _sentence(
        "radio", "Rescuers reached the survivors through a tunnel that engineers finished at 84 metres."
    )
    a = next(m for m in mentions(progress) if m.quantity.low == 54)
    b = next(m for m in mentions(finished) if m.quantity.low == 84)
    assert finder._score(a, b, 1.0, 1.0, 1.0) == 0.0


def test_a_day_asked_and_a_month_counted_back(finder: ConflictFinder) -> None:
    """ "How many rescuers were working on Thursday?" is not about two outlets' counts for Tuesday;
    "fined … last November", in a March 2026 report, may be the November 2025 a question asks about."""
    rescuers = finder.find(
        [
            _sentence(
                "wire", "The brigade said it had deployed 140 rescuers to the site by Tuesday afternoon."
            ),
            _sentence("courier", "The brigade said it had sent 160 rescuers to the mine on Tuesday."),
        ]
    )
    assert not finder.relevant(rescuers[0], "How many rescuers were working at the mine on Thursday?", "")
    assert finder.relevant(rescuers[0], "How many rescuers were sent to the mine on Tuesday?", "")
    fines = finder.find(
        [
            _sentence(
                "ledger", "The inspectorate fined Kestrow 2.4 million marels last November over roof support."
            ),
            _sentence(
                "wire", "Kestrow had been fined 2.9 million marels by the inspectorate in November 2025."
            ),
        ]
    )
    question = "How much was Kestrow fined by the inspectorate in November 2025?"
    assert finder.relevant(fines[0], question, "2.4 million marels", years={"ledger": 2026, "wire": 2026})
