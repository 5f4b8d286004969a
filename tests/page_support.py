"""Helpers for the browser tests of the newsroom page: Debian's chromium driven by Playwright.

Playwright's own browser download is not used (it needs the internet); the system chromium is, with
the flags that keep it from phoning home (this network refuses outbound connections).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

try:
    import axe_playwright_python
    from playwright.sync_api import Browser, BrowserContext, Locator, Page, Playwright
except ImportError as exc:  # pragma: no cover - a broken dev install, not a skip
    raise ImportError(
        "the browser tests need Playwright and axe: pip install playwright axe-playwright-python"
    ) from exc

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def launch_chromium(playwright: Playwright) -> Browser:
    """The system chromium; a missing browser fails the run (these tests never skip)."""
    if not CHROMIUM.is_file():
        message = f"chromium not found at {CHROMIUM}: install it: apt-get install -y chromium"
        pytest.fail(message, pytrace=False)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@dataclass
class Tab:
    """One page of one browser context, with every request it made and every script error it hit."""

    page: Page
    context: BrowserContext
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to anywhere but the server under test."""
        return [url for url in self.requests if _origin(url) != self.origin]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Pages:
    """Opens the page on a server in a fresh browser context; checks each tab when the test ends."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.tabs: list[Tab] = []

    def open(
        self,
        base_url: str,
        width: int = 1280,
        height: int = 900,
        timeout_ms: int = 20_000,
        listed: bool = True,
    ) -> Tab:
        """The page in a new context; with ``listed``, once its article list has loaded."""
        context = self.browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        tab = Tab(page, context, _origin(base_url))
        page.on("request", lambda request: tab.requests.append(request.url))
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        self.tabs.append(tab)
        page.goto(base_url + "/")
        if listed:
            page.get_by_test_id("article-row").first.wait_for()
        return tab

    def close(self) -> None:
        for tab in self.tabs:
            tab.context.close()
        for tab in self.tabs:
            assert not tab.errors, f"script errors on the page: {tab.errors}"
            assert not tab.foreign_requests(), f"requests left the test server: {tab.foreign_requests()}"


def sse_events(body: str) -> list[tuple[str, dict[str, Any]]]:
    """A whole Server-Sent Events body as ``(event, data)`` pairs."""
    events = []
    for block in body.split("\n\n"):
        name, data = "message", None
        for line in block.splitlines():
            if line.startswith("event: "):
                name = line[len("event: ") :]
            elif line.startswith("data: "):
                data = json.loads(line[len("data: ") :])
        if data is not None:
            events.append((name, data))
    return events


@dataclass
class Asked:
    """What one question did: the answer's turn on the page and the events the API sent."""

    status: str
    events: list[tuple[str, dict[str, Any]]]

    @property
    def done(self) -> dict[str, Any]:
        names = [name for name, _ in self.events]
        assert names and names[-1] == "done", names
        return self.events[-1][1]

    def citation(self, n: int) -> dict[str, Any]:
        """Citation ``n`` as the API sent it (in a sentence, conflicts or the done event)."""
        for _, data in self.events:
            cited = list(data.get("citations", []))
            cited += [f["citation"] for c in data.get("conflicts", []) for f in c["figures"]]
            for c in cited:
                if c["n"] == n:
                    return c
        raise AssertionError(f"no citation {n} in the answer")


def ask(page: Page, question: str, timeout_ms: float = 20_000) -> Asked:
    """Type ``question``, send it and wait until its answer is finished (or failed)."""
    turns = page.get_by_test_id("turn")
    before = turns.count()
    page.get_by_test_id("question").fill(question)
    with page.expect_response(lambda r: r.url.endswith("/v1/ask"), timeout=timeout_ms) as response:
        page.get_by_test_id("send").click()
    turn = turns.nth(before)
    page.wait_for_function(
        "t => t.dataset.status !== 'streaming'", arg=turn.element_handle(), timeout=timeout_ms
    )
    status = turn.get_attribute("data-status") or ""
    # A failed answer's body may be gone (the page stops reading at an error event).
    events = sse_events(response.value.text()) if status == "done" else []
    return Asked(status, events)


def last_turn(page: Page) -> Locator:
    return page.get_by_test_id("turn").last


def open_chip(page: Page, chip: Locator) -> dict[str, Any]:
    """Click a citation chip and wait until the reader highlights that chip's span."""
    where = {name: chip.get_attribute(f"data-{name}") for name in ("article-id", "start", "end")}
    chip.click()
    selector = "".join(f'[data-{name}="{value}"]' for name, value in where.items())
    page.locator(f"[data-testid=highlight]{selector}").wait_for()
    return highlight_state(page)


def highlight_state(page: Page) -> dict[str, Any]:
    """The reader's highlight: its text, whether it has focus and whether it is on screen."""
    result: dict[str, Any] = page.evaluate(
        """() => {
          const m = document.querySelector('[data-testid=highlight]');
          if (!m) return null;
          const r = m.getBoundingClientRect();
          return {text: m.textContent, focused: document.activeElement === m,
                  visible: r.top >= 0 && r.top < innerHeight && r.bottom > 0,
                  readerText: document.querySelector('[data-testid=reader-text]').textContent};
        }"""
    )
    return result


def horizontal_overflow(page: Page) -> int:
    """Pixels the page is wider than its viewport (0: no horizontal scrolling)."""
    width: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return width


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core (the script shipped in axe-playwright-python) run on the page as it is now."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']} — {v['help']} — " + "; ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
