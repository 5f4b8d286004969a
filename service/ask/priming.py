"""Evaluate the opening of answer prompts, or articles' states, before anyone asks, while the local
model is idle.

An answer prompt opens with the system message and one window of one article
(``grounding.packing.article_windows``), and the local model server restores the saved state that
shares a prompt's longest prefix. Prompt processing is ~90% of an answer's wait on 2 cores, so a
question about a primed window evaluates only the question and a few extra sentences: measured in
``bench/RESULTS.md``. The primer sends each window's opening with a one-token reply, newest articles
first, up to ``llm_prime_windows`` (the server's cache keeps the most recently used states within
``llm_prompt_cache_mb``), and only while no request holds or waits for the model, so a reader waits
behind at most one priming call. Only the local backend is primed: a remote API bills every call.

With ``answer_fresh_sentences`` on, the server keeps each article's evaluated state instead
(``components/llm/reuse``): the primer has it evaluate those of the newest articles, one per item.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import deque
from collections.abc import Callable

from service.articles import Article
from service.ask.gatekeeper import Gatekeeper
from service.ask.pipeline import PipelineDeps
from service.components.llm.calls import EVIDENCE_FIELD, Usage, invoke
from service.errors import NewsdeskError
from service.grounding.attribution import article_sentences
from service.grounding.packing import Context, article_windows, format_blocks, reuse_request

log = logging.getLogger(__name__)


class Primer:
    """A background queue of article windows whose prompt opening the model evaluates ahead."""

    def __init__(self, deps: Callable[[], PipelineDeps], gatekeeper: Gatekeeper, limit: int) -> None:
        self._deps = deps
        self._gatekeeper = gatekeeper
        self.limit = limit
        self._queue: deque[tuple[str, int]] = deque()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self.primed = 0

    def schedule(self, article_ids: list[str] | None = None) -> None:
        """Queue the windows of ``article_ids`` (default: every article, newest first) up to the limit."""
        deps = self._deps()
        states = deps.settings.reuses_article_states
        if not (deps.settings.answer_lead_window or states) or self.limit <= 0:
            return
        articles = deps.articles
        ids = article_ids or sorted(
            articles, key=lambda i: articles[i].meta.published or dt.date.min, reverse=True
        )
        # Cut only the articles the limit reaches: an archive holds thousands.
        windows: list[tuple[str, int]] = []
        for i in (i for i in ids if i in articles):
            if len(windows) >= self.limit:
                break
            if states:
                windows.append((i, _STATE))
                continue
            count = len(article_windows(articles[i], deps.settings.answer_lead_window))
            windows += [(i, n) for n in range(count)]
        with self._lock:
            # A newly added article goes first; the queue never holds more than the limit.
            self._queue.extendleft(reversed(windows))
            while len(self._queue) > self.limit:
                self._queue.pop()
            self.idle.clear()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="prompt-primer", daemon=True)
                self._thread.start()

    def close(self) -> None:
        self._stop.set()

    def _next(self) -> tuple[str, int] | None:
        with self._lock:
            if not self._queue:
                self.idle.set()
                return None
            return self._queue.popleft()

    def _run(self) -> None:
        while not self._stop.is_set() and (item := self._next()) is not None:
            # Readers first: wait while any request holds or waits for the model.
            while self._gatekeeper.depth and not self._stop.wait(0.1):
                pass
            try:
                self._prime(*item)
            except NewsdeskError as exc:  # a model that is down is reported by /readyz, not here
                log.info("priming stopped: %s", exc)
                with self._lock:
                    self._queue.clear()
            except Exception:  # a background helper must not die silently
                log.exception("priming %s failed", item[0])

    def _prime(self, article_id: str, window: int) -> None:
        deps = self._deps()
        article = deps.articles.get(article_id)
        if article is None:
            return
        if window == _STATE:
            self._prime_state(deps, article)
            return
        windows = article_windows(article, deps.settings.answer_lead_window)
        if window >= len(windows):
            return
        sources = format_blocks([windows[window]], deps.articles)
        messages = deps.prompts["answer"].template().format_messages(sources=sources, question="")
        with self._gatekeeper.slot():
            invoke(deps.chat.model, messages, deps.settings.ask_timeout_s, Usage(), max_tokens=1)
        self.primed += 1
        log.debug("primed %s window %d", article_id, window)

    def _prime_state(self, deps: PipelineDeps, article: Article) -> None:
        """Have the server evaluate the article's state, asking about its first sentence."""
        first = article_sentences(article)[:1]
        if not first:
            return
        context = Context(first, first, format_blocks([first], deps.articles), 0, [first], [])
        messages = deps.prompts["answer"].template().format_messages(sources=context.text, question="")
        extra = {EVIDENCE_FIELD: reuse_request(context, deps.articles, 0)}
        with self._gatekeeper.slot():
            invoke(deps.chat.model, messages, deps.settings.ask_timeout_s, Usage(), 1, extra)
        self.primed += 1
        log.debug("primed the state of %s", article.id)


_STATE = -1  # a queued article whose whole state is primed, not one of its windows
