"""Verified streaming over the real HTTP stack: /v1/ask Server-Sent Events and chat completion chunks.

The shared fake model streams word by word, optionally sleeping between words, so a test can tell
"the first sentence reached the client" from "the model finished" without timing anything.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from service.ask.gatekeeper import Gatekeeper
from service.components.llm.fake import ScriptedChatModel
from service.container import Services
from tests.conftest import SUPPORT_QUESTION

SAPPERS = "How many sappers did North Korea pledge?"
TWO_SENTENCES = (
    "North Korea pledged 1,000 sappers to Russia. "
    "Shoigu said 5,000 military construction workers would also go to Kursk."
)
LONG_TAIL = " ".join(["Further detail follows here."] * 12)
JUDGED_QUESTION = "What did Shoigu discuss with Kim Jong Un?"
JUDGED = "Shoigu and Kim Jong Un talked about cooperation between their two countries."


def events(response: httpx.Response) -> Iterator[tuple[str, dict[str, Any]]]:
    """Parse a Server-Sent Events body as it arrives: ``(event name, data)``."""
    name = "message"
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            yield name, json.loads(line[len("data: ") :])
            name = "message"


def article_text(http: httpx.Client, article_id: str, cache: dict[str, str]) -> str:
    if article_id not in cache:
        cache[article_id] = http.get(f"/v1/articles/{article_id}").json()["text"]
    return cache[article_id]


@pytest.fixture
def serial(indexed: Services) -> Iterator[Gatekeeper]:
    """The app's model queue as the local backend has it: one answer at a time."""
    before = indexed.__dict__.get("gatekeeper")
    gatekeeper = Gatekeeper(1, indexed.settings.queue_size, 30.0)
    indexed.__dict__["gatekeeper"] = gatekeeper
    yield gatekeeper
    if before is None:
        indexed.__dict__.pop("gatekeeper", None)
    else:
        indexed.__dict__["gatekeeper"] = before


@pytest.fixture
def slow_llm(fake_llm: ScriptedChatModel) -> Iterator[ScriptedChatModel]:
    fake_llm.delay_s = 0.05
    yield fake_llm
    fake_llm.delay_s = 0.0
    fake_llm.fail_after = None


