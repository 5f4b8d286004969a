"""The support check and conflict finding on news they were not written for (real embedding model)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.components.backends import EmbeddingBackend
from service.grounding.asked import gives_what_was_asked
from service.grounding.conflicts import (
    ConflictFinder,
    cite,
    counted_words,
    describe,
    fraction_mentions,
    head_noun,
    length_mentions,
    mentions,
)
from service.grounding.doers import (
    absent_actor,
    other_doer,
    owned_by_another,
    pronoun_of_another,
    roles_swapped,
)
from service.grounding.figure_checks import ages_verdict, plans_verdict
from service.grounding.figures import figure_frames, figure_sides
from service.grounding.kinds import count_kind
from service.grounding.model import Citation, SourceSentence
from service.grounding.numbers import values
from service.grounding.periods import clock_times, period_hours
from service.grounding.questions import asked_category, asked_counted, relation_word
from service.grounding.roles import asked_role, given_title, person_asked_about
from service.grounding.speakers import (
    asked_teller_unlike,
    quoted_speaker,
    speaker_of_quotation,
    teller_not_doer,
)
from service.grounding.support import SupportChecker, detail_elsewhere
from service.grounding.words import stem

TOLL = "Rescuers evacuated 2,300 residents; 14 people died and 41 were injured."
OPERATOR = "The dam is operated by Norvale Hydro, a state-owned company."


@pytest.fixture(scope="module")
def checker(embedding_backend: EmbeddingBackend) -> SupportChecker:
    return SupportChecker(embedding_backend.model)


def test_a_sentence_copied_whole_may_give_other_dates_to_their_own_acts(checker: SupportChecker) -> None:
    # It dates the act asked about, and gives another date to the report; "and" between two names
    # joins them and opens no clause.
    source = (
        "The report, prepared by the contractor's engineers and dated March 12, says about 4,000 cubic "
        "metres of water entered the northern bore between Halden Road and Merrow Park stations early "
        "on March 1."
    )
    around = "The flooding halted tunnelling on the line for 19 days."
    question = "On what date did the northern tunnel flood?"
    # "March 1" is a whole date, not the start of "March 12".
    assert checker.check(source, source, around, asked=question).supported
    wrong = checker.check("The northern tunnel flooded on March 12.", source, around, asked=question)
    assert not wrong.supported
    # Read with its question, the copy dates the act asked about; the report's date is its own.
    asked = "When did water enter the northern bore?"
    assert detail_elsewhere(source, source, asked) == ""
    assert detail_elsewhere("Water entered the northern bore on March 12.", source, asked) == "March 12"


# Each: a source, a wrong claim with its question and a word of the reason it is refused for, and
# (if any) a right claim with its question. Decided by the structured checks: the judge says yes.
TOLD_OF_ANOTHER = [
    # A final report is not the preliminary findings.
    (
        "Benedek Lorne, chief inspector of the Rail Safety Inspectorate (RSI), told the committee his team "
        "had interviewed 40 people about the February 2 flooding and expected to publish preliminary "
        "findings by the end of March.",
        "On what date will the Rail Safety Inspectorate publish its final report on the flooding?",
        "The Rail Safety Inspectorate will publish its final report on the flooding by the end of March.",
        "preliminary",
        "When will the Rail Safety Inspectorate publish its preliminary findings?",
        "The Rail Safety Inspectorate (RSI) will publish preliminary findings by the end of March.",
    ),
    # "its revenue" after "Drummaveld's order book" is Drummaveld's.
    (
        "Drummaveld's order book stood at 9.1 billion talvek at the end of 2025, and its revenue for the "
        "year was 3.8 billion talvek.",
        "What was Vorrin Tunnelling's revenue in 2025?",
        "Vorrin Tunnelling's revenue in 2025 was 3.8 billion talvek.",
        "Drummaveld",
        None,
        None,
    ),
    # A thing handed to one named recipient is not handed to another.
    (
        "He disclosed that the inspectorate had issued three improvement notices to Vorrin Tunnelling, the "
        "line's tunnelling subcontractor, during 2025, all relating to groundwater monitoring.",
        "How many improvement notices did the inspectorate issue to Drummaveld Construction?",
        "The inspectorate issued three improvement notices to Drummaveld Construction during 2025.",
        "Vorrin Tunnelling",
        "How many improvement notices did the inspectorate issue to Vorrin Tunnelling?",
        "The inspectorate issued three improvement notices to Vorrin Tunnelling during 2025.",
    ),
    # A name made of two others: every word is there, but no one is called that. (A name with a word
    # left out, "Deputy Minister Viktor Goremykin" of "Deputy Defence Minister …", is the same name.)
    (
        "Castellane Security Print, where the paper was printed, is one of Kessmouth's largest private "
        "employers.",
        "Which company printed the paper?",
        "Kessmouth Security Print printed the paper.",
        "names no Kessmouth Security Print",
        "Which company printed the paper?",
        "Castellane Security Print printed the paper.",
    ),
    # "X, whose petition …": the petition is X's, not another body's the question names.
    (
        "The students' demand is backed by the National Parents' Federation, whose online petition had "
        "gathered 12,400 signatures by Wednesday evening.",
        "How many signatures did the Ambrevian School Students' Union's petition gather?",
        "The Ambrevian School Students' Union's petition gathered 12,400 signatures.",
        "National Parents' Federation",
        "How many signatures did the National Parents' Federation's petition gather?",
        "The National Parents' Federation's online petition had gathered 12,400 signatures.",
    ),
    # A sum the source gives for one thing is not claimed as another.
    (
        "Drummaveld has asked OMTA to pay 640 million talvek for extra work it says was caused by the "
        "authority's design changes and slow approvals.",
        "How much in late-completion penalties has OMTA charged Drummaveld?",
        "OMTA has charged Drummaveld 640 million talvek in late-completion penalties.",
        "extra work",
        "How much has Drummaveld asked OMTA to pay?",
        "Drummaveld has asked OMTA to pay 640 million talvek for extra work.",
    ),
]


@pytest.mark.parametrize(("source", "asked", "wrong", "why", "asked_right", "right"), TOLD_OF_ANOTHER)
def test_a_claim_the_source_tells_of_another_is_refused(
    checker: SupportChecker,
    source: str,
    asked: str,
    wrong: str,
    why: str,
    asked_right: str | None,
    right: str | None,
) -> None:
    lenient = SupportChecker(checker.embeddings, lambda claim, passage: True)
    verdict = lenient.check(wrong, source, "", asked=asked)
    assert not verdict.supported and why in verdict.reason, verdict
    if right is not None:
        assert lenient.check(right, source, "", asked=asked_right or "").supported


def test_a_name_told_in_another_form_is_the_same_name(checker: SupportChecker) -> None:
    # "Russia's Security Council" is "the Russian Security Council"; a curly apostrophe is a straight one.
    lenient = SupportChecker(checker.embeddings, lambda claim, passage: True)
    source = "Sergei Shoigu, secretary of the Russian Security Council, arrived in South Korea’s capital."
    claim = "Sergei Shoigu is the secretary of Russia's Security Council."
    assert lenient.check(claim, source, "", asked="What position does Sergei Shoigu hold?").supported


def test_each_figure_owns_its_clause() -> None:
    frames = dict(figure_frames(TOLL))
    assert {"evacu", "resid"} <= frames[2300.0]
    assert frames[14.0] == {"died"}
    assert frames[41.0] == {"injur"}


@pytest.mark.parametrize(
    ("claim", "question", "supported"),
    [
        ("14 people died.", "", True),
        ("2,300 residents were evacuated.", "", True),
        ("2,300 people died.", "", False),  # the figure counts evacuations, not deaths
        ("2,300.", "How many people died?", False),  # a short answer carries its question's claim
        ("14.", "How many people died?", True),
        ("41 people died.", "", False),
    ],
)
def test_a_figure_must_count_what_the_claim_says(
    checker: SupportChecker, claim: str, question: str, supported: bool
) -> None:
    assert checker.check(claim, TOLL, "", question).supported is supported


RESCUE = "Of the 212 passengers on board, 190 were rescued."
ARRESTS = "Police arrested 41 people, 12 of whom were later released."
DIRECTORATE = "The directorate said 34 people had died and 118 were injured in the flood."
PLEDGE = (
    "Pyongyang would send 1,000 military sappers to clear mines and 5,000 military construction"
    " workers to rebuild infrastructure."
)


@pytest.mark.parametrize(
    ("claim", "question", "supported"),
    [
        ("Norvale Hydro operates the dam.", "", True),
        ("Norvale Hydro designed the dam.", "", False),  # the operator is not the designer
        ("Norvale Hydro.", "Who designed the dam?", False),
    ],
)
def test_the_relation_must_be_stated(
    checker: SupportChecker, claim: str, question: str, supported: bool
) -> None:
    assert checker.check(claim, OPERATOR, "", question).supported is supported


@pytest.mark.parametrize(
    ("claim", "source", "asked", "supported"),
    [
        # A year dates the treaty; it counts nothing, so it cannot "count something else".
        (
            "The 2019 Vey–Brandt accord has 14 clauses.",
            "Clause 3 of the 14-clause accord states that both towns share the reservoir.",
            "How many clauses does the 2019 Vey–Brandt accord have?",
            True,
        ),
        # A full name is covered by the surname the source uses; the figure sits among the claim's
        # own words for it ("meeting", "Brandt", "hours") even though "lasted" is not in the source.
        (
            "The meeting between Tessa Brandt and Olin Vey lasted two hours.",
            "The two-hour meeting between Brandt and Vey was their second this month.",
            "How long did the meeting between Brandt and Vey last?",
            True,
        ),
        # "six separate tests": a count, though "sep" begins a month's name.
        (
            "Vey's army held six separate weapons tests this year.",
            "This year has already seen six separate weapons tests by Vey's army.",
            "How many weapons tests did Vey's army hold this year?",
            True,
        ),
        # Every word is in the sentence, but "ferry" belongs to another part of it.
        (
            "The first direct ferry between Lowmarrow and Penhold since 2019 had recently sailed.",
            "The first direct train between Lowmarrow and Penhold since 2019 had recently sailed,"
            " with plans to restart a direct ferry next spring.",
            "When did the first direct ferry between Lowmarrow and Penhold sail?",
            False,
        ),
        # The figure's words are there, but not what the claim says it is.
        (
            "The peak flow through the broken spillway was 18,000 tonnes of rock.",
            "Crews have dropped 18,000 tonnes of rock against the broken training wall since Wednesday.",
            "What was the peak flow through the broken spillway?",
            False,
        ),
        # The operator is named next door; this sentence does not say who rebuilt the spillway.
        (
            "Norvale Hydro rebuilt the auxiliary spillway in 2009.",
            "The auxiliary spillway was rebuilt in 2009.",
            "Who rebuilt the auxiliary spillway in 2009?",
            False,
        ),
        # Pledged is not done.
        (
            "Vey's army has sent 400 engineers to the valley.",
            "Under the accord, Vey's army pledged to send 400 engineers to the valley.",
            "How many engineers has Vey's army sent to the valley?",
            False,
        ),
        (
            "Vey's army will send 400 engineers to the valley.",
            "Under the accord, Vey's army pledged to send 400 engineers to the valley.",
            "How many engineers will Vey's army send to the valley?",
            True,
        ),
        # ... but the same words around another figure do not confirm it.
        (
            "The meeting between Tessa Brandt and Olin Vey lasted five hours.",
            "The two-hour meeting between Brandt and Vey was their second this month.",
            "How long did the meeting between Brandt and Vey last?",
            False,
        ),
    ],
)
def test_names_and_dates_given_by_the_question(
    checker: SupportChecker, claim: str, source: str, asked: str, supported: bool
) -> None:
    assert checker.check(claim, source, "", "", asked=asked).supported is supported


_HERD = (
    "The union's 212 member farms produce about 730,000 litres of milk a day. Orla Brannick, who"
    " milks 90 cows near the town, said she had sold nothing since Monday."
)


@pytest.mark.parametrize(
    ("claim", "source", "asked", "supported"),
    [
        # A figure of one owner's is not another's: the union's farms are not Orla Brannick's farm,
        # and a rival's shares are not the firm's.
        (
            "Orla Brannick's farm produces about 730,000 litres of milk a day.",
            "The union's 212 member farms produce about 730,000 litres of milk a day.",
            "How many litres of milk a day does Orla Brannick's farm produce?",
            False,
        ),
        (
            "9 percent",
            "Shares in Velder Foods, Kessa Dairy's main rival, have risen 9 percent since the recall.",
            "By how much have Kessa Dairy's shares moved since the recall?",
            False,
        ),
        # ... while the firm told as "the company", or by a part of its name, is the asked one.
        (
            "9 percent",
            "The company's shares have fallen 9 percent since the recall.",
            "By how much have Kessa Dairy's shares moved since the recall?",
            True,
        ),
        (
            "Kessa Dairy's shares have fallen 9 percent since the recall.",
            "Shares in Kessa have fallen 9 percent since the recall.",
            "By how much have Kessa Dairy's shares moved since the recall?",
            True,
        ),
    ],
)
def test_a_figure_is_the_owners_the_source_gives_it_as(
    checker: SupportChecker, claim: str, source: str, asked: str, supported: bool
) -> None:
    assert checker.check(claim, source, "", "", asked=asked, article=_HERD).supported is supported


def test_a_days_order_is_when_it_was_given_not_whose() -> None:
    source = "Monday's order extends the recall to all 27 products made at the plant."
    assert owned_by_another("What did Kessa Dairy's order add to the recall?", source) == ""
    assert owned_by_another("What did Kessa Dairy's order add?", "Velder's order adds 40 jars.") == "Velder"


def test_an_actor_named_next_door_counts_when_the_sentence_refers_to_it(checker: SupportChecker) -> None:
    claim = "Norvale Hydro rebuilt the auxiliary spillway in 2009."
    before = "Norvale Hydro has run the dam since 1974."
    assert checker.check(claim, "It rebuilt the auxiliary spillway in 2009.", before).supported is True
    assert checker.check(claim, "The auxiliary spillway was rebuilt in 2009.", before).supported is False


def test_an_actor_opened_by_the_is_still_the_actor(checker: SupportChecker) -> None:
    """ "The Harbour Relief Society opened the hall", cited to the sentence saying the mayor did, with
    the society named in the sentence before: the names next door do not make it the one who acted."""
    source = "The town's mayor, Ivo Brandt, opened the sports hall to relatives waiting for news."
    context = f"The Harbour Relief Society set up a tent at the quay. {source}"
    claim = "The Harbour Relief Society opened the sports hall to relatives waiting for news."
    assert checker.check(claim, source, context=context).supported is False
    assert checker.check("Ivo Brandt opened the sports hall.", source, context=context).supported is True
    assert absent_actor(claim, source) == "Harbour Relief Society"
    # A month opening the claim is no actor.
    meeting = "The two-hour meeting between Brandt and Vell was their second in a month."
    assert absent_actor("The June meeting between Brandt and Vell lasted two hours.", meeting) is None


BRIDGE = "Engineers from Halvik Works designed the bridge, which the city council opened in 2019."


@pytest.mark.parametrize(
    ("claim", "question", "asked", "supported"),
    [
        ("Halvik Works.", "Who designed the bridge?", "", True),
        ("The city council.", "Who designed the bridge?", "", False),  # it opened the bridge
        ("The city council designed the bridge.", "", "Who designed the bridge?", False),
        ("The city council.", "Who opened the bridge?", "", True),
        ("Engineers from Halvik Works designed the bridge.", "", "Who designed the bridge?", True),
    ],
)
def test_the_doer_of_the_act_asked_about(
    checker: SupportChecker, claim: str, question: str, asked: str, supported: bool
) -> None:
    assert checker.check(claim, BRIDGE, "", question, asked=asked).supported is supported


HURT = "Nineteen people were injured, six of them firefighters, and four remained in hospital on Monday."


@pytest.mark.parametrize(
    ("claim", "question", "asked", "supported"),
    [
        # What a part is ("six of them firefighters") is not said of the whole ...
        ("Nineteen firefighters were injured.", "", "How many firefighters were injured?", False),
        ("Nineteen.", "How many firefighters were injured?", "", False),
        # ... which is what it is.
        ("Nineteen people were injured.", "", "How many people were injured?", True),
        ("Six firefighters were injured.", "", "How many firefighters were injured?", True),
        ("Six.", "How many firefighters were injured?", "", True),
    ],
)
def test_what_a_part_is_is_not_said_of_its_whole(
    checker: SupportChecker, claim: str, question: str, asked: str, supported: bool
) -> None:
    assert checker.check(claim, HURT, "", question, asked=asked).supported is supported


MEMORIAL = "A memorial service for the victims will be held at Orlensk Cathedral on Wednesday."
SPEED = "A police source said the coach was travelling at 67 km/h as it entered the bend."
DENIED = "Police have not officially confirmed the figure."
GUARDRAIL = "The design was approved last autumn, she said."
ON_BOARD = "The coach had 49 people on board when it left the road."


@pytest.mark.parametrize(
    ("claim", "source", "surroundings", "question", "asked", "supported"),
    [
        # What is to come, told as done.
        (
            "It was held at Orlensk Cathedral on Wednesday.",
            MEMORIAL,
            "",
            "",
            "Has the service taken place?",
            False,
        ),
        (
            "It will be held at Orlensk Cathedral on Wednesday.",
            MEMORIAL,
            "",
            "",
            "When is the service?",
            True,
        ),
        # A word a neighbour denies is not lent, and the claim that says it is refused.
        (
            "Police confirmed the coach was travelling at 67 km/h.",
            SPEED,
            DENIED,
            "",
            "What caused it?",
            False,
        ),
        ("A police source said the coach was travelling at 67 km/h.", SPEED, DENIED, "", "How fast?", True),
        # "When is it due to begin?" asks when it begins, not when something else was done.
        ("Last autumn.", GUARDRAIL, "", "When is the work due to begin?", "", False),
        (
            "In June.",
            "The work is due to begin in June, she said.",
            "",
            "When is the work due to begin?",
            "",
            True,
        ),
        # Asked how old, a figure the sentence gives as a count is no age.
        ("49.", ON_BOARD, "", "How old was the driver?", "", False),
        # Asked who said a figure, the sentence must give that figure.
        (
            "Alpenwatch.",
            "The coach fell some 60 metres into a ravine.",
            "",
            "Which outlet said it fell 80 metres?",
            "",
            False,
        ),
    ],
)
def test_done_to_come_denied_and_asked_of(
    checker: SupportChecker,
    claim: str,
    source: str,
    surroundings: str,
    question: str,
    asked: str,
    supported: bool,
) -> None:
    assert checker.check(claim, source, surroundings, question, asked=asked).supported is supported


def test_a_cut_sentence_lends_no_words_to_who_said_it(checker: SupportChecker) -> None:
    # The window around the cited sentence begins inside another speaker's sentence.
    surroundings = 'was "far too early to draw conclusions". She said aid would follow.'
    source = "Interior Minister Halina Drost announced a review of safety barriers."
    question = "Who said it was far too early to draw conclusions?"
    assert not checker.check("Interior Minister Halina Drost.", source, surroundings, question).supported


SURVIVED = "Of the 37 people who survived the crash, 30 remained in hospital on Sunday."
INJURED = "Of the 31 injured, nine were in critical condition on Saturday."
NEXT_DOOR = "Four of the dead were children, police said."


@pytest.mark.parametrize(
    ("claim", "source", "surroundings", "question", "asked", "supported"),
    [
        # A whole told first ("Of the 37 …, 30 remained") does not take what is said of its part.
        ("37 survivors were still in hospital.", SURVIVED, "", "", "How many were in hospital?", False),
        ("30 survivors were still in hospital.", SURVIVED, "", "", "How many were in hospital?", True),
        ("37 people survived the crash.", SURVIVED, "", "", "How many people survived?", True),
        # What a how-many question counts is said where the figure is, not lent next door.
        ("Nine.", INJURED, NEXT_DOOR, "How many of the dead were children?", "", False),
        ("Nine.", INJURED, NEXT_DOOR, "How many of the injured were in critical condition?", "", True),
        # A claim that tells the part too takes nothing from it.
        (
            "42 tonnes, including six tonnes of medical supplies.",
            "The plane was carrying 42 tonnes of cargo, including six tonnes of medical supplies.",
            "",
            "How much cargo was the plane carrying?",
            "",
            True,
        ),
    ],
)
def test_a_figure_counts_what_its_own_sentence_says(
    checker: SupportChecker,
    claim: str,
    source: str,
    surroundings: str,
    question: str,
    asked: str,
    supported: bool,
) -> None:
    assert checker.check(claim, source, surroundings, question, asked=asked).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # A share is no multiple, nor a multiple a share.
        ("By 3 percent.", False),
        ("To three times the safe limit.", True),
    ],
)
def test_a_share_is_no_multiple(checker: SupportChecker, claim: str, supported: bool) -> None:
    source = "Chlorine levels in the air in Halvern rose to three times the safe limit on Monday."
    assert checker.check(claim, source, "", "How high did chlorine levels rise?").supported is supported


CLEARED = "Governor Ada Brun decided late on Monday to clear the three villages, and ordered it done by dawn."


@pytest.mark.parametrize(
    ("question", "supported"),
    [
        # "gave the order" asks who ordered it: the verb only carries the act its noun names.
        ("Who gave the order to clear the three villages?", True),
        # ... and the act is still held to: no one is said to have planned it.
        ("Who drew up the plan to clear the three villages?", False),
    ],
)
def test_an_act_told_by_a_verb_and_its_noun(checker: SupportChecker, question: str, supported: bool) -> None:
    assert checker.check("Governor Ada Brun.", CLEARED, "", question).supported is supported


PLANT = "The plant, opened in 2009, was closed on 4 May after the leak."
TALKS = "The talks, first proposed in Geneva, took place in Oslo on Tuesday."
NAMED = "On Sunday, 15 March, the prime minister's office named Halina Vostrand to lead the inquiry."
QUOTE = "“We moved people first,” said Lena Odd, who replaced Carl Brin as fire chief in May."
ACCORD = "In Velmar on 3 May, Ana Brisk and Ivo Santrel signed the accord."
APOLOGY = "The ferry line's chief, Ivo Santrel, apologised to the families."
WATER = "“Half is under water,” said the town's mayor, Ivo Santrel, on the quay."
MILLS = "Harlen Mills employs 1,400 people at its plant in Oster, where it laid off 300 workers last year."


@pytest.mark.parametrize(
    ("claim", "source", "question", "supported"),
    [
        ("212 passengers were rescued.", RESCUE, "", False),  # "rescued" is said of the 190
        ("212.", RESCUE, "How many passengers were rescued?", False),
        ("190 passengers were rescued.", RESCUE, "", True),  # the noun carries to the second figure
        ("Police released 41 people.", ARRESTS, "", False),
        ("12 people were released.", ARRESTS, "", True),
        ("118 people died.", DIRECTORATE, "", False),
        ("118 people were injured in the flood.", DIRECTORATE, "", True),
        # A word of the other figure's clause ("help") beside the figure's own words is no swap.
        (
            "Pyongyang would send 5,000 military construction workers to help rebuild infrastructure.",
            PLEDGE,
            "",
            True,
        ),
        ("Pyongyang would send 1,000 sappers to rebuild infrastructure.", PLEDGE, "", False),
        ("2009.", PLANT, "When was the plant closed?", False),  # the year it opened
        ("On 4 May.", PLANT, "When was the plant closed?", True),
        ("The plant was closed in 2009.", PLANT, "", False),
        ("The plant opened in 2009.", PLANT, "", True),
        ("Geneva.", TALKS, "Where did the talks take place?", False),  # where they were proposed
        ("Oslo.", TALKS, "Where did the talks take place?", True),
        ("The talks took place in Geneva.", TALKS, "", False),
        # A date set off on its own dates the clause after it.
        ("15 March.", NAMED, "When was Halina Vostrand named?", True),
        ("3 May.", ACCORD, "When was the accord signed?", True),
        # A speaker after the quotation ("…,” said Lena Odd") is the one who said it.
        ("Carl Brin.", QUOTE, "Who said they moved people first?", False),
        ("Lena Odd.", QUOTE, "Who said they moved people first?", True),
        # An apposition before the verb is no quotation's speaker after it.
        ("Ivo Santrel.", APOLOGY, "Who apologised to the families?", True),
        ("Ivo Santrel.", WATER, "Who said half is under water?", True),
        # A "plant" is no plan: the figure is done, not planned.
        ("1,400.", MILLS, "How many people does Harlen Mills employ?", True),
    ],
)
def test_a_figure_date_place_or_speaker_belongs_to_its_own_clause(
    checker: SupportChecker, claim: str, source: str, question: str, supported: bool
) -> None:
    assert checker.check(claim, source, "", question, asked=question).supported is supported


def test_a_participle_with_by_names_its_doer_after_it(checker: SupportChecker) -> None:
    source = "The delegation arrived on Saturday, led by Deputy Minister Ivo Santrel, the agency said."
    assert checker.check("Ivo Santrel.", source, "", "Who led the delegation?").supported is True


def test_undecided_claims_go_to_the_judge(embedding_backend: EmbeddingBackend) -> None:
    asked: list[tuple[str, str]] = []

    def judge(claim: str, passage: str) -> bool:
        asked.append((claim, passage))
        return True

    checker = SupportChecker(embedding_backend.model, judge)
    # ("runs" would be decided: "operated by" says it)
    assert checker.check("Norvale Hydro manages the dam.", OPERATOR).supported is True
    assert asked == [("Norvale Hydro manages the dam.", OPERATOR)]
    # Decided by the structured checks: the judge is not asked.
    assert checker.check("2,300 people died.", TOLL).supported is False
    assert len(asked) == 1


def _sentence(article: str, text: str) -> SourceSentence:
    return SourceSentence(article, article.title(), 0, len(text), text)


def test_a_tally_since_a_time_is_not_one_days_count(embedding_backend: EmbeddingBackend) -> None:
    # Every arrest since the inquiry began, against the arrests of one raid: a tally and its part.
    raid = _sentence("courier", "Police arrested four people at the company's plant on Friday, May 15.")
    finder = ConflictFinder(embedding_backend.model)
    tally = _sentence("wire", "Police have arrested six people in total since the investigation began.")
    assert finder.find([raid, tally]) == []
    other_raid = _sentence("daily", "Police arrested six people at the company's plant on Friday, May 15.")
    assert finder.find([raid, other_raid])


def test_a_running_count_told_on_two_days_is_no_conflict(embedding_backend: EmbeddingBackend) -> None:
    # An outbreak's cases as they stood on 14 April and on 28 April: an update, not a dispute; told
    # by two outlets on the same day, or by neither as it stands "now", they disagree.
    sentences = [
        _sentence("courier", "The health agency said on Monday that 48 cases had now been confirmed."),
        _sentence("herald", "The health agency said the outbreak now stood at 60 confirmed cases."),
    ]
    finder = ConflictFinder(embedding_backend.model)
    apart = {"courier": dt.date(2026, 4, 14), "herald": dt.date(2026, 4, 28)}
    assert finder.find(sentences, apart) == []
    assert finder.find(sentences, dict.fromkeys(apart, dt.date(2026, 4, 14)))
    assert finder.find(sentences)
    # "now" told of another figure of the sentence does not make this one a running count.
    tonnes = [
        _sentence("courier", "The recall covers about 60 tonnes of jam, according to the regulator."),
        _sentence(
            "herald",
            "The regulator told MPs that the recall covered about 85 tonnes of jam, and that more than 90"
            " percent of it had now been destroyed.",
        ),
    ]
    assert finder.find(tonnes, apart)


def test_conflicts_are_found_from_the_text(embedding_backend: EmbeddingBackend) -> None:
    sentences = [
        _sentence("courier", "The civil protection agency said 34 people died in the flood."),
        _sentence("ledger", "The governor's office said 39 people died in the flood."),
        _sentence("ledger", "Some 640 people spent the night in emergency shelters."),
        _sentence("courier", "Rescuers evacuated 2,300 residents from the valley."),
        _sentence("herald", "At least 118 people were injured, the hospital said."),
    ]
    finder = ConflictFinder(embedding_backend.model)
    groups = finder.find(sentences)
    assert [{m.quantity.label() for m in g} for g in groups] == [{"34", "39"}]
    deaths = groups[0]
    assert finder.relevant(deaths, "How many people died in the flood?", "")
    assert finder.relevant(deaths, "What was the toll?", "34 people died in the flood.")
    assert finder.relevant(deaths, "How many lives were lost in the flood?", "")
    assert not finder.relevant(deaths, "When did the flood start?", "The flood started on Tuesday.")
    # A comparison of the outlets' counts asks for the figures; what the question counts must be
    # what the figures count, not a part of it or another group.
    outlets = {"courier": "The Courier", "ledger": "The Ledger"}
    asked = "Which outlet reported the higher death toll, the Courier or the Ledger?"
    assert finder.relevant(deaths, asked, "", outlets)
    assert not finder.relevant(deaths, "How many of the people who died in the flood were children?", "")
    assert not finder.relevant(deaths, "How many firefighters died in the flood?", "")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A share written with the sign counts what one written in words does.
        (
            "Turnout was 61 percent, the election commission said.",
            "Only 54% of registered voters cast a ballot.",
        ),
        # A level reached is told by the noun before it, whatever follows the figure.
        (
            "The death toll from the quake rose to 31 on Monday, officials said.",
            "At least 27 people were killed in the quake.",
        ),
        # A sum joined to its unit, a length in another metric unit, "fallen ill" (no fall).
        (
            "The council approved a budget of 84 million euros.",
            "A 79-million-euro budget was passed on Wednesday.",
        ),
        ("The bridge is 1,400 metres long.", "The 1.1-kilometre bridge links the two islands."),
        ("The new tunnel is 7.2 kilometres long.", "The 6.5-km tunnel runs under the harbour."),
        # A share is "of" something without being a part count; "homes" and "houses" are one noun.
        (
            "The bond measure won 57 percent of the vote.",
            "Sixty-two percent of voters backed the bond measure.",
        ),
        ("The tornado destroyed 60 homes in the town.", "Eighty-four houses were flattened by the twister."),
        # "Half a million", "a hundred"; a crowd told by the noun before "of"; a measure joined before
        # its figure; a length of time joined to its noun.
        (
            "Farmers culled 300,000 chickens because of the bird flu outbreak.",
            "Nearly half a million birds were culled in the bird flu outbreak.",
        ),
        (
            "The factory fire was fought by 85 firefighters.",
            "More than a hundred firefighters battled the factory blaze.",
        ),
        ("The concert was attended by 40,000 fans.", "A crowd of 55,000 watched the concert."),
        ("The quake had a magnitude of 6.1.", "The magnitude-5.8 earthquake struck before dawn."),
        ("The dock strike lasted nine days.", "The 12-day dockworkers' walkout ended on Thursday."),
        (
            "The siege at the post office lasted nine hours.",
            "The 12-hour standoff at the post office ended peacefully.",
        ),
        ("The bridge closure will last six months.", "The bridge will be shut for eight months for repairs."),
        # What the rules above must not hide: a cause is no plan, "%" is "percent", a subject is no
        # kind of its noun, a time measured from is no other time, "also" of the same noun, a year
        # both give, "nationwide" against no place, a city the capital may be.
        ("The airline cancelled 140 flights due to the strike.", "The airline cancelled 200 flights."),
        ("Sales were up 12% on the year.", "Sales were up 9 percent on the year."),
        ("Authorities evacuated 3,000 residents.", "Officials evacuated 5,000 residents."),
        (
            "At least 31 people have died since the floods began last week.",
            "The floods have killed 45 people.",
        ),
        ("Police said they had also arrested 40 people.", "Police arrested 25 people."),
        (
            "In 2024, the airline carried 12 million passengers.",
            "The airline carried 14 million passengers in 2024.",
        ),
        ("The strike shut 3,000 schools nationwide.", "The strike closed 4,500 schools."),
        ("Temperatures reached 43 degrees in the capital.", "Temperatures reached 46 degrees in Madrid."),
        # Of plural-looking words in a row, the last is the noun.
        (
            "Customs officers seized 36 rhino horns at the airport.",
            "Some 29 rhinoceros horns were confiscated by airport customs.",
        ),
        # A width told "across" and in metres abbreviated.
        (
            "The asteroid is estimated to be 340 metres wide.",
            "The space rock measures roughly 410 m across, astronomers said.",
        ),
        # A level a bare noun phrase rose to; times and power in other units; hours something took;
        # "set to" and "due to" are plans as "will" is.
        (
            "Measles cases in the district rose to 118 this month.",
            "The district has recorded ninety-four measles cases this month.",
        ),
        (
            "The rocket exploded 94 seconds after lift-off.",
            "The launcher broke apart about two minutes into the flight.",
        ),
        (
            "The fire at the recycling plant burned for 19 hours.",
            "Crews needed some 30 hours to put out the recycling plant fire.",
        ),
        (
            "Rail fares will rise by 4.8 percent in January.",
            "Train tickets are set to go up 6 per cent from January.",
        ),
        ("The new hospital will have 640 beds.", "The 720-bed hospital is due to open in 2027."),
        # "£270m" after a sign is millions; "a dozen" is twelve; a head phrase holding the other's
        # noun ("14 people hostage"); a rise "by" a percent; a forecast is an expectation too.
        (
            "The new concert hall cost 310 million euros.",
            "The €270m concert hall was finally completed this spring.",
        ),
        (
            "Gunmen held 14 people hostage in the bank.",
            "A dozen hostages were held by the gunmen inside the bank.",
        ),
        (
            "The council raised property tax by 4.5 percent.",
            "Homeowners face a 6% rise in property tax, the council decided.",
        ),
        (
            "The wheat harvest is expected to reach 21 million tonnes this year.",
            "This year's wheat crop is forecast at 18.5 million tonnes.",
        ),
        # A sum's currency says nothing of what it pays; a share reached is a share; "up" and "down"
        # a percent are changes, and "a rise" an increment.
        (
            "The regulator fined the bank 45 million dollars.",
            "The bank was ordered to pay a $52 million penalty by the regulator.",
        ),
        (
            "The kidnappers demanded a ransom of 2 million dollars.",
            "A $3.5 million ransom was demanded by the kidnappers.",
        ),
        ("The lottery jackpot stands at 74 million pounds.", "The jackpot has climbed to £68 million."),
        (
            "The reservoir is at 28 percent of capacity.",
            "The reservoir's water level has dropped to 35 percent of capacity.",
        ),
        (
            "The drought has cut rainfall by 40 percent this year.",
            "Rainfall this year is down 55 percent because of the drought.",
        ),
        (
            "Nurses were offered a pay rise of 4 percent.",
            "The government's offer to nurses amounts to a 3.5 percent wage increase.",
        ),
        (
            "The outbreak has sickened 46 residents of the care home.",
            "Thirty-eight residents of the care home have fallen ill in the outbreak.",
        ),
        # "People" says nothing of who they are, and a short clause nothing of where: the sentence
        # does. A percent after "prices" is a share, not a sum.
        (
            "The ferry was carrying 310 passengers when it ran aground.",
            "The ferry, which had 286 people on board, ran aground off the island.",
        ),
        (
            "Prices at the pump rose by 9 percent last month.",
            "Petrol became 12 percent more expensive last month.",
        ),
        # A running total told on two days is one count; so is a previous estimate of it.
        (
            "By Wednesday evening rescuers had evacuated 2,300 residents from the valley.",
            "Some 3,100 people were evacuated from the valley after the dam failed on Tuesday.",
        ),
        (
            "Previous estimates put the number of soldiers deployed at 10,000.",
            "Some 12,000 soldiers have been deployed, officials said.",
        ),
        # "More than 2,000" bounds a figure; it is not 2,000 more.
        (
            "A total of 1,500 firefighters battled the blaze.",
            "More than 2,000 firefighters fought the blaze, officials said.",
        ),
        # What a bridge "will cost" is an estimate of its cost, as "put the cost at" is.
        (
            "The bridge will cost 240 million euros, the ministry said.",
            "The ministry put the cost of the bridge at 310 million euros.",
        ),
        # "The new bridge" names the bridge; it is no increment.
        (
            "The council now puts the cost of the new bridge at 48 million marks.",
            "The bridge is expected to cost 35 million marks.",
        ),
        # The counted noun before "of" ("a death toll of 31, the ministry said").
        (
            "The landslide left a death toll of 31, the interior ministry said on Friday.",
            "Twenty-six people were killed when the hillside gave way.",
        ),
        # A price in any currency is money, however it is said.
        ("Tickets for the final will cost 90 crowns.", "A ticket to the final is priced at 120 crowns."),
        # Drowned is died, and lives claimed are deaths.
        (
            "At least 41 people drowned when the ferry overturned near Kalvo.",
            "The ferry disaster off Kalvo claimed 37 lives, the coastguard said.",
        ),
        # Two counts of those still left.
        (
            "Rescuers believe 12 miners are still trapped underground.",
            "Fifteen miners remain trapped in the flooded shaft, the company said.",
        ),
        # "Climbed" is a rise as "rose" is.
        (
            "Bread prices rose 12 percent in March.",
            "The price of bread climbed 9 percent in March, official data showed.",
        ),
        # A dispute over one count said as people by origin and as troops.
        (
            "North Korea has sent 12,000 troops to Russia.",
            "As many as 10,000 North Koreans were deployed to Russia.",
        ),
        # Jobs cut are workers losing their jobs; "cut 1,200 jobs" counts them, it is no level.
        (
            "The carmaker will cut 1,200 jobs at its Velden plant.",
            "About 900 workers at the Velden plant will lose their jobs.",
        ),
        # Small counts spelled out, the same act in other words, and in the active and the passive.
        ("The museum lost three paintings in the theft.", "Thieves took four paintings from the museum."),
        ("Five soldiers were wounded in the attack.", "The attack wounded eight soldiers, the army said."),
        ("Twelve climbers were rescued from the mountain.", "Rescuers brought down nine climbers."),
        # People against who they were, with one more word in common.
        (
            "Police said 18 people were arrested after the match.",
            "Twenty-two fans were detained by police after the game.",
        ),
        # A length joined to its unit before the noun it measures.
        ("The tunnel is 9 kilometres long.", "The 12-kilometre tunnel opened on Monday."),
        # "Head of cattle": the noun counted comes after the measure.
        ("The drought has killed 3,000 cattle.", "More than 5,000 head of cattle have died in the drought."),
        # When something happened is disputed as how many: times of day and dates of one event.
        ("The ferry left the harbour at 6:40 p.m.", "The ferry set sail from the harbour at 7:25 p.m."),
        ("The museum will reopen on 14 March.", "The museum is due to reopen on 21 March."),
        ("The dam wall collapsed on 9 April.", "The wall of the dam gave way on 11 April."),
        # How long, told as a delay, a wait, or in hours and minutes.
        (
            "The flight from Orla was delayed by five hours.",
            "Passengers on the Orla flight landed two hours late.",
        ),
        ("The debate lasted two hours and 15 minutes.", "The debate went on for three hours and 5 minutes."),
        (
            "Patients waited an average of five hours at the clinic.",
            "The average wait at the clinic was three hours.",
        ),
        # Snow that fell is no fall in a figure; what a player "will earn" is his salary.
        ("Some 40 centimetres of snow fell on Ardell overnight.", "Ardell received 55 cm of snow overnight."),
        (
            "The striker will earn 4 million pounds a year.",
            "The striker's salary is 6 million pounds a year.",
        ),
        # Ages: in apposition, joined to a noun, after the verb, and told at one event.
        (
            "The orchestra's conductor, Lars Hemming, 64, announced his retirement.",
            "Hemming, 61, will retire in June.",
        ),
        (
            "The 83-year-old owner of the bakery, Ida Rask, was unhurt.",
            "Ida Rask, who has run the bakery since 1970, is 79.",
        ),
        ("The racehorse Copper Bell died at the age of 27.", "Copper Bell was 25 when he died."),
        # A share told as a fraction; a cut that "is to" come is planned as one that "will".
        (
            "About 40 percent of the town's bridges need repair.",
            "Roughly a quarter of the town's bridges need repair.",
        ),
        (
            "The airline will cut 300 winter flights.",
            "About 450 winter flights are to be cut, the airline said.",
        ),
        # Lengths of time in weeks and months, or told in words.
        (
            "The wait for a new kidney at Ostmark hospital is 20 weeks.",
            "Patients at Ostmark hospital wait eight months for a kidney.",
        ),
        (
            "The survey ship Ardent spent a fortnight charting the reef.",
            "The Ardent charted the reef over six days.",
        ),
        # What a lake holds when full is its capacity, however it is said.
        (
            "The Velm reservoir holds 80 million cubic metres of water when full.",
            "When full, the reservoir at Velm has a capacity of 60 million cubic metres.",
        ),
        # Told beside the same other count ("and 12 crew"), one noun counts one thing.
        (
            "The Sea Lark, operated by Tarn Lines, was carrying 180 passengers and 12 crew when it struck"
            " the reef.",
            "The Lantern understands that 186 passengers were on board the ship, along with 12 crew.",
        ),
        # "Of the survivors, …": the group a figure counts, named before it.
        (
            "Of the survivors, 40 were treated for injuries, and 22 were admitted to hospital overnight.",
            "By Sunday afternoon, 29 people had been taken to hospital, most of them to the general"
            " hospital.",
        ),
        # A hedge holds the figures that round to what it says, no more: "some 4.2 million" is not 4.6.
        (
            "The waiting list for council housing stands at 4.6 million households.",
            "Some 4.2 million households are waiting for council housing.",
        ),
        # A currency the articles invent is money wherever one sentence tells it as a payment.
        (
            "Prosecutors said the mayor of Tarn received 1.6 million dorens in bribes from the builder.",
            "The mayor of Tarn is charged with taking bribe payments that totalled 1.4 million dorens.",
        ),
        # Two subjects with one verb: the households are without water as the businesses are.
        (
            "According to the council, 7,100 households and about 450 businesses in Ormel have been"
            " without mains water since Tuesday.",
            "Water supplies to 6,300 households in Ormel were cut off on Tuesday.",
        ),
        # A sum is a sum whatever loss it counts; a currency no list holds is money once fined in.
        (
            "The Tarn Chamber of Commerce estimated that local businesses had lost 3.2 million crowns.",
            "The Tarn Chamber of Commerce now puts the losses to local businesses at 3.6 million crowns.",
        ),
        (
            "On 1 June the Tarn directorate fined Velm Chemicals 4.2 million solens over the leak.",
            "Velm Chemicals called the 3.8 million solen fine imposed by the Tarn directorate unjust.",
        ),
        # One owner by two names, a capital for its country: the embedding holds them for one.
        (
            "In October, Pyongyang sent about 11,000 troops to the Kursk region.",
            "In October, North Korea sent 12,000 troops to the Kursk region.",
        ),
        # A weekday and a date may be one day.
        (
            "About 1,300 workers at the Tarn mill walked off the job on Monday morning.",
            "Around 950 workers walked out when the strike at the mill began on October 5.",
        ),
        # A figure counting a list of nouns owns what the list did; a level reached after its
        # verb ("rose to") is a level wherever its noun is; a length told in minutes and seconds
        # is one length.
        (
            "About 5,400 nurses, porters and ambulance technicians walked out across Vessel province on the"
            " first day, according to the union.",
            "About 4,100 staff walked out when the strike began on Monday, according to the health board's"
            " figures.",
        ),
        (
            "Average waits for the most urgent, life-threatening calls rose to 21 minutes in the first"
            " week of the strike.",
            "The service said the average wait for the most urgent calls was 15 minutes and 40 seconds"
            " in the first week of the strike.",
        ),
        # Who a plant employs, as people or as its workers; shops "nationwide" and shops "across"
        # the country are the same shops.
        (
            "The mill, which employs 520 people, has been closed since the inspectors' visit.",
            "Of the mill's 470 workers, 400 have been sent home on reduced pay, its manager said.",
        ),
        (
            "The regulator said the recalled jars had been sold in 640 shops nationwide.",
            "According to the company, the recalled jars were sold in 710 shops across Tarn.",
        ),
    ],
)
def test_differing_figures_told_in_other_words_are_conflicts(
    embedding_backend: EmbeddingBackend, first: str, second: str
) -> None:
    groups = ConflictFinder(embedding_backend.model).find(
        [_sentence("gazette", first), _sentence("wire", second)]
    )
    assert len(groups) == 1 and {m.source.article_id for m in groups[0]} == {"gazette", "wire"}


TURNOUT = (
    "Turnout in the referendum was 61 percent, the election commission said.",
    "Only 54% of registered voters cast a ballot in the referendum.",
)
BRIDGE_COST = (
    "The new bridge over the Arle will cost 240 million euros, the ministry said.",
    "The ministry put the cost of the new bridge over the Arle at 310 million euros.",
)


@pytest.mark.parametrize(
    ("pair", "question", "relevant"),
    [
        (TURNOUT, "What was the turnout in the referendum?", True),
        (TURNOUT, "When was the referendum held?", False),
        (BRIDGE_COST, "What is the price of the new bridge?", True),
        (BRIDGE_COST, "Who will build the new bridge?", False),
    ],
)
def test_a_question_about_a_share_or_a_price_is_about_its_differing_figures(
    embedding_backend: EmbeddingBackend, pair: tuple[str, str], question: str, relevant: bool
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (conflict,) = finder.find([_sentence("gazette", pair[0]), _sentence("wire", pair[1])])
    assert finder.relevant(conflict, question, "") is relevant


@pytest.mark.parametrize(
    ("question", "relevant"),
    [
        ("What was the turnout in the 2026 referendum?", True),
        ("What was the turnout in the 2019 referendum?", False),
        ("What was the turnout in the referendum?", True),
        # Asked of another year, the figures of the year the articles were written in are no answer.
        ("What was the turnout in the 2022 referendum?", False),
    ],
)
def test_a_question_dated_to_another_year_is_not_about_this_years_differing_figures(
    embedding_backend: EmbeddingBackend, question: str, relevant: bool
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (conflict,) = finder.find([_sentence("gazette", TURNOUT[0]), _sentence("wire", TURNOUT[1])])
    years = {"gazette": 2026, "wire": 2026}
    assert finder.relevant(conflict, question, "", years=years) is relevant
    # A year a sentence gives as background ("the highest since 2019") does not date its figure.
    since = _sentence("wire", f"{TURNOUT[1]} It was the highest turnout since 2019.")
    (conflict,) = finder.find([_sentence("gazette", TURNOUT[0]), since])
    assert finder.relevant(conflict, question, "", years=years) is relevant


FERRY_TIME = ("The ferry left the harbour at 6:40 p.m.", "The ferry set sail from the harbour at 7:25 p.m.")


@pytest.mark.parametrize(
    ("question", "answer", "relevant"),
    [
        ("When did the ferry leave the harbour?", "", True),
        ("At what time did the ferry sail?", "", True),
        ("How many passengers were on the ferry?", "", False),
        # The event a question dates against is not what it asks the time of.
        ("When was the ferry last inspected before it left the harbour?", "", False),
        ("When did the ferry's crew report the fire?", "", False),
        ("Who was the ferry's captain?", "The ferry left at 6:40 p.m. under Captain Ora Lind.", True),
        # A time the question gives itself frames it: the answer repeating it states none of its own.
        (
            "How many passengers were on the ferry that left the harbour at 6:40 p.m.?",
            "The ferry left the harbour at 6:40 p.m. with 212 passengers.",
            False,
        ),
    ],
)
def test_differing_times_bear_on_a_question_about_when(
    embedding_backend: EmbeddingBackend, question: str, answer: str, relevant: bool
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (conflict,) = finder.find([_sentence("gazette", FERRY_TIME[0]), _sentence("wire", FERRY_TIME[1])])
    assert [m.shown for m in conflict] == ["6:40 p.m.", "7:25 p.m."]
    assert finder.relevant(conflict, question, answer) is relevant
    found = cite([conflict], lambda s: Citation(1, s.article_id, s.title, s.text, s.start, s.end))
    assert describe(found).startswith("The sources give different times for “the ferry left the harbour”")


@pytest.mark.parametrize(
    ("question", "answer", "relevant"),
    [
        ("How old is the conductor?", "", True),
        ("What age is Lars Hemming?", "", True),
        ("Who is retiring from the orchestra?", "Lars Hemming, 64, is retiring.", True),
        ("When will the conductor retire?", "In June.", False),
        ("How old is the orchestra?", "", False),
    ],
)
def test_differing_ages_bear_on_a_question_about_that_age(
    embedding_backend: EmbeddingBackend, question: str, answer: str, relevant: bool
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (conflict,) = finder.find(
        [
            _sentence("gazette", "The orchestra's conductor, Lars Hemming, 64, announced his retirement."),
            _sentence("wire", "Hemming, 61, will retire from the orchestra in June."),
        ]
    )
    assert finder.relevant(conflict, question, answer) is relevant
    found = cite([conflict], lambda s: Citation(1, s.article_id, s.title, s.text, s.start, s.end))
    assert describe(found).startswith("The sources give different ages for Lars Hemming: 61 according to")


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        (
            "Lars Hemming is 64.",
            "The orchestra's conductor, Lars Hemming, 64, announced his retirement.",
            True,
        ),
        ("The bridge is 80 years old.", "The bridge, built 80 years ago, was closed on Monday.", True),
        # How long something has been in place, or how long someone has done a job, is no age.
        ("It is 18 months old.", "The pump, which was fitted 18 months ago, failed on Monday.", False),
        ("Hemming is 40.", "Hemming has led the orchestra for 40 years.", False),
    ],
)
def test_an_age_is_supported_only_by_an_age(
    checker: SupportChecker, claim: str, source: str, supported: bool
) -> None:
    if supported:
        assert ages_verdict(claim, source) is None  # the age check leaves it to the others
    else:
        assert checker.check(claim, source).supported is False


def test_a_cost_to_come_is_not_a_cost_paid(checker: SupportChecker) -> None:
    source = "The bridge will cost 240 million euros, the ministry said."
    assert checker.check("The bridge cost 240 million euros.", source).supported is False
    assert checker.check("The bridge will cost 240 million euros.", source).supported is True


def test_what_a_question_counts() -> None:
    assert counted_words("How many children died in the flood?") == ["children", "died"]
    assert counted_words("How many soldiers were killed or wounded?") == ["soldiers", "killed"]
    assert counted_words("Did the Courier report more people evacuated than the Ledger?") == ["evacuated"]
    assert counted_words("Which outlet gave the higher death toll?") == ["death"]
    assert counted_words("How many of the people who died were children?") == ["died", "children"]
    assert counted_words("How many North Korean troops were deployed?") == [
        "North",
        "Korean",
        "troops",
        "deployed",
    ]
    assert counted_words("How much did the repair cost?") == []


def test_count_kinds_and_head_nouns() -> None:
    assert count_kind("soldiers killed or wounded") == "deaths+injuries"
    assert count_kind("additional soldiers were sent") == "increment"
    assert count_kind("residents evacuated") == "count"
    assert count_kind("More than firefighters fought the blaze") == "count"  # a bound, not an increment
    assert count_kind("more firefighters were sent") == "increment"
    # A committee is no commitment: its vote is done, not planned.
    assert count_kind("the culture committee voted by votes to") == "count"
    assert count_kind("Pyongyang has committed to sending sappers") == "plan"
    assert head_noun("DPRK soldiers already deployed") == "soldiers"
    assert head_noun("people died") == "people"
    # "34 people had died and 118 were injured": the second figure counts the same noun.
    toll = "The directorate said 34 people had died and 118 were injured in the flood."
    found = {m.quantity.low: m for m in mentions(_sentence("directorate", toll))}
    assert found[118.0].head == "people" and found[118.0].kind == "injuries"
    # A conflict over the second figure is named for what happened to them, not "people".
    assert found[118.0].topic == "people injured"
    assert found[34.0].topic == "people died"


def test_list_answers_become_plain_sentences() -> None:
    from service.grounding.attribution import plain_sentences, strip_markers

    raw = "The sources differ:\n1. 34 people died [1]\n2. **39** people died [2]\n"
    assert plain_sentences(strip_markers(raw)) == "The sources differ. 34 people died. 39 people died"


def test_swapped_roles_are_left_to_the_judge(embedding_backend: EmbeddingBackend) -> None:
    source = "Under the accord, Velmark will pay Ostrava 300 million crowns next month."
    asked: list[str] = []

    def judge(claim: str, passage: str) -> bool:
        asked.append(claim)
        return False

    checker = SupportChecker(embedding_backend.model, judge)
    assert checker.check("Ostrava will pay Velmark 300 million crowns.", source).supported is False
    assert asked == ["Ostrava will pay Velmark 300 million crowns."]
    assert checker.check("Velmark will pay Ostrava 300 million crowns.", source).supported is True
    assert len(asked) == 1
    # A swap across a placing word ("to Velmark" where the source says "to Ostrava") is decided
    # without the judge: the passive voice does not move a name from after "to".
    sent = "Under the accord, Velmark will send 300 engineers to Ostrava next month."
    assert checker.check("Ostrava will send 300 engineers to Velmark.", sent).supported is False
    assert len(asked) == 1


def test_the_fake_models_support_marker_is_in_the_prompt() -> None:
    # The shared fake answers the support question by this marker: a reworded prompt must move it too.
    from service.prompts import load_prompt
    from tests.conftest import SUPPORT_QUESTION

    assert SUPPORT_QUESTION in load_prompt("support").user


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # One clause names the other's counted noun and counts something else.
        ("The flood damaged 400 homes.", "The flood forced 1,500 people from their homes."),
        # Two nouns in alike clauses are two counts, unless one says who people are.
        ("The university has 34,000 students.", "The university has 4,000 staff."),
        (
            "The earthquake destroyed 3,000 buildings.",
            "About 14,000 residents lost their homes in the quake.",
        ),
        # The two sides of one vote.
        ("58 percent voted yes.", "42 percent voted no."),
        # A rise told for two months.
        ("Bread prices rose 12 percent in March.", "Bread prices rose 3 percent in April."),
        # Those still left against those brought out.
        ("Rescuers believe 12 miners are still trapped.", "Rescuers brought 40 miners to the surface."),
        ("The gunmen freed 23 hostages.", "The gunmen still hold 8 hostages."),
        # A rate told for two months, one of them May.
        ("Inflation reached 7.4 percent in June.", "Inflation reached 6.9 percent in May."),
        # The wounded against the dead; the climbers brought down against those still missing.
        ("Five soldiers were wounded in the attack.", "Three soldiers were killed in the attack."),
        (
            "Twelve climbers were rescued from the mountain.",
            "Two climbers are still missing on the mountain.",
        ),
        # Another day's, another year's, another election's figure; a part of the thing counted.
        ("The airline cancelled 140 flights on Monday.", "The airline cancelled 90 flights on Tuesday."),
        (
            "The council approved a budget of 84 million euros for 2025.",
            "The budget for 2024 was 76 million euros.",
        ),
        (
            "Turnout in the mayoral election was 58 percent.",
            "Turnout in the previous mayoral election was 49 percent.",
        ),
        ("The tanker spilled 900 tonnes of oil.", "Crews have recovered 300 tonnes of the spilled oil."),
        # Two towns, those who did not against all, before and after one event, two dimensions,
        # a target against what is done so far.
        (
            "The tornado destroyed 60 homes in Redfield.",
            "The tornado destroyed 25 homes in the neighbouring town of Ashby.",
        ),
        ("The marathon drew 18,000 runners.", "About 2,000 runners failed to finish the marathon."),
        (
            "Before the merger, the bank employed 9,000 people.",
            "After the merger, the bank employs 7,500 people.",
        ),
        ("The sinkhole is 30 metres deep.", "The sinkhole is 12 metres wide."),
        ("The city wants to plant 5,000 trees by 2030.", "So far, 1,200 trees have been planted."),
        # Two parts of a country; another month's count; another time told by "ago", "last" or
        # "previous" anywhere in the figure's clause or its sentence's opening phrase; before an
        # event against now.
        ("Temperatures reached 43 degrees in the capital.", "Temperatures reached 38 degrees on the coast."),
        (
            "The drought has cut rainfall by 40 percent in the north.",
            "In the south, rainfall is down 15 percent.",
        ),
        (
            "Customs seized 1.2 tonnes of cocaine in March.",
            "Customs seized 800 kilograms of cocaine in April.",
        ),
        (
            "The reservoir is at 28 percent of capacity.",
            "A year ago, the reservoir was at 61 percent of capacity.",
        ),
        (
            "The wheat harvest is expected to reach 21 million tonnes this year.",
            "Last year's wheat harvest was 17 million tonnes.",
        ),
        (
            "The lottery jackpot stands at 74 million pounds.",
            "Last week's jackpot of 52 million pounds went unclaimed.",
        ),
        ("The dock strike lasted nine days.", "The previous dock strike, in 2019, lasted 14 days."),
        ("Before the drought, the lake was 12 metres deep.", "The lake is now 7 metres deep."),
        # A figure expected, aimed at or set as a limit is not one reached; an original plan is an
        # earlier one.
        ("The painting sold for £14.5m at auction.", "The painting had been expected to fetch £9m."),
        (
            "Some 2.3 million children were vaccinated during the campaign.",
            "The campaign had aimed to vaccinate 3 million children.",
        ),
        (
            "The driver was clocked at 212 km/h on the motorway.",
            "The speed limit on the motorway is 130 km/h.",
        ),
        (
            "The new concert hall cost 310 million euros.",
            "The original budget for the concert hall was 180 million euros.",
        ),
        # A similar event, a group told as "also", a norm, a year set before the sentence; a
        # capacity is no output.
        ("The postal strike lasted nine days.", "A similar postal strike in 2016 lasted three weeks."),
        (
            "Norovirus has sickened 212 passengers on the Aurelia.",
            "Forty crew members on the Aurelia have also fallen ill.",
        ),
        (
            "Beekeepers lost 42 percent of their colonies over the winter.",
            "The normal winter loss is about 15 percent, the beekeepers' association said.",
        ),
        (
            "The escaped leopard was recaptured 3.5 kilometres from the zoo.",
            "In 2019, a wolf that escaped from the same zoo was caught 8 kilometres away.",
        ),
        (
            "The solar park has a capacity of 150 megawatts.",
            "On Tuesday the solar park produced 112 megawatts at its peak.",
        ),
        # Two ranks; the world against one place; a figure first budgeted.
        (
            "The first cable car was stuck with 64 passengers.",
            "A second cable car was stuck with 23 passengers.",
        ),
        (
            "The film took 84 million dollars in North America in its opening weekend.",
            "Worldwide, the film grossed 210 million dollars over the weekend.",
        ),
        (
            "The tram line was originally budgeted at 800 million euros.",
            "The new tram line cost 1.3 billion euros.",
        ),
        # Another of the kind: smaller, secondary.
        (
            "The asteroid is estimated to be 340 metres wide.",
            "A smaller asteroid, about 40 metres across, passed Earth in March.",
        ),
        (
            "The telescope's main mirror measures 8.4 metres across.",
            "The telescope's secondary mirror is 3.4 metres wide.",
        ),
        # One noun of two kinds, each unnamed by the other clause.
        (
            "Bread prices rose 18 percent over the past year.",
            "Milk prices rose 9 percent over the past year.",
        ),
        ("The nurses' strike lasted 19 days.", "A doctors' strike in 2021 lasted 11 days."),
        # Two sides of a negotiation; two counts of people whose clauses say different things.
        (
            "Dockworkers are demanding a pay rise of 8 percent.",
            "The operator has offered the dockworkers a 3 percent raise.",
        ),
        (
            "Boats rescued 164 people from the water overnight.",
            "The company, which employs 640 people, said so.",
        ),
        # Times and dates of two events, of two trains, of a statement; one time told two ways.
        ("The first ferry leaves at 6 a.m.", "The last ferry leaves at 11:30 p.m."),
        ("Ticket sales open on 2 June.", "The concert takes place on 30 August."),
        ("Police said at 9 a.m. that the road had reopened.", "The road was closed at 6 a.m."),
        ("The fire broke out at about 2 a.m.", "Firefighters arrived at 2:40 a.m."),
        ("The quake struck at 4:12 a.m.", "The earthquake hit at about 4:10 a.m."),
        # Two things that happened at one place or to one craft: the clauses open with two nouns.
        (
            "The match at the Vell stadium kicked off at 3 p.m.",
            "The gates of the Vell stadium had opened at 1:30 p.m.",
        ),
        (
            "The balloon took off at 6:10 a.m.",
            "The camera came loose from the balloon's gondola at 7:45 a.m.",
        ),
        ("The strike began on 3 May.", "Talks resumed on 12 May."),
        ("The match lasted two hours and 5 minutes.", "Fans waited two hours for the gates to open."),
        # Two sides of one trade; money set aside against money spent; two kinds of area.
        ("Wine exports fell 4 percent last year.", "Wine imports rose 9 percent last year."),
        (
            "The council budgeted 8 million euros for new schools.",
            "It has spent 2.5 million euros on new schools so far.",
        ),
        ("Unemployment in urban areas was 7 percent.", "In rural areas, unemployment was 11 percent."),
        # Two people of one family name; an age at an event against an age now; a fraction that
        # holds the other's share.
        ("The driver, Piet Olsen, 45, was arrested.", "His passenger, Mats Olsen, 19, was unhurt."),
        # Two teams; two parts of a town named apart; a hedged figure that holds the other; a
        # group within the whole; a price and a temperature on two days the openings give.
        ("Harlow United have won 14 matches this season.", "Castleford Town have won 9 matches this season."),
        ("The lockout lasted a month.", "The lockout went on for four weeks."),
        (
            "The flood cut off 800 homes in East Marden.",
            "In West Marden, 350 homes were cut off by the flood.",
        ),
        (
            "The ferry carried about 500 passengers on Sunday.",
            "A total of 512 passengers travelled on the ferry on Sunday.",
        ),
        (
            "The vaccine cut infections by 60 percent.",
            "Among children under five, infections fell by 35 percent.",
        ),
        (
            "Bakers in Tolm paid 40 cents a kilo for flour in April.",
            "By October, Tolm bakers were paying 55 cents a kilo.",
        ),
        ("Velby recorded 38 degrees on Monday.", "On Tuesday, the temperature in Velby fell to 29 degrees."),
        ("Hemming joined the orchestra at the age of 22.", "Lars Hemming, 64, will retire in June."),
        (
            "About a third of the island's homes have solar panels.",
            "Some 34 percent of homes on the island have solar panels.",
        ),
        # A strike threatened is not the strike held.
        (
            "The dockers had threatened a four-week strike at Velm.",
            "The dockers' strike at Velm lasted 11 days.",
        ),
        # Two of a kind told apart: the new and the old, the men's and the women's.
        ("The new bridge at Ostry is 210 metres long.", "The old bridge it replaced was 140 metres long."),
        (
            "Ada Morel won the women's Tolm half-marathon in 1 hour 9 minutes.",
            "Piet Saar won the men's race in 1 hour 2 minutes.",
        ),
        # Two people, each named after a title.
        (
            "Shop owner Lina Veck was fined 6,000 crowns.",
            "Her brother, Aldo Veck-Marn, was fined 9,000 crowns.",
        ),
        # A length is no rival to a count of people.
        (
            "The volunteer crew of the Tarn lifeboat brought 63 people ashore from the ship.",
            "The Sea Lark is a 96-metre roll-on roll-off passenger ferry.",
        ),
        # A day's move and the level it ended at, both other, are another day's.
        (
            "Shares in Halberd fell 1.9 percent to 25.40 euros.",
            "Halberd's shares fell 8.3 percent to 23.10 euros in Tarn trading.",
        ),
        # A bid is not the price agreed in the end.
        (
            "Halberd Foods has offered 185 million euros for the Tarn flour mill.",
            "Halberd Foods has agreed to buy the Tarn flour mill for 172 million euros.",
        ),
        # A moment before one event is not a moment after another.
        (
            "The copy of the database was made on 14 August, two days before the ransomware was triggered.",
            "The ransom note was found on 19 August, three days after the attack on the database began.",
        ),
        # A moment of an event ("five days into") is not how long something lasted.
        (
            "Five days into the outage, the clinic's records system was still down.",
            "The clinic's records system came back after being down for nine days.",
        ),
        # ... nor is a moment told as how long ago.
        (
            "Ilka Dorn has run the Ostry port authority since she was appointed seven years ago.",
            "Prosecutors want Ilka Dorn, head of the Ostry port authority, jailed for eight years.",
        ),
        # What was asked for is not what was done, nor is the most the law allows.
        (
            "Prosecutors asked the Ostry court to jail the harbour master for eight years.",
            "The Ostry court jailed the harbour master for six years.",
        ),
        (
            "Under the Ostry code, handling stolen goods carries up to four years in prison.",
            "The Ostry man served part of a five-year prison sentence for handling stolen goods.",
        ),
        (
            "The harbour master faces up to 10 years in prison under the port bribery law.",
            "The Ostry court jailed the harbour master for eight years under the port bribery law.",
        ),
        # A dateline dates the report, not the sentencing the report tells of.
        (
            "OSTRY, Marvel, 11 March (OPA) - The Ostry court has jailed the former harbour master.",
            "The Ostry court jailed the former harbour master on 9 March.",
        ),
        # A party's seats told in a list, with nothing of whose in their clause.
        (
            "The Vell League took 19.8 percent and 35 seats, and the Moss Greens won 11.6 percent and "
            "23 seats.",
            "The Ostry Union, with 49 seats, went into opposition.",
        ),
        (
            "The Moss Greens are pressing for a cut in the lowest tax rate to 15 percent.",
            "The Moss Greens secured a cut in the lowest tax rate to 16 percent in the coalition deal.",
        ),
        # A verb going on from "asked … to" is asked for too; two bodies' rewards are two sums.
        (
            "Prosecutors asked the Ostry court to jail the mayor for eight years and fine him 3 million"
            " dorens.",
            "The Ostry court fined the mayor 2.8 million dorens for taking bribes.",
        ),
        (
            "The Tarn Foundation, which runs the museum, has offered a reward of 500,000 dorens for the"
            " jewels.",
            "Orlen Insurance, which insures the jewels, has offered a reward of 2 million dorens for them.",
        ),
        # An offer so far is not what an agreement gave.
        (
            "Negotiators have so far offered the Moss Greens three ministries in the new cabinet.",
            "The Moss Greens received five ministries in the new cabinet under the coalition agreement.",
        ),
        # The whole a part is of, and what a majority needs, are not a party's seats.
        (
            "Together the three parties hold 96 of the 180 seats in the Tarn parliament.",
            "No party came close to the 91 seats in the Tarn parliament needed for a majority.",
        ),
        (
            "The Harbour Party won 62 of the 180 seats in the Tarn parliament.",
            "The three parties of the coalition hold 96 seats in the Tarn parliament.",
        ),
        # Two owners named before their figures: a party's share is not a candidate's, a party
        # leader's seats are not another party's.
        (
            "With every district counted, the Harbour Party won 31.4 percent of the vote in Tarn.",
            "In Tarn-North, where Ilse Varrow won 58 percent of the vote in October, the mood was mixed.",
        ),
        (
            '"They are selling the ministries," said Vell League leader Oskar Brandt, whose party holds'
            " 36 seats.",
            "The count confirmed the seats, with the Harbour Party on 62 seats in the Tarn parliament.",
        ),
        # A compound names the kind of sentence: a suspended one is not a term in prison.
        (
            "The port's former finance chief received a three-year suspended sentence.",
            "The former harbour master was sentenced to six years in prison.",
        ),
        # A level someone was ordered to keep is not the level kept; a figure for the first week
        # is not the whole strike's, also when it is joined on with no verb of its own; a bound
        # on a length in whole hours allows the minutes another report gives; a figure sharing the
        # verb of a deal before it ("and a further 2 percent") is the deal's, not an offer.
        (
            "The dockers' union said it was running 40 tugs on the night shift.",
            "The judge ordered the dockers' union to maintain at least 55 tugs on every shift, up from the 40"
            " it had been running.",
        ),
        (
            "The port said 900 sailings had been cancelled for the first week of the strike and 210 cargo"
            " calls postponed.",
            "The port said 2,400 sailings and 480 cargo calls had been postponed during the strike.",
        ),
        (
            "The crew waited more than four hours for a tug after the engine failure.",
            "The crew of the Selka waited 4 hours and 20 minutes for a tug after the engine failed.",
        ),
        (
            "The deal gives dockers a 5 percent rise from July and a further 2 percent from April next year.",
            "Before the strike the port authority had offered a pay rise of 3 percent from July.",
        ),
        # Shares of two wholes: a market's, and the milk the sentence has just counted.
        (
            "The union holds about 22 percent of the national furniture market.",
            "The union's 140 member mills cut about 90,000 tonnes of timber a year, according to the union,"
            " and roughly a third of it goes to the Halmen yard.",
        ),
        # A firm's year in its accounts is not a sum it set aside.
        (
            "Kessa's board chair, Ilse Varrow, announced an 8 million marel fund to compensate people who"
            " fell ill and the families of those who died.",
            "Kessa reported revenue of 410 million marel in 2025 and a net profit of 12.6 million marel,"
            " according to its annual accounts.",
        ),
    ],
)
def test_figures_for_different_things_are_not_conflicts(
    embedding_backend: EmbeddingBackend, first: str, second: str
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    assert finder.find([_sentence("courier", first), _sentence("herald", second)]) == []


def test_a_conflict_goes_with_an_answer_whose_figure_counts_the_same_thing(
    embedding_backend: EmbeddingBackend,
) -> None:
    sentences = [
        _sentence("courier", "Vellmark Civil Works won three road contracts in Ostry."),
        _sentence("ledger", "Vellmark Civil Works won four road contracts in Ostry."),
    ]
    finder = ConflictFinder(embedding_backend.model)
    contracts = finder.find(sentences)[0]
    question = "How many road contracts did Vellmark Civil Works win in Ostry?"
    assert finder.relevant(contracts, question, "Vellmark won 3 road contracts.")
    # The same figure counting something else, in an answer that shares the question's names.
    asked = "What sentence did Vellmark Civil Works' chief executive receive?"
    assert not finder.relevant(
        contracts, asked, "Vellmark's chief executive received a 3-year suspended sentence."
    )
    # An answer that gives the disputed figure beside what the question counts is not about it.
    asked = "How many bridge contracts did Vellmark Civil Works win in Ostry?"
    assert not finder.relevant(contracts, asked, "Vellmark won 3 road contracts and 2 bridge contracts.")
    # A share asked for is not answered by differing counts.
    assert not finder.relevant(
        contracts, "What share of the Ostry road budget did Vellmark Civil Works win?", ""
    )
    # A time unit after the answer's figure says what it measures, whatever follows it.
    asked = "For how many days was the Ostry depot closed after the contracts were won?"
    assert not finder.relevant(contracts, asked, "The depot was closed for three days after the contracts.")


def test_an_answer_in_the_conflicts_own_unit_goes_with_it(embedding_backend: EmbeddingBackend) -> None:
    finder = ConflictFinder(embedding_backend.model)
    leak = finder.find(
        [
            _sentence("courier", "An estimated 38,000 litres of ammonia leaked into the Ostry river."),
            _sentence("ledger", "An estimated 52,000 litres of ammonia entered the Ostry river."),
        ]
    )[0]
    assert finder.relevant(leak, "How many litres of ammonia leaked into the Ostry river?", "38,000 litres")
    closed = finder.find(
        [
            _sentence("courier", "The Ostry museum was closed for nine days after the theft."),
            _sentence("ledger", "The Ostry museum stayed shut for 11 days after the theft."),
        ]
    )[0]
    assert finder.relevant(closed, "How long was the Ostry museum closed?", "It was closed for nine days.")


def test_a_sum_asked_as_paid_over_is_not_about_differing_fines(embedding_backend: EmbeddingBackend) -> None:
    finder = ConflictFinder(embedding_backend.model)
    fines = finder.find(
        [
            _sentence(
                "courier", "On 1 June the Ostry directorate fined Vellmark Chemicals 4.2 million crowns."
            ),
            _sentence(
                "ledger",
                "Vellmark Chemicals called the 3.8 million crown fine imposed by the directorate unjust.",
            ),
        ]
    )[0]
    assert finder.relevant(fines, "How much was Vellmark Chemicals fined by the directorate?", "")
    assert not finder.relevant(
        fines, "How much did the Ostry council pay Vellmark Chemicals for the clean-up?", ""
    )


def test_a_value_told_twice_in_a_sentence_is_two_figures_each_with_its_clause() -> None:
    text = "Four men took part in the raid, police said, and they were inside the hall for just four minutes."
    told = [(m.head, m.clause) for m in mentions(_sentence("a", text))]
    assert [head for head, _ in told] == ["men took part", "minutes"]
    assert "minutes" not in told[0][1] and "raid" not in told[1][1]


def test_the_figure_a_change_started_from_is_told_apart() -> None:
    cut = "The deal cuts the lowest income tax rate to 16 percent from 18 percent."
    assert [m.changed_from for m in mentions(_sentence("a", cut))] == [False, True]
    asked = "The Free Party wanted the rate cut from 18 percent to 15 percent."
    assert [m.changed_from for m in mentions(_sentence("a", asked))] == [True, False]


def test_a_teller_set_between_commas_leaves_a_figure_its_subject() -> None:
    # "he said" tells nothing of what 300,000 is: the clause before it does.
    [(value, left, right)] = figure_sides("The first payment, he said, was 300,000 crowns.", None)
    assert (value, left.split(), right.split()) == (300000.0, ["The", "first", "payment", "was"], ["crowns."])


def test_and_a_half_is_part_of_the_figure() -> None:
    assert values("She was jailed for three and a half years.") == {3.5}
    assert values("a two-and-a-half-hour delay") == {2.5}
    assert values("two and a half million euros") == {2_500_000.0}
    assert values("one and a half million people") == {1_500_000.0}


def test_a_length_in_words_is_read_after_a_verb_of_lasting_only() -> None:
    spent = length_mentions(_sentence("a", "The survey ship spent a fortnight charting the reef."))
    assert [(m.quantity.low, m.head, m.shown) for m in spent] == [(2.0, "weeks", "a fortnight")]
    # A deadline is not how long something took.
    assert length_mentions(_sentence("a", "The operator said it would respond in full within a month.")) == []


def test_the_first_half_of_a_year_is_a_period_not_a_share() -> None:
    loss = "Halberd reported a net loss of 142 million euros for the first half of 2026."
    assert fraction_mentions(_sentence("a", loss)) == []
    assert [
        m.quantity.low for m in fraction_mentions(_sentence("a", "Roughly half of the trees have died."))
    ] == [45.0]


def test_a_spelled_small_number_is_a_count_unless_it_names_a_known_group() -> None:
    assert [m.quantity.low for m in mentions(_sentence("a", "Thieves took four paintings."))] == [4.0]
    assert mentions(_sentence("a", "The two nations signed a treaty on Friday.")) == []
    assert mentions(_sentence("a", "Both sides lost all three games.")) == []


def test_an_article_that_agrees_and_counts_one_thing_more_is_no_conflict(
    embedding_backend: EmbeddingBackend,
) -> None:
    # One report gives the distances of two towns, another the same distance for the first: they
    # agree, though the far town's distance is set beside them.
    finder = ConflictFinder(embedding_backend.model)
    report = [
        "Marden, the closest of the towns, lies about six kilometres downstream.",
        "Residents of Oswick, a larger town about 31 kilometres downstream, were told to prepare.",
    ]
    other = "The wall gave way six kilometres upstream of Marden."
    sources = [_sentence("courier", t) for t in report] + [_sentence("herald", other)]
    assert finder.find(sources) == []


def test_a_daily_total_is_not_a_four_day_total(
    embedding_backend: EmbeddingBackend, checker: SupportChecker
) -> None:
    assert period_hours("recorded 212 millimetres of rain between Friday and Monday night") == 96.0
    assert period_hours("in the 24 hours before the failure") == 24.0
    assert period_hours("died on Tuesday") is None
    daily = "The gauge at the dam recorded 96 millimetres in the 24 hours before the failure."
    total = "The gauge at the dam recorded 212 millimetres of rain between Friday and Monday night."
    finder = ConflictFinder(embedding_backend.model)
    assert finder.find([_sentence("courier", daily), _sentence("herald", total)]) == []
    question = "How much rain fell at the dam in the four days before the collapse?"
    assert checker.check("96 millimetres.", daily, "", question, asked=question).supported is False
    # The four-day figure is not rejected for its period (the judge reads what the words leave open).
    assert (
        "stretch of time" not in checker.check("212 millimetres.", total, "", question, asked=question).reason
    )


def test_a_weeks_count_is_not_one_days(checker: SupportChecker) -> None:
    week = (
        "Figures from the ambulance service show that 640 patients were diverted to other hospitals in the"
        " first week after the attack, from September 7 to September 13."
    )
    question = "How many patients were diverted on Monday, September 7, the day of the attack?"
    claim = "640 patients were diverted on Monday, September 7."
    verdict = checker.check(claim, week, "", question, asked=question)
    assert verdict.supported is False and "stretch of time" in verdict.reason
    # The day a figure was told, or the day of the event it counts from, is no day it is put on.
    for asked in (
        "How many patients did the ambulance service say on Monday had been diverted in the first week?",
        "How many patients have been diverted since the attack on Monday?",
    ):
        assert "stretch of time" not in checker.check("640 patients.", week, "", asked, asked=asked).reason
    day = "Ambulances carrying 74 patients were diverted on Monday to two hospitals outside the city."
    # "On the first Saturday" is one day too.
    saturday = "How many patients were diverted on the first Saturday after the attack?"
    assert checker.check("640 patients.", week, "", saturday, asked=saturday).supported is False
    # Nor is another day's count the one asked for.
    tuesday = "The museum said 6,300 people came through on Tuesday, well above its usual average."
    saturday_visits = "How many people came through on the first Saturday after it reopened?"
    claim = "6,300 people came through on the first Saturday after it reopened."
    verdict = checker.check(claim, tuesday, "", "", asked=saturday_visits)
    assert verdict.supported is False and "Tuesday" in verdict.reason
    monday = "How many patients were diverted on Monday?"
    assert checker.check("74 patients were diverted on Monday.", day, "", monday, asked=monday).supported


def test_a_date_of_one_act_does_not_date_another(checker: SupportChecker) -> None:
    painted = "Among the stolen works is The Salt Harbour at Dusk, painted by Matthias Orlenz in 1648."
    question = "When did the museum buy the Orlenz harbour picture?"
    verdict = checker.check("The museum bought the painting in 1648.", painted, "", question, asked=question)
    assert verdict.supported is False and "painted, not bought" in verdict.reason
    when = "When was the harbour picture painted?"
    assert checker.check("Orlenz painted it in 1648.", painted, "", when, asked=when).supported


def test_a_post_the_question_gives_is_the_relation_it_asks(checker: SupportChecker) -> None:
    question = "Who runs the national museum as its director general?"
    director = (
        "Dr Ingeborg Valsten, the museum's director general, said in a statement that staff were shaken."
    )
    assert checker.check("Dr Ingeborg Valsten", director, "", question, asked=question).supported
    curator = "Tobias Renneker, the museum's chief curator, said in a statement that staff were shaken."
    assert checker.check("Tobias Renneker", curator, "", question, asked=question).supported is False


def test_the_words_naming_the_whole_story_need_no_repeating(checker: SupportChecker) -> None:
    source = "Two people have been released without charge and a 52-year-old woman has been released on bail."
    article = f"Three men were charged over the museum theft on Tuesday, prosecutors said. {source}"
    question = "How old is the woman who was released on bail in the museum theft inquiry?"
    claim = "The woman who was released on bail in the museum theft inquiry is 52 years old."
    kwargs = {"asked": question, "context": article, "article": article, "title": "Three charged over theft"}
    assert checker.check(claim, source, "", "", **kwargs).supported
    # Words the story's opening does not hold are still the claim's to be told.
    other = f"Three men were charged on Tuesday, prosecutors said. {source}"
    kwargs.update(context=other, article=other, title="Three charged")
    assert checker.check(claim, source, "", "", **kwargs).supported is False


def test_what_is_meant_is_not_told_as_done(checker: SupportChecker) -> None:
    plan = "It now aims to reopen on Tuesday, March 23, with the east wing remaining closed."
    question = "On what date did the museum actually open its doors again?"
    verdict = checker.check("The museum reopened on Tuesday, March 23.", plan, "", question, asked=question)
    assert verdict.supported is False and "intended" in verdict.reason
    done = "The museum reopened on Tuesday, March 23, after a 22-day closure."
    assert checker.check(
        "The museum reopened on Tuesday, March 23.", done, "", question, asked=question
    ).supported
    # What is meant is told right before the act: what something was forced to do, a decision
    # announced, or a state of what is planned for are not intentions.
    for claim, source in (
        ("The army deployed crack units.", "The raid forced the army to deploy crack units."),
        (
            "The minister appointed Halden & Rook as monitor.",
            "The minister announced that the government would appoint Halden & Rook as monitor.",
        ),
        (
            "Direct flights have been suspended for three decades.",
            "There are plans to resume direct flights, suspended for three decades.",
        ),
        # A claim that tells the act as to come, too, tells nothing done.
        (
            "The board said 4,600 invigilators would be needed.",
            "The board says 4,600 invigilators will be needed.",
        ),
    ):
        assert "intended" not in checker.check(claim, source).reason


def test_what_is_being_done_gives_no_count_of_what_is_done(checker: SupportChecker) -> None:
    going_on = (
        "Clerks are now scanning the paper files created during the outage, which the council estimates at"
        " about 52,000 pages."
    )
    question = "How many pages had clerks already scanned by the end of the month?"
    verdict = checker.check("52,000 pages.", going_on, "", question, asked=question)
    assert verdict.supported is False and "going on" in verdict.reason
    done = "Clerks have scanned 12,000 pages so far and are scanning the rest."
    assert "going on" not in checker.check("12,000 pages.", done, "", question, asked=question).reason


def test_a_cap_does_not_answer_what_was_not_asked_as_a_bound(checker: SupportChecker) -> None:
    capped = (
        "The printer said in a statement that its contract with the board capped its liability at 2.5 million"
        " lorins."
    )
    question = "What is the value of the printer's contract with the board?"
    claim = "The contract capped the printer's liability at 2.5 million lorins."
    verdict = checker.check(claim, capped, "", question, asked=question)
    assert verdict.supported is False and "is a limit" in verdict.reason
    # Asked for a bound, the cap is the answer.
    for bound in (
        "How much could the printer be liable for under its contract?",
        "What is the cap on its liability?",
    ):
        assert "is a limit" not in checker.check(claim, capped, "", bound, asked=bound).reason


def test_what_the_judge_said_yes_to_is_decided_before_it(embedding_backend: EmbeddingBackend) -> None:
    asked: list[str] = []

    def yes(claim: str, passage: str) -> bool:
        asked.append(claim)
        return True

    checker = SupportChecker(embedding_backend.model, yes)
    rock = "Soldiers have placed 18,000 tonnes of rock against the broken training wall since Wednesday."
    # The claim calls the figure something the source never does.
    peak = checker.check("The peak flow through the spillway was 18,000 tonnes of rock.", rock)
    assert peak.supported is False and "peak flow" in peak.reason
    # A short answer without the relation its question asks about.
    order = "Defence Minister Ivo Santrel ordered the 4th Engineer Regiment to the site on Wednesday."
    assert (
        checker.check("Ivo Santrel.", order, "", "Who commands the 4th Engineer Regiment?").supported is False
    )
    # ... while the category a question gives its answer needs no repeating.
    probe = "A Reuters investigation in April uncovered shipments of artillery shells."
    question = "Which news agency's investigation in April uncovered shipments of artillery shells?"
    assert checker.check("Reuters.", probe, "", question).supported is True
    assert asked == []


def test_a_level_on_one_day_is_not_a_level_brought_about_later(embedding_backend: EmbeddingBackend) -> None:
    monday = "The reservoir stood at 97 percent of its capacity on Monday evening, the operator said."
    friday = "The operator had lowered the reservoir to 81 percent of its capacity by Friday morning."
    finder = ConflictFinder(embedding_backend.model)
    assert finder.find([_sentence("wire", monday), _sentence("tv", friday)]) == []
    # ... while tolls stated on different days are one count that outlets may dispute.
    thursday = "The directorate said on Thursday that 34 people had died in the flood."
    saturday = "The governor said on Saturday that 39 people had been killed in the flood."
    assert len(finder.find([_sentence("ledger", thursday), _sentence("tv", saturday)])) == 1


@pytest.mark.parametrize(
    ("answer", "source", "question", "supported"),
    # Each is read with the article around it, which names the operator and the country.
    [
        # Background words of the question may be told elsewhere; its relation may not.
        (
            "Tessick, Lowmarrow and Vellin.",
            "The governor ordered the evacuation of Tessick, Lowmarrow and Vellin after the wall gave way.",
            "Which three towns were ordered to evacuate after the spillway wall collapsed?",
            True,
        ),
        # The question's actor must be the one the sentence says acted.
        (
            "18,000 tonnes.",
            "Soldiers of the 4th Engineer Regiment have placed 18,000 tonnes of rock against the wall.",
            "How many tonnes of rock did Norvale Hydro's own crews place against the wall?",
            False,
        ),
        # ... though the sentence may describe that actor in its own words.
        (
            "In October 2024.",
            "Kim's troops began appearing in the region in October 2024.",
            "When did North Korean troops begin appearing in the region?",
            True,
        ),
    ],
)
def test_short_answers_carry_their_question(
    checker: SupportChecker, answer: str, source: str, question: str, supported: bool
) -> None:
    around = "Norvale Hydro runs the dam. North Korean units crossed the border in the autumn."
    assert checker.check(answer, source, "", question, asked=question, context=around).supported is supported


def test_only_the_readers_misspellings_are_forgiven(checker: SupportChecker) -> None:
    source = "Anna Vell resigned as chief executive of the operator on Wednesday."
    # The model wrote "designed" itself: it is not a misspelling of "resigned".
    claim = "The dam was designed by Anna Vell, who resigned as chief executive on Wednesday."
    assert not checker.check(claim, source, asked="Who designed the dam?").supported
    # A word the reader misspelt and the answer repeats is the word the source spells right.
    echoed = "Anna Vell resignd as chief executive of the operator on Wednesday."
    assert checker.check(echoed, source, asked="When was Anna Vell resignd?").supported is not False


def test_a_grammar_word_the_reader_mistyped_is_no_claim(checker: SupportChecker) -> None:
    source = (
        "Santrel revealed that Halvik has committed to dispatching 400 Halvik engineers to help clear"
        " mines in the Tessick valley."
    )
    question = "How mny engineers did Halvik pledge to Tessick?"
    assert checker.check("400 engineers", source, question=question, asked=question).supported
    # A real word one letter from a grammar word ("hid" / "had") is still a word of the claim.
    claim = "Mara Lint hid the report on the collapse."
    led = "The report on the collapse, written by retired judge Mara Lint, will come out in May."
    assert checker.check(claim, led, asked="Who hid the report on the collapse?").supported is False


def test_a_which_question_names_its_category_with_a_capitalised_word(checker: SupportChecker) -> None:
    # "Which Tessick official …?" asks for an official; the cited sentence gives his post instead.
    source = "The pledge was announced on Tuesday by Ivo Santrel, secretary of Tessick's security council."
    question = "Which Tessick official announced the pledge?"
    assert checker.check("Ivo Santrel", source, question=question, asked=question).supported
    assert asked_category(question) == "Tessick official"
    assert asked_category("Which contractor rebuilt the spillway?") == "contractor"


@pytest.mark.parametrize(
    ("question", "category", "relation"),
    [
        # A name of several words before the noun: all of it is the category, the verb the relation.
        (
            "Which Brask Harbour Board engineer was dismissed after the fire?",
            "Brask Harbour Board engineer",
            "dismissed",
        ),
        # The group the one asked for belongs to is category too.
        ("Which member of the council opened the hall?", "member of the council", "opened"),
        ("Which of the ferries was inspected?", "ferries", "inspected"),
    ],
)
def test_a_which_question_reads_its_whole_category_and_then_its_verb(
    question: str, category: str, relation: str
) -> None:
    assert asked_category(question) == category
    assert relation_word(question) == relation


def test_a_short_answer_names_someone_of_the_category_asked_with_another_title(
    checker: SupportChecker,
) -> None:
    # "engineer" is what the question calls him; the sentence gives his post, and "the board" is
    # the Brask Harbour Board of the sentence before.
    source = "The board also said it had dismissed its chief of works, Anton Pell, on full pay."
    question = "Which Brask Harbour Board engineer was dismissed after the fire?"
    assert checker.check("Anton Pell", source, question=question, asked=question).supported


def test_the_same_act_told_in_the_other_voice_is_no_swap() -> None:
    passive = "In May, 400 more Halvik engineers were suggested by Tessick officials."
    assert not roles_swapped("Tessick officials suggested 400 more Halvik engineers in May.", passive)
    # The passive's doer is the other party: a swap.
    assert roles_swapped(
        "Norland sent 400 engineers to Halvik.", "400 engineers were sent by Halvik to Norland."
    )
    assert roles_swapped("Norland sent 400 engineers to Halvik.", "Halvik sent 400 engineers to Norland.")


def test_stem_of_nothing_is_nothing() -> None:
    # A figure with no counted noun (an uploaded article's "Total: 40.") has an empty head noun;
    # the fuzzer found conflict scoring crashing on it.
    assert stem("") == "" and stem("evacuated") == stem("evacuation")


def test_a_range_owns_the_words_around_it(checker: SupportChecker) -> None:
    # "1,200 to 1,500 volunteers": both ends count volunteers, not the word "to".
    source = "An estimated 1,200 to 1,500 volunteers have been clearing mud in the valley."
    frames = dict(figure_frames(source))
    assert {"volun", "clear"} <= frames[1200.0] and frames[1200.0] == frames[1500.0]
    claim = "The estimated size of the volunteer contingent clearing mud in the valley is 1,200 to 1,500."
    assert checker.figures_agree(claim, source)


def test_the_questions_own_relation_is_required_of_a_full_answer(checker: SupportChecker) -> None:
    # "designed" is one letter from "resigned", but a misspelling keeps its first letter: the
    # reader asked about a designer, and the source tells only of a resignation.
    source = (
        "Anna Vell resigned as chief executive of Norvale Hydro on Wednesday, after the Vessa Dam failed."
    )
    claim = "The Vessa Dam was designed by Anna Vell, who resigned as chief executive of Norvale Hydro."
    verdict = checker.check(claim, source, asked="Who designed the Vessa Dam?")
    assert verdict.supported is False and "designed" in verdict.reason


def test_words_pointing_at_a_report_are_found_in_its_article(checker: SupportChecker) -> None:
    question = (
        "How many times has Vell visited the valley this year, according to the report on the relief convoy?"
    )
    source = "It was the third time Vell has visited the valley this year."
    article = f"A relief convoy reached the valley on Monday. {source}"
    kwargs = {"asked": question, "context": source}
    assert checker.check("Three times", source, "", question, article=article, **kwargs).supported is True
    # Without the article, "relief convoy" is nowhere: the sentence alone does not say it.
    assert checker.check("Three times", source, "", question, **kwargs).supported is False


@pytest.mark.parametrize(
    ("first", "second", "question"),
    [
        # What a question counts ends at its "when": "when the ferry capsized" counts nothing.
        (
            "At least 27 people were killed when the ferry capsized, the coast guard said.",
            "The ferry disaster left 31 dead, according to hospital officials.",
            "How many people died when the ferry capsized?",
        ),
        # A toll is the count of the dead, however it is worded.
        (
            "At least 27 people were killed when the ferry capsized, the coast guard said.",
            "Hospital officials put the death toll from the ferry disaster at 31.",
            "How many people died in the ferry disaster?",
        ),
        # What follows the counted noun ("from the … disaster", "on Wednesday") is not the noun.
        (
            "The ferry capsized in a storm, and the coast guard said 27 people were killed in the disaster.",
            "Officials put the death toll from the ferry disaster at 31 on Wednesday.",
            "How many people were killed in the ferry disaster?",
        ),
        # A toll that "stood at" a figure: the verb is not the counted noun.
        (
            "At least 27 people were killed when the ferry capsized, the coast guard said.",
            "The death toll from the ferry disaster stood at 31 on Wednesday.",
            "How many people died in the ferry disaster?",
        ),
        # The counted noun may come before the figure ("put the number of … at").
        (
            "The storm damaged 2,400 homes across the county.",
            "County officials put the number of damaged homes at 3,100.",
            "How many homes did the storm damage?",
        ),
    ],
)
def test_a_disagreement_worded_two_ways_is_found_and_asked_about(
    embedding_backend: EmbeddingBackend, first: str, second: str, question: str
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    found = finder.find([_sentence("kestrel", first), _sentence("sentinel", second)])
    assert len(found) == 1 and finder.relevant(found[0], question, "")


def test_bodies_recovered_are_not_the_toll(embedding_backend: EmbeddingBackend) -> None:
    finder = ConflictFinder(embedding_backend.model)
    bodies = _sentence("gazette", "Divers recovered 12 bodies from the Saint Orla on Tuesday.")
    toll = _sentence("post", "Officials put the death toll from the Saint Orla capsizing at 31.")
    assert finder.find([bodies, toll]) == []


def test_a_toll_of_another_disaster_is_not_about_the_question(embedding_backend: EmbeddingBackend) -> None:
    # Two tolls of people, alike in their clauses; only one article names the ferry asked about.
    finder = ConflictFinder(embedding_backend.model)
    ferry = _sentence(
        "gazette",
        "HARL — A passenger ferry capsized off Harl Point late on Monday during a storm, and at least"
        " 27 people were killed, the coast guard said on Tuesday.",
    )
    toll = _sentence(
        "post",
        "HARL — Hospital officials put the death toll from the Saint Orla disaster at 31 on Wednesday,"
        " after navy divers reached the wreck.",
    )
    bus = _sentence("courier", "At least 22 people died when a bus plunged into a ravine near Ostel.")
    question = "How many people died when the Saint Orla capsized?"
    texts = {"gazette": f"The Saint Orla sank. {ferry.text}", "post": toll.text, "courier": bus.text}
    with_toll = finder.find([ferry, toll])
    assert with_toll and finder.relevant(with_toll[0], question, "", {}, texts)
    with_bus = finder.find([ferry, bus])
    assert with_bus, "alike clauses group the two tolls"
    assert not finder.relevant(with_bus[0], question, "", {}, texts)
    # Outlets set side by side in the question each name one figure's source.
    outlets = {"gazette": "The Harl Gazette", "post": "Island Post"}
    asked = "Which reported more deaths, the Harl Gazette or the Island Post?"
    assert finder.relevant(with_toll[0], asked, "", outlets, texts)


def test_differing_counts_do_not_answer_a_question_about_money(embedding_backend: EmbeddingBackend) -> None:
    finder = ConflictFinder(embedding_backend.model)
    found = finder.find(
        [
            _sentence("kestrel", "Some 2,300 residents were evacuated from the valley on Monday."),
            _sentence("sentinel", "About 3,100 residents were evacuated from the valley on Monday."),
        ]
    )
    assert len(found) == 1
    assert finder.relevant(found[0], "How many residents were evacuated from the valley?", "")
    assert not finder.relevant(found[0], "How much did the operator pay the evacuated residents?", "")


def test_a_rivals_staff_is_not_joined_to_a_disagreement(embedding_backend: EmbeddingBackend) -> None:
    # Words every article uses ("mill", "employs") say nothing of counting the same thing, and a
    # group holds only figures alike each to each.
    sentences = [
        _sentence(
            "wire",
            "The Tarn mill employs 1,850 people, 640 of them on temporary contracts, according to company"
            " figures.",
        ),
        _sentence("courier", "The mill employs 2,100 people in Tarn, the union said."),
        _sentence("herald", "Halberd Foods employs about 3,400 people at four sites."),
        _sentence("post", "Some 700 of the mill's workers are on temporary contracts."),
    ]
    groups = ConflictFinder(embedding_backend.model).find(sentences)
    assert [sorted(m.quantity.low for m in group) for group in groups] == [[1850.0, 2100.0]]


def test_a_demanded_sum_answers_a_question_about_the_money_demanded(
    embedding_backend: EmbeddingBackend,
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (found,) = finder.find(
        [
            _sentence(
                "wire",
                "A gang calling itself Redmoth has demanded 3.5 million euros from the port authority.",
            ),
            _sentence(
                "ledger", "Sources told the Ledger that Redmoth had demanded 5 million euros from the port."
            ),
        ]
    )
    assert finder.relevant(found, "How much money did Redmoth demand from the port authority?", "")
    assert not finder.relevant(found, "How many ships did the port authority turn away?", "")


def test_records_published_are_not_the_records_copied(embedding_backend: EmbeddingBackend) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (found,) = finder.find(
        [
            _sentence(
                "wire", "Investigators believe about 90,000 customer records were copied from the bank."
            ),
            _sentence(
                "ledger", "Sources said about 120,000 customer records were copied during the intrusion."
            ),
        ]
    )
    assert finder.relevant(found, "How many customer records were copied from the bank?", "")
    assert not finder.relevant(found, "How many customer records had been published online by Friday?", "")


def test_a_relation_told_in_other_words_is_the_judges_to_read(embedding_backend: EmbeddingBackend) -> None:
    # "oversees" against "led by": word vectors put them no closer than "designed" and "operates",
    # so without a judge the full answer is refused; with one, the judge reads the pair.
    question = "Who oversees the inquiry into the collapse?"
    source = "The inquiry into the collapse, led by retired judge Mara Lint, will report in May."
    claim = "Mara Lint oversees the inquiry into the collapse."
    assert SupportChecker(embedding_backend.model).check(claim, source, asked=question).supported is False
    # ("heads" is one of the words news uses for "leads": no judge is needed for it)
    heads = "Mara Lint heads the inquiry into the collapse."
    assert (
        SupportChecker(embedding_backend.model).check(heads, source, asked="Who heads the inquiry?").supported
    )
    asked: list[str] = []
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: asked.append(claim) or True)
    assert checker.check(claim, source, asked=question).supported is True
    assert asked == [claim]


def test_the_judge_reads_the_clause_that_holds_the_relation(embedding_backend: EmbeddingBackend) -> None:
    # Shown whole, the judge said yes to the clause the source does state ("resigned").
    shown: list[str] = []
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: shown.append(claim) or False)
    source = "Anna Vell resigned as chief executive of Norvale Hydro on Wednesday."
    claim = "The Vessa Dam was designed by Anna Vell, who resigned as chief executive of Norvale Hydro."
    assert checker.check(claim, source, asked="Who designed the Vessa Dam?").supported is False
    assert shown == ["The Vessa Dam was designed by Anna Vell."]


def test_the_judge_reads_the_whole_claim_when_another_clause_is_not_stated(
    embedding_backend: EmbeddingBackend,
) -> None:
    # "which withdrew from the project" is in no source: a yes to the opening clause alone would
    # pass it unread.
    shown: list[str] = []
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: shown.append(claim) or False)
    source = "Penhold Engineering was the architect of the Vessa Dam, completed in 1974."
    claim = (
        "The Vessa Dam was designed by Penhold Engineering, which withdrew from the project after a dispute."
    )
    checker.check(claim, source, asked="Who designed the Vessa Dam?")
    assert shown == [claim]


def test_a_question_asking_how_something_is_described_has_no_relation() -> None:
    assert relation_word("How does the report on the flood describe the rescue crews?") == ""
    assert relation_word("What did the minister call the plan?") == ""


@pytest.mark.parametrize(
    ("claim", "source", "supported"),
    [
        ("The death toll was 14.", TOLL, True),  # "14 people died" gives the toll
        ("The death toll was 2,300.", TOLL, False),  # 2,300 were evacuated: not a toll
        (
            "The length of the new bridge is 1.2 kilometres.",
            "The new bridge, 1.2 kilometres long, opened.",
            True,
        ),
        ("The turnout was 61 percent.", "Some 61 percent of voters cast a ballot on Sunday.", True),
        ("The turnout was 61 percent.", "Anna Vell won 61 percent of the vote on Sunday.", False),
        (
            "The peak flow was 18,000 tonnes.",
            "The slide moved 18,000 tonnes of rock into the channel.",
            False,
        ),
    ],
)
def test_a_measure_may_be_told_without_its_noun(
    embedding_backend: EmbeddingBackend, claim: str, source: str, supported: bool
) -> None:
    # "The death toll was 14" against "14 people died": what the figure is called is told by the
    # figure's own clause in other words. The judge (here: yes to anything) is asked only then.
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    assert checker.check(claim, source).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The latest estimate of soldiers sent to the border is about 12,000.", True),
        ("The estimated size of the force sent to the border region is 12,000 soldiers.", True),
        ("The overall count of soldiers sent to the border is 12,000.", True),
        ("The latest estimate of soldiers killed at the border is 12,000.", False),
    ],
)
def test_words_that_qualify_a_count_name_no_other_thing(
    embedding_backend: EmbeddingBackend, claim: str, supported: bool
) -> None:
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    source = "Officials said about 12,000 soldiers had been sent to the border region by March."
    verdict = checker.check(claim, source, asked="How many soldiers were sent to the border region?")
    assert verdict.supported is supported, verdict.reason


def test_a_light_verb_is_no_relation_to_state(embedding_backend: EmbeddingBackend) -> None:
    # "What post does she hold?" is answered by an appositive that never says "holds".
    asked: list[str] = []
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: asked.append(claim) or True)
    source = "The statement was read by Anna Vell, chief executive of Norvale Hydro, outside its offices."
    claim = "Anna Vell holds the post of chief executive of Norvale Hydro."
    assert checker.check(claim, source, asked="What post does Anna Vell hold?").supported is True
    assert asked == [claim]  # left to the judge, not refused for a missing "hold"


def test_an_irregular_past_is_its_verb(checker: SupportChecker) -> None:
    # "they last met" is said by "their second meeting": "met" has no suffix to take off.
    assert stem("met") == stem("meeting") and stem("sent") == stem("sending")
    question = "How long before this meeting had Vell and Santrel last met?"
    source = "The two-hour meeting between Vell and Santrel marks their second in just over two weeks."
    kwargs = {"asked": question, "context": source}
    assert checker.check("Two weeks.", source, "", question, **kwargs).supported is True


def test_a_planned_figure_may_be_reported_as_a_figure() -> None:
    source = "The agreement envisages sending up to 800 engineers to the valley this spring."
    # Given as the agreement's figure, it is what the source says; given as done, it is not.
    assert plans_verdict("The agreement's figure for engineers going to the valley is 800.", source) is None
    done = plans_verdict("Up to 800 engineers were sent to the valley.", source)
    assert done is not None and done.supported is False


def test_a_relative_clause_may_tell_what_was_done_with_planned_things() -> None:
    # The re-sit plans to use the centres; the clause after them tells where the paper was sat.
    source = "The re-sit will use the same 1,270 centres in which the original paper was sat on May 12."
    asked = "At how many exam centres was the paper sat on May 12? 1,270"
    assert plans_verdict(asked, source) is None
    used = plans_verdict("The re-sit used 1,270 centres.", source)
    assert used is not None and used.supported is False


def test_a_quotation_going_on_after_said_name_is_that_speakers() -> None:
    article = (
        'Union leaders were unhappy. "Our members will be there because they care," said Dermot '
        'Quillan, the union\'s general secretary. "A teacher who works a Saturday should be paid like one."'
    )
    source = '"A teacher who works a Saturday should be paid like one."'
    question = 'Who said: "A teacher who works a Saturday should be paid like one"?'
    assert quoted_speaker(source, article) == "Dermot Quillan"
    assert speaker_of_quotation(question, "Dermot Quillan, the union's general secretary.", source, article)
    assert speaker_of_quotation(question, "Ada Brisk said it.", source, article) is False


def test_who_said_needs_a_source_holding_the_quoted_words(checker: SupportChecker) -> None:
    question = 'Who said: "My job is to fix this, not to walk away from it"?'
    other = "Education Minister Mireille Taskovar has said she expects the board's report by May 22."
    kwargs = {"asked": question, "context": other}
    verdict = checker.check("The education minister said this.", other, "", question, **kwargs)
    assert verdict.supported is False and "quotes" in verdict.reason
    # The words in the sentence before the cited one (its neighbours) are the same statement.
    quoting = '"My job is to fix this, not to walk away from it."'
    told = "Education Minister Mireille Taskovar told the committee she would not resign."
    kwargs = {"asked": question, "context": told}
    verdict = checker.check("Mireille Taskovar said it.", told, quoting, question, **kwargs)
    assert "quotes" not in verdict.reason


def test_a_figure_given_on_one_tellers_word_is_not_anothers(checker: SupportChecker) -> None:
    question = "How many people did the organisers say took part in the march through Varnholt?"
    source = (
        "On Saturday, about 4,000 people, according to police, marched through central Varnholt, in the "
        "largest of a series of protests organised by the students' union."
    )
    kwargs = {"asked": question, "context": source}
    verdict = checker.check("4,000 people.", source, "", question, **kwargs)
    assert verdict.supported is False and "police" in verdict.reason
    asked_police = question.replace("the organisers", "police")
    kwargs = {"asked": asked_police, "context": source}
    assert "police" not in checker.check("4,000 people.", source, "", asked_police, **kwargs).reason
    both = "Organisers said 9,000 people marched, and 4,000 according to police."
    assert asked_teller_unlike(question, both) == ""


def test_one_who_only_tells_of_an_act_did_not_do_it(checker: SupportChecker) -> None:
    question = "On what date did Education Minister Mireille Taskovar resign over the leak?"
    source = (
        "Taskovar said the board was an independent body and that its former chief executive, Ysolde "
        'Marrant, had "done the honourable thing" by resigning on May 18.'
    )
    kwargs = {"asked": question, "context": source}
    verdict = checker.check("May 18.", source, "", question, **kwargs)
    assert verdict.supported is False and "Ysolde Marrant" in verdict.reason
    asked_of_her = "When did Ysolde Marrant resign?"
    kwargs = {"asked": asked_of_her, "context": source}
    assert checker.check("May 18.", source, "", asked_of_her, **kwargs).supported is True
    # Her own act, told by her: "she" is the one asked of.
    assert teller_not_doer(question, "Taskovar said she would resign on May 18, after Ysolde Marrant.") == ""
    # A name with another subject between it and the act ("which it expects to cost") did not do it.
    costed = "How much did Dorrinvale Energy say the rebuilding would cost?"
    told = (
        "Dorrinvale Energy said that the rebuilding at the Korrel Dam, which it expects to cost 85 million "
        "crowns, will begin."
    )
    assert teller_not_doer(costed, told) == ""


def test_what_a_thing_is_asks_no_relation() -> None:
    # "What is the original source of …?" has no verb for the answer to repeat; "Who was ordered
    # to …?" does.
    assert relation_word("What is the original source of the article about the visit?") == ""
    assert relation_word("Who was ordered to leave the valley?") == "ordered"
    assert relation_word("Who designed the dam?") == "designed"


def test_a_passive_sentence_without_a_doer_names_no_one(embedding_backend: EmbeddingBackend) -> None:
    # The judge is not asked: "was rebuilt in 2009" says nothing of who rebuilt it.
    asked: list[str] = []
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: asked.append(claim) or True)
    # The operator is named next door, so its name is no missing word: only who did it is in doubt.
    source = "The auxiliary spillway was rebuilt in 2009."
    context = f"Norvale Hydro operates the dam. {source}"
    claim = "Norvale Hydro rebuilt the auxiliary spillway in 2009."
    verdict = checker.check(claim, source, context=context)
    assert verdict.supported is False and asked == []
    # With its doer ("by"), the sentence is the judge's to read.
    by = "The auxiliary spillway was rebuilt in 2009 by the operator."
    assert checker.check(claim, by, context=f"Norvale Hydro operates the dam. {by}").supported is True
    assert asked == [claim]


def test_a_passive_sentence_without_a_doer_names_no_one_whatever_else_differs(
    embedding_backend: EmbeddingBackend,
) -> None:
    # The claim also words the relation its own way ("take part" for "participation"), which once
    # sent the pair to the judge; who took part is still not the claim's actor, so it is not asked.
    asked: list[str] = []
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: asked.append(claim) or True)
    source = "A memorial will be constructed in Tessick with active participation from the provincial side."
    context = f"Norvale Hydro operates the dam. {source}"
    claim = "Norvale Hydro will take an active part in building the memorial in Tessick."
    assert checker.check(claim, source, context=context).supported is False
    assert asked == []


def test_a_short_answer_needs_a_doer_for_the_relation(checker: SupportChecker) -> None:
    """ "Which contractor rebuilt the spillway?" — a company named next to "The spillway was rebuilt
    in 2009." is not who rebuilt it; a sentence saying it was rebuilt *by* that company is."""
    question = "Which contractor rebuilt the auxiliary spillway in 2009?"
    source = "Norvale Hydro, which has run the dam since 1974, said the embankment was sound."
    passive = "The auxiliary spillway was rebuilt in 2009. The last inspection was in October."
    by = "The auxiliary spillway was rebuilt by the firm in 2009. The last inspection was in October."
    verdict = checker.check("Norvale Hydro", source, passive, question, asked=question, context=source)
    assert verdict.supported is False and "no one" in verdict.reason
    assert (
        "no one"
        not in checker.check("Norvale Hydro", source, by, question, asked=question, context=source).reason
    )
    # The question's doer is not asked for: "Which contractor did the ministry hire?"
    hired = "Which contractor did the ministry hire in 2009?"
    assert (
        "no one"
        not in checker.check(
            "Norvale Hydro", source, "The contractor was hired in 2009.", hired, asked=hired, context=source
        ).reason
    )


