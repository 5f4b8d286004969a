"""Right answers the support check must not refuse, each beside a wrong one it must still refuse.

The text is a story of its own (a ferry storm on an invented coast): every rule here is plain English
about figures, dates, quotations and lists, not any corpus's topic.
"""

from __future__ import annotations

import datetime as dt

import pytest

from service.components.backends import EmbeddingBackend
from service.grounding.asked import gives_what_was_asked
from service.grounding.attribution import Attributor, source_sentences
from service.grounding.doers import doer_swapped
from service.grounding.figures import counted, label_untold, labels
from service.grounding.roles import asked_role
from service.grounding.support import SupportChecker
from service.text import news_style

STORY = (
    "VARDO — The storm reached Vardo on Monday evening and the harbour closed at 19:15. "
    "Harbour master Oskar Lind kept the ferry terminal open as a shelter as the overnight "
    "temperature fell to minus 6 degrees Celsius. "
    "Two ferries ran aground, leaving 180 passengers stranded, 52 of whom had to be carried ashore "
    "by lifeboat crews because the gangways would not reach. "
    "The coast guard said all 14 schools on the island closed on Tuesday; 5 of them, on the north "
    "shore, reopened on Wednesday and the rest on Thursday. "
    "Vessa Hospital said its 240 inpatients, 11 of them in intensive care, were safe. "
    "The crew union said the operator had cut its deck crews from 90 sailors to 61 since 2022. "
    "The island council set up a 300,000-crown fund for fishermen who lost gear. "
    "Applications open on 4 January and close on 28 February. "
    "The fund will be paid for from the council's harbour reserve. "
    "Fishermen on the islands of Holm, Skarra, Tinde and Brekk lost nets and pots. "
    'Lind warned sailors to stay ashore. "A storm surge gives no second chance. '
    'Every one of those rescues was luck," Lind said.'
)


def _over(
    embedding_backend: EmbeddingBackend, text: str, question: str, published: int | None = None
) -> Attributor:
    """An attributor over every sentence of one article, ``text`` (published in the year
    ``published``, if given), with a judge that says yes: what the structured checks decide still holds."""
    sources = source_sentences("article", "An article", text, 0, len(text))
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    years = {"article": published} if published else None
    return Attributor(
        sources, {"article": text}, embedding_backend.model, question=question, checker=checker, years=years
    )


STORY_PAIRS = [
    # "overnight" says "night": a time of day may be said inside another word.
    (
        "How cold did it get on the night of the storm?",
        "It got to minus 6 degrees Celsius on the night of the storm.",
        "It got to minus 6 degrees Celsius on the morning of the storm.",
    ),
    # "had to be carried" says they needed carrying; a reason clause's "not" negates no claim.
    (
        "How many passengers needed lifeboat crews to get them ashore?",
        "52",
        "180",
    ),
    # "5 of them, on the north shore, reopened on Wednesday": what the part did, after an aside.
    ("How many schools were back open on the Wednesday?", "5", "14"),
    # "inpatients" are patients; "at Vessa Hospital" places the count, it is not what is counted.
    ("How many patients at Vessa Hospital were in intensive care?", "11", "240"),
    # "from 90 sailors to 61": the figure a count changed to counts what it changed from.
    (
        "According to the union, how many deck crew does the operator have now?",
        "According to the union, the operator now has 61 sailors in its deck crews.",
        "According to the union, the operator now has 61 ferries.",
    ),
    # A date is called nothing: "the last day to apply is 28 February" names no figure.
    (
        "What is the last day fishermen can apply to the fund?",
        "The last day fishermen can apply to the fund is 28 February.",
        "The last day fishermen can apply to the fund is 4 February.",
    ),
    # A list says how many it holds.
    (
        "Which islands did the fishermen who lost gear come from?",
        "The four islands were Holm, Skarra, Tinde and Brekk.",
        "The four islands were Holm, Skarra, Tinde and Vardo.",
    ),
]


def test_a_quotation_is_cited_with_the_sentence_naming_its_speaker(
    embedding_backend: EmbeddingBackend,
) -> None:
    # The quotation opens in one sentence and its speaker is named where it closes; "warned" is the
    # reader's word for saying it.
    question = "Who warned that a storm surge gives no second chance?"
    cited = _over(embedding_backend, STORY, question).support("Oskar Lind")
    assert [c.text for c in cited] == [
        'Every one of those rescues was luck," Lind said.',
        '"A storm surge gives no second chance.',
    ]
    assert all(STORY[c.start : c.end] == c.text for c in cited)
    assert not _over(embedding_backend, STORY, question).support("The coast guard")


