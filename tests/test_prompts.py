"""Prompt files: variables checked at load, and a system message shared between prompts."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.prompts import PromptError, load_prompt

BASE = """---
variables: [question]
---
# system
You answer questions.

# user
Question: {question}
"""
SHARED = """---
variables: [claim]
system_from: base
---
# user
Is this stated? {claim}
"""


def write(directory: Path, name: str, text: str) -> None:
    (directory / f"{name}.md").write_text(text, encoding="utf-8")


def test_a_prompt_takes_its_system_message_from_another(tmp_path: Path) -> None:
    write(tmp_path, "base", BASE)
    write(tmp_path, "shared", SHARED)
    base, shared = load_prompt("base", tmp_path), load_prompt("shared", tmp_path)
    assert shared.system == base.system == "You answer questions."
    rendered = shared.render(claim="x")
    assert rendered == [("system", "You answer questions."), ("human", "Is this stated? x")]
    # Changing the shared system message changes the sharing prompt's version (caches key on it).
    before = shared.version
    write(tmp_path, "base", BASE.replace("You answer questions.", "You answer questions briefly."))
    load_prompt.cache_clear()
    assert load_prompt("shared", tmp_path).version != before


def test_system_from_wants_only_a_user_section(tmp_path: Path) -> None:
    write(tmp_path, "base", BASE)
    write(tmp_path, "bad", SHARED.replace("# user", "# system\nMore rules.\n\n# user"))
    with pytest.raises(PromptError, match="only a '# user' section"):
        load_prompt("bad", tmp_path)


def test_the_shipped_support_prompt_begins_like_the_answer_prompt() -> None:
    answer, support = load_prompt("answer"), load_prompt("support")
    assert support.template().format_messages(passage="p", claim="c")[0].content == answer.system