def test_times_of_day_are_read_in_every_common_form() -> None:
    assert clock_times("seen leaving at about 4 a.m. on Sunday") == {(4, 0)}
    assert clock_times("at 16:30") == {(16, 30)}
    assert clock_times("at 10.30 p.m.") == {(22, 30)}
    assert clock_times("at noon") == {(12, 0)}
    assert clock_times("at four o'clock") == {(4, 0), (16, 0)}
    assert clock_times("two men stayed for 3 hours on 4 May") == set()


def test_the_post_asked_for_and_the_title_a_source_gives() -> None:
    assert asked_role("Who is the museum's director?") == "director"
    assert asked_role("Who was the director of the museum?") == "director"
    assert asked_role("Who is the police chief?") == "chief"
    assert asked_role("Who is Ada Roe?") == ""
    assert asked_role("Who was the first person to arrive?") == ""
    # Asked for the name of whoever holds a post, likewise; not for what a thing is.
    assert asked_role("What is the driver's name?") == "driver"
    assert asked_role("What was the name of the museum's director?") == "director"
    assert asked_role("What is the speed limit?") == ""
    assert given_title("Pavel Dorn", "All have left except two, a hospital spokesman, Pavel Dorn, said.") == (
        "a hospital spokesman"
    )
    assert given_title("Peter Juhl", "Curator Peter Juhl said the museum is closed.") == "Curator"
    assert given_title("Lena Strand", "Lena Strand, the museum's director, said so.") == "museum's director"
    assert given_title("Mira Vance", "The chief executive, Mira Vance, said so.") == "The chief executive"
    assert given_title("Ada Roe", "On Monday Ada Roe said so.") == ""
    # A title that opens a sentence after another (a source of two sentences).
    assert given_title(
        "Selma Quist", "Shut until 11 a.m. Dravik's finance director, Selma Quist, said so."
    ) == ("Dravik's finance director")
    assert person_asked_about("Who is Piet Norden?") == "Piet Norden"
    assert person_asked_about("Who was injured outside the north gate?") == ""