def test_words_an_answer_adds_to_its_question_find_their_sentence(
    embedding_backend: EmbeddingBackend,
) -> None:
    # Most of the answer repeats its question; "harbour reserve" is what it adds.
    question = "Where is the council getting the money to pay fishermen for their losses?"
    cited = _over(embedding_backend, STORY, question).support(
        "The council is getting the money to pay fishermen for their losses from its harbour reserve."
    )
    assert cited and "harbour reserve" in cited[0].text


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The value of the contract for Line 4 is 2.3 billion talvek.", ["2.3 billion"]),
        ("Article 4 of the treaty says little.", []),
        ("It will connect with Lines 1 and 2 at Central Exchange.", []),
        ("Four of the 11 wells around CP-7 were off.", ["Four", "11"]),
        ("On 6 November, 23 workers left.", ["23"]),
        ("In 2019 the line had 14 stations.", ["14"]),
    ],
)
def test_a_number_in_a_name_counts_nothing(text: str, figures: list[str]) -> None:
    assert [text[s:e] for _, s, e, _, _ in counted(text)] == figures


def test_a_sum_written_as_one_word_is_money() -> None:
    question = "How much money did the council put into the fund?"
    assert gives_what_was_asked(question, ["The island council set up a 300,000-crown fund for fishermen."])
    assert not gives_what_was_asked(question, ["The island council set up a fund for 300 fishermen."])


# Wrong answers with real citations: each cited sentence holds the answer's words, and says another
# thing with them.
TENDER = (
    "SKARRA — The island council has awarded the contract to clear the harbour to Brisk Marine Works. "
    "The contract is worth 2.1 million crowns, according to two council members. "
    "Meanwhile, the ferry company has chartered the Tern Bay to keep the island connected. "
    '"Captain Holt asked the company to wait for the storm to pass," said his lawyer, Mira Sand.'
)


def test_the_giver_is_not_who_got_it(embedding_backend: EmbeddingBackend) -> None:
    question = "Which firm got the contract to clear the harbour?"
    assert not _over(embedding_backend, TENDER, question).support(
        "The island council got the contract to clear the harbour."
    )
    assert _over(embedding_backend, TENDER, question).support(
        "Brisk Marine Works got the contract to clear the harbour."
    )


def test_a_sentence_nearby_does_not_say_what_a_sum_pays_for(embedding_backend: EmbeddingBackend) -> None:
    # The price is the contract's; the charter beside it has none.
    question = "How much is the ferry company paying to charter the Tern Bay?"
    claim = "The ferry company is paying 2.1 million crowns to charter the Tern Bay."
    assert not _over(embedding_backend, TENDER, question).support(claim)


def test_a_speaker_is_not_the_one_the_quotation_is_about() -> None:
    question = "Who said Captain Holt asked the company to wait for the storm to pass?"
    assert not gives_what_was_asked(question, ["Captain Arne Holt."])
    assert gives_what_was_asked(question, ["His lawyer, Mira Sand."])
    assert gives_what_was_asked(question, ["His lawyer."])


RELIEF = (
    "TINDE — Under the relief scheme, each stranded passenger will receive 400 crowns. "
    "In the first three hours, 25 people were lifted off by helicopter. "
    "By the end of the night, the lifeboat had brought 70 people ashore."
)


def test_an_amount_for_each_of_one_group_is_not_for_each_of_another(
    embedding_backend: EmbeddingBackend,
) -> None:
    question = "How much will each crew member receive?"
    assert not _over(embedding_backend, RELIEF, question).support("Each crew member will receive 400 crowns.")
    question = "How much will each stranded passenger receive?"
    assert _over(embedding_backend, RELIEF, question).support(
        "Each stranded passenger will receive 400 crowns."
    )


def test_a_count_for_the_opening_hours_is_told_for_them(embedding_backend: EmbeddingBackend) -> None:
    question = "How many people did the lifeboat bring ashore in the first three hours?"
    assert not _over(embedding_backend, RELIEF, question).support("70")
    question = "How many people were lifted off by helicopter in the first three hours?"
    assert _over(embedding_backend, RELIEF, question).support("25")


def test_the_post_a_question_asks_for_ends_before_a_participle_phrase() -> None:
    # "chartered for the route" tells which ferry, and is no post a name must be given.
    assert asked_role("What is the name of the replacement ferry chartered for the island route?") == "ferry"
    assert asked_role("Who was the driver hired by the firm?") == "driver"
    assert asked_role("Who is the deputy managing director?") == "director"


