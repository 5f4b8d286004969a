"""/v1/ask over the real HTTP stack, real retrieval and attribution; only the chat model is scripted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.components.llm.fake import ScriptedChatModel
from service.config import Settings
from service.container import Services
from service.grounding.gate import evidence_found, term_coverage
from tests.conftest import assert_citations_exact


def ask(http: httpx.Client, **body: Any) -> dict[str, Any]:
    response = http.post("/v1/ask", json=body)
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    assert_citations_exact(http, payload)
    return payload


def test_answer_is_cited_to_the_articles_that_state_it(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue("North Korea pledged 1,000 sappers [4].")
    body = ask(http, question="How many sappers did North Korea pledge?")
    assert not body["refused"] and not body["unsupported"]
    assert "1,000" in body["answer"] and "[4]" not in body["answer"]
    assert {c["article_id"] for c in body["citations"]} == {
        "shoigu-kim-sappers-builders",
        "kursk-reconstruction-dispatch",
    }
    # The prompt carried the passage that answers, and only a budgeted number of tokens.
    prompt = "\n".join(str(m.content) for m in fake_llm.prompts[-1])
    assert "1,000 military sappers" in prompt or "1,000 North Korean sappers" in prompt
    assert body["usage"]["prompt_tokens"] > 0 and body["timings"]["total_ms"] > 0


def test_off_topic_question_is_refused_without_calling_the_model(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    body = ask(http, question="What is the capital of France?")
    assert body["refused"] and body["citations"] == []
    assert "don't cover" in body["answer"]
    assert body["nearest_articles"]
    assert fake_llm.prompts == []


def test_a_short_question_about_a_rarely_named_person_reaches_the_model(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    # Its dense similarity is below the gate; the name it shares with one chunk lets it through.
    fake_llm.queue("Viktor Goremykin is Deputy Defence Minister.")
    body = ask(http, question="What is Viktor Goremykin's position?")
    assert fake_llm.prompts, "the evidence gate let the question through"
    assert not body["refused"]
    assert body["citations"][0]["article_id"] == "goremykin-talks-pyongyang"
    assert "Deputy Defence Minister Viktor Goremykin" in body["citations"][0]["quote"]


def test_a_quoted_passage_opens_the_gate(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    # Quotations sit far from any question in embedding space; the quote itself is the evidence.
    fake_llm.queue("Kim Jong Un said it.")
    ask(http, question="Who said 'weeks have passed and we are meeting again'?")
    assert fake_llm.prompts, "a question quoting an article reaches the model"


INQUIRY = """---
id: ferry-toll-rises
title: "Ferry toll rises as divers reach the wreck"
published: 2026-10-16
date_precision: day
date_note: test article
---

Hospital officials put the death toll from the ferry disaster at 31 on Wednesday, after navy divers
reached the wreck, which lies on its side in 30 metres of water. Ten people are still missing.

The inquiry into the capsizing is led by Judge Amara Quell, a former president of the maritime court,
the transport ministry said. The accident board will report its first findings within 60 days.