def test_a_claim_giving_the_act_to_another_named_party_is_refused_without_a_question(
    embedding_backend: EmbeddingBackend,
) -> None:
    # A summary line has no question: the act's doer is read from the claim's opening name.
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    source = (
        "Interior Minister Sara Lind ordered the 2nd Signals Battalion to the port on Monday at the "
        "request of the Harbour Authority, which wanted the quay guarded."
    )
    swapped = "The Harbour Authority ordered the 2nd Signals Battalion to the port on Monday."
    assert always_yes.check(swapped, source).supported is False
    # A summary's topic is no who-question either.
    assert always_yes.check(swapped, source, asked="the signals battalion at the port").supported is False
    told = "Interior Minister Sara Lind ordered the 2nd Signals Battalion to the port on Monday."
    assert always_yes.check(told, source).supported is True


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        # The apposition between a name and its verb is the name's.
        (
            "Marden escaped with shallower flooding.",
            "Marden, the furthest of the three towns, escaped with shallower flooding.",
        ),
        # A body that says its members did something reports its own act.
        (
            "The Drell Insurers' Association has received claims for 300 damaged homes.",
            "The Drell Insurers' Association said its members had received claims for 300 damaged homes.",
        ),
    ],
)
def test_the_doer_of_an_act_is_read_through_appositions_and_own_reports(
    embedding_backend: EmbeddingBackend, claim: str, source: str
) -> None:
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    assert always_yes.check(claim, source).supported is True