def test_a_measure_question_asks_for_a_figure() -> None:
    question = "How cold did it get on the night of the storm?"
    assert gives_what_was_asked(question, ["It got to minus 6 degrees Celsius that night."])
    assert not gives_what_was_asked(
        question, ["The storm reached the island that night and the harbour closed."]
    )


def test_a_name_asked_for_may_follow_its_title_or_come_in_a_list() -> None:
    question = "What was the name of the storm that hit the coast?"
    assert gives_what_was_asked(question, ["Storm Orla hit the coast on Saturday."])
    assert not gives_what_was_asked(question, ["The storm that hit the coast was violent."])
    question = "What are the names of the other ships in the Tarn Lines fleet?"
    assert gives_what_was_asked(question, ["The other ships are the Tern Island and the Saltmarsh Belle."])
    assert not gives_what_was_asked(question, ["Tarn Lines has three ships."])


# Texts of a few sentences for one rule each.
POSTPONED = (
    "Some 1,140 operations were cancelled during the outage. A further 62 planned operations were "
    "cancelled on Monday alone. By 11 September, 640 of the postponed operations had been rescheduled "
    "and carried out."
)
HIRED = (
    "On 19 May the firm hired Kellby Marine under a 2.5 million euro contract. "
    "Kellby began work the same day with 85 workers and 16 boats."
)
OWN_TEXT_PAIRS = [
    # A country is not the body that acted for it.
    (
        "HALMEN — Tarn's food safety regulator on Friday ordered a recall of every jar made at the "
        "Brenna Preserves plant.",
        "Which agency ordered the recall of Brenna Preserves' jars?",
        "Tarn's food safety regulator ordered a recall of every jar made at the Brenna Preserves plant.",
        "Tarn ordered a recall of every jar made at the Brenna Preserves plant.",
    ),
    # A how-many answer counts what was done to them, not another act.
    (
        POSTPONED,
        "By 11 September, how many of the postponed operations had been rescheduled?",
        "640 of the postponed operations had been rescheduled.",
        "62 planned operations were cancelled on Monday.",
    ),
    # "the same day" is the day the sentence before gives.
    (
        HIRED,
        "When did Kellby start work on the river, and how many workers did it send?",
        "Kellby began work on 19 May with 85 workers and 16 boats.",
        "Kellby began work on 18 May with 85 workers and 16 boats.",
    ),
    # A sentence giving each figure its own clause says what each counts; the question asks of one.
    (
        "The Tarn tribunal heard 14 prosecution witnesses and five defence witnesses over 22 days.",
        "How many defence witnesses did the tribunal hear, and over how many days?",
        "The Tarn tribunal heard 14 prosecution witnesses and five defence witnesses over 22 days.",
        "The Tarn tribunal heard 14 defence witnesses over 22 days.",
    ),
    # "had itself filed": the subject told before did it, "itself" is no other doer.
    (
        "Prosecutor Lena Holt said her office would fight the appeal and had itself filed a "
        "counter-appeal on 2 May, arguing that the sentence was too short.",
        "When did prosecutors file their counter-appeal?",
        "Prosecutors filed their counter-appeal on 2 May.",
        "Prosecutors filed their counter-appeal on 3 May.",
    ),
    # "payments to Osk Advisory" count payments; who received them places them.
    (
        "Jon Vass, a former accountant at Brell Works, testified on Tuesday about Osk Advisory, a shell "
        "consultancy. He told the court that he personally recorded 11 payments to the consultancy that "
        "he was told were for the mayor.",
        "How many payments to Osk Advisory did Jon Vass say he recorded?",
        "Jon Vass personally recorded 11 payments to Osk Advisory.",
        "Jon Vass personally recorded 12 payments to Osk Advisory.",
    ),
    # A contract's value is what it is worth.
    (
        "The ring road contract, awarded in May, is worth 212 million crowns.",
        "What is the value of the ring road contract?",
        "The value of the ring road contract is 212 million crowns.",
        "The value of the ring road contract is 221 million crowns.",
    ),
    # "Who said …?" is answered by who said it, not by whom the words are about.
    (
        "The Ostry court on Wednesday jailed Aurel Penk, 58, the former harbour master, for six years. "
        "\"The defendant did not sell a favour. He sold the port's berths to the only bidder willing to "
        'pay him," Hemm said as she read the verdict.',
        'Who said "He sold the port\'s berths to the only bidder willing to pay him"?',
        "Hemm",
        "Aurel Penk",
    ),
    # Whose figure it is is told where the figure is: the other defendant's fine is not hers.
    (
        "Mara Lind, the port's former finance chief, sat beside him in the dock. The court's fine was "
        "below the 3 million crowns prosecutors had sought. For Lind they sought five years and a fine "
        "of 200,000 crowns.",
        "What fine did prosecutors seek for Mara Lind?",
        "Prosecutors sought a fine of 200,000 crowns for Mara Lind.",
        "The fine sought by prosecutors for Mara Lind was 3 million crowns.",
    ),
    # "three and a half years" is 3.5 years, not three.
    (
        "Co-defendant Mira Sand was sentenced to three and a half years in prison.",
        "What prison sentence did Mira Sand receive?",
        "Mira Sand received a three-and-a-half-year prison sentence.",
        "Mira Sand received a three-year prison sentence.",
    ),
    # "Line 4" names the line, it counts nothing; a sum set before "contract" is the contract's value.
    (
        "The revised estimate puts the total cost of Line 4 at 4.6 billion talvek, against a budget of "
        "2.9 billion when Harrand's 2.3 billion talvek contract was signed in 2021.",
        "What is the value of Harrand's main contract for Line 4?",
        "The value of Harrand's contract for Line 4 is 2.3 billion talvek.",
        "The value of Harrand's contract for Line 4 is 4.6 billion talvek.",
    ),
    # "actually" stresses the question's verb; it is nothing the source must state.
    (
        "OMTA runs a business support scheme that pays up to 15,000 talvek to traders affected by the "
        "works. Of the 126 businesses that have applied since the scheme opened last year, 74 have "
        "received payments, according to figures OMTA gave the Ledger.",
        "How many businesses have actually received payments from OMTA's business support scheme?",
        "74",
        "126",
    ),
    # "supplying" a system is "providing" it.
    (
        "Track has been laid only in the northern part, and Kestrel Signal Systems, which is supplying the "
        "line's communications-based train control system, has not begun testing.",
        "Which firm is providing the train control technology for the new line?",
        "Kestrel Signal Systems",
        "Harrand Construction",
    ),
    # What a scheme "pays … to traders" is what a trader can receive from it.
    (
        "The authority runs a business support scheme that pays up to 15,000 talvek to traders affected "
        "by the works. Of the 126 businesses that have applied, 74 have received payments.",
        "What is the most a trader can receive from the business support scheme?",
        "The most a trader can receive from the business support scheme is 15,000 talvek.",
        "The most a trader can receive from the business support scheme is 126 talvek.",
    ),
]


