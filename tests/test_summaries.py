"""/v1/summaries and summary chat requests over the real HTTP stack; only the chat model is scripted."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from service.api.app import create_app
from service.articles import load_corpus
from service.components.llm.fake import ScriptedChatModel
from service.container import Services
from service.grounding.attribution import article_sentences
from service.grounding.numbers import values
from service.summarize.pipeline import FILL_TO, MAX_LEADS
from service.summarize.service import summary_request_from_chat
from tests.conftest import (
    CORPUS_DIR,
    CORPUS_IDS,
    SUPPORT_QUESTION,
    assert_citations_exact,
    copy_corpus,
    make_settings,
    serve,
)

ISO_LINE = re.compile(r"^- (\d{4}(?:-\d{2}(?:-\d{2})?)?) — .+ \[\d+\]$")


def summarize(http: httpx.Client, **body: Any) -> dict[str, Any]:
    response = http.post("/v1/summaries", json=body)
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    assert_citations_exact(http, payload, text_key="summary")
    return payload


@pytest.fixture(autouse=True)
def fresh_cache(indexed: Services) -> None:
    shutil.rmtree(indexed.settings.data_dir / "summaries", ignore_errors=True)


def test_timeline_is_sorted_dated_and_cited(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    body = summarize(http, style="timeline")
    events = [line for line in body["summary"].splitlines() if ISO_LINE.match(line)]
    dates = [ISO_LINE.match(line).group(1) for line in events]  # type: ignore[union-attr]
    assert len(events) >= 10
    assert dates == sorted(dates)
    assert "2024-06-18" in dates and "2024-08-06" in dates
    assert fake_llm.prompts == []  # extractive: no model call
    # The troop-number disagreement is surfaced in a cross-article summary.
    assert body["conflicts"] and "different figures" in body["summary"]


def test_bullet_summary_of_all_articles_is_cited_line_by_line(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    notes = ["- Shoigu met Kim Jong Un in Pyongyang."] * len(CORPUS_IDS)
    final = (
        "- North Korea pledged 1,000 sappers and 5,000 military construction workers for Kursk.\n"
        "- Putin and Kim signed a Comprehensive Strategic Partnership treaty on June 18, 2024.\n"
        "- North Korea will open a casino in Moscow."
    )
    fake_llm.queue(*notes, final)
    body = summarize(http, style="bullets")
    summary_calls = [p for p in fake_llm.prompts if SUPPORT_QUESTION not in str(p[-1].content)]
    assert len(summary_calls) == len(CORPUS_IDS) + 1  # map per article, then reduce
    lines = body["summary"].splitlines()
    assert all(line.startswith("- ") for line in lines)
    assert re.search(r"1,000 sappers.*\[\d+\]", lines[0])
    # A line the articles do not support is dropped from a summary (and listed), never shown flagged.
    assert body["unsupported"] == ["North Korea will open a casino in Moscow."]
    assert "[unsupported]" not in body["summary"]
    # The dropped line is made up with a central passage, quoted as written; then the key facts the
    # summary lacks (leads, headline figures, the person most named), each an article sentence
    # quoted whole; then the disagreement.
    assert len(lines) > FILL_TO + 1 and re.search(r"\[\d+\]$", lines[2])
    corpus = load_corpus(CORPUS_DIR).articles
    sentences = {x.text for a in corpus for x in article_sentences(a)}
    added = [re.sub(r"\s*\[\d+\]$", "", line[2:]) for line in lines[FILL_TO:-1]]
    assert all(text in sentences for text in added)
    assert {article_sentences(a)[0].text for a in corpus[:MAX_LEADS]} & set(added), "a lead is carried"
    headline_figures = set().union(*(values(a.title) for a in corpus))
    assert headline_figures and headline_figures <= values(body["summary"]), "headline figures are carried"
    # Citations are numbered as shown: 1, 2, 3 … with none left over from dropped lines.
    shown = [int(n) for n in dict.fromkeys(re.findall(r"\[(\d+)\]", body["summary"]))]
    assert shown == list(range(1, len(shown) + 1)) == [c["n"] for c in body["citations"]]
    assert "different figures" in lines[-1]  # the cross-article disagreement, each figure cited
    assert body["conflicts"], "the corpus summary shows the troop-number disagreement"
    assert not body["cached"]

    calls = len(fake_llm.prompts)
    again = summarize(http, style="bullets")
    assert again["cached"] and again["summary"] == body["summary"]
    assert len(fake_llm.prompts) == calls  # served from the cache: no model call at all


def test_brief_single_article(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue(
        "- Goremykin led the Russian side.\n- No Kwang Chol represented the DPRK.",
        "Deputy Defence Minister Viktor Goremykin led the Russian side in talks with Defence Minister "
        "No Kwang Chol in Pyongyang.",
    )
    body = summarize(http, style="brief", article_ids=["goremykin-talks-pyongyang"])
    assert "\n" not in body["summary"] and not body["summary"].startswith("- ")
    assert {c["article_id"] for c in body["citations"]} == {"goremykin-talks-pyongyang"}
    assert not body["conflicts"]


@pytest.mark.parametrize("style", ["bullets", "brief"])
def test_a_line_another_line_says_in_full_is_dropped(
    http: httpx.Client, fake_llm: ScriptedChatModel, style: str
) -> None:
    # The model gives one fact twice, once cut short: the reader sees it once, in full.
    short = "Pyongyang has committed to sending 1,000 military sappers."
    full = (
        "According to Shoigu, Pyongyang has committed to sending 1,000 military sappers to clear land "
        "mines in the southwestern Russian region of Kursk."
    )
    notes = f"- {short}\n- {full}"
    fake_llm.queue(notes, notes if style == "bullets" else f"{short} {full}")
    body = summarize(http, style=style, article_ids=["kursk-reconstruction-dispatch"])
    text = re.sub(r"\s*\[\d+\]", "", body["summary"])
    assert full in text
    assert text.count("1,000 military sappers") == 1, body["summary"]


def test_two_wordings_of_one_cited_sentence_are_one_line(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    full = (
        "According to Shoigu, Pyongyang has committed to sending 1,000 military sappers to clear land "
        "mines in the southwestern Russian region of Kursk."
    )
    other = "Shoigu said Pyongyang has committed to sending 1,000 military sappers to clear mines in Kursk."
    notes = f"- {other}\n- {full}"
    fake_llm.queue(notes, notes)
    body = summarize(http, style="bullets", article_ids=["kursk-reconstruction-dispatch"])
    assert body["summary"].count("1,000 military sappers") == 1, body["summary"]
    assert full in body["summary"]


def test_a_summary_keeps_the_person_its_lead_names(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    # The model leaves out who led the talks, named once, in the article's second sentence.
    fake_llm.queue(
        "- Russia and the DPRK held talks in Pyongyang.",
        "Russia and the DPRK held military talks in Pyongyang.",
    )
    body = summarize(http, style="brief", article_ids=["goremykin-talks-pyongyang"])
    assert "Goremykin" in body["summary"]


def test_a_topic_summary_keeps_the_figures_of_its_closest_passage(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    # The model writes around the topic and leaves out how many were sent: the passage closest to
    # the topic states it, and is quoted and cited.
    lines = (
        "- North Korea has announced it will dispatch thousands of military personnel to Russia’s "
        "war-affected Kursk region to assist in post-conflict reconstruction and mine-clearing operations.\n"
        "- Shoigu referred to Ukrainian forces as the “occupiers” and emphasized the necessity of foreign "
        "support to rehabilitate the damaged region.\n"
        "- The personnel reportedly include engineering and pioneer units.\n"
        "- An estimated 12,000 to 13,000 North Koreans have been central to Russian operations in Kursk."
    )
    fake_llm.queue(*[lines] * 8)
    body = summarize(http, topic="the military sappers sent to clear land mines in Kursk")
    assert not body["refused"]
    assert "1,000" in body["summary"], body["summary"]
    assert any("1,000" in c["quote"] for c in body["citations"])


def test_a_topic_followed_across_named_articles_takes_something_from_each(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    # The model writes only from the first article; the second, asked for by name, gives its passage
    # closest to the topic, with the figure it holds.
    lines = (
        "- According to Shoigu, Pyongyang has committed to sending 1,000 military sappers to clear land "
        "mines in the southwestern Russian region of Kursk.\n"
        "- Additionally, 5,000 North Korean military construction workers will be deployed to help rebuild "
        "critical infrastructure destroyed during the conflict.\n"
        "- North Korea has announced it will dispatch thousands of military personnel to Russia’s "
        "war-affected Kursk region to assist in post-conflict reconstruction and mine-clearing operations.\n"
        "- Shoigu referred to Ukrainian forces as the “occupiers” and emphasized the necessity of foreign "
        "support to rehabilitate the damaged region."
    )
    fake_llm.queue(*[lines] * 8)
    body = summarize(
        http,
        topic="Shoigu's visit to North Korea",
        article_ids=["kursk-reconstruction-dispatch", "shoigu-visit-secrecy"],
    )
    assert not body["refused"]
    cited = {c["article_id"] for c in body["citations"]}
    assert cited == {"kursk-reconstruction-dispatch", "shoigu-visit-secrecy"}, body["summary"]


def test_uncovered_topic_is_refused(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    body = summarize(http, topic="the recipe for kimchi")
    assert body["refused"] and not body["citations"]
    assert fake_llm.prompts == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"style": "poem"}, 422),
        ({"max_words": 5}, 422),
        ({"article_ids": ["nope"]}, 404),
        ({"topic": "   "}, 422),
        ({"extra": 1}, 422),
    ],
)
def test_bad_summary_requests(http: httpx.Client, body: dict[str, Any], status: int) -> None:
    response = http.post("/v1/summaries", json=body)
    assert response.status_code == status
    assert response.json()["detail"]


def test_chat_summary_request(live_server: str, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue(
        "- Shoigu visited Pyongyang and met Kim Jong Un.\n- Kim committed to dispatching 1,000 sappers."
    )
    client = openai.OpenAI(base_url=f"{live_server}/v1", api_key="unused", max_retries=0)
    reply = client.chat.completions.create(
        model="newsdesk",
        messages=[{"role": "user", "content": "Summarize the articles about Shoigu's visits"}],
    )
    content = reply.choices[0].message.content or ""
    assert content.startswith("- ") and "[1]" in content
    assert (reply.model_extra or {})["citations"]
    topic_prompt = str(fake_llm.prompts[0][-1].content)
    assert "Shoigu's visits" in topic_prompt
    # Lines the support check would drop are made up from the passages themselves, quoted and cited.
    lines = content.splitlines()
    assert len(lines) >= 4 and all(re.search(r"\[\d+\]$", line) for line in lines)


def test_summary_phrases_are_recognised() -> None:
    assert (
        summary_request_from_chat("Summarize the articles about Shoigu's visits").topic == "Shoigu's visits"
    )  # type: ignore[union-attr]
    assert summary_request_from_chat("Please summarise all articles").topic is None  # type: ignore[union-attr]
    assert summary_request_from_chat("How many sappers were pledged?") is None


def test_changed_article_misses_the_cache(
    tmp_path: Path, services_factory: Callable[..., Services], fake_llm: ScriptedChatModel
) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    services = services_factory(make_settings(corpus, tmp_path / "data"))
    services.ingest()
    with serve(create_app(services=services)) as url, httpx.Client(base_url=url, timeout=30) as http:
        first = http.post("/v1/summaries", json={"style": "timeline"}).json()
        assert http.post("/v1/summaries", json={"style": "timeline"}).json()["cached"]
        path = corpus / "goremykin-talks-pyongyang.md"
        path.write_text(path.read_text().replace("On 6 November", "On 7 November"))
        services.ingest()
        changed = http.post("/v1/summaries", json={"style": "timeline"}).json()
    assert not changed["cached"]
    assert changed["summary"] != first["summary"]


@pytest.mark.parametrize(
    ("message", "topic", "style"),
    [
        ("Summarize the articles about the inquiry", "the inquiry", "bullets"),
        ("Give me an overview of the evacuation.", "evacuation", "bullets"),
        ("Can you sum up the work of the engineers?", "work of the engineers", "bullets"),
        ("What's the gist of the inquiry?", "inquiry", "bullets"),
        ("Please give me a timeline of the flood", "flood", "timeline"),
    ],
)
def test_summary_requests_in_many_phrasings(message: str, topic: str, style: str) -> None:
    request = summary_request_from_chat(message)
    assert request is not None and request.topic == topic and request.style == style


@pytest.mark.parametrize(
    "message",
    [
        "What do the articles say about the number of evacuees?",  # asks for a figure
        "Give me an overview of how many people died",
        "How many people died?",
        "Who leads the inquiry?",
    ],
)
def test_fact_questions_are_not_summary_requests(message: str) -> None:
    assert summary_request_from_chat(message) is None


def test_the_summary_cache_key_follows_how_lines_are_checked() -> None:
    from service.summarize.cache import CODE_VERSION, cache_key
    from service.summarize.result import SummaryRequest

    request = SummaryRequest(None, None, "bullets", None)
    keys = {cache_key(request, ["h"], ["p"], "m", grounding=g) for g in ("model", "off")}
    assert len(keys) == 2  # a summary kept with the judge is not served with it off
    assert len(CODE_VERSION) == 16  # and the checking code is part of every key


def test_the_summary_cache_key_follows_code_outside_the_summary_modules(tmp_path: Path) -> None:
    # Sentence splitting lives in service/text.py: a change there changes what a summary shows.
    from service.summarize.cache import code_version

    package = tmp_path / "service"
    shutil.copytree(Path(__file__).resolve().parents[1] / "service", package)
    before = code_version(package)
    with (package / "text.py").open("a", encoding="utf-8") as text:
        text.write("\n# a changed rule\n")
    assert code_version(package) != before


def test_a_timeline_entry_from_a_relative_clause_keeps_what_it_is_about() -> None:
    from service.summarize.timeline import event_phrase

    sentence = (
        "Norvale Hydro, which has operated the dam since it entered service in 1974, said the main "
        "embankment had not been breached and that its engineers were watching it."
    )
    expected = "Norvale Hydro, which has operated the dam since it entered service in 1974"
    assert event_phrase(sentence) == expected
    # The main clause's date, after the relative clause: the main clause, with what it is about.
    coordinating = "The directorate, which is coordinating the rescue, said on Wednesday that 34 people died."
    assert event_phrase(coordinating) == "The directorate said on Wednesday that 34 people died"
    # A date in the main clause keeps the clause as before.
    rebuilt = "The dam was rebuilt in 2009, which cost 40 million crowns."
    assert event_phrase(rebuilt) == "The dam was rebuilt in 2009"


def test_a_month_to_come_is_dated_after_publication_not_a_year_before() -> None:
    import datetime as dt

    from service.summarize.dates import find_date

    published = dt.date(2026, 3, 24)
    planned = find_date("The rebuilding will begin in June and take about a year.", published, "day")
    assert planned is not None and planned.date == dt.date(2026, 6, 1)
    past = find_date("The dam was last inspected in October.", published, "day")
    assert past is not None and past.date == dt.date(2025, 10, 1)


def test_a_date_without_a_year_is_placed_by_its_weekday_and_near_publication() -> None:
    """A report of Monday 16 February 2026: "Tuesday, 17 February" is the next day, "until at least
    7 March" the coming March, and "on Sunday" the day before publication, not publication day."""
    import datetime as dt

    from service.summarize.dates import find_date

    published = dt.date(2026, 2, 16)
    mourning = find_date("The premier declared Tuesday, 17 February, a day of mourning.", published, "day")
    assert mourning is not None and mourning.date == dt.date(2026, 2, 17)
    closed = find_date("The resort would stay closed until at least 7 March.", published, "day")
    assert closed is not None and closed.date == dt.date(2026, 3, 7)
    resumed = find_date("The search resumed on Sunday.", published, "day")
    assert resumed is not None and resumed.date == dt.date(2026, 2, 15)
    closing = find_date(
        "The owner said all of its slopes would stay closed on Sunday.", dt.date(2026, 2, 14), "day"
    )
    assert closing is not None and closing.date == dt.date(2026, 2, 15)
    visit = find_date("The minister will visit the valley on Thursday.", published, "day")
    assert visit is not None and visit.date == dt.date(2026, 2, 19)
    # A month a few weeks ahead, told in the past tense, is still last year's.
    inspected = find_date("The lift was last inspected in March.", published, "day")
    assert inspected is not None and inspected.date == dt.date(2025, 3, 1)


def test_a_headline_repeated_as_a_line_is_dropped(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    """The model opens its notes with the article's headline: a reader's summary keeps facts, not the
    headline cited to a sentence that resembles it."""
    title = (
        "North Korea pledges 1,000 sappers and 5,000 military construction workers to rebuild Kursk after "
        "Kim–Shoigu talks"
    )
    fake_llm.queue(f"- {title}", f"- {title}")
    body = summarize(http, style="bullets", article_ids=["shoigu-kim-sappers-builders"])
    assert title not in body["summary"], body["summary"]
    assert body["summary"].startswith("- ") and body["citations"]