def test_a_direction_or_part_of_the_day_is_never_a_word_a_claim_may_lack(checker: SupportChecker) -> None:
    source = "Police arrested two pickets outside the north gate on Tuesday evening."
    question = "Where were the pickets arrested?"
    assert checker.check("Outside the south gate.", source, "", question, asked=question).supported is False
    assert checker.check("Outside the north gate.", source, "", question, asked=question).supported is True
    asked = "When were the pickets arrested?"
    assert checker.check("On Tuesday morning.", source, "", asked, asked=asked).supported is False


def test_a_day_answers_only_for_the_act_the_question_dates(embedding_backend: EmbeddingBackend) -> None:
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    question = "When were the paintings found?"
    stolen = "Thieves stole three paintings from the museum early on Sunday, police said."
    found = "Two of the stolen paintings were found in a car park on Friday, police said."
    assert always_yes.check("On Sunday.", stolen, "", question, asked=question).supported is False
    assert always_yes.check("On Friday.", found, "", question, asked=question).supported is True


def test_a_part_owns_what_the_sentence_says_after_its_whole(checker: SupportChecker) -> None:
    source = "About 1,800 of the port's 2,600 workers joined the strike, the union said."
    have, joined = "How many workers does the port have?", "How many workers joined the strike?"
    assert checker.check("About 1,800 workers.", source, "", have, asked=have).supported is False
    assert checker.check("About 2,600 workers.", source, "", have, asked=have).supported is True
    assert checker.check("About 1,800 workers.", source, "", joined, asked=joined).supported is True