Relatives gathered on the quay on Wednesday evening to lay flowers.
"""


def test_a_question_worded_unlike_its_chunk_but_like_one_sentence_passes_the_gate(
    tmp_path: Path, settings_factory: Callable[..., Settings], services_factory: Callable[..., Services]
) -> None:
    # "heads" is in no article, and against the whole chunk the question scores ~0.24: no other
    # way through the gate holds. Against the sentence saying who leads the inquiry it scores ~0.66.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ferry-toll-rises.md").write_text(INQUIRY, "utf-8")
    services = services_factory(settings_factory(corpus))
    assert services.ingest().updated == ["ferry-toll-rises"]
    question = "Who heads the inquiry into the capsizing?"
    hits = services.retriever.search(question, services.settings.search_k)
    settings, retriever = services.settings, services.retriever
    assert not evidence_found(question, hits, retriever, settings)
    assert evidence_found(question, hits, retriever, settings, services.sentence_embeddings)
    off_topic = "What is the capital of France?"
    far = retriever.search(off_topic, settings.search_k)
    assert not evidence_found(off_topic, far, retriever, settings, services.sentence_embeddings)


def test_term_coverage_weighs_rare_words(indexed: Services) -> None:
    retriever = indexed.retriever
    covered = "Which article of the U.N. Charter is the mutual defence clause subject to?"
    uncovered = "What is the population of Pyongyang?"
    score = {q: term_coverage(q, retriever.search(q, 5), retriever) for q in (covered, uncovered)}
    assert score[covered] > 0.5 > score[uncovered]


@pytest.mark.parametrize(
    "question", ["What is the weather in Pyongyang today?", "What is the GDP of France?"]
)
def test_a_common_or_unknown_name_does_not_open_the_gate(
    http: httpx.Client, fake_llm: ScriptedChatModel, question: str
) -> None:
    # "Pyongyang" is in most chunks and "France" in none: neither is evidence of an answer.
    body = ask(http, question=question)
    assert body["refused"] and fake_llm.prompts == []


@pytest.mark.parametrize(
    "reply",
    ["Russia paid North Korea 500 million dollars for the troops.", "I don't know."],
)
def test_near_miss_ends_in_refusal(http: httpx.Client, fake_llm: ScriptedChatModel, reply: str) -> None:
    fake_llm.queue(reply)
    body = ask(http, question="How much did Russia pay North Korea for the troops?")
    assert fake_llm.prompts, "a near-miss passes the evidence gate and reaches the model"
    assert body["refused"] and body["citations"] == []
    if "500" in reply:
        assert body["unsupported"] == [reply]


def test_differing_troop_figures_are_all_shown(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue("North Korea sent as many as 12,000 troops to Russia.")
    body = ask(http, question="How many North Korean troops were deployed to Russia?")
    assert not body["refused"]
    (conflict,) = body["conflicts"]
    values = {f["value"]: f["citation"]["article_id"] for f in conflict["figures"]}
    assert values["10,000"] == "goremykin-talks-pyongyang"
    assert values["12,000"] == "shoigu-visit-secrecy"
    assert "different figures" in body["answer"]


def test_follow_up_is_condensed_with_history(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue(
        "How many military construction workers did North Korea pledge to send to Kursk?",
        "North Korea pledged 5,000 military construction workers.",
    )
    history = [
        {"role": "user", "content": "How many sappers did North Korea pledge?"},
        {"role": "assistant", "content": "North Korea pledged 1,000 sappers. [1]"},
    ]
    body = ask(http, question="And how many construction workers?", history=history)
    assert body["standalone_question"].startswith("How many military construction workers")
    assert "1,000 sappers" in str(fake_llm.prompts[0][-1].content)  # the condense prompt saw the history
    assert not body["refused"] and any("5,000" in c["quote"] for c in body["citations"])


def test_article_filter_limits_citations(http: httpx.Client, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue("North Korea committed to sending 1,000 military sappers.")
    body = ask(
        http,
        question="How many sappers will North Korea send?",
        article_ids=["kursk-reconstruction-dispatch"],
    )
    assert {c["article_id"] for c in body["citations"]} == {"kursk-reconstruction-dispatch"}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"question": "x" * 2001}, "question"),
        ({"question": "   "}, "blank"),
        ({"question": ""}, "question"),
        ({"question": "Who?", "history": [{"role": "user", "content": "hi"}] * 21}, "history"),
        ({"question": "Who?", "k": 0}, "k"),
        ({"question": "Who?", "k": 51}, "k"),
        ({"question": "Who?", "history": [{"role": "robot", "content": "hi"}]}, "role"),
        ({"question": "Who?", "temperature": 2}, "temperature"),
        ({}, "question"),
    ],
)
def test_bad_requests_get_a_clear_422(http: httpx.Client, body: dict[str, Any], fragment: str) -> None:
    response = http.post("/v1/ask", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def test_unknown_article_is_404(http: httpx.Client) -> None:
    response = http.post("/v1/ask", json={"question": "Who?", "article_ids": ["no-such-article"]})
    assert response.status_code == 404
    assert "no-such-article" in response.json()["detail"]


def test_a_condense_step_that_answers_instead_falls_back(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue("June 2024", "Putin and Kim signed the treaty in June 2024.")
    history = [
        {"role": "user", "content": "What treaty did Putin and Kim sign?"},
        {"role": "assistant", "content": "The Comprehensive Strategic Partnership. [1]"},
    ]
    body = ask(http, question="When did they sign it?", history=history)
    assert body["standalone_question"] == "What treaty did Putin and Kim sign? When did they sign it?"
    assert not body["refused"] and "June 2024" in body["answer"]


def test_a_condense_step_that_drops_the_follow_up_falls_back(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    # The rewrite repeats the last question: nothing of "construction workers" is left in it.
    fake_llm.queue(
        "How many sappers did North Korea pledge?",
        "North Korea pledged 5,000 military construction workers.",
    )
    history = [
        {"role": "user", "content": "How many sappers did North Korea pledge?"},
        {"role": "assistant", "content": "North Korea pledged 1,000 sappers. [1]"},
    ]
    body = ask(http, question="And how many construction workers, by the same count?", history=history)
    assert body["standalone_question"] == (
        "How many sappers did North Korea pledge? And how many construction workers, by the same count?"
    )
    assert not body["refused"] and "5,000" in body["answer"]


def test_an_answer_that_does_not_give_what_was_asked_is_a_refusal(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    # True and cited, but no name: the articles do not name the missiles.
    fake_llm.queue("North Korea described these new missiles as significant advancements for their defense.")
    body = ask(
        http, question="What are the names of the new missiles Kim described as significant advancements?"
    )
    assert body["refused"] and body["citations"] == []


def test_differing_figures_for_the_thing_asked_replace_a_figure_for_something_else(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue("North Korea pledged 1,000 military sappers to clear mines in Kursk.")
    body = ask(http, question="How many North Korean troops were deployed to Russia?")
    assert not body["refused"]
    assert body["answer"].startswith("The sources give different figures"), body["answer"]
    assert "sappers" not in body["answer"]
    # Numbered afresh: the dropped sentence leaves no citation behind.
    assert [c["n"] for c in body["citations"]] == list(range(1, len(body["citations"]) + 1))
    assert {f["value"] for f in body["conflicts"][0]["figures"]} >= {"10,000", "12,000"}
