"""What a support check concludes of one claim against one sentence."""

from __future__ import annotations

from dataclasses import dataclass

SILENT = "the source does not say"


@dataclass(frozen=True)
class Verdict:
    """``supported`` is None when the structured checks cannot decide."""

    supported: bool | None
    reason: str = ""
    # Not supported only for words the source lacks (not for saying something else): another
    # sentence nearby may hold them.
    lacking: bool = False

    @property
    def silent(self) -> bool:
        """Whether the source is silent on the claim rather than saying otherwise: another sentence
        may state it."""
        return self.supported is False and self.reason.startswith(SILENT)
