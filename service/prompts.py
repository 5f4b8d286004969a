"""Prompts live as Markdown files in ``prompts/``, checked when the service starts.

Each file has YAML front matter declaring its ``variables`` and two sections, ``# system`` and
``# user``. A placeholder that is not declared, or a declared variable the text never uses, is a
named error at start-up rather than a silently empty string at answer time.

A prompt may instead take its system message from another (``system_from: answer``) and have only a
``# user`` section: calls whose prompts begin with the same bytes let llama.cpp reuse the evaluated
prefix from one call to the next, instead of recomputing it whenever the kind of call changes.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.prompts import ChatPromptTemplate


def _prompts_dir() -> Path:
    # A checkout (or an editable install) reads prompts/ itself; a wheel carries a copy (setup.py).
    here = Path(__file__).resolve().parent
    packed = here / "_prompts"
    return packed if packed.is_dir() else here.parent / "prompts"


PROMPTS_DIR = _prompts_dir()
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
    system_from: str | None = None

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
    system_from = meta.get("system_from")
    parts = _SECTION.split(body)
    sections = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
    if system_from:
        if set(sections) != {"user"}:
            raise PromptError(f"prompt {name!r}: with system_from, needs only a '# user' section")
        sections["system"] = ""
    elif set(sections) != {"system", "user"}:
        raise PromptError(f"prompt {name!r}: needs exactly one '# system' and one '# user' section")
    used = _placeholders(sections["system"]) | _placeholders(sections["user"])
    if used - declared:
        raise PromptError(f"prompt {name!r}: undeclared variable(s) {sorted(used - declared)}")
    if declared - used:
        raise PromptError(f"prompt {name!r}: declared but unused variable(s) {sorted(declared - used)}")
    version = hashlib.sha256(raw.encode()).hexdigest()[:12]
    return Prompt(name, declared, sections["system"], sections["user"], version, system_from)


@lru_cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    """Load ``prompts/<name>.md``."""
    path = directory / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"prompt file not found: {path}")
    prompt = parse_prompt(name, path.read_text(encoding="utf-8"))
    if prompt.system_from is None:
        return prompt
    base = load_prompt(prompt.system_from, directory)
    if base.system_from is not None or _placeholders(base.system):
        raise PromptError(f"prompt {name!r}: system_from {base.name!r} must be a fixed system message")
    version = hashlib.sha256(f"{prompt.version}{base.version}".encode()).hexdigest()[:12]
    return replace(prompt, system=base.system, version=version)


def load_all(names: tuple[str, ...], directory: Path = PROMPTS_DIR) -> dict[str, Prompt]:
    """Load and check every named prompt (called at start-up)."""
    return {name: load_prompt(name, directory) for name in names}