SPEEDS = "The train was travelling at 95 km/h on a section where the speed limit is 60 km/h, officials said."


@pytest.mark.parametrize(
    ("claim", "question", "supported"),
    [
        ("95 km/h.", "How fast was the train travelling?", True),
        ("The train was travelling at 60 km/h.", "How fast was the train travelling?", False),
        ("60 km/h.", "What is the speed limit on that section?", True),
        ("The speed limit is 95 km/h.", "What is the speed limit on that section?", False),
    ],
)
def test_two_figures_of_one_unit_are_told_apart_by_their_clauses(
    checker: SupportChecker, claim: str, question: str, supported: bool
) -> None:
    # "where" opens the second figure's clause, and "km/h", said of both, tells neither apart.
    short = len(claim.split()) <= 3
    verdict = checker.check(claim, SPEEDS, "", question if short else "", asked=question)
    assert verdict.supported is supported


@pytest.mark.parametrize(
    ("claim", "source", "question", "supported"),
    [
        # A figure given as a measure counts no things.
        ("The train was carrying 95 passengers.", SPEEDS, "", False),
        ("The fire destroyed 300 homes.", "The fire burned 300 hectares of forest.", "", False),
        ("The fire burned 300 hectares.", "The fire burned 300 hectares of forest.", "", True),
        # A part of a whole the source gives no figure for is that part, not the whole.
        (
            "Three people were injured.",
            "The chief said three of the injured were in serious condition.",
            "",
            False,
        ),
        (
            "Three of the injured were in serious condition.",
            "Three of the injured were in serious condition.",
            "",
            True,
        ),
        ("Three people were seriously injured.", "Three of the injured were in serious condition.", "", True),
        (
            "Three.",
            "Three of the injured were in serious condition.",
            "How many were in serious condition?",
            True,
        ),
        ("Three.", "Three of the injured were in serious condition.", "How many people were injured?", False),
        # A time of day is no count: its minutes count nothing else.
        (
            "At about 7:40 p.m.",
            "The train left the tracks at about 7:40 p.m. on a bend.",
            "At what time did the train leave the tracks?",
            True,
        ),
    ],
)
def test_a_figure_is_a_measure_a_part_or_a_time_as_the_source_gives_it(
    embedding_backend: EmbeddingBackend, claim: str, source: str, question: str, supported: bool
) -> None:
    # Decided before the judge, which says yes to all.
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    assert always_yes.check(claim, source, "", question, asked=question).supported is supported


