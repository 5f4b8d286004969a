"""The local model server reuses an article's evaluated state for the evidence sentences a request
names (``components/llm/reuse``), through the real model and the real server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openai import OpenAI

from service.components.llm import reuse
from service.components.llm.calls import EVIDENCE_FIELD
from service.components.llm.gguf import ensure_model
from service.components.llm.local import REUSE_FLAG, server_options
from service.components.llm.server import LlamaServer
from service.config import Settings
from tests.test_llama_server import _cache_dir

pytestmark = pytest.mark.llm

SYSTEM = "You answer questions using only the excerpts the user gives you. Answer in one short sentence."
SENTENCES = [
    "The Tarrow Lock reopened on Monday after six weeks of repairs.",
    " Engineers replaced the upper gate, which had cracked in the March frost.",
    " The canal trust said the work cost 2.4 million crowns.",
    " Fourteen barges had waited downstream while the lock was shut.",
    " The trust's chief engineer, Hella Brenn, said the new gate should last forty years.",
    " Boat owners had complained that the closure was announced only a day in advance.",
]
LEAD = "[1] Tarrow Lock reopens (Canal Courier)\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[OpenAI, Path, str]]:
    log = tmp_path_factory.mktemp("reuse") / "server.log"
    options = server_options(Settings(answer_fresh_sentences=2, llm_reuse_cache_mb=256))
    assert REUSE_FLAG in options
    server = LlamaServer(ensure_model(_cache_dir()), log, n_ctx=4096, extra_args=options)
    server.start(timeout_s=180)
    yield OpenAI(base_url=server.base_url, api_key="not-needed", timeout=300), log, server.model_alias
    server.stop()


def _messages(picked: list[int], question: str) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """A prompt with some of the article's sentences as evidence, and the request field naming them."""
    segments: list[dict[str, Any]] = [{"text": LEAD}]
    for n, i in enumerate(picked):
        text = SENTENCES[i] if n else SENTENCES[i].lstrip()
        segment: dict[str, Any] = {"text": text}
        if text == SENTENCES[i]:
            segment.update(document="tarrow", index=i)
        segments.append(segment)
    evidence = "".join(s["text"] for s in segments)
    user = f"Excerpts:\n{evidence}\n\nQuestion: {question}\nAnswer:"
    field = {"documents": {"tarrow": {"lead": LEAD, "sentences": SENTENCES}}, "segments": segments}
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}], field


def _ask(
    client: tuple[OpenAI, Path, str], messages: list[dict[str, str]], field: dict[str, Any] | None
) -> Any:
    openai, _, alias = client
    return openai.chat.completions.create(
        model=alias,
        messages=messages,  # type: ignore[arg-type]
        temperature=0,
        max_tokens=60,
        extra_body={EVIDENCE_FIELD: field} if field is not None else None,
    )


def test_the_field_name_is_the_one_the_service_sends() -> None:
    assert reuse._KEY == EVIDENCE_FIELD


def _evaluated(log: Path) -> list[tuple[int, int]]:
    """(prompt tokens, evaluated) of each reuse request, from the server's log."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return [(int(a), int(b)) for a, b in re.findall(r"evidence: prompt (\d+) tokens, (\d+) evaluated", text)]


def test_named_sentences_come_from_the_article_state_and_answer_as_a_whole_prompt(client: Any) -> None:
    messages, field = _messages([0, 2, 3, 4], "How much did the repairs cost?")
    before = len(_evaluated(client[1]))

    plain = _ask(client, messages, None)
    first = _ask(client, messages, field)
    again = _ask(client, messages, field)

    assert "2.4 million" in plain.choices[0].message.content
    for reply in (first, again):
        assert "2.4 million" in reply.choices[0].message.content
        # Cut at segment boundaries, the prompt may tokenize a token apart from the whole text.
        assert abs(reply.usage.prompt_tokens - plain.usage.prompt_tokens) <= 2
    # Sentences 0 and 2-4 (about 60 tokens) were not evaluated in either prompt.
    counted = _evaluated(client[1])[before:]
    assert len(counted) == 2
    for prompt, evaluated in counted:
        assert prompt - evaluated > 50, counted
    # The server evaluated the article once, for the first of the two.
    log = client[1].read_text(encoding="utf-8", errors="replace")
    assert log.count("evidence: document evaluated") == 1, log[-2000:]
    # llama-cpp-python's own path still answers as before the reuse requests.
    assert _ask(client, messages, None).choices[0].message.content == plain.choices[0].message.content


def test_a_streamed_reply_is_the_collected_one(client: Any) -> None:
    messages, field = _messages([0, 4, 5], "Who is the trust's chief engineer?")
    whole = _ask(client, messages, field).choices[0].message.content
    openai, _, alias = client

    chunks = openai.chat.completions.create(
        model=alias,
        messages=messages,
        temperature=0,
        max_tokens=60,
        stream=True,
        extra_body={EVIDENCE_FIELD: field},
    )
    pieces = [c.choices[0].delta.content or "" for c in chunks if c.choices]

    assert len([p for p in pieces if p]) > 1
    assert "".join(pieces) == whole
    assert "Brenn" in whole


def test_evidence_that_does_not_match_the_prompt_is_served_as_usual(client: Any) -> None:
    messages, field = _messages([0, 3], "How many barges waited?")
    field["segments"][1]["text"] = "Text that is not in the prompt."
    malformed = _messages([0, 3], "How many barges waited?")[1]
    malformed["segments"][2]["index"] = "third"
    before = len(_evaluated(client[1]))

    replies = [_ask(client, messages, field), _ask(client, messages, malformed), _ask(client, messages, {})]

    for reply in replies:
        assert "14" in reply.choices[0].message.content or "Fourteen" in reply.choices[0].message.content
    assert len(_evaluated(client[1])) == before  # llama-cpp-python's own path served them


def test_a_server_started_without_reuse_serves_the_field_as_llama_cpp_does(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    server = LlamaServer(ensure_model(_cache_dir()), log, n_ctx=4096, extra_args=server_options(Settings()))
    assert REUSE_FLAG not in server.extra_args
    server.start(timeout_s=180)
    try:
        plain = (OpenAI(base_url=server.base_url, api_key="not-needed", timeout=300), log, server.model_alias)
        messages, field = _messages([0, 2], "How much did the repairs cost?")
        reply = _ask(plain, messages, field)
    finally:
        server.stop()

    assert "2.4 million" in reply.choices[0].message.content
    assert _evaluated(log) == []
