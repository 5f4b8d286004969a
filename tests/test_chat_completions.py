"""The OpenAI-compatible endpoint, driven by the official openai client against the running app."""

from __future__ import annotations

import httpx
import openai
import pytest

from service.components.llm.fake import ScriptedChatModel


@pytest.fixture
def client(live_server: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{live_server}/v1", api_key="unused", max_retries=0)


def test_models_lists_newsdesk(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["newsdesk"]


def test_non_streaming_carries_citations(
    client: openai.OpenAI, http: httpx.Client, fake_llm: ScriptedChatModel
) -> None:
    fake_llm.queue("North Korea pledged 1,000 sappers.")
    reply = client.chat.completions.create(
        model="newsdesk", messages=[{"role": "user", "content": "How many sappers did North Korea pledge?"}]
    )
    content = reply.choices[0].message.content or ""
    citations = (reply.model_extra or {})["citations"]
    assert "1,000" in content and "[1]" in content
    assert citations and reply.usage and reply.usage.prompt_tokens > 0
    for c in citations:
        text = http.get(f"/v1/articles/{c['article_id']}").json()["text"]
        assert text[c["start"] : c["end"]] == c["quote"]


def test_streaming_ends_with_a_citations_chunk(client: openai.OpenAI, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue("Shoigu met Kim Jong Un in Pyongyang. North Korea pledged 1,000 sappers.")
    stream = client.chat.completions.create(
        model="newsdesk",
        stream=True,
        messages=[{"role": "user", "content": "What did Shoigu and Kim agree on sappers?"}],
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    final = chunks[-1]
    citations = (final.model_extra or {})["citations"]
    assert final.choices[0].finish_reason == "stop"
    assert citations, "streaming must not drop citations"
    assert text.count("[") >= 2 and "1,000" in text
    # Every marker in the streamed text points at a citation in the final chunk.
    assert {f"[{c['n']}]" for c in citations} >= {m for m in ("[1]", "[2]") if m in text}


def test_conversation_history_from_messages(client: openai.OpenAI, fake_llm: ScriptedChatModel) -> None:
    fake_llm.queue(
        "How many military construction workers did North Korea pledge?", "It pledged 5,000 workers."
    )
    reply = client.chat.completions.create(
        model="newsdesk",
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "How many sappers did North Korea pledge?"},
            {"role": "assistant", "content": "1,000 sappers."},
            {"role": "user", "content": "And how many construction workers?"},
        ],
    )
    assert "5,000" in (reply.choices[0].message.content or "")
    assert (reply.model_extra or {})["newsdesk"]["refused"] is False


def test_last_message_must_be_a_question(client: openai.OpenAI) -> None:
    with pytest.raises(openai.UnprocessableEntityError) as err:
        client.chat.completions.create(model="newsdesk", messages=[{"role": "assistant", "content": "Hi"}])
    assert "user message" in str(err.value)