CARRIAGES = "The train had 240 passengers on board when six of its eight carriages left the tracks."


@pytest.mark.parametrize(
    ("claim", "question", "supported"),
    [
        # What the sentence says after the whole is said of the part, not of the whole ...
        ("All eight carriages left the tracks.", "", False),
        ("Eight.", "How many carriages left the tracks?", False),
        ("Six.", "How many carriages left the tracks?", True),
        ("Six of the train's eight carriages.", "How many carriages left the tracks?", True),
        ("Six of the train's eight carriages left the tracks.", "", True),
        # ... and a whole joined by "its" is the subject's: the train had eight carriages.
        ("The train had eight carriages.", "", True),
    ],
)
def test_the_whole_of_a_part_owns_neither_the_parts_act_nor_less_than_its_subject(
    embedding_backend: EmbeddingBackend, claim: str, question: str, supported: bool
) -> None:
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    asked = question or "How many carriages did the train have?"
    assert always_yes.check(claim, CARRIAGES, "", question, asked=asked).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Ridership rose 12 percent in the week after the accident.", False),
        ("Ridership fell 12 percent in the week after the accident.", True),
        ("Ridership dropped by 12 percent after the accident.", True),
    ],
)
def test_a_figure_moves_the_way_its_source_moves_it(
    embedding_backend: EmbeddingBackend, claim: str, supported: bool
) -> None:
    source = "Ridership on the line fell 12 percent in the week after the accident, the company said."
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    assert always_yes.check(claim, source).supported is supported


