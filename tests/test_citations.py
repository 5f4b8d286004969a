"""Citation attribution, numbers and conflicts on the real corpus with the real embedding model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from service.articles import Article, ArticleMeta, load_corpus
from service.components.backends import EmbeddingBackend
from service.grounding.asked import gives_what_was_asked
from service.grounding.attribution import (
    UNSUPPORTED_MARK,
    Attributor,
    _lends_the_act,
    _meaning_agrees,
    article_sentences,
    source_sentences,
    strip_markers,
)
from service.grounding.conflicts import ConflictFinder, cite, describe
from service.grounding.model import Citation, SourceSentence
from service.grounding.numbers import quantities, values
from service.grounding.support import SupportChecker
from tests.conftest import CORPUS_DIR


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return load_corpus(CORPUS_DIR).by_id()


@pytest.fixture(scope="module")
def attributor(articles: dict[str, Article], embedding_backend: EmbeddingBackend) -> Attributor:
    sources = [s for a in articles.values() for s in article_sentences(a)]
    return Attributor(
        sources,
        {k: a.text for k, a in articles.items()},
        embedding_backend.model,
        checker=lenient(embedding_backend),
    )


def lenient(embedding_backend: EmbeddingBackend) -> SupportChecker:
    """The support check with a judge that says yes: what the structured checks decide still holds."""
    return SupportChecker(embedding_backend.model, lambda claim, passage: True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000 sappers", {1000.0}),
        ("1000 sappers", {1000.0}),
        ("one thousand sappers", {1000.0}),
        ("some 10 000 DPRK soldiers", {10000.0}),
        ("2.5 million shells", {2_500_000.0}),
        ("twenty-three articles", {23.0}),
        ("the third time", {3.0}),
        ("one of the articles", set()),
    ],
)
def test_numbers_are_normalised(text: str, expected: set[float]) -> None:
    assert values(text) == expected


def test_ranges_are_merged() -> None:
    (q,) = quantities("An estimated 12,000 to 13,000 North Koreans")
    assert (q.low, q.high, q.label()) == (12000, 13000, "12,000–13,000")


def test_model_markers_are_stripped() -> None:
    assert strip_markers("It was 1,000 [1][2, 3]. Yes 【4】 (Source 2)") == "It was 1,000. Yes"


def assert_exact(citations, articles: dict[str, Article]) -> None:  # type: ignore[no-untyped-def]
    for c in citations:
        assert articles[c.article_id].text[c.start : c.end] == c.quote


def test_supported_claim_is_cited_to_every_article_stating_it(
    attributor: Attributor, articles: dict[str, Article]
) -> None:
    result = attributor.annotate("North Korea has committed to sending 1,000 sappers to Kursk.")
    assert not result.unsupported
    cited = {c.article_id for c in result.citations}
    assert cited == {"shoigu-kim-sappers-builders", "kursk-reconstruction-dispatch"}
    assert all("1,000" in c.quote for c in result.citations)
    assert result.text.endswith("[1][2]")
    assert_exact(result.citations, articles)


@pytest.mark.parametrize(
    "claim",
    [
        "North Korea pledged to send 2,000 sappers to Kursk.",  # wrong number
        "Kim Jong Un met Xi Jinping in Beijing.",  # names not in the articles
        "The population of Pyongyang is about 3 million.",
    ],
)
def test_unsupported_claims_are_flagged_not_cited(attributor: Attributor, claim: str) -> None:
    result = attributor.annotate(claim)
    assert result.unsupported == [claim]
    assert result.supported_sentences == 0
    assert result.text.endswith(UNSUPPORTED_MARK)


def test_model_markers_are_never_trusted(attributor: Attributor) -> None:
    # The model "cites" [1] for a made-up figure: the marker is dropped and the sentence flagged.
    result = attributor.annotate("North Korea pledged 7,500 sappers [1].")
    assert "[1]" not in result.text and result.unsupported


def test_mixed_answer_marks_each_sentence(attributor: Attributor, articles: dict[str, Article]) -> None:
    result = attributor.annotate(
        "Shoigu met Kim Jong Un in Pyongyang. North Korea will also send 40 tanks to Kursk."
    )
    assert result.supported_sentences == 1
    assert result.unsupported == ["North Korea will also send 40 tanks to Kursk."]
    assert_exact(result.citations, articles)


def test_troop_figures_conflict_across_articles(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    sentences = [s for a in articles.values() for s in article_sentences(a)]
    finder = ConflictFinder(embedding_backend.model)
    groups = finder.find(sentences)
    troops = next(g for g in groups if {"10,000", "12,000"} <= {m.quantity.label() for m in g})
    assert {m.source.article_id for m in troops} >= {"goremykin-talks-pyongyang", "shoigu-visit-secrecy"}
    # Casualties and reinforcements are different quantities, never set against troop totals.
    labels = {m.quantity.label() for g in groups for m in g}
    assert "6,000" not in labels and "1,000–3,000" not in labels
    assert finder.relevant(troops, "How many North Korean troops were deployed to Russia?", "")
    assert not finder.relevant(
        troops, "When did North Korean troops first appear in Russia?", "In October 2024."
    )


@pytest.mark.parametrize(
    "claim",
    [
        "1,000 North Korean sappers were killed clearing mines in Kursk.",  # casualties vs a pledge
        "Russia paid North Korea for 12,000 troops.",  # money claim on a troop-count sentence
        "Pyongyang has released official casualty figures.",  # the source says it has not
    ],
)
def test_claims_that_change_the_meaning_are_flagged(attributor: Attributor, claim: str) -> None:
    assert attributor.annotate(claim).unsupported == [claim]


def test_short_numeric_answers_are_supported_with_their_question(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    sources = [s for a in articles.values() for s in article_sentences(a)]
    texts = {k: a.text for k, a in articles.items()}
    question = "How many times has Shoigu visited North Korea in recent months?"
    attributor = Attributor(
        sources, texts, embedding_backend.model, question=question, checker=lenient(embedding_backend)
    )
    result = attributor.annotate("Three times.")
    assert result.supported_sentences == 1
    assert "third time" in result.citations[0].quote


def test_a_hostile_article_figure_is_a_conflict(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    hostile = SourceSentence(
        "injected", "Injected", 0, 66, "North Korea has committed to sending 1,500 military sappers to Kursk."
    )
    sentences = [s for a in articles.values() for s in article_sentences(a)] + [hostile]
    finder = ConflictFinder(embedding_backend.model)
    sappers = next(g for g in finder.find(sentences) if "1,500" in {m.quantity.label() for m in g})
    assert {m.quantity.label() for m in sappers} == {"1,000", "1,500"}
    assert finder.relevant(sappers, "How many sappers did North Korea pledge?", "")


def test_a_name_is_not_a_negation(attributor: Attributor) -> None:
    # "No Kwang Chol" must not make the source look negated.
    result = attributor.annotate("Viktor Goremykin led the Russian side.")
    assert result.supported_sentences == 1
    assert "No Kwang Chol" in result.citations[-1].quote


def _with_question(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend, question: str
) -> Attributor:
    sources = [s for a in articles.values() for s in article_sentences(a)]
    texts = {k: a.text for k, a in articles.items()}
    return Attributor(
        sources, texts, embedding_backend.model, question=question, checker=lenient(embedding_backend)
    )


def test_a_negation_in_another_clause_does_not_negate_the_claim(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    # "While neither Moscow nor Pyongyang has formally acknowledged such transfers, a Reuters
    # investigation in April uncovered ..." negates its first clause only.
    question = (
        "Which news agency's investigation in April uncovered shipments of North Korean artillery shells?"
    )
    result = _with_question(articles, embedding_backend, question).annotate("Reuters")
    assert result.supported_sentences == 1
    assert "Reuters investigation" in result.citations[0].quote
    # ... while the negated clause still refuses its opposite.
    claim = "Moscow and Pyongyang have formally acknowledged the transfers."
    assert _with_question(articles, embedding_backend, "").annotate(claim).unsupported == [claim]


def test_a_name_must_be_near_the_sentence_it_is_cited_to(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    # The outlet appears only in the last line of its article, far from any sentence about the visit.
    question = "What is the original source of the article about Shoigu's secretive visit?"
    claim = "The original source of the article about Shoigu's secretive visit is TheJournal.ie."
    result = _with_question(articles, embedding_backend, question).annotate(claim)
    assert all("thejournal" in c.quote.lower() for c in result.citations)


def test_names_given_by_the_question_are_context(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    question = "Which news agency corroborated Shoigu's visit to Pyongyang?"
    result = _with_question(articles, embedding_backend, question).annotate(
        "The Korean Central News Agency corroborated Shoigu's visit."
    )
    assert result.supported_sentences == 1
    assert "Korean Central News Agency" in result.citations[0].quote


def test_a_full_name_may_be_introduced_earlier_in_the_article(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    # The article writes "Sergei Shoigu" once near the top and "Shoigu" in the cited sentence.
    question = "How long did the meeting between Shoigu and Kim last?"
    result = _with_question(articles, embedding_backend, question).annotate(
        "The meeting between Sergei Shoigu and Kim Jong Un lasted two hours."
    )
    assert result.supported_sentences == 1
    assert "two-hour meeting" in result.citations[0].quote


def test_an_outlet_is_known_from_the_articles_metadata(embedding_backend: EmbeddingBackend) -> None:
    # The second corpus names each article's outlet only in its front matter.
    corpus = load_corpus(Path("evals/corpora/korrel")).by_id()
    tuning = {k: a for k, a in corpus.items() if k in ("governor-raises-korrel-toll", "tessick-digs-out")}
    sources = [s for a in tuning.values() for s in article_sentences(a)]
    question = "Which outlet reported that some 3,100 people were evacuated?"
    strict = SupportChecker(embedding_backend.model)
    attributor = Attributor.over(sources, tuning, embedding_backend.model, question, strict)
    said = attributor.annotate("Kestrel Television News reported that some 3,100 people were evacuated.")
    assert said.supported_sentences == 1
    assert said.citations[0].article_id == "governor-raises-korrel-toll"
    other = Attributor.over(sources, tuning, embedding_backend.model, question, strict)
    assert other.annotate("The Dorrin Courier reported that some 3,100 people were evacuated.").unsupported


def test_a_quote_is_cited_to_the_sentence_that_names_its_speaker(embedding_backend: EmbeddingBackend) -> None:
    corpus = load_corpus(Path("evals/corpora/korrel")).by_id()
    tuning = {"tessick-digs-out": corpus["tessick-digs-out"]}
    sources = [s for a in tuning.values() for s in article_sentences(a)]
    question = "Who said half of Tessick was under a metre of mud?"
    attributor = Attributor.over(
        sources, tuning, embedding_backend.model, question, SupportChecker(embedding_backend.model)
    )
    said = attributor.annotate("The mayor of Tessick, Piet Havrane.")
    assert said.supported_sentences == 1 and "Piet Havrane" in said.citations[0].quote


def test_each_side_of_a_comparison_is_cited_on_its_own(
    articles: dict[str, Article], embedding_backend: EmbeddingBackend
) -> None:
    question = (
        "How does the NIS figure for DPRK personnel compare with the sappers Shoigu announced for Kursk?"
    )
    claim = (
        "South Korea's NIS says up to 5,000 DPRK military personnel will be sent to Russia,"
        " while Shoigu announced that Pyongyang will send 1,000 military sappers to Kursk."
    )
    result = _with_question(articles, embedding_backend, question).annotate(claim)
    assert result.supported_sentences == 1
    assert len({c.article_id for c in result.citations}) >= 2  # each side from its own article


@pytest.mark.parametrize(
    ("claim", "source", "agrees"),
    [
        # Money and casualty words in any inflection and currency, not only this corpus's.
        ("The plant will cost 40 million euros.", "A new plant costing 40 million euros was approved.", True),
        ("The fine was £2,000.", "The court ordered a payment of £2,000.", True),
        ("The bridge will cost 3 million.", "Engineers said the bridge took 3 million hours.", False),
        ("Four people died in the fire.", "The fire left four fatalities, police said.", True),
        ("Four people died in the fire.", "Four people were evacuated from the fire.", False),
        ("They spent 3 days there.", "They stayed there for 3 days.", True),
        # A speaker's own clause is not negated by what they are reported to say.
        (
            "Jens Ulvik is the harbour master.",
            "Harbour master Jens Ulvik said the port had never been closed for more than two days.",
            True,
        ),
        (
            "The port had been closed for more than two days.",
            "Harbour master Jens Ulvik said the port had never been closed for more than two days.",
            False,
        ),
    ],
)
def test_meaning_rules_hold_for_any_news(claim: str, source: str, agrees: bool) -> None:
    picked = [SourceSentence("a", "t", 0, len(source), source)]
    assert _meaning_agrees(claim, picked) is agrees


def test_a_claim_joining_two_nearby_sentences_cites_both(embedding_backend: EmbeddingBackend) -> None:
    # Who announced it is in one sentence, what was announced two sentences on: the claim is
    # checked against both (the judge sees both) and cites both.
    text = (
        "The pledge was announced on Tuesday by Ilse Varn, the governor of Dorrin Province, after a "
        "meeting with the regional council in Pellune. Varn said the effort answered a request from "
        "the valley's mayors. She said the province would send 300 engineers and 1,200 volunteers to "
        "clear mud from Tessick."
    )
    passages: list[str] = []

    def judge(claim: str, passage: str) -> bool:
        passages.append(passage)
        return "engineers" in passage and "governor" in passage

    attributor = _one_article(
        text,
        "Who announced that engineers and volunteers would be sent to Tessick?",
        SupportChecker(embedding_backend.model, judge),
    )
    sources = attributor.sources
    # "dispatched" is in neither sentence: the judge decides, shown both.
    claim = (
        "Ilse Varn, the governor of Dorrin Province, announced that engineers and volunteers would be "
        "dispatched to Tessick after a meeting with the regional council."
    )
    cited = attributor.support(claim)
    assert [s.text[:20] for s in cited] == [sources[0].text[:20], sources[2].text[:20]]
    assert any("engineers" in p and "governor" in p for p in passages)
    # Every word of it next door ("would send … engineers"): no judge needed, and both are cited.
    passages.clear()
    cited = attributor.support(claim.replace("dispatched", "sent"))
    assert [s.text[:20] for s in cited] == [sources[0].text[:20], sources[2].text[:20]]


def test_a_nearby_sentence_cannot_outvote_one_that_says_otherwise(
    embedding_backend: EmbeddingBackend,
) -> None:
    # The figure's sentence names another actor; a second sentence naming the claimed one nearby
    # must not turn the swap into a supported claim.
    text = (
        "Dorrin Province has announced it will send hundreds of workers to Estravel's flooded valley. "
        "According to the governor, Dorrin has committed to sending 300 engineers to clear mud in the "
        "Estravelian town of Tessick."
    )
    attributor = _one_article(
        text, "How many engineers did Estravel promise to send to Dorrin?", lenient(embedding_backend)
    )
    assert attributor.support("Estravel promised to send 300 engineers to Dorrin Province.") == []


def test_a_name_the_reader_misspelt_is_the_articles_name(embedding_backend: EmbeddingBackend) -> None:
    # The reader wrote "Tesick" for "Tessick" and the answer echoes it: the article holds the name.
    text = (
        "Floodwater reached Tessick on Monday night. The defence ministry ordered the 4th Engineer "
        "Regiment to Tessick on Tuesday to reinforce the embankment."
    )
    sources = source_sentences("tessick-regiment", "Engineers sent", text, 0, len(text))

    def attributor(question: str) -> Attributor:
        return Attributor(
            sources,
            {"tessick-regiment": text},
            embedding_backend.model,
            question=question,
            checker=lenient(embedding_backend),
        )

    claim = "The 4th Engineer Regiment was sent to Tesick."
    assert attributor("Wich regimant was sent to Tesick?").support(claim)
    # A name only the answer misspells is still a name the article does not hold.
    assert attributor("Which regiment was sent to the town?").support(claim) == []


def test_a_quoted_question_is_cited_to_the_quote(embedding_backend: EmbeddingBackend) -> None:
    # Another sentence names the same person and matches the bare answer about as well; the one
    # asked about is the sentence that says the quoted words (its speaker named the sentence before).
    text = (
        "Governor Ilse Varn toured the flooded valley on Monday with the regional council. "
        "The governor, Ilse Varn, thanked the volunteers in a short statement outside the town hall. "
        '"The water took the bridge. It will not take the town," she said. She took no questions.'
    )
    attributor = _one_article(
        text, 'Who said "The water took the bridge. It will not take the town"?', lenient(embedding_backend)
    )
    cited = attributor.support("Ilse Varn.")
    assert cited and all("Monday" not in s.text for s in cited)
    assert any("took the bridge" in s.text or "will not take" in s.text for s in cited)


def test_a_name_beginning_with_no_is_no_negation() -> None:
    # "No Tae Sung" is a name where the article writes it mid-sentence; "No talks" stays a negation.
    article = "The envoy met Defence Minister No Tae Sung in the capital. The talks lasted two hours."
    start = article.index("The talks")
    picked = [SourceSentence("envoy", "t", start, len(article), article[start:])]
    assert _meaning_agrees("No Tae Sung held talks that lasted two hours.", picked, article)
    assert not _meaning_agrees("No Tae Sung held talks that lasted two hours.", picked)
    assert not _meaning_agrees("No talks were held in the capital.", picked, article)


def test_a_nearby_sentence_naming_the_claimed_actor_does_not_lend_support(
    embedding_backend: EmbeddingBackend,
) -> None:
    # The judge said no to the cited sentence; a neighbour that only names the claim's actor adds
    # none of the words it lacked, so it is not shown to the judge as a second chance.
    text = (
        "Dorrin and Estravel agreed to honour the volunteers who died in the flood. A memorial will be "
        "built in Pellune with active participation from the Estravel side."
    )
    passages: list[str] = []

    def judge(claim: str, passage: str) -> bool:
        passages.append(passage)
        return "Dorrin and Estravel" in passage  # says yes once the actor's name is shown

    attributor = _one_article(
        text,
        "Who will take an active part in building the memorial in Pellune?",
        SupportChecker(embedding_backend.model, judge),
    )
    assert attributor.support("Dorrin will take an active part in building the memorial in Pellune.") == []


def test_a_sentence_referring_back_names_its_subject_before_it(embedding_backend: EmbeddingBackend) -> None:
    # "Her office said 41 …": the person the answer names is in the sentence before.
    text = (
        "The mayor of Tessick, Piet Havrane, said on Friday that the water had receded from the town. "
        "His office said 41 people remain in shelters, and that 2,300 were evacuated on Tuesday."
    )
    attributor = _one_article(
        text,
        "How many people were still in shelters when the mayor spoke on Friday?",
        lenient(embedding_backend),
    )
    cited = attributor.support("41 people were still in shelters when Mayor Piet Havrane spoke on Friday.")
    assert cited and "41 people" in cited[0].text


def test_a_date_without_a_year_is_in_its_articles_year(embedding_backend: EmbeddingBackend) -> None:
    # "On Sunday, 15 March" in an article of March 2026: the answer's "15 March 2026" is what it says,
    # and the month is no actor whose place in the sentence could swap roles.
    article = Article(
        meta=ArticleMeta(id="judge-named", title="Judge to lead inquiry", published=dt.date(2026, 3, 16)),
        text="On Sunday, 15 March, the prime minister's office named Anna Vell to lead the inquiry.",
        path=Path("judge-named.md"),
    )
    sources = article_sentences(article)
    question = "On what date was Anna Vell named to lead the inquiry?"
    attributor = Attributor.over(
        sources,
        {"judge-named": article},
        embedding_backend.model,
        question,
        SupportChecker(embedding_backend.model),
    )
    assert attributor.support("Anna Vell was named to lead the inquiry on 15 March, 2026.")
    assert not attributor.support("Anna Vell was named to lead the inquiry on 15 March, 2025.")


def _one_article(text: str, question: str, checker: SupportChecker) -> Attributor:
    """An attributor over every sentence of one article, ``text``."""
    sources = source_sentences("article", "An article", text, 0, len(text))
    return Attributor(sources, {"article": text}, checker.embeddings, question=question, checker=checker)


# Written stories the rules were not made on: a chemical plant fire (three reports), a rail
# strike (three) and a harbour crane collapse (three), each with right and wrong answers.
SELMBY = {
    "fire": (
        "SELMBY — A fire broke out at the Orrin Chemicals plant on the edge of Selmby late on Monday, and "
        "the town council ordered 4,200 residents to leave their homes. Two workers were killed and 17 "
        "people were taken to hospital, the regional health authority said on Tuesday. The plant's "
        "manager, Edvard Lune, said the fire started in a storage hall that held 300 tonnes of "
        "fertiliser. Firefighters fought the blaze for 14 hours before bringing it under control at about "
        "2 p.m. on Tuesday. The plant, opened in 1998, employs 650 people."
    ),
    "inquiry": (
        "SELMBY — The regional government on Thursday appointed Petra Holm, a former appeals court judge, "
        "to lead an inquiry into the fire. Environment Minister Karel Sand said inspectors had found that "
        "the storage hall held 450 tonnes of fertiliser, well above the 200 tonnes its permit allowed. "
        "The company's chief executive, Mira Vance, said it would cooperate fully. The inquiry is to "
        "report within six months."
    ),
    "return": (
        "SELMBY — Residents evacuated after last week's fire were allowed back into their homes on "
        "Saturday, after the town council said air tests showed no danger. Mayor Ilse Darrow said about "
        "3,800 people had been evacuated."
    ),
}


BRESK = {
    "strike": (
        "BRESK — Train drivers and signal staff across Corvane began a 48-hour strike on Wednesday, the "
        "state operator Corvane Rail said. The Union of Rail Workers, which represents 9,000 of the "
        "operator's 14,000 staff, is demanding a 7 percent pay rise; the operator has offered 3 percent. "
        "Union leader Sabine Oster told a rally outside Bresk Central station that drivers had not had a "
        'real rise since 2021. Transport Minister Jonas Feld called the strike "irresponsible" and said '
        "the government would not fund a larger offer."
    ),
    "talks": (
        "BRESK — Talks between Corvane Rail and the Union of Rail Workers broke down on Monday, and the "
        "union announced a second strike, of 72 hours, to begin on 14 October. The operator estimates "
        "that each day of strike costs it 11 million florins in lost fares."
    ),
    "deal": (
        "BRESK — The union called off its second strike on Friday after agreeing a deal with Corvane "
        "Rail. Aldo Prenn, the chief executive, said the deal would cost the company 38 million florins "
        "a year. The first strike, he said, had cost 25 million florins in lost fares."
    ),
}


LISK = {
    "gazette": (
        "PORT LISK — A container crane collapsed onto a cargo ship at Port Lisk on Thursday morning, "
        "killing one dock worker, the port authority said. Port director Yusuf Telmar said all work at "
        "the container terminal had been suspended."
    ),
    "wire": (
        "PORT LISK — The national transport safety board said it had sent four investigators and "
        "expected to publish a first report within 30 days. The crane's operator, Lisk Container "
        "Terminals, said on Monday that the crane had passed an inspection. Union members will vote on "
        "the terminal's safety plan next month."
    ),
    "business": (
        "PORT LISK — The collapse has halted about a third of the port's container traffic, Lisk "
        "Container Terminals said on Monday. The terminal would lose about 400,000 kronor a day while "
        "it stayed closed."
    ),
}
VARNE = {
    "city": (
        "VARNE — Thieves stole three paintings from the Halden Museum in Varne early on Sunday, police "
        "said. The museum's director, Lena Strand, said the alarm system had been switched off for "
        "repairs. Police chief Tomas Eld said two men were seen leaving the building at about 4 a.m. "
        "The museum, which opened in 1911, has about 2,400 works in its collection."
    ),
    "wire": (
        "VARNE — Police in Varne said on Tuesday they had arrested a 34-year-old man in connection with "
        "the theft of four paintings from the Halden Museum. Culture Minister Ada Roe said the "
        "government would pay for a new security system, which would cost 3 million crowns."
    ),
    "magazine": (
        "VARNE — Two of the stolen paintings were found in a car park outside Varne on Friday, "
        "undamaged, police said. Curator Peter Juhl said the museum receives about 90,000 visitors a "
        "year."
    ),
}

# A coach crash told by two outlets: figures close together, a day a statement is dated by, and a
# word whose opposite the other outlet's sentence gives.
OSTRAVEL = {
    "post": (
        "OSTRAVEL — A coach carrying 48 passengers left the road near Ostravel on Friday night, police said. "
        "Paramedics took 31 passengers to hospital in Ostravel, while the others were driven to a hotel. "
        "Thirteen people were hurt, two of them seriously, said regional police chief Arne Lidt."
    ),
    "courier": (
        "OSTRAVEL — The operator, Veska Lines, will pay each passenger 200 euros, the company said on "
        "Monday. The coach is one of 40 in the company's fleet. It had left Ostravel at 9:15 p.m. and was "
        "travelling at 90 km/h when it hit a barrier at about 10:05 p.m., road police said. Road engineer "
        "Tove Brask said traffic on the road was lower than usual at the time of the crash."
    ),
}

# A fuel spill in a town's water, told by the utility and by the council.
VELMORE = {
    "utility": (
        "VELMORE — The water supply of Velmore was contaminated with diesel on Tuesday, the utility said. "
        "The main pumping station was shut down at 5 a.m. to stop the fuel from spreading. Seven of the 32 "
        "wells in the district were affected. The utility demanded 1.2 million euros from the haulage firm, "
        "according to a letter seen by the Post. Tanker trucks were sent to Velmore Hospital from the depot "
        "at Arnby. The price of bottled water doubled in Velmore, to 6 euros a crate. The utility signed a "
        "new supply contract on Monday. Repairs to the pumping station will cost 800,000 euros. The depot "
        "was closed because of the spill. Brant Logistics has not commented on the claim. Spending on "
        "tap water filters doubled on Friday. Police chief Ada Rusk said officers had not made any arrests. "
        "The utility has not said whether the wells will reopen. Cleaning the wells is expected to take "
        "about three weeks."
    ),
    "council": (
        "VELMORE — Mayor Rhea Lind, speaking at a council meeting in Velmore Town Hall on Wednesday, called "
        "the spill a disgrace. Oskar Veit, a utility engineer, gave evidence. The council sued the haulage "
        "firm Brant Logistics for damages. Complaints about tap water fell from 400 a day on Tuesday to 90 "
        "a day on Friday, said utility engineer Oskar Veit."
    ),
}

KELDA = {
    "gazette": (
        "KELDA — Dock workers at the port of Kelda walked out on Monday in a dispute over pay. Harbour "
        "master Jens Ulvik said the port had never been closed for more than two days."
    ),
    "broadcaster": (
        "KELDA — Talks between striking dock workers and port employers broke down on Wednesday evening "
        "after nine hours, Labour Minister Oskar Fenn said. Police arrested two pickets outside the "
        "north gate on Tuesday after a lorry driver was injured."
    ),
}

SARNAU = {
    "courier": (
        "SARNAU — Helicopters on Sunday evening flew 30 climbers off the Kessel ridge after they had been "
        "stranded for about 30 hours by an avalanche, the mountain rescue service said. The avalanche struck "
        "at about 5 a.m. on Saturday. Of the 42 climbers on the ridge, 30 were flown out, nine walked down "
        "on their own and three are missing, the service's director, Arne Lutz, said. Working in two-hour "
        "shifts, a team of 45 rescuers dug an 80-metre trench through the snow to reach the hut. Rescue "
        "leader Vera Moss said the last climber was brought down at 7:45 p.m. Six of the climbers were taken "
        "to the hospital in Brunnel, 30 kilometres north of the pass. About half of the club's 600 members "
        "live in Sarnau, a village of some 2,000 people. The youngest of those stranded, an 18-year-old "
        "student, was the first to be flown out."
    ),
    "ledger": (
        "SARNAU — The club's president, Ilka Form, declined to comment on the cause of the avalanche. "
        "Doctors at Brunnel hospital said all the injured climbers were in a stable condition. Families of "
        "the stranded climbers spent the night in a school gym near the cable car station. Sarnau's mayor, "
        "Otto Brandt, said the village's church bells were rung when the first climber was flown out. The "
        "search for the three missing climbers was stopped for five hours on Sunday after a second "
        "avalanche."
    ),
    "observer": (
        "BRUNNEL — The national avalanche service has opened an inquiry into the accident, its head, Per "
        "Aasen, said on Monday. Rescuers recovered the bodies of two of the three missing climbers on "
        "Monday, the third day of the search. The search for the third, a 52-year-old guide, is continuing. "
        "The insurer has agreed to pay 4,000 francs to each rescued climber, less than half of the 9,000 "
        "francs the climbers' association had asked for. Guide Mats Holl said the club had ignored "
        "avalanche warnings."
    ),
}

TORRIN = {
    "herald": (
        "TORRIN — A coach carrying 40 passengers broke down at 8 a.m. near Kell on Friday, the operator "
        "said. The coach had left Torrin at 6:15 a.m. and reached the border at 9:40 a.m. after a "
        "replacement arrived. The engine failed about 30 minutes into the journey, the operator said. The "
        "coach was carrying 900 kilograms of luggage. All 42 people on the coach, 40 passengers and two "
        "drivers, walked away unhurt. One of its six tyres burst near Kell. The coach hit 12 parked cars, "
        "four of them badly. The operator has offered the town 30,000 crowns for repairs, far less than "
        "the 90,000 crowns the town council had requested."
    ),
}

# A storm at a port, told by the port and a local paper: sailings counted by two acts, and an age
# next to the time since a refit.
HALLSTEN = {
    "port": (
        "HALLSTEN — Including late arrivals, 26 ferry sailings were disrupted by the storm on Tuesday, the "
        "port authority said. The 22-year-old ferry Saga, which was refitted 14 months ago, lost power "
        "outside the harbour."
    ),
    "tidings": (
        "HALLSTEN — The storm forced the delay of 11 sailings and the cancellation of eight others, "
        "harbour master Nils Ekberg said."
    ),
}

# A vote told by two outlets: seats won beside a share of the vote won, and a fall to a count of seats.
VOTARA = {
    "wire": (
        "VOTARA — With every district counted, the Harbour Party won 38.2 percent of the vote, giving it "
        "71 of the 150 seats. The Farmers' Union fell to 19.5 percent and 30 seats, down from 41."
    ),
    "daily": (
        "VOTARA — The commission confirmed the Harbour Party on 71 seats and the Farmers' Union on 30. "
        "In the chamber, 81 members voted for the budget and 64 against, with five abstentions. "
        "Later, members agreed by 52 votes to 40 to freeze the harbour grant."
    ),
    "agency": (
        "With all 2,310 polling stations reporting, turnout was 61 percent, up from 58 in the 2019 election."
    ),
}

# A minister's letter and a commissioner's reply: words given to "he", and a quotation standing alone.
QUELLEN = {
    "herald": (
        "QUELLEN — In a letter to Prime Minister Ada Korsch released on Tuesday, Minister Pavel Ostrin "
        'said he had done nothing wrong. "I made an error in my filing, not in my work," he wrote.\n\n'
        'Commissioner Lene Marr rejected the charge. "Every ballot was counted twice," she said. '
        '"Claims without proof do not become true by repetition."\n\n'
        'Jon Vikse, head of the observers, said the count had been calm. "We saw nothing wrong," '
        'Vikse told reporters.\n\n"We will publish our report in May."'
    ),
    "courier": (
        "Regional transport minister Lars Ostby, 47, said the region had also asked the national "
        "government to contribute, but that the finance ministry had not yet replied. "
        '"This cannot be a problem that Quellen solves alone," Ostby said.\n\n'
        "The grant was criticised by Kai Brun, leader of the opposition Harbour Party in the regional "
        'assembly. "Forty million for a firm that has not even signed a contract is a gamble with '
        "taxpayers' money,\" he said.\n\nRuben Hall, 61, leader of the Civic group, said the council had "
        'acted in haste and called the suspension a "political ambush".'
    ),
}

# A water plant: who runs it told as who operates it, beside who built it.
HARLEN = {
    "courier": (
        "HARLEN — Chlorine leaked on Sunday at the Harlen water plant, operated by Vessel Utilities, "
        "which Osk Engineering built in 2004. The vote on an inquiry drew 12 votes in favour and 30 "
        "against, with three abstentions. Shops with fewer than 20 staff can claim up to 3,000 crowns "
        "each for spoiled food. The Harlen water regulator fined Vessel Utilities 90,000 crowns. "
        "Mayor Ada Brisk received 40,000 crowns from Osk Engineering, prosecutors say. Police arrested "
        "one of the intruders, a 27-year-old local man, near the plant."
    ),
}

# A blackout in a town and its villages: a village named once, the town many times.
VASKET = {
    "wire": (
        "VASKET — Power had been restored to 41,000 households in and around Vasket by Wednesday, the "
        "grid operator said. Vasket's mayor said Vasket would recover. Villages near Vasket, among them "
        "Orle and Tamm, were also hit. In Vasket, 300 people slept in the town hall."
    ),
}

# A factory fire told by two outlets: a teller beside a builder, a part told after its whole, ages
# side by side, two schools named among other names, and an earlier fire dated in the same sentence.
TARNE = {
    "courier": (
        "TARNE — About 900 residents were evacuated in Tarne on Monday after a fire at the Holloway paint "
        "factory, police said. Thirty people were seen at hospital, including four firefighters. Factory "
        "manager Ida Brenn, 44, said the fire was out within two hours. Mayor Otto Krail, 61, said he was "
        "angry. Two schools, Elm Primary and Tarne High School, were closed. It was the second fire at the "
        "factory this year, after a smaller blaze on 3 February that injured no one. The factory supplies "
        "paint to about 40 percent of the region's builders."
    ),
    "ledger": (
        "TARNE — Fire chief Lena Holt said the blaze was probably caused by a faulty heater, installed when "
        "Grell Construction built the factory in 2001. Residents of the Elm housing estate were the first "
        "to leave. Some 20 staff on shift at the factory were accounted for, and one of them was treated "
        "for burns. Roughly one in four of the evacuated residents spent the night in a school gym. The "
        "youngest of those treated, a 9-year-old girl, was sent home on Tuesday. Ruth Amsel, 38, said her "
        "husband had been loading his van when the alarm sounded."
    ),
}


# A storm told by two outlets: a part told after its whole, a sentence ending "p.m." before the
# next, two speakers side by side, a death told of another, a review asked for, not done.
KELVRA = {
    "post": (
        "KELVRA — A storm flooded the harbour district of Kelvra on Friday, the coastguard said. The sea "
        "broke through the harbour wall at about 2:20 p.m. on Friday, 4 March, near the old fish market, "
        "and reached the market square shortly before 7 p.m. An "
        "evacuation of the harbour streets was ordered at 5 p.m., and about 2,000 people left their homes. "
        "Twenty-four people were hurt, five of them police officers, and three stayed in hospital overnight. "
        "The dead were Aron Vesk, 70, a retired pilot who was swept from the quay, and Mia Lund, 34. "
        "Waves reached 9 metres at the harbour mouth. Harbour "
        'master Ola Dunn said the wall had been inspected in May. "We have never seen water this high," '
        "said Mayor Petra Lind."
    ),
    "wire": (
        "KELVRA (Wire) — The storm's toll rose to two on Saturday after police found the body of a woman "
        "in a flooded car park on Quay Road. "
        "The wind peaked at 140 km/h on Friday evening, forecasters said. Councillor Ines Roe said she would "
        "ask the council to review the sea wall. On Saturday morning the harbour was 30 percent under water, "
        "the coastguard said."
    ),
}


MARROW = {
    "courier": (
        "VELDA (Courier) — The Marrow Hill quarry will close at the end of March, its owner said on Tuesday. "
        '"We have lost the contract that kept this quarry alive," said Ines Forsa, 47, the operations '
        "director. "
        "Works manager Olav Drem, 61, who has run the site since 2009, said every worker would be offered a "
        "job at the company's other quarry. \"Nobody saw this coming. We were told on Monday and the gates "
        'shut in six weeks," said Karl Vesk, 52, a blaster who has worked at the quarry for 30 years. Union '
        'organiser Pia Lunn said the closure had not been discussed with staff. "They have treated us '
        "like furniture for years,\" she said. The site's owner, Ada Brisk, declined to comment."
    ),
}


SOLM = {
    "wire": (
        "SOLM (Wire) — Dock workers at Solm ended their strike on Friday after accepting a pay rise of 6 "
        "percent over three years. The union had demanded 11 percent over three years, while the port's "
        "first offer was 2 percent. The port authority will invest 40 million crowns over four years in new "
        "cranes, its director, Ivo Marsk, said. Two ferry lines, Nordlink and Baltra, moved their sailings "
        "to Kessel during the strike. The strike fund is run by Grete Olm, the union's treasurer. Dr. Anke "
        "Veil of the labour ministry said the talks had been tense."
    ),
}


@pytest.mark.parametrize(
    ("story", "question", "answer", "held"),
    [
        # An amount told without a verb is read with its question: "11 percent over three
        # years" is what was demanded, not the rise; a figure told beside the answer's ("over four
        # years") is its detail, not what the question asks of; "ferry lines" is what is asked for.
        (SOLM, "How big is the pay rise?", "11 percent over three years.", False),
        (SOLM, "How big is the pay rise?", "6 percent over three years.", True),
        (SOLM, "How much will the port invest in new cranes?", "40 million crowns over four years.", True),
        (SOLM, "Which ferry lines moved their sailings to Kessel?", "Nordlink and Baltra.", True),
        (SOLM, "Who runs the strike fund?", "Grete Olm, the union's treasurer.", True),
        # Who said it: a clause describing the speaker ("who organises the union") tells nothing of
        # who said it, so the answer is read with its question; words the question asks the speaker
        # of, negated or not, are told in the quotation's own sentences.
        (
            MARROW,
            "Who said nobody saw this coming?",
            "Karl Vesk, a blaster who has worked at the quarry.",
            True,
        ),
        (MARROW, "Who said nobody saw this coming?", "Pia Lunn, who organises the union.", False),
        # A closed relative clause ("Olav Drem, 61, who has run the site since 2009, said") is not
        # who said it; an age told another way ("52," as "a 52-year-old") is the same age, and what
        # was said is not what the age counts.
        (MARROW, "Who said every worker would be offered a job?", "The works manager, Olav Drem.", True),
        (MARROW, "Who said the gates shut in six weeks?", "Karl Vesk, a 52-year-old blaster.", True),
        (MARROW, "Who said the gates shut in six weeks?", "Ines Forsa, the operations director.", False),
        # "…," she said: the words are those of whom the sentences before name.
        (MARROW, "Who said they had been treated like furniture?", "Pia Lunn, the union organiser.", True),
        (MARROW, "Who said they had been treated like furniture?", "Ada Brisk, the site's owner.", False),
        # Who the claim says told it is in the sentence as someone else.
        (TARNE, "What caused the fire?", "Grell Construction said a faulty heater caused it.", False),
        (TARNE, "What caused the fire?", "A faulty heater, the fire chief said.", True),
        # Who told of an act is not who did it.
        (TARNE, "Who was loading a van when the alarm sounded?", "Ruth Amsel, 38.", False),
        # A phrase that opens with a preposition answers its question, as a short answer does.
        (TARNE, "Where did the fire break out?", "In a school gym in Tarne.", False),
        # A date an earlier event is given in the same sentence is that event's.
        (TARNE, "When did the second fire at the factory happen?", "On 3 February.", False),
        (TARNE, "When was the earlier fire at the factory this year?", "On 3 February.", True),
        # A figure opening the answer before a comma is the answer; the rest adds to it.
        (TARNE, "How many staff were on shift at the factory?", "20, and all were accounted for.", True),
        # A part told after its whole ("including four firefighters") shares what is said of it, and
        # does not answer for the whole.
        (TARNE, "How many firefighters were seen at hospital?", "Four.", True),
        (TARNE, "How many people were seen at hospital?", "Four.", False),
        # An age is the age of the one asked about.
        (TARNE, "How old is the factory manager?", "61.", False),
        (TARNE, "How old is the factory manager?", "44.", True),
        (TARNE, "How old was the youngest of those treated?", "9.", True),
        # A name's last two words are told together in the articles.
        (TARNE, "Which schools were closed?", "Elm Primary, Holloway Primary and Tarne High School.", False),
        (TARNE, "Which schools were closed?", "Elm Primary and Tarne High School.", True),
        # What a share is of is told by what the question says of the group.
        (
            TARNE,
            "What share of the region's builders get paint from the factory?",
            "Roughly one in four.",
            False,
        ),
        # What a part is ("five of them police officers") is not said of the whole.
        (KELVRA, "How many police officers were hurt?", "Twenty-four police officers were hurt.", False),
        (KELVRA, "How many police officers were hurt?", "Five police officers were hurt.", True),
        # The sentence's subject is every clause's: the time is the one of the act asked about.
        (KELVRA, "When did the sea reach the market square?", "At about 2:20 p.m.", False),
        (KELVRA, "When did the sea reach the market square?", "Shortly before 7 p.m.", True),
        # "He" is the one the question names: the death of another is not his.
        (KELVRA, "How did Aron Vesk die?", "He died in a flooded car park on Quay Road.", False),
        (KELVRA, "How did Aron Vesk die?", "He was a retired pilot who was swept from the quay.", True),
        # Who said it is not whoever is named next door to it.
        (KELVRA, "Who said they had never seen water this high?", "Ola Dunn, the harbour master.", False),
        (KELVRA, "Who said they had never seen water this high?", "Mayor Petra Lind.", True),
        # What one meant to do, told as done.
        (
            KELVRA,
            "What did Ines Roe say she would do?",
            "She said the council had already reviewed the sea wall.",
            False,
        ),
        (
            KELVRA,
            "What did Ines Roe say she would do?",
            "She said she would ask the council to review the sea wall.",
            True,
        ),
        # A short answer is dated by its question.
        (KELVRA, "How much of the harbour was under water on Sunday?", "30 percent.", False),
        (KELVRA, "How much of the harbour was under water on Saturday morning?", "30 percent.", True),
        # Each name of a list is among those the sentence tells of, not only named near it.
        (KELVRA, "Who died in the storm?", "Aron Vesk, Mia Lund and Ola Dunn.", False),
        (KELVRA, "Who were the dead?", "The dead were Aron Vesk, Mia Lund and Ola Dunn.", False),
        (KELVRA, "Who died in the storm?", "Aron Vesk and Mia Lund.", True),
        # Two clauses, each with its figure, from two articles.
        (
            KELVRA,
            "How high were the waves and how strong was the wind?",
            "Waves reached 9 metres and the wind peaked at 140 km/h.",
            True,
        ),
        # What the claim says was done to its figure, another report tells of another figure.
        (HALLSTEN, "How many sailings were cancelled?", "26 sailings were cancelled.", False),
        # Words a sentence gives to "he" or to no one are the speaker's the paragraph names.
        (QUELLEN, 'Who wrote "I made an error in my filing, not in my work"?', "Pavel Ostrin.", True),
        (QUELLEN, 'Who wrote "I made an error in my filing, not in my work"?', "Ada Korsch.", False),
        (QUELLEN, 'Who said "Claims without proof do not become true by repetition"?', "Lene Marr.", True),
        (QUELLEN, 'Who said "Claims without proof do not become true by repetition"?', "Pavel Ostrin", False),
        # Each side of a vote has its figure; a bare figure after "and" counts what the one before does.
        (VOTARA, "How many members voted against the budget?", "64.", True),
        (VOTARA, "How many members voted against the budget?", "64 members voted against the budget.", True),
        (VOTARA, "How many members voted against the budget?", "81.", False),
        (VOTARA, "How many members voted for the budget?", "64 members voted for the budget.", False),
        (VOTARA, "How many members voted for the budget?", "81.", True),
        # A tally's sides are votes on what follows it, the first for, the second against.
        (VOTARA, "How many members voted in favour of freezing the harbour grant?", "52.", True),
        (VOTARA, "How many members voted in favour of freezing the harbour grant?", "40.", False),
        (VOTARA, "How many members voted against freezing the harbour grant?", "40.", True),
        # "…, giving it 71 of the 150 seats": the seats are what the party won.
        (VOTARA, "How many seats did the Harbour Party win?", "The Harbour Party won 71 seats.", True),
        # "runs" is said by "operated by"; "abstained" by "abstentions" — and a builder is no operator.
        (HARLEN, "Which company runs the Harlen water plant?", "Vessel Utilities.", True),
        (HARLEN, "Which company runs the Harlen water plant?", "Osk Engineering.", False),
        (HARLEN, "How many abstained in the vote on an inquiry?", "Three abstained in the vote.", True),
        # Asked what was done in the first week, an act is not a count that must be told for it.
        (
            HARLEN,
            "Which company was named in the first week of the leak?",
            "Vessel Utilities operates the Harlen water plant.",
            True,
        ),
        (HARLEN, "How many votes did the inquiry get in the first week?", "12 votes.", False),
        # A question that gives the act the other way round asks of what no article tells.
        (HARLEN, "How much did Vessel Utilities fine the Harlen water regulator?", "90,000 crowns.", False),
        (HARLEN, "How much did the Harlen water regulator fine Vessel Utilities?", "90,000 crowns.", True),
        # ... told from the other side: what one received from the other, the other paid.
        (HARLEN, "How much did Mayor Ada Brisk pay Osk Engineering?", "40,000 crowns.", False),
        (HARLEN, "How much did Osk Engineering pay Mayor Ada Brisk?", "40,000 crowns.", True),
        # A participle after its noun tells what was done to it: "the man arrested … was 27".
        (
            HARLEN,
            "How old was the man arrested near the Harlen water plant?",
            "The man arrested near the plant was 27 years old.",
            True,
        ),
        # A count of the story's town is no count of a village the article names once.
        (VASKET, "How many households in Orle had power restored?", "41,000 households in Orle.", False),
        (VASKET, "How many households in Vasket had power restored?", "41,000 households.", True),
        # An "each" after its amount is the amount's: the shops claim it, not the food.
        (HARLEN, "How much can each shop claim?", "Each shop can claim up to 3,000 crowns.", True),
        # Where a question sets its act ("in the election") is no act of another figure's.
        (VOTARA, "How many polling stations reported in the Votaran election?", "2,310.", True),
        (VOTARA, "How many polling stations reported in the Votaran election?", "58.", False),
        # A name with its title and no verb says who did it only with its question.
        (
            QUELLEN,
            "Who called the grant a gamble with taxpayers' money?",
            "Transport minister Lars Ostby.",
            False,
        ),
        (
            QUELLEN,
            "Who called the grant a gamble with taxpayers' money?",
            "Opposition leader Kai Brun.",
            True,
        ),
        # A verb after "and" shares the subject told before it: Hall called it so.
        (
            QUELLEN,
            'Who called the suspension a "political ambush"?',
            "Ruben Hall, 61, leader of the Civic group.",
            True,
        ),
        # A quotation that is a paragraph of its own goes on from the speaker of the one before.
        (QUELLEN, 'Who said "We will publish our report in May"?', "Jon Vikse.", True),
        (QUELLEN, 'Who said "We will publish our report in May"?', "Lene Marr.", False),
        # A share "won" beside seats is not seats won by another count: the act is no other figure's.
        (VOTARA, "How many seats did the Farmers' Union win?", "The Farmers' Union won 30 seats.", True),
        (HALLSTEN, "How many sailings were disrupted?", "26 ferry sailings were disrupted.", True),
        # Asked how many were done something to, a short answer needs the sentence that says it was.
        (HALLSTEN, "How many sailings were cancelled?", "26.", False),
        (HALLSTEN, "How many sailings were disrupted?", "26.", True),
        # An age is told as an age, not as the time since a refit.
        (HALLSTEN, "How old is the ferry Saga?", "It is 14 months old.", False),
        (HALLSTEN, "How old is the ferry Saga?", "It is 22 years old.", True),
        # A time asked with "did" is the time of that act; an irregular verb is its verb.
        (TORRIN, "What time did the coach leave Torrin?", "At 9:40 a.m.", False),
        (TORRIN, "What time did the coach leave Torrin?", "At 6:15 a.m.", True),
        (TORRIN, "When did the coach break down?", "At 8 a.m.", True),
        # The answer word to a yes-or-no question is no negation of the rest.
        (TORRIN, "Was anyone hurt?", "No, all 42 people on the coach walked away unhurt.", True),
        # A time into a journey answers when; a measure answers how much; a figure with a colon opens a
        # short answer.
        (TORRIN, "When did the engine fail?", "About 30 minutes into the journey, the operator said.", True),
        (TORRIN, "How much luggage was the coach carrying?", "900 kilograms of luggage.", True),
        (TORRIN, "How many people were on the coach?", "Forty-two: 40 passengers and two drivers.", True),
        # A count is not a rank.
        (TORRIN, "Which tyre burst?", "The sixth tyre.", False),
        # "Four of them" is a part of the 12; a question about the whole is not answered by it.
        (TORRIN, "How many cars did the coach hit?", "Four.", False),
        (TORRIN, "How many cars did the coach hit?", "12.", True),
        (TORRIN, "How many cars were badly damaged?", "Four.", True),
        # The act a question asks of is told of another sum, however alike the two sums.
        (TORRIN, "How much has the operator offered the town?", "90,000 crowns.", False),
        (TORRIN, "How much has the operator offered the town?", "30,000 crowns.", True),
        # A figure spelled with a hyphen is a figure, not a name.
        (SARNAU, "How many climbers were on the ridge?", "Forty-two.", True),
        # A reason is an answer read with its question.
        (SARNAU, "Why was the search stopped on Sunday?", "Because of a second avalanche.", True),
        # Bodies recovered are dead.
        (SARNAU, "How many of the missing climbers were found dead?", "Two.", True),
        # A figure joined to a unit by a hyphen measures; it counts no rescuers.
        (SARNAU, "How many rescuers dug the trench?", "A team of 80 rescuers dug the trench.", False),
        (SARNAU, "How many rescuers dug the trench?", "A team of 45 rescuers dug the trench.", True),
        # "The third day of the search" is a place in time, not a length of it.
        (SARNAU, "How long were the climbers stranded?", "They were stranded for about three days.", False),
        (SARNAU, "How long were the climbers stranded?", "About 30 hours.", True),
        # "At what time was … brought down?" asks the time of that act.
        (SARNAU, "At what time was the last climber brought down?", "At 5 a.m.", False),
        (SARNAU, "At what time was the last climber brought down?", "At 7:45 p.m.", True),
        # A distance answers "how far".
        (SARNAU, "How far is the hospital in Brunnel from the pass?", "30 kilometres, to the north.", True),
        # What the sentence says of a share of the whole is not said of the whole.
        (SARNAU, "How many people live in Sarnau?", "About 600 people live in Sarnau.", False),
        (SARNAU, "How many members does the club have?", "The club has 600 members.", True),
        # Two sums in one sentence: each is cited for its own act.
        (
            SARNAU,
            "How much had the association asked for?",
            "The association had asked for 9,000 francs.",
            True,
        ),
        (SARNAU, "How much will each rescued climber receive?", "4,000 francs.", True),
        # A patient's condition has no synonym.
        (
            SARNAU,
            "What condition are the injured climbers in?",
            "Two of them are in a critical condition.",
            False,
        ),
        (
            SARNAU,
            "What condition are the injured climbers in?",
            "They are in a stable condition, doctors said.",
            True,
        ),
        # Declining to comment answers what someone said.
        (
            SARNAU,
            "What did the club's president say about the cause?",
            "Ilka Form declined to comment on the cause.",
            True,
        ),
        (SARNAU, "Who said the club had ignored avalanche warnings?", "Mats Holl, a guide.", True),
        # The one asked about is told by what is being done to them.
        (SARNAU, "Who is the climber still being searched for?", "An 18-year-old student.", False),
        (SARNAU, "Who is the climber still being searched for?", "A 52-year-old guide.", True),
        # A place's words name it together.
        (SARNAU, "Where did the families wait?", "At the town hall in Sarnau.", False),
        (SARNAU, "Where did the families wait?", "In a school gym near the cable car station.", True),
        # Both figures count tonnes of fertiliser; what the question asks of it is the permit's.
        (SELMBY, "How many tonnes of fertiliser did the permit allow?", "200 tonnes.", True),
        (SELMBY, "How many tonnes of fertiliser did the permit allow?", "450 tonnes.", False),
        # "According to the inspectors": the manager's figure is not theirs.
        (
            SELMBY,
            "How many tonnes of fertiliser did the hall hold, according to the inspectors?",
            "The storage hall held 450 tonnes of fertiliser.",
            True,
        ),
        (
            SELMBY,
            "How many tonnes of fertiliser did the hall hold, according to the inspectors?",
            "The storage hall held 300 tonnes of fertiliser.",
            False,
        ),
        # One figure is cited where it is stated, not borrowed from the sentence before.
        (SELMBY, "How many people does the plant employ?", "The plant employs 650 people.", True),
        (SELMBY, "How many people does the plant employ?", "The plant employs 4,200 people.", False),
        # A speaker named in apposition before "said".
        (
            SELMBY,
            "Who said the company would cooperate?",
            "Mira Vance said the company would cooperate fully.",
            True,
        ),
        (
            SELMBY,
            "Who said the company would cooperate?",
            "Karel Sand said the company would cooperate fully.",
            False,
        ),
        # The act asked about must be told where the answer's name is.
        (SELMBY, "Who leads the inquiry?", "Petra Holm.", True),
        (SELMBY, "Who leads the inquiry?", "Mira Vance.", False),
        # A day has no synonym.
        (
            SELMBY,
            "When were residents allowed home?",
            "Residents were allowed back into their homes on Saturday.",
            True,
        ),
        (SELMBY, "When were residents allowed home?", "Residents were allowed home on Tuesday.", False),
        (
            SELMBY,
            "When was the blaze brought under control?",
            "The blaze was brought under control on Monday.",
            False,
        ),
        # ... and a month the sentences do not give is not read into "within six months".
        (SELMBY, "When will the inquiry report?", "The inquiry will report in May.", False),
        # A title said of the person in the next sentence is not lent to this one.
        (SELMBY, "Who is Petra Holm?", "Petra Holm is a former appeals court judge.", True),
        (SELMBY, "Who is Petra Holm?", "Petra Holm is the environment minister.", False),
        # A part ("9,000 of the operator's 14,000 staff") counts what its whole counts, and the
        # verb before it is the part's.
        (BRESK, "How many staff does the union represent?", "The union represents 9,000 staff.", True),
        (BRESK, "How many staff does the union represent?", "The union represents 14,000 staff.", False),
        # ... and a question saying nothing of what the part is asks for the whole.
        (BRESK, "How many staff does Corvane Rail have?", "14,000.", True),
        (BRESK, "How many staff does Corvane Rail have?", "9,000.", False),
        # A figure per day is not a total, nor a total a figure per year.
        (BRESK, "How much does each day of strike cost the operator?", "11 million florins.", True),
        (
            BRESK,
            "How much does each day of strike cost the operator?",
            "Each day costs 25 million florins.",
            False,
        ),
        # A rank is no count, and another rank is another thing.
        (
            BRESK,
            "How much did the first strike cost?",
            "The first strike cost 25 million florins in lost fares.",
            True,
        ),
        (BRESK, "How long did the first strike last?", "The first strike lasted 72 hours.", False),
        # A negation in what was said, or after "and said", is not the whole sentence's.
        (BRESK, "Who leads the union?", "Sabine Oster.", True),
        (
            BRESK,
            "Who called the strike irresponsible?",
            "Transport Minister Jonas Feld called the strike irresponsible.",
            True,
        ),
        # The best match names the answer but not the act; the next sentence states both.
        (LISK, "Who operates the crane?", "Lisk Container Terminals.", True),
        # The sentence's subject ("the safety board said it had sent …") is no one figure's.
        (LISK, "When will the safety board publish its first report?", "Within 30 days.", True),
        (LISK, "How many investigators did the safety board send?", "30.", False),
        # A time the sentence gives without a name ("next month") is its date.
        (
            LISK,
            "When will union members vote on the safety plan?",
            "Union members will vote next month.",
            True,
        ),
        (
            LISK,
            "When will union members vote on the safety plan?",
            "Union members will vote on Monday.",
            False,
        ),
        # With no verb of its own, a figure answers "How much will …?" and states nothing done.
        (LISK, "How much will the terminal lose each day it is closed?", "About 400,000 kronor a day.", True),
        # A post is held by the one the sentence gives it to, not by a person with another title.
        (VARNE, "Who is the museum's director?", "Lena Strand.", True),
        (VARNE, "Who is the museum's director?", "Peter Juhl.", False),
        (VARNE, "Who is the police chief?", "Tomas Eld.", True),
        (VARNE, "Who is the police chief?", "Peter Juhl.", False),
        # A time of day is the one stated, not an hour that is another count ("two men").
        (VARNE, "At what time were the men seen leaving?", "At about 4 a.m.", True),
        (VARNE, "At what time were the men seen leaving?", "At about 2 a.m.", False),
        # A day answers a when-question as a name or a figure does.
        (KELDA, "When did the talks break down?", "On Wednesday evening.", True),
        (KELDA, "When did the talks break down?", "On Tuesday evening.", False),
        # A speaker's clause is not negated by what they said.
        (KELDA, "Who is the harbour master?", "Jens Ulvik.", True),
        # Who will pay: the sentence names another payer by a common noun.
        (
            VARNE,
            "Who will pay for the new security system?",
            "The government will pay for the new security system.",
            True,
        ),
        (
            VARNE,
            "Who will pay for the new security system?",
            "The insurer will pay for the new security system.",
            False,
        ),
        # The whole is not a part; a sum has its currency; the way a word sends is the sentence's; a
        # passive with no doer names none; a fall is no rise; a speaker and the day of the speech
        # are told past the words set off between them.
        (VELMORE, "How many wells were affected?", "Seven of the 32 wells.", True),
        (VELMORE, "How many wells were affected?", "32 of the wells were affected.", False),
        (VELMORE, "How much did the utility demand from the haulage firm?", "1.2 million euros.", True),
        (VELMORE, "How much did the utility demand from the haulage firm?", "1.2 million dollars.", False),
        (
            VELMORE,
            "Where were the tanker trucks sent?",
            "Tanker trucks were sent from Velmore Hospital to the depot at Arnby.",
            False,
        ),
        (
            VELMORE,
            "Who shut down the pumping station?",
            "Utility engineers shut down the main pumping station.",
            False,
        ),
        (
            VELMORE,
            "How did complaints about tap water change?",
            "Complaints fell from 400 a day to 90 a day.",
            True,
        ),
        (
            VELMORE,
            "How did complaints about tap water change?",
            "Complaints rose from 90 a day to 400 a day.",
            False,
        ),
        (VELMORE, "Who called the spill a disgrace?", "Mayor Rhea Lind.", True),
        # "Doubled" is no fall; what a figure is worth is its own sentence's to call it; the act
        # done to another; a sum answers "how much"; a name placed by "at" is where, not who.
        (
            VELMORE,
            "How did the price of bottled water change?",
            "The price of bottled water halved, to 6 euros a crate.",
            False,
        ),
        (VELMORE, "What was the supply contract worth?", "The contract was worth 800,000 euros.", False),
        (VELMORE, "Whom did the council sue?", "The council sued Oskar Veit for damages.", False),
        (VELMORE, "Whom did the council sue?", "The council sued Brant Logistics for damages.", True),
        (
            VELMORE,
            "How much is the haulage firm accused of costing the town?",
            "The utility demanded 1.2 million euros from the haulage firm, according to a letter.",
            True,
        ),
        (
            VELMORE,
            "Where was the spill called a disgrace?",
            "At a council meeting in Velmore Town Hall.",
            True,
        ),
        # A reason the sentence gives; words put in the mouth of one who said nothing; a
        # capitalised first word the question writes in lower case is no name.
        (VELMORE, "Why was the depot closed?", "The depot was closed because of the spill.", True),
        (
            VELMORE,
            "What did Brant Logistics say about the claim?",
            "Brant Logistics said the claim was unfounded.",
            False,
        ),
        (
            VELMORE,
            "How did spending on tap water filters change?",
            "Tap-water filter spending doubled on Friday.",
            True,
        ),
        (VELMORE, "When did Rhea Lind call the spill a disgrace?", "On Wednesday.", True),
        # A figure keeps its own act: the 48 aboard were not the 31 taken to hospital.
        (OSTRAVEL, "How many passengers were taken to hospital?", "31 passengers.", True),
        (
            OSTRAVEL,
            "How many passengers were taken to hospital?",
            "48 passengers were taken to hospital.",
            False,
        ),
        # "Hurt" answers "injured", and a short answer may name who gave it.
        (OSTRAVEL, "How many people were injured?", "13 people were hurt.", True),
        (OSTRAVEL, "How many people were injured?", "Thirteen, police said.", True),
        # Reported words negated, whoever is named as saying them; one who "has not said"; a length
        # of time in another unit.
        (
            VELMORE,
            "Did police make any arrests?",
            "Yes, officers made several arrests, police chief Ada Rusk said.",
            False,
        ),
        (
            VELMORE,
            "Will the wells reopen?",
            "Yes, the utility said the wells will reopen.",
            False,
        ),
        (VELMORE, "How long will cleaning the wells take?", "About three months.", False),
        (VELMORE, "How long will cleaning the wells take?", "About three weeks.", True),
        # A yes-or-no question asks its verb as a wh-question does.
        (OSTRAVEL, "Did Veska Lines apologise?", "Veska Lines apologised.", False),
        # The day a statement is dated by is when it was announced.
        (OSTRAVEL, "When did Veska Lines announce the payment?", "On Monday.", True),
        (OSTRAVEL, "When did the coach leave the road?", "On Monday.", False),
        # A time of day belongs to its own clause's act; a body the sentence calls "the company" is
        # the one named next door; who told it did not do it.
        (OSTRAVEL, "When did the coach leave Ostravel?", "At 9:15 p.m.", True),
        (OSTRAVEL, "When did the coach leave Ostravel?", "The coach left Ostravel at 10:05 p.m.", False),
        (OSTRAVEL, "How many coaches does Veska Lines have?", "40.", True),
        (OSTRAVEL, "Who operates the coach?", "Veska Lines.", True),
        (
            OSTRAVEL,
            "Who was driving at 90 km/h?",
            "The road police were driving at 90 km/h.",
            False,
        ),
        # The source says the opposite.
        (
            OSTRAVEL,
            "What was traffic like at the time of the crash?",
            "Traffic was lower than usual, Tove Brask said.",
            True,
        ),
        (
            OSTRAVEL,
            "What was traffic like at the time of the crash?",
            "Traffic was higher than usual, Tove Brask said.",
            False,
        ),
    ],
)
def test_a_citation_must_state_the_claim_on_stories_the_rules_were_not_written_on(
    embedding_backend: EmbeddingBackend, story: dict[str, str], question: str, answer: str, held: bool
) -> None:
    sources = [s for k, text in story.items() for s in source_sentences(k, k, text, 0, len(text))]
    attributor = Attributor(
        sources, story, embedding_backend.model, question=question, checker=lenient(embedding_backend)
    )
    assert bool(attributor.support(answer)) is held
    # What is held must also give what was asked.
    assert gives_what_was_asked(question, [answer]) or not held


def test_a_sum_in_any_currency_is_money_but_a_verb_named_like_one_is_not(
    embedding_backend: EmbeddingBackend,
) -> None:
    text = "Minister Aldo Presk said the government would set aside 20 million marks to upgrade signals."
    sources = source_sentences("agency", "Agency", text, 0, len(text))
    question = "Who said the government would pay to upgrade the signals?"
    attributor = Attributor(sources, {"agency": text}, embedding_backend.model, question=question)
    assert attributor.annotate("Minister Aldo Presk.").supported_sentences == 1
    # "won" is a verb before it is a currency: the claim speaks of no sum.
    vote = "Karr took 54 percent of the ballots cast, the election commission said."
    votes = source_sentences("wire", "Wire", vote, 0, len(vote))
    asked = "What share of the vote did Karr win?"
    assert (
        Attributor(votes, {"wire": vote}, embedding_backend.model, question=asked)
        .annotate("Karr won 54 percent of the ballots cast.")
        .supported_sentences
        == 1
    )


def test_a_description_is_placed_by_the_name_it_describes(embedding_backend: EmbeddingBackend) -> None:
    text = (
        "Investigators from the national transport safety board have recovered the train's data"
        " recorder, board spokeswoman Irja Holm said on Friday."
    )
    sources = source_sentences("agency", "Agency", text, 0, len(text))
    question = "Who is Irja Holm?"
    attributor = Attributor(sources, {"agency": text}, embedding_backend.model, question=question)
    said = attributor.annotate("Irja Holm is a spokeswoman for the national transport safety board.")
    assert said.supported_sentences == 1
    # The name must be in the sentence: a description of someone it does not name is no answer.
    other = Attributor(sources, {"agency": text}, embedding_backend.model, question="Who is Ada Roe?")
    assert other.annotate("Ada Roe is a spokeswoman for the national transport safety board.").unsupported


def test_a_description_without_a_name_is_placed_by_the_person_asked_about(
    embedding_backend: EmbeddingBackend,
) -> None:
    text = (
        "Thirty-one people needed hospital treatment, the regional health authority said. Among them were"
        " eight firefighters who responded to the leak, authority spokesman Tomas Ekwall said. The plant"
        " manager, Oskar Lemberg, said four were in intensive care."
    )
    sources = source_sentences("wire", "Wire", text, 0, len(text))
    question = "Who is Tomas Ekwall?"
    # The judge (which says yes here) reads the relation; attribution must find the sentence.
    judged = lenient(embedding_backend)
    attributor = Attributor(
        sources, {"wire": text}, embedding_backend.model, question=question, checker=judged
    )
    said = attributor.annotate("A spokesman for the regional health authority.")
    assert said.supported_sentences == 1
    assert any("Ekwall" in c.quote for c in said.citations)
    other = Attributor(sources, {"wire": text}, embedding_backend.model, question=question, checker=judged)
    assert other.annotate("The plant manager.").unsupported


SEAWALL = {
    "post": "The sea wall at Kelvra, 4 kilometres long, gave way at about 2:20 p.m. on Friday.",
    "wire": (
        "Two crews were sent to the sea wall at Kelvra at 6:20 p.m. on Friday. The sea wall at Kelvra "
        "was shut for 4 days after it gave way."
    ),
}


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "2:20 p.m." is not in "Two crews … at 6:20 p.m.", whatever digits the two share ...
        ("When did the sea wall give way?", "The sea wall gave way at about 2:20 p.m. on Friday."),
        # ... nor "4 kilometres long" in "shut for 4 days".
        ("How long is the sea wall?", "The sea wall at Kelvra is 4 kilometres long."),
    ],
)
def test_a_figure_is_corroborated_only_in_its_own_unit(
    embedding_backend: EmbeddingBackend, question: str, answer: str
) -> None:
    sources = [s for k, text in SEAWALL.items() for s in source_sentences(k, k, text, 0, len(text))]
    attributor = Attributor(
        sources, SEAWALL, embedding_backend.model, question=question, checker=lenient(embedding_backend)
    )
    assert [s.article_id for s in attributor.support(answer)] == ["post"]


def test_a_sum_asked_for_is_not_answered_by_differing_counts_nor_a_count_by_differing_sums(
    embedding_backend: EmbeddingBackend,
) -> None:
    told = {
        "brask-courier": "The Brask Power Company (BPC) said 84,000 households lost power in the blackout. "
        "Repairs to the substation will cost 2.1 million crowns, the company said.",
        "valley-radio": "The blackout cut power to 88,000 households at its peak, the BPC said. "
        "Repairs to the substation will cost 2.4 million crowns, the company said.",
    }
    sentences = []
    for article_id, text in told.items():
        first = text.index(". ") + 1
        for start, end in ((0, first), (first + 1, len(text))):
            sentences.append(SourceSentence(article_id, article_id, start, end, text[start:end]))
    finder = ConflictFinder(embedding_backend.model)
    groups = finder.find(sentences)
    households = next(g for g in groups if {m.quantity.label() for m in g} == {"84,000", "88,000"})
    repairs = next(g for g in groups if g[0].kind == "money")
    assert finder.relevant(households, "How many households lost power in the blackout?", "", None, told)
    # What was lost told in other words ("electricity" for "power"): what is counted is the same.
    assert finder.relevant(
        households, "How many households lost electricity in the blackout?", "", None, told
    )
    # A part of the group is counted by every word of it: no clause tells of flats.
    assert not finder.relevant(
        households, "How many of the households that lost power were flats?", "", None, told
    )
    assert not finder.relevant(
        households, "How much does the Brask Power Company spend on maintenance each year?", "", None, told
    )
    assert finder.relevant(repairs, "How much will repairs to the substation cost?", "", None, told)
    assert not finder.relevant(repairs, "How many households lost power in the blackout?", "", None, told)


def test_a_number_in_a_code_name_is_no_figure(embedding_backend: EmbeddingBackend) -> None:
    # "CP-7" names a cross-passage: it is not a count of the wells beside "11".
    told = {
        "journal": "More controversially, the report states that four of the 11 dewatering wells installed "
        "around CP-7 to lower the water table were not operating on the night of the incident.",
        "wire": "In a report released on Thursday, the inspectorate said water from a leaking main owned by "
        "Ostrevane Water had entered an unsupported cross-passage excavation while four of the 11 "
        "dewatering wells around the site were not working.",
    }
    sentences = [SourceSentence(k, k, 0, len(t), t) for k, t in told.items()]
    groups = ConflictFinder(embedding_backend.model).find(sentences)
    assert not [g for g in groups if 7 in {m.quantity.low for m in g}], groups


def test_a_measure_two_outlets_give_differently_is_shown_with_its_unit(
    embedding_backend: EmbeddingBackend,
) -> None:
    told = {
        "journal": "Line 4's twin-bore tunnel is 11.9 km long.",
        "daily": "Its 12.6-kilometre tunnel runs beneath some of the oldest streets in Ostrevane.",
    }
    sentences = [SourceSentence(k, k, 0, len(t), t) for k, t in told.items()]
    finder = ConflictFinder(embedding_backend.model)
    lengths = next(g for g in finder.find(sentences) if {m.quantity.low for m in g} == {11.9, 12.6})
    # Asked whether they agree on a measure, not "how many".
    assert finder.relevant(lengths, "Do the two outlets agree on the length of Line 4's tunnel?", "")
    said = describe(cite([lengths], lambda s: Citation(1, s.article_id, s.title, s.text, 0, len(s.text))))
    assert "11.9 km" in said and "12.6-kilometre" in said, said


def test_the_price_of_one_thing_is_not_what_the_whole_costs(embedding_backend: EmbeddingBackend) -> None:
    told = {
        "wire": "OSTREVANE, March 3 (VNA) — The opening of Ostrevane's Metro Line 4 has been postponed for a "
        "second time, to no earlier than April 2027, the city's transit authority said on Monday, as it "
        "raised the estimated cost of the project to 4.2 billion talvek.",
        "weekly": "The revised estimate presented to OMTA's board on March 2 puts the total cost of Line 4 "
        "at 4.6 billion talvek, against a budget of 2.9 billion when Drummaveld's 2.3 billion talvek "
        "contract was signed in 2021.",
    }
    sentences = [SourceSentence(k, k, 0, len(t), t) for k, t in told.items()]
    finder = ConflictFinder(embedding_backend.model)
    costs = next(g for g in finder.find(sentences) if g[0].kind == "money")
    assert finder.relevant(costs, "How much will Line 4 cost?", "")
    # No sentence of the sums tells of a ticket.
    assert not finder.relevant(costs, "How much will a single ticket on Line 4 cost?", "")


def test_a_counted_noun_the_figures_sentences_use_only_before_another_noun_is_not_theirs(
    embedding_backend: EmbeddingBackend,
) -> None:
    # "business" of "business case" names the case's kind: the figures count passengers.
    told = {
        "weekly": "The authority's business case assumes Line 4 will carry 185,000 passengers a day and "
        "bring in about 140 million talvek a year in fares once it is fully running.",
        "daily": "OMTA has forecast that Line 4 will carry 210,000 passengers a day once it opens, making it "
        "the busiest of the city's four lines within five years.",
    }
    sentences = [SourceSentence(k, k, 0, len(t), t) for k, t in told.items()]
    finder = ConflictFinder(embedding_backend.model)
    passengers = next(
        g for g in finder.find(sentences) if {m.quantity.label() for m in g} == {"185,000", "210,000"}
    )
    assert finder.relevant(passengers, "How many passengers a day will Line 4 carry?", "")
    question = "How many businesses have actually received payments from OMTA's business support scheme?"
    assert not finder.relevant(passengers, question, "")
    # What the count is of must be in the figures' sentences: a bus route is not the line.
    assert finder.relevant(passengers, "How many passengers a day will the new line carry?", "")
    assert not finder.relevant(passengers, "How many passengers a day does bus route 17 carry?", "")


def test_three_capitals_are_a_currency_only_beside_a_figure() -> None:
    question = "How much does the Brask Power Company spend on maintenance each year?"
    assert not gives_what_was_asked(
        question, ["The Brask Power Company (BPC) said 84,000 households lost power."]
    )
    assert gives_what_was_asked(question, ["The BPC spends EUR 4 million a year on maintenance."])
    assert gives_what_was_asked(question, ["The BPC spends 4,000,000 EUR a year on maintenance."])


def test_a_pair_of_sentences_does_not_lend_the_act_asked_of(embedding_backend: EmbeddingBackend) -> None:
    # The company and the site are told in one sentence, a quotation two sentences on tells what
    # "the network" was built to do: nothing says who built the substation.
    text = (
        "BRASK, Nov 4 (VPA) — Electricity had been restored to 61,000 of the 84,000 households that lost "
        "power by Wednesday evening, the Varn Grid Company said, a day after a substation fault. "
        "The company said engineers had rerouted supply through the Brannock Road and Elvas Hill "
        "substations while a damaged transformer at the Elm Road site remained out of service. "
        "The figure means about 73 percent of affected homes were reconnected. "
        "Chief executive Tomas Bekk said the remaining customers should have power back within a day. "
        '"The network did what it is built to do, which is to isolate a fault," Bekk told reporters.'
    )
    sources = source_sentences("varn", "Varn", text, 0, len(text))
    question = "Which firm built the Elm Road substation?"
    # No judge: what the structured checks decide is what is tested.
    checker = SupportChecker(embedding_backend.model, lambda claim, passage: False)
    attributor = Attributor(
        sources, {"varn": text}, embedding_backend.model, question=question, checker=checker
    )
    result = attributor.annotate("The Varn Grid Company built the Elm Road substation.")
    assert result.supported_sentences == 0 and result.citations == []


def test_the_act_asked_of_is_lent_by_no_second_sentence() -> None:
    first = SourceSentence(
        "varn", "Varn", 0, 60, "The company said engineers had rerouted supply at the Elm Road site."
    )
    quote = SourceSentence("varn", "Varn", 61, 120, '"The network did what it is built to do," Bekk said.')
    other = SourceSentence(
        "varn", "Varn", 121, 170, "The site was extended in 2019 to serve the eastern villages."
    )
    assert _lends_the_act("Which firm built the Elm Road substation?", first, quote)
    # A second sentence may lend what was done and to what, not the doing.
    assert not _lends_the_act("Which firm built the Elm Road substation?", first, other)
    assert not _lends_the_act("Which firm rerouted supply at the Elm Road site?", first, quote)


@pytest.mark.parametrize(
    ("first", "disagree"),
    [
        (
            "Fire crews attended 58 calls in the first six hours of the blackout, the fire service said.",
            False,
        ),
        ("Fire crews attended 58 calls during the blackout, the fire service said.", True),
    ],
)
def test_a_count_for_the_opening_hours_is_part_of_the_whole_not_a_disagreement(
    embedding_backend: EmbeddingBackend, first: str, disagree: bool
) -> None:
    other = "The fire service said its crews had attended 131 calls during the blackout."
    sentences = [
        SourceSentence("a", "A", 0, len(first), first),
        SourceSentence("b", "B", 0, len(other), other),
    ]
    groups = ConflictFinder(embedding_backend.model).find(sentences)
    found = any({"58", "131"} <= {m.quantity.label() for m in g} for g in groups)
    assert found is disagree


def test_a_money_word_the_question_gives_is_its_topic_not_a_payment() -> None:
    # "pay offer" asked about, and repeated by the answer, is what the answer is about: the
    # sentence that dates the offer need not speak of money.
    source = "The Harbour Council tabled a 4.1 per cent offer on Monday afternoon, 3 May."
    picked = [SourceSentence("a", "t", 0, len(source), source)]
    claim = "The council tabled its improved pay offer on Monday, 3 May."
    asked = "On what date did the council table its improved pay offer?"
    assert _meaning_agrees(claim, picked, given=asked)
    assert not _meaning_agrees(claim, picked)
    # A payment is the claim's own even when the question asks it ("what is the judge being paid"),
    # and needs money told; so is one the question does not ask about.
    named = "The ministry named Ada Voss, a retired judge, to lead the inquiry."
    voss = [SourceSentence("a", "t", 0, len(named), named)]
    asked_pay = "What is the judge leading the inquiry being paid for the job?"
    assert not _meaning_agrees("The judge is being paid for the job by Ada Voss.", voss, given=asked_pay)
    met = "The Harbour Council met the dockers' union on Monday afternoon, 3 May."
    paid = [SourceSentence("a", "t", 0, len(met), met)]
    assert not _meaning_agrees(
        "The council paid the union on Monday, 3 May.", paid, given="When did the council meet the union?"
    )


def _over_one_article(text: str, question: str, embeddings: EmbeddingBackend) -> Attributor:
    """An attributor with the structured checks only, over one article of ``text``."""
    article = Article(path=Path("wire.md"), meta=ArticleMeta(id="wire", title="Wire report"), text=text)
    strict = SupportChecker(embeddings.model)
    return Attributor.over(article_sentences(article), {"wire": article}, embeddings.model, question, strict)


def test_a_name_asked_of_someone_quoted_about_casualties_is_placed(
    embedding_backend: EmbeddingBackend,
) -> None:
    """ "Who is the spokeswoman … quoted about the injured?" — "Dr Mirela Santh": the injured place
    whom it asks about; the cited sentence need not tell of casualties itself. "Who was injured?"
    still does."""
    text = (
        "Nine people were taken to St Aurel Hospital with injuries. Two of them were in a serious "
        "condition on Sunday, hospital spokeswoman Dr Mirela Santh said."
    )
    question = "Who is the spokeswoman for St Aurel Hospital quoted about the injured?"
    assert (
        _over_one_article(text, question, embedding_backend).annotate("Dr Mirela Santh").supported_sentences
    )
    killed = _over_one_article(text, "Who was killed?", embedding_backend)
    assert killed.annotate("Dr Mirela Santh").unsupported


def test_a_two_part_question_asks_the_post_before_its_comma(embedding_backend: EmbeddingBackend) -> None:
    """ "Who is the interior minister, and which day was declared a day of mourning?" asks for the
    interior minister, not for a post called "interior minister, and"."""
    text = (
        "Interior Minister Renske Haldor visited Orlevo on Monday and promised a full account of the "
        "avalanche. Prime Minister Oskar Demmling declared Tuesday, 17 February, a national day of mourning."
    )
    question = "Who is the interior minister, and which day was declared a national day of mourning?"
    said = _over_one_article(text, question, embedding_backend).annotate(
        "The interior minister is Renske Haldor."
    )
    assert said.supported_sentences == 1 and "Interior Minister Renske Haldor" in said.citations[0].quote
