"""Take docs/newsdesk-page.png: the newsroom page answering on the real local model.

Starts Newsdesk with the default settings and the local llama.cpp backend (the model assembled by
``make model``; the corpus is ingested first, which embeds nothing when the index is current) on a
free loopback port, opens the page in Debian's chromium, asks the README's question, waits for the
answer, opens its first citation in the reader and saves the window at 1280x900.

    python docs/screenshot.py
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout, installed or not

import uvicorn  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from service.api.app import create_app  # noqa: E402
from service.config import get_settings  # noqa: E402
from service.container import Services  # noqa: E402
from tests.page_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the browser the tests drive

QUESTION = "How many sappers did North Korea pledge?"
OUT = REPO / "docs" / "newsdesk-page.png"
VIEWPORT = {"width": 1280, "height": 900}
ANSWER_TIMEOUT_MS = 300_000


def start_server(services: Services, timeout_s: float = 300.0) -> tuple[uvicorn.Server, str]:
    """The app under uvicorn in a thread, on a port bound before it starts; returns its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(services=services), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s  # start-up loads the model server (a few seconds)
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the service did not start; see the log above")
        time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def take(url: str) -> None:
    if not CHROMIUM.is_file():
        raise SystemExit(f"chromium not found at {CHROMIUM}: install it: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        page.goto(url + "/")
        page.get_by_test_id("article-row").first.wait_for()
        page.get_by_test_id("question").fill(QUESTION)
        page.get_by_test_id("send").click()
        turn = page.get_by_test_id("turn").last
        page.wait_for_function(
            "t => t.dataset.status !== 'streaming'", arg=turn.element_handle(), timeout=ANSWER_TIMEOUT_MS
        )
        if turn.get_attribute("data-status") != "done" or not turn.get_by_test_id("citation").count():
            raise SystemExit(f"no cited answer to show: {turn.text_content()}")
        turn.get_by_test_id("citation").first.click()
        page.get_by_test_id("highlight").wait_for()
        page.mouse.move(VIEWPORT["width"] - 5, VIEWPORT["height"] - 5)  # no tooltip over the page
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT))
        answer = turn.locator(".answer-text").evaluate(
            """a => { const c = a.cloneNode(true);
                c.querySelectorAll('.tip').forEach(t => t.remove());
                c.querySelectorAll('.chip').forEach(b => b.replaceWith(`[${b.dataset.n}]`));
                return c.textContent; }"""
        )
        print(f"answer: {answer}")
        print(f"timings: {turn.get_by_test_id('timings').inner_text()}")
        browser.close()


def main() -> None:
    os.chdir(REPO)  # the default settings' corpus/ and data/ are relative to the checkout
    settings = get_settings().model_copy(update={"llm_backend": "local"})
    services = Services(settings)
    print(services.ingest().summary())
    server, url = start_server(services)
    try:
        take(url)
    finally:
        server.should_exit = True
    print(f"saved {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
