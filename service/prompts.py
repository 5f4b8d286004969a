"""Prompts live as Markdown files in ``prompts/``, checked when the service starts.

Each file has YAML front matter declaring its ``variables`` and two sections, ``# system`` and
``# user``. A placeholder that is not declared, or a declared variable the text never uses, is a
named error at start-up rather than a silently empty string at answer time.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.prompts import ChatPromptTemplate

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_SECTION = re.compile(r"^# (system|user)\s*$", re.MULTILINE)


class PromptError(ValueError):
    """A prompt file is missing, malformed, or its variables do not match its text."""


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt: its LangChain template and a version hash (feeds caches and reports)."""

    name: str
    variables: frozenset[str]
    system: str
    user: str
    version: str

    def template(self) -> ChatPromptTemplate:
        """The chat template (system + human message)."""
        return ChatPromptTemplate.from_messages([("system", self.system), ("human", self.user)])

    def render(self, **values: str) -> list[tuple[str, str]]:
        """Render to ``(role, text)`` pairs; a missing variable raises PromptError naming it."""
        missing = self.variables - values.keys()
        if missing:
            raise PromptError(f"prompt {self.name!r} needs variable(s): {', '.join(sorted(missing))}")
        return [("system", self.system.format(**values)), ("human", self.user.format(**values))]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def parse_prompt(name: str, raw: str) -> Prompt:
    """Parse one prompt file's text."""
    if not raw.startswith("---\n"):
        raise PromptError(f"prompt {name!r}: missing YAML front matter")
    _, front, body = raw.split("---\n", 2)
    meta = yaml.safe_load(front) or {}
    declared = frozenset(meta.get("variables") or [])
    parts = _SECTION.split(body)
    sections = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
    if set(sections) != {"system", "user"}:
        raise PromptError(f"prompt {name!r}: needs exactly one '# system' and one '# user' section")
    used = _placeholders(sections["system"]) | _placeholders(sections["user"])
    if used - declared:
        raise PromptError(f"prompt {name!r}: undeclared variable(s) {sorted(used - declared)}")
    if declared - used:
        raise PromptError(f"prompt {name!r}: declared but unused variable(s) {sorted(declared - used)}")
    version = hashlib.sha256(raw.encode()).hexdigest()[:12]
    return Prompt(name, declared, sections["system"], sections["user"], version)


@lru_cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    """Load ``prompts/<name>.md``."""
    path = directory / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"prompt file not found: {path}")
    return parse_prompt(name, path.read_text(encoding="utf-8"))


def load_all(names: tuple[str, ...], directory: Path = PROMPTS_DIR) -> dict[str, Prompt]:
    """Load and check every named prompt (called at start-up)."""
    return {name: load_prompt(name, directory) for name in names}