@pytest.mark.parametrize(
    ("text", "question", "right", "wrong"),
    [
        # Who gave the figures may be named once for the paragraph.
        (
            "According to figures compiled by the harbour board, 30 people were rescued by the lifeboat. "
            "Of the survivors, 12 were treated for injuries, and 5 were kept in hospital overnight.",
            "How many survivors were treated for injuries, according to the harbour board?",
            "12",
            "5",
        ),
        # A doer told by a common noun is not the one the source names ...
        (
            "TINDE — Harbour Minister Ola Brenn on Monday suspended the ferry operator's licence.",
            "What happened to the ferry operator's licence?",
            "The harbour minister suspended the ferry operator's licence.",
            "The company suspended the ferry operator's licence.",
        ),
        # ... unless the article calls that doer by the claim's noun.
        (
            "Tarn Lines, the operator of the Sea Lark, apologised to passengers. "
            "On Monday Tarn Lines suspended all sailings to the island until further notice.",
            "What happened to the sailings to the island?",
            "The operator suspended all sailings to the island.",
            "The ministry suspended all sailings to the island.",
        ),
        # "46 of whom" counts a part of the 210 beside it; the lift rescues next door are another count.
        (
            "Two trams stalled, leaving 210 passengers stranded, 46 of whom had to be helped out by "
            "firefighters. Crews also freed 17 people trapped in lifts.",
            "How many tram passengers needed firefighters to get them out?",
            "46",
            "17",
        ),
        # "cannot" is a negation, as "could not" is.
        (
            "Around 8,000 household accounts cannot currently be viewed or paid.",
            "How many household accounts could not be viewed after the attack?",
            "8,000 household accounts could not be viewed or paid after the attack.",
            "8,000 household accounts could be viewed and paid after the attack.",
        ),
        # Ages listed after one "aged".
        (
            "The men, aged 29 and 34, were detained in dawn raids in Saskov on Tuesday.",
            "How old are the two men arrested over the attack?",
            "The two men are 29 and 34 years old.",
            "The two men are 29 and 43 years old.",
        ),
        # A name in a phrase of place ("at its Tessel substation") is no doer.
        (
            "The grid company confirmed that a 38-year-old transformer at its Tessel substation had failed.",
            "How old was the transformer that failed?",
            "The transformer that failed was 38 years old.",
            "The transformer that failed was 83 years old.",
        ),
    ],
)
def test_on_one_article_a_right_answer_is_cited_and_a_wrong_one_is_not(
    embedding_backend: EmbeddingBackend, text: str, question: str, right: str, wrong: str
) -> None:
    assert _over(embedding_backend, text, question).support(right)
    assert not _over(embedding_backend, text, question).support(wrong)