def test_a_post_the_claim_gives_a_person_is_the_title_the_source_gives(
    embedding_backend: EmbeddingBackend,
) -> None:
    source = (
        "The government on Thursday appointed Petra Holm, a former appeals court judge, to lead the inquiry."
    )
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    question = "Who is Petra Holm?"
    wrong = always_yes.check("Petra Holm is the environment minister.", source, asked=question)
    assert wrong.supported is False
    right = always_yes.check("Petra Holm is a former appeals court judge.", source, asked=question)
    assert right.supported is True


def test_a_part_and_its_whole_swapped_is_refused(checker: SupportChecker) -> None:
    source = "Four of the spillway's 11 pressure sensors had been out of service since November."
    swapped = "11 of the spillway's four pressure sensors had been out of service since November."
    assert checker.check(swapped, source).supported is False
    assert checker.check("Four of the spillway's 11 pressure sensors were out of service.", source).supported


LEAK = (
    "Residents were told to keep their windows shut until 11 a.m. The finance director said the plant would"
    " stay shut for at least ten days, and that the leaking tank was one of 15 at the site."
)


@pytest.mark.parametrize(
    ("claim", "question", "supported"),
    [
        # A count the source gives only as a time of day.
        ("The plant would stay shut for at least 11 days.", "", False),
        # The act of the one is not the whole's.
        ("15 tanks leaked.", "", False),
        ("15.", "How many tanks leaked?", False),
        ("The site has 15 tanks.", "", True),
    ],
)
def test_a_count_is_no_time_of_day_and_a_whole_is_not_its_one(
    embedding_backend: EmbeddingBackend, claim: str, question: str, supported: bool
) -> None:
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    asked = question or "How many tanks does the site have?"
    assert always_yes.check(claim, LEAK, "", question, asked=asked).supported is supported


@pytest.mark.parametrize(
    ("question", "claim", "supported"),
    [
        # "Who called it …?" asks for the speaker, as "Who said …?" does.
        ("Who called the compensation payment an insult?", "Ilse Varga called the payment an insult.", False),
        ("Who called the compensation payment an insult?", "Piet Norden called the payment an insult.", True),
        # A bare post answering "Who is <name>?" is held to the title the source gives.
        ("Who is Piet Norden?", "The mayor of Halvern.", False),
        ("Who is Piet Norden?", "The chairman of the residents' group.", True),
    ],
)
def test_the_speaker_and_the_post_of_a_named_person(
    embedding_backend: EmbeddingBackend, question: str, claim: str, supported: bool
) -> None:
    source = (
        "The residents' group was not consulted. Its chairman, Piet Norden, called the payment an insult."
    )
    always_yes = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    short = len(claim.split()) <= 6
    verdict = always_yes.check(claim, source, "", question if short else "", asked=question)
    assert verdict.supported is supported


def test_a_plural_in_ies_is_its_singular(checker: SupportChecker) -> None:
    # "ferries" is "ferry" and "carried" is "carry": taking only "s" off left "ferri", which no
    # singular in the source matched, so a right answer was refused for a word it shares.
    assert stem("ferries") == stem("ferry") and stem("carried") == stem("carries")
    source = "Every ferry to Harl Island was cancelled on Tuesday because of the storm."
    claim = "The storm cancelled the ferries to Harl Island on Tuesday."
    assert checker.check(claim, source).supported is True


def test_a_relative_clause_closed_before_the_verb_is_not_its_subject() -> None:
    # "Olav Drem, 61, who chaired the meeting, said …": Drem said it; the clause describes him.
    question = "Who said every worker would be offered a job?"
    source = "Works manager Olav Drem, 61, who chaired the meeting, said every worker would be offered a job."
    assert other_doer(question, "The works manager, Olav Drem.", source, short=True) == ""
    # A clause that is the verb's subject is still its doer: the engineers designed the bridge.
    bridge = "Engineers from Halvik Works designed the bridge, which the city council opened in May."
    assert other_doer("Who designed the bridge?", "The city council.", bridge, short=True)


def test_a_figure_is_held_to_its_unit_of_measure(checker: SupportChecker) -> None:
    # "1.8 kilometres" is not "1.8 metres", however well the rest of the sentence matches; "km" and
    # "kilometres", "%" and "percent" are one unit.
    source = "Two days of heavy rain had raised the level of the River Sule by 1.8 metres on Sunday."
    question = "How much did the River Sule rise?"
    assert checker.check("1.8 kilometres.", source, "", question, asked=question).supported is False
    assert checker.check("1.8 metres.", source, "", question, asked=question).supported is True
    assert checker.check("The tunnel is 6.4 km long.", "The tunnel is 6.4 kilometres long.").supported is True


def test_the_verb_after_an_inverted_subject_is_the_relation(checker: SupportChecker) -> None:
    # "What did the union demand?" asks of a demand, not of the union; the subject sits between the
    # auxiliary and the verb, however many words it has.
    assert relation_word("What did the union demand?") == "demand"
    assert relation_word("When will the inquiry report?") == "report"
    assert relation_word("How many people did the police arrest?") == "arrest"
    assert relation_word("When did the rescue teams find the boy?") == "find"
    assert relation_word("When will the dock at Brell reopen?") == "reopen"
    # Asked who did it, the verb follows the auxiliary; asked where it happened, the thing is asked of.
    assert relation_word("Who will lead the inquiry?") == "lead"
    assert relation_word("Where did the leak happen?") == "leak"
    assert relation_word("How much will the inquiry cost?") == "cost"
    # So a sentence telling the union's other act does not answer what it demanded.
    source = "The union had rejected a 4 percent offer on Monday, its leader Ada Kron said."
    question = "What did the union demand?"
    assert checker.check("4 percent.", source, "", question, asked=question).supported is False


def test_yes_is_no_answer_when_the_act_is_still_to_come(checker: SupportChecker) -> None:
    # "Have club members approved the merger?" — "Yes, …" is not what "must still approve" says.
    question = "Have club members approved the merger?"
    to_come = "Club members must still approve the merger at a vote in May, the board said."
    done = "Club members approved the merger at a vote in May, the board said."
    assert checker.check("Yes, at a vote in May.", to_come, "", question, asked=question).supported is False
    assert checker.check("Yes, at a vote in May.", done, "", question, asked=question).supported is True


def test_a_figure_is_its_own_tellers(checker: SupportChecker) -> None:
    # Two tellers, two figures: "8,000, according to police" swaps them.
    source = (
        "Some 5,000 people, according to police, or 8,000, according to the organisers, marched on Saturday."
    )
    question = "How many people marched?"
    assert (
        checker.check("8,000, according to police.", source, "", question, asked=question).supported is False
    )
    both = "Some 5,000 according to police, 8,000 according to the organisers."
    assert checker.check(both, source, "", question, asked=question).supported is True


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # A bound allows a figure a little past it, not one far past it.
        (
            "Some 6,200 cattle have been culled in the district.",
            "More than 6,000 cattle in the district have been culled.",
            False,
        ),
        (
            "Some 9,000 cattle have been culled in the district.",
            "More than 6,000 cattle in the district have been culled.",
            True,
        ),
        # What was asked for, or is needed, is not what was got.
        (
            "The residents had sought 5 million pesos in damages.",
            "The court awarded the residents 2.3 million pesos in damages.",
            False,
        ),
        (
            "Prosecutors had asked for Otto Renk to be jailed for twelve years.",
            "Otto Renk was jailed for nine years.",
            False,
        ),
        (
            "The petition gathered 18,000 signatures.",
            "The petition needs 10,000 signatures to force a vote.",
            False,
        ),
    ],
)
def test_bounds_requests_and_thresholds_are_not_disagreements(
    embedding_backend: EmbeddingBackend, first: str, second: str, conflict: bool
) -> None:
    groups = ConflictFinder(embedding_backend.model).find(
        [_sentence("courier", first), _sentence("herald", second)]
    )
    assert bool(groups) is conflict


def test_an_earlier_one_is_not_the_one_in_the_news(checker: SupportChecker) -> None:
    # "The dockers' last strike" was another strike; asked of the last one, it is the answer.
    source = "The dockers' last strike, in 2014, lasted four days."
    question = "How long did the strike last?"
    assert checker.check("Four days.", source, "", question, asked=question).supported is False
    earlier = "How long did the dockers' last strike last?"
    assert checker.check("Four days.", source, "", earlier, asked=earlier).supported is True


