"""Caches this service keeps as pickles in its own data directory: written atomically, and read
back as a miss (None) whenever they are missing, torn, of an older format or about something else.

Only files this service wrote into its data directory are read here; a cache never holds anything
the sources of truth (the store, the article files) cannot give again.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from service.files import replaced_atomically

log = logging.getLogger(__name__)


def load(path: Path, format_tag: str, about: str) -> Any | None:
    """The value saved at ``path`` with this ``format_tag`` and ``about``, else None."""
    try:
        with path.open("rb") as file:
            data = pickle.load(file)  # our own file, in our own data directory
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file is a miss, never a failed start
        log.warning("cache %s unreadable (%s): rebuilding it", path, exc)
        return None
    if not isinstance(data, dict) or data.get("format") != format_tag or data.get("about") != about:
        return None
    return data.get("value")


def save(path: Path, format_tag: str, about: str, value: Any) -> None:
    """Write ``value`` atomically: a reader sees the old file or the new one, never half of one."""
    with replaced_atomically(path) as file:
        payload = {"format": format_tag, "about": about, "value": value}
        pickle.dump(payload, file, protocol=pickle.HIGHEST_PROTOCOL)