def test_a_part_with_its_own_whole_borrows_no_act_from_next_door(embedding_backend: EmbeddingBackend) -> None:
    text = (
        "Two trams stalled, leaving 210 passengers stranded, 46 of whom had to be helped out by "
        "firefighters. Crews also freed 17 people trapped in lifts."
    )
    assert not _over(embedding_backend, text, "How many people did firefighters free from lifts?").support(
        "46"
    )


def test_two_actors_told_the_other_way_round_are_a_swap(embedding_backend: EmbeddingBackend) -> None:
    text = (
        "The Vell Valley Health Network runs three hospitals. "
        "The National Cyber Office (NCO) advised the health network to disconnect its systems on Sunday."
    )
    question = "What did the health network do on Sunday?"
    right = "The NCO advised the Vell Valley Health Network to disconnect its systems."
    wrong = "The Vell Valley Health Network advised the NCO to disconnect its systems."
    assert _over(embedding_backend, text, question).support(right)
    assert not _over(embedding_backend, text, question).support(wrong)
    # A doer called by a common noun is a doer too.
    swapped = "The health network warned the NCO about the flaw in its gateways."
    told = "The hearing heard that the National Cyber Office (NCO) had warned the health network in March."
    assert doer_swapped(swapped, told) == "warned"
    assert not doer_swapped("The NCO warned the health network about the flaw.", told)
    assert not doer_swapped("The health network was warned by the NCO.", told)
    # An act two do together reads the same either way round.
    assert not doer_swapped("Vell met Sorn in Tarn on Friday.", "Sorn met Vell in Tarn on Friday.")
    assert doer_swapped("Vell sued Sorn in Tarn on Friday.", "Sorn sued Vell in Tarn on Friday.") == "sued"


# A works story: who is employed, a part of a part, a quotation in two sentences, a two-part answer.
MILL = (
    "TARN — The Tarn flour mill employs 420 people, 150 of them on seasonal contracts, the company said. "
    "Halberd Foods will take over 300 employees, including 90 of the 150 seasonal workers, who will be "
    "given permanent contracts. "
    '"We gave them three weeks. They gave us a spreadsheet," said Ivo Lask, 44, the union\'s steward. '
    '"We cannot wait any longer," chief executive Ada Morel, 58, told reporters at the company\'s '
    "headquarters in Vessa."
)


MILL_PAIRS = [
    # Asked by full name, the name says whose age it is ("angler" or not).
    (
        "How old is union leader Ivo Lask?",
        "Ivo Lask is 44.",
        "Ivo Lask is 58.",
    ),
    # Whom a firm employs are its workers.
    ("How many of the mill's workers are on seasonal contracts?", "150", "420"),
    # A part of a whole counts what the whole counts.
    (
        "How many seasonal workers will be given permanent contracts?",
        "90 seasonal workers will be given permanent contracts.",
        "150 seasonal workers will be given permanent contracts.",
    ),
    # A quotation of two sentences is one speaker's, named where it closes.
    ('Who said "We gave them three weeks. They gave us a spreadsheet"?', "Ivo Lask.", "Ada Morel."),
    # A quotation's "cannot" does not negate who said it, and "in which city" asks for a name.
    (
        "How old is Ada Morel, and in which city is the company headquartered?",
        "Ada Morel is 58, and the company is headquartered in Vessa.",
        "Ada Morel is 44, and the company is headquartered in Vessa.",
    ),
]


def test_a_date_written_as_iso_is_read_as_the_articles_write_it() -> None:
    assert news_style("The strike began on 2026-10-05.") == "The strike began on 5 October 2026."
    assert news_style("Call 2026-13-05 or 555-1234.") == "Call 2026-13-05 or 555-1234."
    assert news_style("Some 40, 000 juvenile trout") == "Some 40,000 juvenile trout"
    assert (
        news_style("In 2019, 300 people left; 1,200, 400 more") == "In 2019, 300 people left; 1,200, 400 more"
    )


