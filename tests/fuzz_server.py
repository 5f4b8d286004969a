"""The app the API fuzz runs against, as its own process: ``python -m tests.fuzz_server ROOT PORT``.

The real app (MiniLM, Chroma under ``ROOT/data``, uvicorn on ``127.0.0.1:PORT``) over a private copy
of the corpus in ``ROOT/corpus``, since the fuzzer adds and deletes articles; only the chat model is
the scripted fake, answering every prompt with one sentence the articles support.

A process of its own, not a thread beside the fuzzer: CPython 3.11's AST validator keeps its
recursion depth in shared state, and two threads compiling at once (hypothesis building strategies,
the server importing or validating) failed a clean-clone run with "AST constructor recursion depth
mismatch". Separate processes never compile together.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn

from service.api.app import create_app
from service.components.llm.fake import ScriptedChatModel
from service.container import Services
from tests.conftest import SUPPORT_QUESTION, copy_corpus, make_settings

ANSWER = "North Korea pledged 1,000 sappers."


def build(root: Path) -> Services:
    """Services over ``root``'s own corpus copy, ingested, with the fake model scripted."""
    services = Services(make_settings(copy_corpus(root / "corpus"), root / "data"))
    report = services.ingest()
    if report.errors:
        raise SystemExit(report.summary())
    model = services.chat.model
    assert isinstance(model, ScriptedChatModel)
    model.answer_always(SUPPORT_QUESTION, "yes")
    model.answer_always("", ANSWER)  # every other prompt: one supported sentence
    return services


def main(argv: list[str]) -> None:
    root, port = Path(argv[0]), int(argv[1])
    uvicorn.run(create_app(services=build(root)), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