def test_a_figure_given_as_the_tellers_own_estimate_is_not_a_deed_given_to_the_teller(
    checker: SupportChecker,
) -> None:
    source = (
        "The estimated 12 million crowns cost of the closure includes overtime, agency staff and the "
        "rescheduling of 640 sailings, the authority said."
    )
    own = "The harbour authority's 12 million crown estimate of the closure's cost includes overtime."
    assert checker.check(own, source).supported is not False
    # Made the doer of what it only told, it is still refused.
    assert checker.check("The harbour authority rescheduled 640 sailings.", source).supported is False


BALLOT = (
    "In a ballot that closed on 2 May, 74 per cent of dockers voted in favour of strike action on a"
    " turnout of 61 per cent."
)


def test_a_bare_figure_is_not_the_noun_asked_when_the_source_gives_that_noun_another(
    checker: SupportChecker,
) -> None:
    question = "What was the turnout in the dockers' strike ballot?"
    kwargs = {"asked": question, "context": BALLOT}
    assert checker.check("74%.", BALLOT, "", question, **kwargs).supported is False
    assert checker.check("61%.", BALLOT, "", question, **kwargs).supported is not False


def test_votes_against_are_not_votes_in_favour(checker: SupportChecker) -> None:
    assert checker.check("74 per cent of dockers voted against strike action.", BALLOT).supported is False
    assert checker.check("74 per cent of dockers voted in favour of strike action.", BALLOT).supported


def test_a_figures_scale_and_unit_or_a_group_named_by_its_size_confirm_no_verb(
    checker: SupportChecker,
) -> None:
    # A claim's verb may be missing where its figure is confirmed by what it counts; the figure's
    # own "million crowns" confirms nothing of who earned it …
    cost = "The estimated 12 million crowns cost of the closure includes overtime and agency staffing."
    assert (
        checker.check("Harbour Staffing earned 12 million crowns from the closure.", cost).supported
        is not True
    )
    # … and "the two sides" is no figure the claim states: its verb is the claim.
    talks = "Talks between the two sides are due to resume on Monday at the labour ministry."
    claim = "The talks between the two sides collapsed on Monday at the labour ministry."
    assert checker.check(claim, talks).supported is not True
    assert checker.check(
        "Talks between the two sides will resume on Monday at the labour ministry.", talks
    ).supported


def test_a_capitalised_post_asked_by_the_name_of_its_holder_is_a_post(checker: SupportChecker) -> None:
    question = "What is the name of Varnholt's provincial Premier?"
    assert asked_role(question) == "premier"
    source = "Provincial Finance Minister Ansel Drage said the deal would be funded from reserves."
    kwargs = {"asked": question, "context": source}
    assert checker.check("Ansel Drage.", source, "", question, **kwargs).supported is False


def test_the_average_of_a_thing_is_not_its_starting_figure(checker: SupportChecker) -> None:
    source = "A newly qualified paramedic in Varnholt earns a starting salary of 2,610 crowns a month."
    question = "What is the average monthly salary of a paramedic in Varnholt?"
    assert checker.check(source, source, "", "", asked=question, context=source).supported is False
    asked = "What is the starting salary of a newly qualified paramedic in Varnholt?"
    assert checker.check(source, source, "", "", asked=asked, context=source).supported
    # ("monthly" is told by "a month", and the question's own "starting" is the source's)
    monthly = "What is the monthly starting salary of a newly qualified paramedic in Varnholt?"
    assert checker.check(source, source, "", "", asked=monthly, context=source).supported


@pytest.mark.parametrize(
    ("pair", "question", "answer"),
    [
        # An answer that gives one count alone gives it as what was asked, in its own words.
        (
            (
                "About 5,400 nurses, porters and ambulance technicians walked out across Vessel province"
                " on the first day, according to the union.",
                "About 4,100 staff walked out when the strike began on Monday, according to the health"
                " board's figures.",
            ),
            "How many health workers walked out on the first day of the strike?",
            "5,400 nurses, porters and ambulance technicians walked out on the first day of the strike.",
        ),
        # A length the answer gives in minutes and seconds is the figure the article gives so.
        (
            (
                "Average waits for the most urgent, life-threatening calls rose to 21 minutes in the first"
                " week of the strike.",
                "The service said the average wait for the most urgent calls was 15 minutes and 40 seconds"
                " in the first week of the strike.",
            ),
            "What was the average wait for the most urgent calls in the first week of the strike?",
            "The average wait for the most urgent calls was 15 minutes and 40 seconds.",
        ),
    ],
)
def test_an_answer_stating_one_of_the_figures_shows_the_conflict(
    embedding_backend: EmbeddingBackend, pair: tuple[str, str], question: str, answer: str
) -> None:
    finder = ConflictFinder(embedding_backend.model)
    (conflict,) = finder.find([_sentence("gazette", pair[0]), _sentence("wire", pair[1])])
    assert finder.relevant(conflict, question, answer)


def test_a_count_with_no_noun_is_not_lent_one_by_a_sentence_of_another_count(checker: SupportChecker) -> None:
    # "sat" is a past ("How many candidates sat …?" counts candidates, not the paper), and "actually"
    # stresses the verb: the neighbour's candidates, who sat another paper, are not the 412 registered.
    question = "How many candidates actually sat the contingency paper on June 20?"
    assert asked_counted(question) == "candidates"
    source = "A further 412 have registered for a contingency paper on June 20."
    neighbours = "Of the candidates who sat the original paper, 57,940 took the re-sit on May 30."
    kwargs = {"asked": question, "context": f"{neighbours} {source}"}
    assert checker.check("412", source, neighbours, question, **kwargs).supported is False


def test_another_firm_named_in_the_article_is_not_the_sources_doer(checker: SupportChecker) -> None:
    # Two firms of one story: the builder is not another name for the operator the source names,
    # nor is a firm's word in the outlet's name ("Systems & Security Weekly") the claimed firm's.
    article = (
        "MediLedger was built by Corvana Systems. Tessaline, which runs the data centre, has now "
        "switched on two-factor logins for all 1,150 remote-access accounts it manages."
    )
    source = (
        "Systems & Security Weekly reported: Tessaline, which runs the data centre, has now switched on "
        "two-factor logins for all 1,150 remote-access accounts it manages."
    )
    question = "For how many accounts did Corvana Systems switch on two-factor logins?"
    claim = "Corvana Systems switched on two-factor logins for all 1,150 remote-access accounts."
    kwargs = {"asked": question, "context": article, "article": article}
    verdict = checker.check(claim, source, "", "", **kwargs)
    assert verdict.supported is False and "Tessaline" in verdict.reason
    # A council the outlet's name places ("The Caldmere Herald") is no firm, and is not refused so.
    assert absent_actor("Caldmere city council offered 40 staff.", "The Caldmere Herald reported: x") is None


def test_a_public_body_named_in_the_article_is_not_the_sources_doer(checker: SupportChecker) -> None:
    # The ministry the article quotes elsewhere is not another name for the insurer that offered the
    # reward, however the sentence opens.
    source = "On Wednesday, Ardmoor announced a reward of 250,000 marels for information on the paintings."
    article = (
        f"The paintings are worth 180 million marels, an official at the Culture Ministry said. {source}"
    )
    question = "How large a reward has the Culture Ministry offered for the return of the paintings?"
    claim = "The Culture Ministry offered a reward of 250,000 marels for information on the paintings."
    kwargs = {"asked": question, "context": article, "article": article}
    verdict = checker.check(claim, source, "", "", **kwargs)
    assert verdict.supported is False and "Ardmoor" in verdict.reason


def test_an_opening_pronoun_stands_for_the_subject_before_it(checker: SupportChecker) -> None:
    article = (
        "The group, which calls itself Grey Lantern, posted the claim on its leak site on Tuesday. "
        "It said it had taken 1.4 terabytes of data from the network's systems."
    )
    source = "It said it had taken 1.4 terabytes of data from the network's systems."
    question = "How many terabytes of data did the hospital network confirm had been stolen?"
    kwargs = {"asked": question, "context": article, "article": article}
    claim = "The hospital network confirmed that it had taken 1.4 terabytes of data."
    verdict = checker.check(claim, source, "", "", **kwargs)
    assert verdict.supported is False and "The group" in verdict.reason
    assert pronoun_of_another("Grey Lantern said it had taken 1.4 terabytes.", source, article) == ""
    # A how-many question in a unit is answered in that unit, not by a count of patients.
    asked_in_unit = gives_what_was_asked(
        question, ["The network confirmed 280,000 patients' data was stolen."]
    )
    assert asked_in_unit is False


def test_a_post_asked_by_name_is_not_anothers_post(checker: SupportChecker) -> None:
    # "whose …" ends the post asked for; "managing director of …" is a post told with no article.
    question = "What is the name of the Tessaline engineer whose remote-access account the attackers used?"
    assert asked_role(question) == "engineer"
    source = (
        "Jorun Blakeney, managing director of Tessaline IT Services, told the committee the engineer's "
        "account should have been protected."
    )
    assert given_title("Jorun Blakeney", source) == "managing director of Tessaline IT Services"
    assert given_title("Ada Roe", "Ada Roe, who chairs the board, said so.") == ""
    kwargs = {"asked": question, "context": source}
    assert checker.check("Jorun Blakeney", source, "", question, **kwargs).supported is False


def test_a_firms_thing_asked_of_is_not_another_firms(checker: SupportChecker) -> None:
    question = "What is the value of Corvana Systems' contract to run the network's data centre?"
    source = (
        "The network's IT is run by Tessaline IT Services, which has operated its data centre since 2021 "
        "under a seven-year contract worth 42 million dunars."
    )
    kwargs = {"asked": question, "context": source}
    verdict = checker.check("42 million dunars", source, "", question, **kwargs)
    assert verdict.supported is False and "Tessaline IT Services" in verdict.reason
    answer = "The contract with Tessaline IT Services to run the data centre is worth 42 million dunars."
    assert gives_what_was_asked(question, [answer]) is False
    # Asked which firm, the answer is another firm: the owner need not be named again.
    assert gives_what_was_asked(
        "Which bank issued Drummaveld Construction's bond?", ["Halver Bank issued it."]
    )


def test_the_day_of_the_story_s_event_needs_no_repeating(checker: SupportChecker) -> None:
    """ "At what time was the chairlift halted on the day of the avalanche?": the cited sentence
    gives the time; the avalanche is what the whole article is about."""
    source = "The Greyfold chairlift, which serves the run, was halted at 11:52 a.m., the lift operator said."
    article = f"An avalanche swept across a ski run at the Vessmark resort on Saturday. {source}"
    question = "At what time was the Greyfold chairlift halted on the day of the avalanche?"
    claim = "The Greyfold chairlift was halted at 11:52 a.m. on the day of the avalanche."
    kwargs = {"asked": question, "context": article, "article": article, "title": "Avalanche kills four"}
    assert checker.check(claim, source, "", "", **kwargs).supported
    # ... but not when the article's opening never names it.
    other = f"A ski run at the Vessmark resort was closed on Saturday. {source}"
    kwargs.update(context=other, article=other, title="Run closed")
    assert not checker.check(claim, source, "", "", **kwargs).supported


def test_a_compound_age_is_the_age_of_the_whole_noun(checker: SupportChecker) -> None:
    """ "a 58-year-old lift mechanic employed by …" is the mechanic's age, not the lift's."""
    source = (
        "Five people died, according to the Courier's count, which includes a 58-year-old lift mechanic "
        "employed by Orlevo Cableways who collapsed while digging for survivors."
    )
    question = "How old was the lift mechanic who collapsed while digging for survivors?"
    assert checker.check("58 years old", source, "", question, asked=question).supported
    other = "How old was the ski instructor who collapsed while digging for survivors?"
    assert not checker.check("58 years old", source, "", other, asked=other).supported


def test_a_participle_after_a_dated_clause_shares_its_date(checker: SupportChecker) -> None:
    """ "180 rescuers were deployed on Saturday, working alongside 14 search dogs": the dogs worked
    on Saturday too. A clause of its own, told of another act, still keeps its date apart."""
    source = (
        "The rescue corps said 180 rescuers were deployed on Saturday, working alongside 14 search dogs "
        "and volunteers from the ski club."
    )
    assert checker.check("14 search dogs worked alongside the rescuers on Saturday.", source).supported
    apart = "The rescue corps said 180 rescuers were deployed on Saturday, and 14 search dogs arrived later."
    assert not checker.check("14 search dogs arrived on Saturday.", apart).supported


def test_a_public_body_acting_is_no_firm_acting(embedding_backend: EmbeddingBackend) -> None:
    """ "The government has approved 8 million marels in emergency aid" does not say the resort's
    owner announced it, however the question put it; the judge said yes to such a swap."""

    def yes(claim: str, passage: str) -> bool:
        return True

    checker = SupportChecker(embedding_backend.model, yes)
    source = "The government has approved 8 million marels in emergency aid for Orlevo, the ministry said."
    question = "How much emergency aid did Halvard Leisure Group announce for Orlevo?"
    claim = "Halvard Leisure Group announced emergency aid of 8 million marels for Orlevo."
    verdict = checker.check(claim, source, "", "", asked=question)
    assert verdict.supported is False and "government" in verdict.reason
    # "The company" may be the firm named before.
    company = "The company has announced 8 million marels in emergency aid for Orlevo, it said."
    assert checker.check(claim, company, "", "", asked=question).supported


def test_a_relation_told_of_another_name_nearby_is_not_lent(checker: SupportChecker) -> None:
    """ "Which company operates the lifts?" — "Halvard Leisure Group operates the lifts", cited to
    the sentence saying Halvard owns the resort: the sentence before tells who operates the lifts,
    and it is another company."""
    operator = (
        "The chairlift was halted at 11:52 a.m., according to Orlevo Cableways, the company that operates "
        "the lifts."
    )
    owner = "The resort is owned by Halvard Leisure Group, which said all of its slopes would stay closed."
    question = "Which company operates the lifts at Vessmark Ridge?"
    claim = "Halvard Leisure Group operates the lifts at Vessmark Ridge."
    verdict = checker.check(claim, owner, f"{operator} {owner}", "", asked=question)
    assert verdict.supported is False and "Orlevo Cableways" in verdict.reason
    # A neighbour that tells it of the claim's own company still may.
    own = "Halvard Leisure Group, which operates the lifts, said the chairlift was halted at 11:52 a.m."
    assert "Orlevo" not in checker.check(claim, owner, f"{own} {owner}", "", asked=question).reason


def test_a_phrase_after_a_dated_clause_shares_its_date(checker: SupportChecker) -> None:
    """ "… filled the church and the square on Saturday, 21 February, for a memorial service": the
    service was on that Saturday; the date is no other act's."""
    from service.grounding.support import detail_elsewhere

    source = (
        "About 1,500 people filled the Church of St Odrun in Orlevo and the square outside on Saturday, "
        "21 February, for a memorial service for the four people killed in the avalanche."
    )
    assert detail_elsewhere("The memorial service was held on Saturday, 21 February.", source) == ""
    apart = "The church was repainted on Saturday, 21 February, and a memorial service followed in March."
    assert detail_elsewhere("The memorial service was held on Saturday, 21 February.", apart)


def test_the_day_of_the_week_asked_is_a_day(checker: SupportChecker) -> None:
    source = "Interior Minister Renske Haldor visited Orlevo on Monday, 16 February, and promised answers."
    question = "On what day of the week did Interior Minister Haldor visit Orlevo?"
    assert checker.check("On Monday, 16 February.", source, "", question, asked=question).supported


def test_a_cause_the_source_says_is_not_known_is_not_answered(checker: SupportChecker) -> None:
    source = (
        "The inspectorate said the avalanche broke away on a weak layer of snow laid down in early January, "
        "but that it was still too early to say what set it off."
    )
    claim = "The avalanche broke away on a weak layer of snow laid down in early January."
    question = "What triggered the avalanche?"
    verdict = checker.check(claim, source, "", "", asked=question)
    assert verdict.supported is False and "not known" in verdict.reason
    # Where it broke away is told, whatever is not known of the cause.
    assert checker.check(claim, source, "", "", asked="Where did the avalanche break away?").supported


def test_a_part_of_another_group_does_not_answer(checker: SupportChecker) -> None:
    source = (
        "Of the 13 buried, nine were Valdmoran citizens and four were visitors from neighbouring Corvessa."
    )
    claim = "Of the 13 buried, four were visitors from neighbouring Corvessa."
    killed = "How many of the people killed were visitors from Corvessa?"
    verdict = checker.check(claim, source, "", "", asked=killed)
    assert verdict.supported is False and "buried" in verdict.reason
    buried = "How many of the people buried were visitors from Corvessa?"
    assert checker.check(claim, source, "", "", asked=buried).supported


def test_those_acted_on_are_not_all_who_were_there(checker: SupportChecker) -> None:
    source = "Four people were killed in the avalanche, which struck the Greyfold run at about 11:40 a.m."
    verdict = checker.check("Four skiers were on the Greyfold run when the avalanche struck.", source)
    assert verdict.supported is False and "killed" in verdict.reason
    aboard = "The ferry was carrying 212 passengers when it struck the rocks."
    assert checker.check("212 passengers were on board the ferry when it struck the rocks.", aboard).supported


def test_a_figure_asked_by_one_day_is_not_another_days(checker: SupportChecker) -> None:
    source = (
        "The brigade said the tunnel was planned at 90 metres and that 54 metres had been completed by "
        "Wednesday evening."
    )
    claim = "54 metres of the bypass tunnel had been completed by Wednesday evening."
    thursday = "How long was the bypass tunnel by Thursday evening?"
    verdict = checker.check(claim, source, "", "", asked=thursday)
    assert verdict.supported is False and "Wednesday" in verdict.reason
    wednesday = "How long was the bypass tunnel by Wednesday evening?"
    assert "Wednesday" not in checker.check(claim, source, "", "", asked=wednesday).reason


def test_a_post_told_after_an_age_is_the_persons_post(checker: SupportChecker) -> None:
    """ "Among the dead was Andrej Kollin, 52, a shift foreman …": he is the foreman; "dead was" is no
    title."""
    source = "Among the dead was Andrej Kollin, 52, a shift foreman who had worked at the mine for 30 years."
    question = "What was the name of the shift foreman who died in the collapse?"
    assert checker.check("Andrej Kollin, 52.", source, "", question, asked=question).supported
    other = "What was the name of the mine manager who died in the collapse?"
    assert not checker.check("Andrej Kollin, 52.", source, "", other, asked=other).supported