# A hospital story: sentences that point back to the one before them.
OUTAGE = (
    "VESSA — In the first 24 hours, 310 outpatient appointments were cancelled. Over the same period "
    "27 ambulances were diverted to hospitals in Tarn and Holm. Investigators believe about 212,000 "
    "patient records were copied. Of those, around 38,000 have so far been published, the Ledger said. "
    "By Friday, 90 ambulances had been diverted in all. The food bank said it had served 290 families "
    "in the first week of May, compared with 130 in the same week last year."
)


OUTAGE_PAIRS = [
    # "Over the same period" is the first 24 hours the sentence before gives.
    ("How many ambulances were diverted in the first 24 hours?", "27", "90"),
    # "Of those" are the records the sentence before counts.
    ("How many patient records had been published online?", "38,000", "212,000"),
]


@pytest.mark.parametrize(
    ("text", "question", "right", "wrong"),
    [(STORY, *pair) for pair in STORY_PAIRS]
    + [(MILL, *pair) for pair in MILL_PAIRS]
    + [(OUTAGE, *pair) for pair in OUTAGE_PAIRS]
    + OWN_TEXT_PAIRS,
)
def test_a_right_answer_is_cited_and_a_wrong_one_is_not(
    embedding_backend: EmbeddingBackend, text: str, question: str, right: str, wrong: str
) -> None:
    assert _over(embedding_backend, text, question).support(right)
    assert not _over(embedding_backend, text, question).support(wrong)


def test_a_date_without_a_year_is_in_its_articles_year_whatever_other_year_is_told(
    embedding_backend: EmbeddingBackend,
) -> None:
    text = "The hearing on 9 September heard that the agency had warned the network in March 2025."
    attributor = _over(embedding_backend, text, "On what date was the hearing held?", published=2026)
    assert attributor.support("The hearing was held on 9 September 2026.")
    assert not attributor.support("The hearing was held on 9 September 2024.")


def test_a_post_of_another_body_does_not_answer(embedding_backend: EmbeddingBackend) -> None:
    text = (
        "Norvelt's chief financial officer, Dario Mesk, 49, told analysts the strike had cost 38 "
        "million euros. Brisca said the deal would close in December."
    )
    assert _over(embedding_backend, text, "Who is Norvelt's chief financial officer?").support("Dario Mesk")
    assert not _over(embedding_backend, text, "Who is Brisca's chief financial officer?").support(
        "Dario Mesk"
    )
    assert not _over(embedding_backend, text, "Who is the chief financial officer of Brisca?").support(
        "Dario Mesk is the chief financial officer of Brisca."
    )
    # A word of the post ("Interim") is no owner.
    interim = "Interim chief executive Anna Berg said Kellmoor would appeal against the fine."
    asked = "Who is the chief executive of Kellmoor Remediation Group?"
    assert _over(embedding_backend, interim, asked).support("Anna Berg")


def test_a_question_dated_to_a_year_is_answered_from_an_article_that_tells_of_it(
    embedding_backend: EmbeddingBackend,
) -> None:
    text = "Crews had removed 14 tonnes of dead fish from the river by Thursday, the council said."

    def attributor(question: str) -> Attributor:
        return _over(embedding_backend, text, question, published=2026)

    assert attributor("How many tonnes of dead fish were removed from the river?").support("14 tonnes")
    assert attributor("How many tonnes of dead fish were removed from the river in 2026?").support(
        "14 tonnes"
    )
    # A year told by counting back from when the article was written is told.
    profit = "Profit rose to 40 million euros last year, the company said."
    assert _over(
        embedding_backend, profit, "What did the company's profit rise to in 2025?", published=2026
    ).support("40 million euros")
    assert not attributor("How many tonnes of dead fish were removed from the river in 2019?").support(
        "14 tonnes"
    )
    # An article that tells of the asked year elsewhere: a sentence dated to another year does not
    # answer it, one dated to it does, and a background year beside this year's figure dates nothing.
    visitors = (
        "The museum drew 31,000 visitors last year. Its alarm was replaced in 2023. "
        "Turnout was 61 percent, the highest since 2019."
    )
    asked_2023 = _over(embedding_backend, visitors, "How many visitors did the museum draw in 2023?", 2026)
    assert not asked_2023.support("31,000 visitors.")
    asked_2025 = _over(embedding_backend, visitors, "How many visitors did the museum draw in 2025?", 2026)
    assert asked_2025.support("31,000 visitors.")
    turnout = _over(embedding_backend, visitors, "What was the turnout in 2026?", 2026)
    assert turnout.support("61 percent.")