def test_ask_stream_events_match_the_collected_answer(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue(TWO_SENTENCES, TWO_SENTENCES)
    texts: dict[str, str] = {}
    with http.stream("POST", "/v1/ask", json={"question": SAPPERS, "stream": True}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        received = list(events(response))
    names = [name for name, _ in received]
    assert names[-1] == "done" and names.count("done") == 1
    assert names.count("sentence") == 2, names
    streamed = ""
    for name, data in received:
        if name in ("sentence", "conflicts"):
            streamed += data["text"]
            for c in data["citations"]:
                # Every streamed citation is an exact span, and its marker is in that sentence.
                assert article_text(http, c["article_id"], texts)[c["start"] : c["end"]] == c["quote"]
                assert f"[{c['n']}]" in data["text"]
    done = received[-1][1]
    assert streamed == done["answer"] and not done["refused"]
    assert "1,000" in received[0][1]["text"] and received[0][1]["citations"]
    # The same question not streamed gives the same answer: one path, collected.
    collected = http.post("/v1/ask", json={"question": SAPPERS}).json()
    assert collected["answer"] == done["answer"]
    assert collected["citations"] == done["citations"]


def test_first_sentence_reaches_the_client_before_the_model_finishes(
    http: httpx.Client, slow_llm: ScriptedChatModel
) -> None:
    reply = "North Korea pledged 1,000 sappers to Russia. " + LONG_TAIL
    slow_llm.queue(reply)
    total_words = len(reply.split(" "))
    with http.stream("POST", "/v1/ask", json={"question": SAPPERS, "stream": True}) as response:
        received = events(response)
        name, data = next(received)
        # ~2 s of words are still to come when the first sentence arrives.
        words_so_far = slow_llm.streamed
        assert name == "sentence" and "1,000" in data["text"] and data["citations"]
        assert words_so_far < total_words - 10, (words_so_far, total_words)
        rest = [n for n, _ in received]
    assert rest[-1] == "done"
    assert slow_llm.streamed == total_words


def test_a_client_that_leaves_stops_the_model(
    live_server: str, http: httpx.Client, slow_llm: ScriptedChatModel, serial: Gatekeeper
) -> None:
    reply = "North Korea pledged 1,000 sappers to Russia. " + " ".join(["More words follow."] * 40)
    slow_llm.queue(reply)
    total_words = len(reply.split(" "))
    with (
        httpx.Client(base_url=live_server, timeout=30.0) as client,
        client.stream("POST", "/v1/ask", json={"question": SAPPERS, "stream": True}) as response,
    ):
        name, _ = next(events(response))
        assert name == "sentence"
    # Leaving the block closed the connection mid-answer.
    deadline = time.monotonic() + 10
    while serial.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not serial.running, "the model is still held after the client left"
    assert slow_llm.streamed < total_words, "generation ran to the end for nobody"
    # The model is free for the next question.
    slow_llm.delay_s = 0.0
    slow_llm.queue("North Korea pledged 1,000 sappers.")
    body = http.post("/v1/ask", json={"question": SAPPERS}).json()
    assert not body["refused"] and "1,000" in body["answer"]


def test_a_refusal_does_not_wait_for_the_model(
    live_server: str, http: httpx.Client, slow_llm: ScriptedChatModel, serial: Gatekeeper
) -> None:
    slow_llm.queue("North Korea pledged 1,000 sappers to Russia. " + LONG_TAIL)
    first: dict[str, Any] = {}

    def long_answer() -> None:
        with httpx.Client(base_url=live_server, timeout=30.0) as client:
            first.update(client.post("/v1/ask", json={"question": SAPPERS}).json())

    worker = threading.Thread(target=long_answer)
    worker.start()
    deadline = time.monotonic() + 10
    while not serial.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert serial.running, "the first answer never took the model"
    history = [{"role": "user", "content": SAPPERS}, {"role": "assistant", "content": "1,000 [1]"}]
    for body in (
        {"question": "What is the recipe for apple pie?"},
        {"question": "And what is the best recipe for apple pie?", "history": history},
    ):
        refused = http.post("/v1/ask", json=body).json()
        assert refused["refused"] and refused["refusal_reason"] == "evidence gate"
        # Answered while the other answer still holds the model.
        assert serial.running and not first
    worker.join(timeout=30)
    assert first and not first["refused"]


def test_a_failure_mid_stream_is_reported_in_band(http: httpx.Client, slow_llm: ScriptedChatModel) -> None:
    slow_llm.delay_s = 0.0
    slow_llm.fail_after = 12
    slow_llm.queue("North Korea pledged 1,000 sappers to Russia. " + LONG_TAIL)
    with http.stream("POST", "/v1/ask", json={"question": SAPPERS, "stream": True}) as response:
        assert response.status_code == 200
        received = list(events(response))
    names = [name for name, _ in received]
    assert names[0] == "sentence" and names[-1] == "error" and "done" not in names
    assert "language model" in received[-1][1]["message"] and received[-1][1]["status"] == 503


def test_ask_stream_refusal_event(http: httpx.Client) -> None:
    with http.stream(
        "POST", "/v1/ask", json={"question": "What is the recipe for apple pie?", "stream": True}
    ) as response:
        received = list(events(response))
    assert [name for name, _ in received] == ["refusal", "done"]
    assert received[0][1]["reason"] == "evidence gate" and received[1][1]["refused"]


def test_chat_stream_carries_each_sentences_citations(
    live_server: str, http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue(TWO_SENTENCES)
    client = openai.OpenAI(base_url=f"{live_server}/v1", api_key="unused", max_retries=0)
    chunks = list(
        client.chat.completions.create(
            model="newsdesk", stream=True, messages=[{"role": "user", "content": SAPPERS}]
        )
    )
    texts: dict[str, str] = {}
    carrying = [c for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(carrying) == 2  # one chunk per verified sentence
    for chunk in carrying:
        cited = (chunk.model_extra or {})["citations"]
        assert cited
        for c in cited:
            assert f"[{c['n']}]" in (chunk.choices[0].delta.content or "")
            assert article_text(http, c["article_id"], texts)[c["start"] : c["end"]] == c["quote"]
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    every = {c["n"] for chunk in carrying for c in (chunk.model_extra or {})["citations"]}
    assert {c["n"] for c in (final.model_extra or {})["citations"]} == every


def test_the_judge_is_asked_only_after_the_model_finishes(
    http: httpx.Client, slow_llm: ScriptedChatModel
) -> None:
    # A sentence the structured checks leave to the judge (no figure, reworded), then more text.
    slow_llm.delay_s = 0.01
    slow_llm.calls_while_streaming = 0
    slow_llm.queue(JUDGED + " " + LONG_TAIL)
    with http.stream("POST", "/v1/ask", json={"question": JUDGED_QUESTION, "stream": True}) as response:
        received = list(events(response))
    judged = [p for p in slow_llm.prompts if SUPPORT_QUESTION in str(p[-1].content)]
    assert judged, "the sentence was expected to need the judge"
    # A one-slot llama.cpp server interrupts the stream it is generating when another request comes.
    assert slow_llm.calls_while_streaming == 0
    assert received[-1][0] == "done"


def test_an_unsupported_answer_to_a_disputed_figure_gives_the_figures_instead(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    """The model's answer to "how many?" is not in the articles, but the articles give differing
    figures for exactly what was asked: those figures, each cited, are the answer, not a refusal."""
    fake_llm.queue("North Korea has sent 45,000 soldiers to Russia.")
    question = "How many soldiers has North Korea sent to fight for Russia?"
    body = http.post("/v1/ask", json={"question": question}).json()
    assert not body["refused"], body["answer"]
    assert "45,000" not in body["answer"]
    assert "10,000" in body["answer"] and "12,000" in body["answer"]
    assert body["conflicts"] and body["citations"]
    # A question about another group than the figures count is still refused.
    fake_llm.queue("North Korea has sent 45,000 soldiers to Russia.")
    other = http.post("/v1/ask", json={"question": "How many Chinese engineers were killed in Kursk?"})
    assert other.json()["refused"]


def test_the_conflicts_event_carries_the_figures_sentence(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue("North Korea sent as many as 12,000 troops to Russia.")
    question = {"question": "How many North Korean troops were deployed to Russia?", "stream": True}
    with http.stream("POST", "/v1/ask", json=question) as response:
        received = list(events(response))
    conflicts = [data for name, data in received if name == "conflicts"]
    assert len(conflicts) == 1 and conflicts[0]["conflicts"]
    # The sentence stating the differing figures, each cited, is in the event itself ...
    assert "12,000" in conflicts[0]["text"] and "10,000" in conflicts[0]["text"]
    assert {f"[{c['n']}]" for c in conflicts[0]["citations"]} <= set(
        re.findall(r"\[\d+\]", conflicts[0]["text"])
    )
    # ... and the events' texts, joined, are the answer.
    streamed = "".join(data["text"] for name, data in received if name in ("sentence", "conflicts"))
    assert streamed == received[-1][1]["answer"]


def test_an_answer_that_does_not_hold_up_is_tried_again_on_less_evidence(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    """The model's first claim is in no article: it is asked once more from the few sentences that
    match the question best, and that answer, verified the same way, is the answer, streamed or not."""
    question = "How many sappers did North Korea pledge to send?"
    wrong, right = "North Korea pledged 9,000 sappers.", "North Korea pledged 1,000 sappers."
    fake_llm.queue(wrong, right)
    body = http.post("/v1/ask", json={"question": question}).json()
    assert not body["refused"], body["answer"]
    assert "1,000" in body["answer"] and "9,000" not in body["answer"]
    assert body["citations"] and all("1,000" in c["quote"] for c in body["citations"])
    texts: dict[str, str] = {}
    for c in body["citations"]:
        assert article_text(http, c["article_id"], texts)[c["start"] : c["end"]] == c["quote"]
    first, second = (str(p[-1].content) for p in fake_llm.prompts[-2:])
    assert len(second) < len(first) / 2, "the second try carries only the best-matching evidence"
    fake_llm.queue(wrong, right)
    with http.stream("POST", "/v1/ask", json={"question": question, "stream": True}) as response:
        received = list(events(response))
    assert [data["text"] for name, data in received if name == "sentence"] == [body["answer"]]
    # A second answer that does not hold up either is a refusal.
    fake_llm.queue(wrong, "North Korea pledged 7,000 sappers.")
    assert http.post("/v1/ask", json={"question": question}).json()["refused"]


def test_an_answer_that_does_not_hold_up_gives_way_to_the_sentence_that_restates_the_question(
    http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    """The model names the wrong signatory; one sentence of the articles holds every word of the
    question and a name it does not: that sentence, quoted and cited, is the answer, with no second
    call to the model, streamed or not."""
    question = "Who signed the Comprehensive Strategic Partnership?"
    wrong = "Xi Jinping signed the Comprehensive Strategic Partnership."
    fake_llm.queue(wrong)
    calls = len(fake_llm.prompts)
    body = http.post("/v1/ask", json={"question": question}).json()
    assert not body["refused"], body["answer"]
    assert "Putin" in body["answer"] and "Kim Jong Un" in body["answer"] and "Xi" not in body["answer"]
    texts: dict[str, str] = {}
    for c in body["citations"]:
        assert article_text(http, c["article_id"], texts)[c["start"] : c["end"]] == c["quote"]
    assert body["answer"].startswith(body["citations"][0]["quote"])
    asked_again = [p for p in fake_llm.prompts[calls:] if question in str(p[-1].content)]
    assert len(asked_again) == 1, "the restating sentence needs no second answer from the model"
    fake_llm.queue(wrong)
    with http.stream("POST", "/v1/ask", json={"question": question, "stream": True}) as response:
        received = list(events(response))
    assert [data["text"] for name, data in received if name == "sentence"] == [body["answer"]]
