"""The README's settings table lists every setting, and nothing that is not one."""

from __future__ import annotations

import re

from service.config import Settings
from tests.conftest import REPO_ROOT


def env_name(field: str) -> str:
    alias = Settings.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else f"NEWSDESK_{field.upper()}"


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    table = readme[readme.index("## Settings") :]
    table = table[: table.index("\n## ", 1)]
    documented = set(re.findall(r"`((?:NEWSDESK|OPENAI)_[A-Z0-9_]+)`", table))
    settings = {env_name(f) for f in Settings.model_fields}
    assert settings - documented == set(), "settings missing from the README table"
    assert documented - settings == set(), "the README table names settings that do not exist"
