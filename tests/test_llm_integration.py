"""The real model end to end: the openai backend against a real llama.cpp OpenAI-compatible server,
and the default local backend (which supervises its own server) behind the real app."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import openai
import pytest

from service.api.app import create_app
from service.ask.pipeline import Question
from service.ask.result import AskResult
from service.ask.service import answer_question
from service.components.llm.gguf import ensure_model
from service.components.llm.server import LlamaServer
from service.container import Services
from service.errors import BusyError
from tests.conftest import serve

pytestmark = pytest.mark.llm


def _cache_dir() -> Path:
    configured = os.environ.get("NEWSDESK_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "newsdesk"


@pytest.fixture(scope="module")
def model_path() -> Path:
    return ensure_model(_cache_dir())


@pytest.fixture(scope="module")
def llama(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    server = LlamaServer(model_path, tmp_path_factory.mktemp("llama") / "server.log", n_ctx=4096, n_threads=2)
    server.start(timeout_s=180)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def openai_services(
    indexed: Services, services_factory: Callable[..., Services], llama: LlamaServer
) -> Services:
    settings = indexed.settings.model_copy(
        update={"llm_backend": "openai", "openai_base_url": llama.base_url, "openai_model": llama.model_alias}
    )
    return services_factory(settings)


def _exact(services: Services, result: AskResult) -> None:
    articles = services.articles()
    cited = list(result.citations) + [f.citation for c in result.conflicts for f in c.figures]
    for c in cited:
        assert articles[c.article_id].text[c.start : c.end] == c.quote


def test_sappers_answer_is_cited(openai_services: Services) -> None:
    result = openai_services.pipeline().ask("How many sappers did North Korea pledge?")
    assert not result.refused, result
    assert "1,000" in result.answer or "1000" in result.answer
    assert {c.article_id for c in result.citations} & {
        "shoigu-kim-sappers-builders",
        "kursk-reconstruction-dispatch",
    }
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0
    _exact(openai_services, result)


def test_population_of_pyongyang_is_refused(openai_services: Services) -> None:
    result = openai_services.pipeline().ask("What is the population of Pyongyang?")
    assert result.refused and not result.citations


def test_troop_figures_are_shown_with_citations(openai_services: Services) -> None:
    result = openai_services.pipeline().ask("How many North Korean troops were deployed to Russia?")
    assert not result.refused, result
    (conflict,) = result.conflicts
    assert len({f.value for f in conflict.figures}) >= 2
    assert len({f.citation.article_id for f in conflict.figures}) >= 2
    _exact(openai_services, result)


def test_local_backend_streams_through_the_app(
    indexed: Services, services_factory: Callable[..., Services], model_path: Path
) -> None:
    settings = indexed.settings.model_copy(update={"llm_backend": "local", "llm_model_path": model_path})
    services = services_factory(settings)
    with serve(create_app(services=services), timeout_s=240) as url:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", timeout=300, max_retries=0)
        chunks = list(
            client.chat.completions.create(
                model="newsdesk",
                stream=True,
                messages=[
                    {"role": "user", "content": "How many sappers did North Korea pledge?"},
                    {"role": "assistant", "content": "North Korea pledged 1,000 sappers. [1]"},
                    {"role": "user", "content": "And how many construction workers?"},
                ],
            )
        )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    citations = (chunks[-1].model_extra or {})["citations"]
    assert "5,000" in text or "5000" in text, text
    assert citations and any("5,000" in c["quote"] for c in citations), text
    assert services._local_server is not None  # started by the service itself ...
    assert services._local_server._server is None  # ... and stopped when the app shut down


def test_a_remote_model_takes_overlapping_asks_up_to_its_cap(
    indexed: Services, services_factory: Callable[..., Services], llama: LlamaServer
) -> None:
    """Two asks at once against a second llama.cpp server: both run with a cap of 2; with a cap of 1
    and no waiting line, the second is told to retry."""
    remote = {"llm_backend": "openai", "openai_base_url": llama.base_url, "openai_model": llama.model_alias}
    question = Question("How many sappers did North Korea pledge?")

    def overlap(services: Services) -> tuple[list[object], int]:
        outcomes: list[object] = []
        deepest = 0

        def one() -> None:
            try:
                outcomes.append(answer_question(services, question))
            except BusyError as exc:
                outcomes.append(exc)

        threads = [threading.Thread(target=one) for _ in range(2)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            deepest = max(deepest, services.gatekeeper.depth)
            time.sleep(0.01)
        return outcomes, deepest

    both = services_factory(indexed.settings.model_copy(update=remote | {"llm_concurrency": 2}))
    outcomes, deepest = overlap(both)
    assert deepest == 2 and all(isinstance(o, AskResult) and "1,000" in o.answer for o in outcomes)

    one_at_a_time = services_factory(
        indexed.settings.model_copy(update=remote | {"llm_concurrency": 1, "queue_size": 0})
    )
    outcomes, _ = overlap(one_at_a_time)
    assert sorted(type(o).__name__ for o in outcomes) == ["AskResult", "BusyError"]
