"""The eval's prompt-hash cache of model replies (real SQLite in a temp dir, the shared fake model)."""

from __future__ import annotations

from pathlib import Path

from langchain_core.globals import set_llm_cache
from langchain_core.messages import HumanMessage

from service.components.llm.fake import ScriptedChatModel
from service.evals.llm_cache import PromptHashCache


def test_a_reply_is_found_again_by_its_prompt(tmp_path: Path) -> None:
    cache = PromptHashCache(tmp_path / "cache.sqlite")
    model = ScriptedChatModel()
    model.queue("first reply", "second reply")
    set_llm_cache(cache)
    try:
        assert model.invoke([HumanMessage("How many?")]).content == "first reply"
        assert model.invoke([HumanMessage("How many?")]).content == "first reply"  # from the cache
        assert model.invoke([HumanMessage("Who?")]).content == "second reply"
    finally:
        set_llm_cache(None)
    assert (cache.hits, cache.misses, len(cache)) == (1, 2, 2)
    # A new process (a new cache object on the same file) finds the replies too.
    assert len(PromptHashCache(tmp_path / "cache.sqlite")) == 2


def test_the_local_server_port_is_not_part_of_the_key() -> None:
    one = '{"base_url": "http://127.0.0.1:40123/v1", "model": "m"}---[("stop", None)]'
    other = one.replace("40123", "51234")
    assert PromptHashCache.key("prompt", one) == PromptHashCache.key("prompt", other)
    assert PromptHashCache.key("prompt", one) != PromptHashCache.key("other prompt", one)
