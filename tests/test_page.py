"""The newsroom page (GET /) in a real Chromium, against the real app over real HTTP.

The app runs under uvicorn on loopback with the real embedding model and a real Chroma; only the chat
model is the shared scripted fake (one test runs the real local model). Tests that add or delete
articles use their own Services over a copy of the corpus, never the shared ``indexed`` one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pydantic import SecretStr

from service.api.app import create_app
from service.ask.gatekeeper import Gatekeeper
from service.components.llm.fake import ScriptedChatModel
from service.components.llm.gguf import ensure_model
from service.container import Services
from tests.conftest import SUPPORT_QUESTION, assert_citations_exact, copy_corpus, make_settings, serve
from tests.page_support import (
    Pages,
    ask,
    highlight_state,
    horizontal_overflow,
    last_turn,
    launch_chromium,
    open_chip,
    serious_axe_violations,
    sse_events,
)

SAPPERS = "How many sappers did North Korea pledge?"
TROOPS = "How many North Korean troops were deployed to Russia?"
THREE_SENTENCES = (
    "North Korea pledged 1,000 sappers to Russia. "
    "Shoigu said 5,000 military construction workers would also go to Kursk. "
    "North Korea will open a casino in Moscow."
)
MONTHS = "January February March April May June July August September October November December".split()

BRIDGE_TITLE = "Vellmoor harbour footbridge reopens after repairs"
BRIDGE_TEXT = (
    "# Vellmoor footbridge reopens\n\n"
    "The Vellmoor harbour footbridge reopened on Monday after eight months of repairs.\n\n"
    "The repairs cost 4.2 million euros, according to the Vellmoor city council.\n\n"
    "Engineers replaced **all 212 deck planks** and both steel cables.\n\n"
    '<script>window.__injected = 1</script><img src="/x" onerror="window.__injected = 2">'
)


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole session; each test gets fresh contexts."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def pages(browser: Browser) -> Iterator[Pages]:
    """``pages.open(url)``: the page in a new context. At the end: no script error, no foreign request."""
    opened = Pages(browser)
    yield opened
    opened.close()


@pytest.fixture
def slow_llm(fake_llm: ScriptedChatModel) -> Iterator[ScriptedChatModel]:
    """The shared fake, streaming a word every 60 ms: sentences arrive visibly one after another."""
    fake_llm.delay_s = 0.06
    yield fake_llm
    fake_llm.delay_s = 0.0
    fake_llm.fail_after = None


@pytest.fixture
def no_summary_cache(indexed: Services) -> None:
    shutil.rmtree(indexed.settings.data_dir / "summaries", ignore_errors=True)


@pytest.fixture(scope="module")
def library(
    tmp_path_factory: pytest.TempPathFactory, services_factory: Callable[..., Services]
) -> Iterator[tuple[str, Services]]:
    """A server of its own over a copy of the corpus, for adding and deleting (and breaking) things."""
    root = tmp_path_factory.mktemp("page-library")
    settings = make_settings(copy_corpus(root / "corpus"), root / "data", max_article_chars=20_000)
    services = services_factory(settings)
    services.ingest()
    model = services.chat.model
    assert isinstance(model, ScriptedChatModel)
    model.answer_always(SUPPORT_QUESTION, "yes")
    with serve(create_app(services=services)) as url:
        yield url, services


@pytest.fixture
def library_llm(library: tuple[str, Services]) -> Iterator[ScriptedChatModel]:
    model = library[1].chat.model
    assert isinstance(model, ScriptedChatModel)
    model.replies.clear()
    yield model
    model.replies.clear()
    model.fail_after = None


# --------------------------------------------------------------------------- asking


def test_streamed_answer_chips_open_the_reader_at_the_quote(
    live_server: str, http: httpx.Client, pages: Pages, slow_llm: ScriptedChatModel
) -> None:
    page = pages.open(live_server).page
    slow_llm.queue(THREE_SENTENCES)
    page.get_by_test_id("question").fill(SAPPERS)
    with page.expect_response(lambda r: r.url.endswith("/v1/ask")) as response:
        page.get_by_test_id("send").click()
    # Sentence by sentence: the first is on the page while the model is still writing the rest.
    page.wait_for_function(
        """() => document.querySelectorAll('[data-testid=answer-sentence]').length === 1
                 && document.querySelector('[data-testid=turn]').dataset.status === 'streaming'"""
    )
    assert page.get_by_test_id("answer-sentence").first.text_content().startswith("North Korea pledged 1,000")
    page.wait_for_selector("[data-testid=turn][data-status=done]")
    events = sse_events(response.value.text())
    done = events[-1][1]
    assert_citations_exact(http, done)
    sentences = page.get_by_test_id("answer-sentence")
    assert sentences.count() == 3
    # The streamed region is live for assistive technology.
    assert sentences.first.evaluate("s => s.closest('[aria-live]').getAttribute('aria-live')") == "polite"

    # Markers became chips; a chip's tooltip shows its quote, title and date, on hover and on focus.
    first_chip = sentences.first.get_by_test_id("citation").first
    cited = next(c for c in done["citations"] if c["n"] == int(first_chip.get_attribute("data-n") or 0))
    article = http.get(f"/v1/articles/{cited['article_id']}").json()
    first_chip.hover()
    tip = page.locator("[role=tooltip]:visible")
    assert cited["quote"][:60] in " ".join(tip.text_content().split())
    assert article["title"] in tip.text_content() and long_date(article["published"]) in tip.text_content()

    # The unsupported sentence is marked, with an explanation on hover/focus.
    unsupported = sentences.nth(2)
    assert "unsupported" in (unsupported.get_attribute("class") or "")
    assert "[unsupported]" not in unsupported.text_content()
    unsupported.locator(".unsupported-flag").focus()
    assert "could not find a passage" in page.locator("[role=tooltip]:visible").text_content()

    # A chip opens the reader: the article's text exactly as the API has it, the quote highlighted.
    state = open_chip(page, first_chip)
    assert state["text"] == cited["quote"] == article["text"][cited["start"] : cited["end"]]
    assert state["readerText"] == article["text"]
    assert state["focused"] and state["visible"]
    timings = last_turn(page).get_by_test_id("timings").text_content()
    assert "first sentence" in timings and "total" in timings


def test_follow_up_questions_send_the_conversation(
    live_server: str, pages: Pages, fake_llm: ScriptedChatModel
) -> None:
    page = pages.open(live_server).page
    bodies: list[dict[str, Any]] = []
    page.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/v1/ask") else None)
    fake_llm.queue("North Korea pledged 1,000 sappers.")
    first = ask(page, SAPPERS)
    fake_llm.queue(
        "How many military construction workers did North Korea pledge to send to Kursk?",
        "North Korea pledged 5,000 military construction workers.",
    )
    second = ask(page, "And how many construction workers?")
    assert first.status == second.status == "done"
    assert bodies[0]["history"] == [] and bodies[0]["stream"] is True
    assert bodies[1]["history"] == [
        {"role": "user", "content": SAPPERS},
        {"role": "assistant", "content": first.done["answer"]},
    ]
    assert "5,000" in last_turn(page).get_by_test_id("answer-sentence").first.text_content()
    assert page.get_by_test_id("turn").count() == 2


def test_a_refusal_lists_the_nearest_articles_as_links(
    live_server: str, http: httpx.Client, pages: Pages, fake_llm: ScriptedChatModel
) -> None:
    page = pages.open(live_server).page
    asked = ask(page, "What is the population of Pyongyang?")
    assert asked.done["refused"]
    refusal = last_turn(page).get_by_test_id("refusal")
    assert "don't cover" in refusal.text_content()
    assert last_turn(page).get_by_test_id("answer-sentence").count() == 0
    links = refusal.get_by_role("link")
    nearest = asked.done["nearest_articles"]
    assert nearest and links.count() == len(nearest)
    links.first.click()
    title = http.get(f"/v1/articles/{nearest[0]['article_id']}").json()["title"]
    page.locator("#reader-title", has_text=title).wait_for()
    assert page.get_by_test_id("highlight").count() == 0


def test_differing_figures_show_as_a_conflict_card(
    live_server: str, http: httpx.Client, pages: Pages, fake_llm: ScriptedChatModel
) -> None:
    page = pages.open(live_server).page
    fake_llm.queue("North Korea sent as many as 12,000 troops to Russia.")
    asked = ask(page, TROOPS)
    assert asked.status == "done" and asked.done["conflicts"]
    card = last_turn(page).get_by_test_id("conflict")
    figures = card.locator(".figure")
    assert figures.count() == len(asked.done["conflicts"][0]["figures"]) >= 2
    listed = {a["id"]: a for a in http.get("/v1/articles").json()["articles"]}
    for i, figure in enumerate(asked.done["conflicts"][0]["figures"]):
        shown = figures.nth(i)
        article = listed[figure["citation"]["article_id"]]
        assert figure["value"] in shown.text_content()
        assert (article["outlet"] or article["title"]) in shown.text_content()
        assert long_date(article["published"]).split(" ", 1)[1] in shown.text_content()  # month and year
        assert shown.get_by_test_id("citation").count() == 1
    # The figures sit side by side on a wide screen.
    boxes = [figures.nth(i).bounding_box() for i in range(2)]
    assert boxes[0] and boxes[1] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2
    # The whole answer is shown, the sentence stating the figures included.
    shown_answer = " ".join(last_turn(page).locator(".answer-text").text_content().split())
    assert "different figures" in shown_answer
    ten = next(f for f in asked.done["conflicts"][0]["figures"] if f["value"] == "10,000")
    chip = figures.filter(has_text="10,000").get_by_test_id("citation")
    assert open_chip(page, chip)["text"] == ten["citation"]["quote"]


# --------------------------------------------------------------------------- summaries


def test_summaries_from_a_row_the_form_and_a_topic(
    live_server: str, pages: Pages, fake_llm: ScriptedChatModel, no_summary_cache: None
) -> None:
    page = pages.open(live_server).page
    brief = (
        "- Goremykin led the Russian side.\n- No Kwang Chol represented the DPRK.",
        "Deputy Defence Minister Viktor Goremykin led the Russian side in talks with Defence Minister "
        "No Kwang Chol in Pyongyang.",
    )
    fake_llm.queue(*brief)
    row = page.get_by_test_id("article-row").filter(has_text="High-Level Talks in Pyongyang")
    with page.expect_response(lambda r: r.url.endswith("/v1/summaries")) as response:
        row.get_by_role("button", name="Brief").click()
    summary = page.get_by_test_id("summary")
    summary.wait_for()
    body = response.value.json()
    assert not body["cached"] and body["citations"]
    chips = summary.get_by_test_id("citation")
    assert chips.count() == len({c["n"] for c in body["citations"]})
    assert "[1]" not in summary.text_content()
    first = next(c for c in body["citations"] if c["n"] == int(chips.first.get_attribute("data-n") or 0))
    assert open_chip(page, chips.first)["text"] == first["quote"]
    assert "cached" not in page.get_by_test_id("summary-notes").text_content()
    # The same summary again comes from the cache, and says so.
    fake_llm.queue(*brief)
    row.get_by_role("button", name="Brief").click()
    page.locator("[data-testid=summary-card][data-status=done]").wait_for()
    assert "cached" in page.get_by_test_id("summary-notes").text_content()

    # A timeline of every article: a dated list, in order.
    page.locator("#summary-style").select_option("timeline")
    page.locator("#summarize").click()
    page.locator(".timeline").wait_for()
    dates = page.locator(".timeline time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert len(dates) >= 10 and dates == sorted(dates)
    assert page.locator(".timeline li").first.get_by_test_id("citation").count() == 1
    assert page.get_by_test_id("summary-card").get_by_test_id("conflict").count() >= 1

    # A topic, typed in.
    fake_llm.queue("- Kim committed to dispatching 1,000 sappers to demine Kursk.")
    page.get_by_label("A topic").check()
    page.get_by_label("Topic", exact=True).fill("the sappers sent to Kursk")
    page.locator("#summary-style").select_option("bullets")
    page.locator("#summarize").click()
    page.locator("[data-testid=summary-card][data-status=done]").wait_for()
    assert "1,000 sappers" in page.get_by_test_id("summary").text_content()
    assert page.get_by_test_id("summary").locator("li").first.get_by_test_id("citation").count() >= 1

    # From the reader: a summary of the article it shows (a row opens it).
    title = "Russian Official Travels to North Korea"
    page.get_by_test_id("article-row").filter(has_text=title).click()
    page.locator("#reader-title", has_text=title).wait_for()
    fake_llm.queue("- Shoigu arrived in Pyongyang.", "- Shoigu arrived in Pyongyang to confer with Kim.")
    page.locator(".reader-actions").get_by_role("button", name="Bullet summary").click()
    page.locator("[data-testid=summary-card][data-status=done]").wait_for()
    assert title in page.get_by_test_id("summary-card").locator("h3").first.text_content()
    assert page.get_by_test_id("summary").locator("li").first.get_by_test_id("citation").count() >= 1


# --------------------------------------------------------------------------- articles


def test_add_an_article_ask_about_it_then_delete_it(
    library: tuple[str, Services], library_llm: ScriptedChatModel, pages: Pages
) -> None:
    url, _ = library
    page = pages.open(url).page
    rows = page.get_by_test_id("article-row")
    before = rows.count()
    assert page.get_by_role("button", name="Delete").count() == 0  # shipped articles are not deletable
    page.get_by_text("Add an article").click()
    form = page.get_by_test_id("add-article")
    form.get_by_label("Title").fill(BRIDGE_TITLE)
    form.get_by_label("Outlet").fill("Vellmoor Courier")
    form.get_by_label("Published").fill("2025-03-03")
    form.get_by_label("Body").fill(BRIDGE_TEXT)
    with page.expect_response(lambda r: r.request.method == "POST") as made:
        form.get_by_role("button", name="Add article").click()
    assert made.value.status == 201
    added = made.value.json()
    page.locator("#reader-title", has_text=BRIDGE_TITLE).wait_for()
    assert rows.count() == before + 1
    row = rows.filter(has_text=BRIDGE_TITLE)
    assert "Vellmoor Courier" in row.text_content() and "3 March 2025" in row.text_content()
    # The reader shows the body as text: Markdown not rendered, markup inert.
    reader_text = page.get_by_test_id("reader-text")
    assert reader_text.text_content() == added["text"]
    shown = reader_text.text_content()
    assert "**all 212 deck planks**" in shown and "<script>" in shown
    assert reader_text.locator("*").count() == 0
    assert page.evaluate("window.__injected") is None

    library_llm.queue("The Vellmoor footbridge repairs cost 4.2 million euros.")
    asked = ask(page, "How much did the Vellmoor footbridge repairs cost?")
    assert asked.status == "done" and not asked.done["refused"], asked.done
    chip = last_turn(page).get_by_test_id("citation").first
    assert chip.get_attribute("data-article-id") == added["id"]
    assert "4.2 million euros" in open_chip(page, chip)["text"]

    # Delete asks first; cancelling keeps the article.
    page.once("dialog", lambda dialog: dialog.dismiss())
    row.get_by_role("button", name="Delete").click()
    assert rows.count() == before + 1
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda r: r.request.method == "DELETE") as deleted:
        row.get_by_role("button", name="Delete").click()
    assert deleted.value.status == 204
    page.get_by_text(f"Deleted “{BRIDGE_TITLE}”").wait_for()
    assert rows.count() == before and rows.filter(has_text=BRIDGE_TITLE).count() == 0
    assert page.get_by_test_id("highlight").count() == 0  # the reader let go of it
    listed = httpx.get(f"{url}/v1/articles", timeout=10).json()["articles"]
    assert added["id"] not in {a["id"] for a in listed}


def test_the_add_form_shows_the_services_messages(library: tuple[str, Services], pages: Pages) -> None:
    url, services = library
    page = pages.open(url).page
    page.get_by_text("Add an article").click()
    form = page.get_by_test_id("add-article")
    message = page.locator("#add-message")
    submit = form.get_by_role("button", name="Add article")

    submit.click()  # nothing filled in
    page.locator("#add-message.error").wait_for()
    assert "422" in message.text_content() and "title" in message.text_content()

    shipped = httpx.get(f"{url}/v1/articles/goremykin-talks-pyongyang", timeout=10).json()
    form.get_by_label("Title").fill("A copy")
    form.get_by_label("Body").fill(shipped["text"])
    submit.click()
    page.locator("#add-message", has_text="409").wait_for()
    assert "already" in message.text_content()
    message.get_by_role("link").click()  # the article already there opens in the reader
    page.locator("#reader-title", has_text=shipped["title"]).wait_for()

    form.get_by_label("Body").fill("word " * (services.settings.max_article_chars // 5 + 10))
    submit.click()
    page.locator("#add-message", has_text="413").wait_for()
    assert f"{services.settings.max_article_chars:,}" in message.text_content()
    names = {a["title"] for a in httpx.get(f"{url}/v1/articles", timeout=10).json()["articles"]}
    assert "A copy" not in names


def test_a_keyed_service_asks_for_a_key_and_gets_it(
    library: tuple[str, Services], services_factory: Callable[..., Services], pages: Pages
) -> None:
    services = library[1]
    keys = {"api_keys": SecretStr("reader-key"), "admin_keys": SecretStr("admin-key")}
    with serve(create_app(services=services_factory(services.settings.model_copy(update=keys)))) as keyed:
        tab = pages.open(keyed, listed=False)
        page = tab.page
        status = page.locator("#articles-status")
        status.filter(has_text="401").wait_for()
        assert "API key" in status.text_content() and page.locator("#access").get_attribute("open") == ""
        sent: list[str | None] = []
        page.on("request", lambda r: sent.append(r.headers.get("authorization")))
        page.get_by_label("API key").fill("reader-key")
        page.get_by_role("button", name="Use this key").click()
        page.get_by_test_id("article-row").first.wait_for()
        assert sent and set(sent) == {"Bearer reader-key"}
        # A reader's key may not change the articles: 403, said in the form.
        page.get_by_text("Add an article").click()
        form = page.get_by_test_id("add-article")
        form.get_by_label("Title").fill(BRIDGE_TITLE)
        form.get_by_label("Body").fill(BRIDGE_TEXT)
        form.get_by_role("button", name="Add article").click()
        page.locator("#add-message", has_text="403").wait_for()
        assert "admin" in page.locator("#add-message").text_content()


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def test_failures_read_as_messages(
    library: tuple[str, Services],
    library_llm: ScriptedChatModel,
    pages: Pages,
    services_factory: Callable[..., Services],
) -> None:
    url, services = library
    page = pages.open(url).page

    page.get_by_test_id("send").click()  # an empty question never leaves the page
    assert page.locator("#ask-error").text_content() == "Type a question first."

    # 429: the model's waiting line is full.
    before = services.__dict__.get("gatekeeper")
    busy = Gatekeeper(1, 0, 5.0)
    services.__dict__["gatekeeper"] = busy
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with busy.slot():
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(5)
        asked = ask(page, SAPPERS)
    finally:
        release.set()
        holder.join()
        if before is None:
            services.__dict__.pop("gatekeeper", None)
        else:
            services.__dict__["gatekeeper"] = before
    error = last_turn(page).get_by_test_id("ask-error")
    assert asked.status == "failed"
    assert "429" in error.text_content() and "busy" in error.text_content()
    assert "Try again in 20 s" in error.text_content()

    # 503 in the stream: the model drops the connection after the first sentence.
    library_llm.fail_after = 12
    library_llm.queue("North Korea pledged 1,000 sappers to Russia. " + "Further detail follows here. " * 6)
    asked = ask(page, SAPPERS)
    assert asked.status == "failed"
    turn = last_turn(page)
    # What was verified before the failure stays shown, and the failure is said below it.
    assert "1,000 sappers" in turn.get_by_test_id("answer-sentence").first.text_content()
    error = turn.get_by_test_id("ask-error")
    assert "503" in error.text_content() and "language model" in error.text_content()

    # 503 before the stream: the model backend cannot be reached at all.
    settings = services.settings.model_copy(
        update={"llm_backend": "openai", "openai_base_url": f"http://127.0.0.1:{_closed_port()}/v1"}
    )
    with serve(create_app(services=services_factory(settings))) as broken:
        page = pages.open(broken).page
        asked = ask(page, SAPPERS)
        error = last_turn(page).get_by_test_id("ask-error")
        assert asked.status == "failed"
        assert "503" in error.text_content() and "language model" in error.text_content()


# --------------------------------------------------------------------------- access


def test_keyboard_only_from_question_to_highlight_and_back(
    live_server: str, pages: Pages, fake_llm: ScriptedChatModel
) -> None:
    page = pages.open(live_server).page
    fake_llm.queue("North Korea pledged 1,000 sappers to Russia.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the question box"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.type(SAPPERS)
    with page.expect_response(lambda r: r.url.endswith("/v1/ask")) as response:
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=turn][data-status=done]")
    done = sse_events(response.value.text())[-1][1]
    # Back from the question box into the answer, to its last chip.
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.dataset.testid") == "citation":
            break
    chip = page.evaluate("({n: document.activeElement.dataset.n, id: document.activeElement.id})")
    assert chip["n"], "no citation chip reached by keyboard"
    quote = next(c["quote"] for c in done["citations"] if c["n"] == int(chip["n"]))
    assert quote[:40] in page.locator("[role=tooltip]:visible").text_content()  # shown on focus
    page.keyboard.press("Escape")
    assert page.locator("[role=tooltip]:visible").count() == 0  # and dismissible
    page.keyboard.press("Enter")
    page.get_by_test_id("highlight").wait_for()
    state = highlight_state(page)
    assert state["focused"] and state["visible"] and state["text"] == quote
    # The reader offers the way back to where the reader came from.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Back to where I was"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.n") == chip["n"]


def _fill_the_page(page: Page, fake_llm: ScriptedChatModel) -> None:
    """An answer with chips, an unsupported sentence and a conflict card, a refusal, the reader
    open at a highlight, a timeline and the add form open: every kind of thing the page shows."""
    fake_llm.queue("North Korea sent as many as 12,000 troops to Russia. North Korea will open a casino.")
    ask(page, TROOPS)
    fake_llm.queue("What is the population of Pyongyang?")
    ask(page, "What is the population of Pyongyang?")
    open_chip(page, page.get_by_test_id("citation").first)
    page.locator("#summary-style").select_option("timeline")
    page.locator("#summarize").click()
    page.locator("[data-testid=summary-card][data-status=done]").wait_for()
    page.get_by_text("Add an article").click()


def test_no_horizontal_scrolling_at_375_px(
    live_server: str, pages: Pages, fake_llm: ScriptedChatModel, no_summary_cache: None
) -> None:
    page = pages.open(live_server, width=375, height=740).page
    assert horizontal_overflow(page) == 0
    _fill_the_page(page, fake_llm)
    assert horizontal_overflow(page) == 0
    page.get_by_test_id("citation").first.hover()
    tip = page.locator("[role=tooltip]:visible").bounding_box()
    assert tip and tip["x"] >= 0 and tip["x"] + tip["width"] <= 375
    assert horizontal_overflow(page) == 0
    state = highlight_state(page)
    assert state["text"]


def test_axe_finds_no_serious_violations(
    live_server: str, pages: Pages, fake_llm: ScriptedChatModel, no_summary_cache: None
) -> None:
    page = pages.open(live_server).page
    assert serious_axe_violations(page) == []
    _fill_the_page(page, fake_llm)
    page.get_by_test_id("send").click()  # the empty-question message too
    page.get_by_test_id("citation").first.focus()  # and a tooltip
    assert serious_axe_violations(page) == []


def test_every_request_stays_on_the_server(
    live_server: str, pages: Pages, fake_llm: ScriptedChatModel, no_summary_cache: None
) -> None:
    tab = pages.open(live_server)
    _fill_the_page(tab.page, fake_llm)
    paths = {httpx.URL(url).path for url in tab.requests}
    assert {"/", "/static/app.js", "/static/app.css", "/v1/articles", "/v1/ask", "/v1/summaries"} <= paths
    assert tab.foreign_requests() == []
    html = httpx.get(live_server + "/", timeout=10).text
    assert "http://" not in html and "https://" not in html


# --------------------------------------------------------------------------- the real model


def _cache_dir() -> Path:
    configured = os.environ.get("NEWSDESK_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "newsdesk"


@pytest.mark.llm
def test_real_model_answer_in_the_page(
    indexed: Services, services_factory: Callable[..., Services], pages: Pages
) -> None:
    settings = indexed.settings.model_copy(
        update={"llm_backend": "local", "llm_model_path": ensure_model(_cache_dir())}
    )
    with serve(create_app(services=services_factory(settings)), timeout_s=240) as url:
        page = pages.open(url, timeout_ms=300_000).page
        asked = ask(page, SAPPERS, timeout_ms=300_000)
        measured = page.evaluate(
            """() => {
              const at = name => performance.getEntriesByName(name)[0].startTime;
              return {first: at('newsdesk:ask-first-sentence') - at('newsdesk:ask-send'),
                      total: at('newsdesk:ask-done') - at('newsdesk:ask-send')};
            }"""
        )
        server = asked.done["timings"]
        print(
            f"\npage (performance.now): first sentence {measured['first']:.0f} ms,"
            f" done {measured['total']:.0f} ms; server: first sentence"
            f" {server['first_sentence_ms']:.0f} ms, total {server['total_ms']:.0f} ms"
            f" ({ {k: v for k, v in server.items() if k not in ('first_sentence_ms', 'total_ms')} });"
            f" answer: {asked.done['answer']!r}"
        )
        assert asked.status == "done" and not asked.done["refused"], asked.done
        highlights = []
        for chip in page.get_by_test_id("citation").all():
            highlights.append(open_chip(page, chip)["text"])
            if "1,000" in highlights[-1]:
                break
        assert any("1,000" in text for text in highlights), highlights