def test_the_same_words_with_another_month_give_another_months_figure(
    embedding_backend: EmbeddingBackend,
) -> None:
    asked = "How many families did the food bank serve in the first week of {}?"
    assert _over(embedding_backend, OUTAGE, asked.format("May")).support("290")
    assert not _over(embedding_backend, OUTAGE, asked.format("June")).support("290")


def test_a_day_is_next_to_its_month_not_near_it() -> None:
    # "on 19 May with 85 workers": 85 counts workers; "3 and 4 June" are days.
    assert [v for v, *_ in counted("The crew began on 19 May with 85 workers and 16 boats.")] == [85.0, 16.0]
    assert [v for v, *_ in counted("On 3 and 4 June, 300 people left.")] == [300.0]


def test_a_question_that_denies_it_itself_is_answered_by_a_denial(
    embedding_backend: EmbeddingBackend,
) -> None:
    text = (
        "The firm will not appeal, its lawyer confirmed. "
        "Chief executive Ada Morel said on Wednesday that the firm would not challenge the fine."
    )
    question = "Who said the firm would not appeal the fine?"
    assert _over(embedding_backend, text, question).support("Ada Morel")


def test_a_why_question_that_gives_the_act_to_another_is_not_answered(
    embedding_backend: EmbeddingBackend,
) -> None:
    text = (
        "The museum board suspended the director, Ivo Hask, on 10 April pending a review. "
        "Orlen Insurance, which insures the collection, has offered a reward of 2 million crowns."
    )
    swapped = _over(embedding_backend, text, "Why did Orlen Insurance suspend the director, Ivo Hask?")
    assert not swapped.support(
        "Orlen Insurance suspended Ivo Hask because it offered a reward of 2 million crowns."
    )
    asked = _over(embedding_backend, text, "Why did the museum board suspend the director, Ivo Hask?")
    assert asked.support("The board suspended Ivo Hask pending a review.")


# A recall story: figures told with no noun of their own, the rest of a count told the sentence
# before, a subject told by a pronoun, and a body named by its country's possessive.
RECALL = (
    "HALMEN — Tarn's food safety regulator on Friday ordered a recall of every jar made at the "
    "Brenna Preserves plant. "
    "The plant employs 210 people. Of its 210 workers, 170 have been sent home. "
    "The remaining 40 are cleaning the site under the regulator's supervision. "
    "Inspectors had taken 900 samples at the plant since 6 April. Of those, 36 tested positive for "
    "listeria, and 9 matched the outbreak strain genetically. "
    "All 9 came from cooling room 2 or from equipment that had been moved between that room and the "
    "packing hall. "
    "Health Minister Ilse Varrow has ordered a review of the regulator, telling MPs the outbreak had "
    'exposed "real weaknesses" in food inspections. '
    "Speaking at a hearing of the health committee on Tuesday, the minister said the review would be "
    "led by a retired judge. "
    "She also announced 4 million dorens for the regulator this year, enough to hire 25 additional "
    "inspectors."
)


LAUNCHED = (
    "HALMEN — Brenna Preserves recalled two jams on 3 March, after the lab matched the bacteria. "
    "The regulator ordered a wider recall on 6 March."
)


@pytest.mark.parametrize(
    ("text", "question", "right", "quoted", "wrong"),
    [
        # "All 9 came from …" says nothing of samples: the next sentence is tried, where "… and 9
        # matched the outbreak strain" does.
        (
            RECALL,
            "How many of the samples taken at the plant matched the outbreak strain?",
            "9",
            "matched the outbreak strain",
            "36",
        ),
        # "The remaining 40" are workers who stayed, counted by the sentence before.
        (RECALL, "How many workers stayed on at the plant to clean the site?", "40", "remaining 40", "170"),
        # "launch its voluntary recall" is "recalled": the question's carrier verb need not be there.
        (
            LAUNCHED,
            "On what date did Brenna Preserves launch its voluntary recall of the two jams?",
            "3 March",
            "recalled two jams",
            "6 March",
        ),
    ],
)
def test_a_right_answer_is_cited_where_its_sentence_tells_it(
    embedding_backend: EmbeddingBackend, text: str, question: str, right: str, quoted: str, wrong: str
) -> None:
    cited = _over(embedding_backend, text, question).support(right)
    assert cited and quoted in cited[0].text
    assert not _over(embedding_backend, text, question).support(wrong)


def test_a_pronoun_subject_is_named_by_the_sentence_before(embedding_backend: EmbeddingBackend) -> None:
    question = "How many additional inspectors will the new money announced by the health minister pay for?"
    claim = (
        "The health minister announced 4 million dorens for the regulator this year, enough to hire 25"
        " additional inspectors."
    )
    cited = _over(embedding_backend, RECALL, question).support(claim)
    assert any("enough to hire 25" in c.text for c in cited)


def test_a_post_named_by_its_verb_is_no_doer(embedding_backend: EmbeddingBackend) -> None:
    # "Brenna's board chair, Ilse Varrow," holds the post "Who chairs …?" asks of; the board is no
    # one who chairs anything.
    text = "HALMEN — Brenna's board chair, Ilse Varrow, announced a 2 million doren fund for the families."
    question = "Who chairs Brenna's board?"
    assert _over(embedding_backend, text, question).support("Ilse Varrow chairs Brenna's board.")


def test_not_done_until_a_time_is_done_then(embedding_backend: EmbeddingBackend) -> None:
    # "was not taken down until just before noon" says when it was taken down, not that it was not.
    text = (
        "The board's timeline shows the leaked paper remained online for almost 14 hours. "
        "It was first posted at 9.50 p.m. on Monday and was not taken down until just before noon "
        "on Tuesday. "
        "By then it had been viewed at least 17,000 times and copied to other sites, the board said."
    )
    online = _over(
        embedding_backend, text, "For how long was the leaked paper online before it was taken down?"
    )
    assert online.support("The leaked paper was online for about 14 hours before it was taken down.")
    assert not online.support("The leaked paper was online for about 17 hours before it was taken down.")
    # The time clause after the count is not what the count counts.
    viewed = _over(
        embedding_backend,
        text,
        "How many times had the leaked paper been viewed by the time it was taken down?",
    )
    assert viewed.support("The leaked paper was viewed at least 17,000 times by the time it was taken down.")


def test_a_numbered_name_asked_of_needs_a_sentence_of_it_when_its_series_is_near() -> None:
    # "Paper 2" is one of a series the article names ("Paper 1" too): a count that names neither
    # may be of either, or of all the papers.
    around = (
        "A copy of Mathematics Paper 2 appeared online on Monday. Mathematics Paper 1, which candidates "
        "sat on Friday May 8, was not affected. A total of 74,800 candidates are sitting at least one "
        "subject this year."
    )
    question = "How many candidates sat Mathematics Paper 2 on May 12?"
    total = "A total of 74,800 candidates are sitting at least one subject this year."
    assert label_untold(question, total, around) == "Paper 2"
    assert label_untold(question, "Some 61,400 candidates sat Paper 2 on May 12.", around) == ""
    # An article about one line calls it "the line": no series near, nothing refused.
    assert (
        label_untold("How many stations will Line 4 have?", "The line will have 14 stations.", "the line")
        == ""
    )
    assert label_untold("When did Line 2 close?", "Lines 1 and 2 closed on Monday.", around) == ""
    assert labels("How many calls had the helpline received by Wednesday 8 April?") == []


def test_an_article_cannot_tell_as_done_what_happened_after_it_came_out(
    embedding_backend: EmbeddingBackend,
) -> None:
    # Asked of the hearing of 30 September: the article of 17 September had only an earlier cost.
    early = "Finance director Marcus Devlin said the recovery had so far cost at least 8 million dunars."
    late = "The network told the committee on September 30 that the recovery had cost 23.5 million dunars."
    sources = source_sentences("standard", "Standard", early, 0, len(early)) + source_sentences(
        "broadcaster", "Broadcaster", late, 0, len(late)
    )
    question = "What recovery cost did the network give the committee at its September 30 hearing?"
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: True)
    published = {"standard": dt.date(2026, 9, 17), "broadcaster": dt.date(2026, 10, 1)}

    def over(dates: dict[str, dt.date]) -> Attributor:
        texts = {"standard": early, "broadcaster": late}
        return Attributor(
            sources, texts, embedding_backend.model, question=question, checker=checker, published=dates
        )

    claim = "The network gave the committee a recovery cost of at least 8 million dunars."
    assert over({}).support(claim)  # the words are there; only the dates tell it apart
    assert not over(published).support(claim)
    assert over(published).support("The network gave the committee a recovery cost of 23.5 million dunars.")
