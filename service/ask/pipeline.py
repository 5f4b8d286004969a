"""The one path every question takes, streamed or not (``AskPipeline.events``):

screen (no model: a question the articles cannot answer is refused before the queue)
→ hold the model → condense history → hybrid retrieve → evidence gate → pack evidence → generate
(temperature 0) → attribute and verify each sentence as it completes → conflicts → result.

``/v1/ask``, its stream and chat completions all read these events; a blocking call collects them.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from service.articles import Article
from service.ask.events import AskEvent, Conflicts, Done, Refusal, Sentence, Started, collect
from service.ask.result import AskResult, NearestArticle, Timings, Usage
from service.components.backends import ChatBackend
from service.components.llm.calls import EVIDENCE_FIELD, invoke, stream
from service.config import Settings
from service.errors import BackendUnavailableError
from service.grounding.asked import gives_what_was_asked
from service.grounding.attribution import Attributor, article_sentences, plain_sentences, strip_markers
from service.grounding.conflicts import ConflictFinder, FigureMention, cite, describe
from service.grounding.gate import evidence_found, nothing_indexed
from service.grounding.model import AttributedText, Citation, Conflict, cited_in
from service.grounding.packing import Context, build_context, evidence_budget, reuse_request
from service.grounding.refusal import is_refusal, refusal_text
from service.grounding.restating import restating_sentences
from service.grounding.support import JudgeDeferred, SupportChecker, model_judge
from service.grounding.words import stem
from service.prompts import Prompt
from service.retrieval.hybrid import HybridRetriever, SearchHit
from service.text import ends_sentence, sentence_spans, terms

HistoryTurn = tuple[str, str]  # (role, content)
Slot = Callable[[], AbstractContextManager[None]]

# Restating sentences tried before a refusal (each is checked; no model call).
RESTATE_TRIES = 3


@dataclass(frozen=True)
class PipelineDeps:
    """What the answering and summary pipelines work with (built by ``Services.deps()``)."""

    settings: Settings
    retriever: HybridRetriever
    articles: dict[str, Article]
    embeddings: Embeddings
    chat: ChatBackend
    prompts: dict[str, Prompt]
    # Held while the model works for one question (the container's queue; none in the eval).
    slot: Slot = nullcontext


@dataclass(frozen=True)
class Question:
    """One question as asked: its text, the conversation before it, and where to look."""

    text: str
    history: tuple[HistoryTurn, ...] = ()
    article_ids: tuple[str, ...] | None = None
    k: int | None = None


@dataclass
class Prepared:
    """Everything known before generation."""

    question: str
    standalone: str
    article_ids: list[str] | None
    hits: list[SearchHit]
    context: Context
    gate_passed: bool
    usage: Usage = field(default_factory=Usage)
    timings: Timings = field(default_factory=Timings)
    started: float = field(default_factory=time.perf_counter)
    attributor: Attributor | None = None


class AskPipeline:
    """Answers questions over the indexed articles; stateless between calls."""

    def __init__(self, deps: PipelineDeps) -> None:
        self.deps = deps
        self.settings = deps.settings
        self.retriever = deps.retriever
        self.articles = deps.articles
        self.embeddings = deps.embeddings
        self.chat = deps.chat
        prompts = deps.prompts
        self.answer_prompt = prompts["answer"]
        self.condense_prompt = prompts["condense"]

    # ---- the one path
    def events(
        self, asked: Question, cancel: threading.Event | None = None, streamed: bool = True
    ) -> Iterator[AskEvent]:
        """Answer one question as a stream of events (see ``service.ask.events``); ``cancel`` set by
        a caller that went away stops generation at the next token and frees the model.

        ``streamed=False`` (a caller that collects the events) takes the model's reply whole: the
        same steps, and an OpenAI-compatible server reports token usage only for replies not streamed."""
        question, history, k = asked.text, list(asked.history), asked.k
        article_ids = list(asked.article_ids) if asked.article_ids else None
        started = time.perf_counter()
        # Refusing needs no model, so it does not wait behind another answer for it.
        screened = self.screen(question, history, article_ids, k, started)
        if not screened.gate_passed:
            yield from self._refused(screened, "evidence gate")
            return
        with self.deps.slot():
            yield Started()
            prepared = screened
            if history:
                prepared = self.prepare(question, history, article_ids, k, started)
                if not prepared.gate_passed:
                    yield from self._refused(prepared, "evidence gate")
                    return
            yield from self._answer(prepared, cancel or threading.Event(), streamed)

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        article_ids: list[str] | None = None,
        k: int | None = None,
    ) -> AskResult:
        """Answer one question (blocking): the event stream, collected."""
        asked = Question(question, tuple(history or ()), tuple(article_ids) if article_ids else None, k)
        return collect(self.events(asked, streamed=False))

    # ---- steps
    def screen(
        self,
        question: str,
        history: list[HistoryTurn],
        article_ids: list[str] | None,
        k: int | None,
        started: float,
    ) -> Prepared:
        """Retrieve and gate without the model. A follow-up cannot be condensed yet, so it passes if
        it finds evidence alone or, unless none of its words is in the index, with the last question;
        the condensed question is gated again."""
        # A follow-up's evidence is packed only once it is condensed (``prepare``).
        packed = not history
        alone = self.retrieve(question, question, article_ids, k, started, Usage(), packed)
        last_user = _last_question(history)
        if alone.gate_passed or not last_user or nothing_indexed(question, self.retriever):
            return alone
        combined = f"{last_user} {question}"
        return self.retrieve(question, combined, article_ids, k, started, Usage(), packed)

    def prepare(
        self,
        question: str,
        history: list[HistoryTurn],
        article_ids: list[str] | None,
        k: int | None,
        started: float | None = None,
    ) -> Prepared:
        """Condense (with history), retrieve, gate and build the prompt context."""
        started = time.perf_counter() if started is None else started
        usage = Usage()
        standalone = self.condense(question, history, usage) if history else question
        return self.retrieve(question, standalone, article_ids, k, started, usage)

    def retrieve(
        self,
        question: str,
        standalone: str,
        article_ids: list[str] | None,
        k: int | None,
        started: float,
        usage: Usage,
        packed: bool = True,
    ) -> Prepared:
        """Hybrid search, the evidence gate, and (if it passes and ``packed``) the evidence the
        prompt carries."""
        hits = self.retriever.search(standalone, k or self.settings.search_k, article_ids)
        # Gate on cosine similarity, whose scale is the same for every query (fusion scores are
        # ranks), helped by rare names the question shares with a retrieved chunk.
        gate_passed = evidence_found(standalone, hits, self.retriever, self.settings, self.embeddings)
        budget = evidence_budget(
            standalone, self.settings.answer_token_budget, self.settings.answer_token_budget_broad
        )
        context = (
            build_context(
                standalone,
                hits,
                self.articles,
                self.embeddings,
                budget,
                lead_window=self.settings.answer_lead_window,
            )
            if gate_passed and packed
            else Context([], [], "", 0)
        )
        prepared = Prepared(
            question, standalone, article_ids, hits, context, gate_passed, usage, started=started
        )
        prepared.timings.retrieve_ms = _ms(started)
        return prepared

    def condense(self, question: str, history: list[HistoryTurn], usage: Usage) -> str:
        """Rewrite a follow-up as a standalone question using the conversation."""
        turns = history[-6:]  # recent turns carry the referent; older ones only cost prompt tokens
        text = "\n".join(f"{role}: {content}" for role, content in turns)
        messages = self.condense_prompt.template().format_messages(history=text, question=question)
        reply = invoke(self.chat.model, messages, self.settings.condense_timeout_s, usage).strip()
        rewritten = reply.splitlines()[0].strip() if reply else ""
        if _looks_like_question(rewritten) and _keeps_follow_up(rewritten, question):
            return rewritten
        # A small model sometimes answers instead of rewriting ("June 2024"), or repeats the last
        # question without what the follow-up adds: fall back to the last question asked plus the
        # follow-up, which retrieval handles well enough.
        return f"{_last_question(history)} {question}".strip()

    def tokens(self, prepared: Prepared, cancel: threading.Event, streamed: bool) -> Iterator[str]:
        """The model's text as it is generated (``streamed``) or whole; a stream stops (closing the
        model's stream) once ``cancel`` is set."""
        started = time.perf_counter()
        messages = self.answer_prompt.template().format_messages(
            sources=prepared.context.text, question=prepared.standalone
        )
        extra = self._reuse(prepared)
        if not streamed:
            yield invoke(
                self.chat.model, messages, self.settings.ask_timeout_s, prepared.usage, extra_body=extra
            )
            prepared.timings.generate_ms = _ms(started)
            return
        pieces = stream(
            self.chat.model, messages, self.settings.ask_timeout_s, prepared.usage, extra_body=extra
        )
        try:
            for piece in pieces:
                if cancel.is_set():
                    break
                yield piece
        finally:
            pieces.close()  # a stop before the end closes the model's stream: the server stops too
            prepared.timings.generate_ms = _ms(started)

    def _reuse(self, prepared: Prepared) -> dict[str, Any] | None:
        """The evidence for the local model server to take from articles' evaluated states, when
        that is on."""
        if not self.settings.reuses_article_states or not prepared.context.blocks:
            return None
        fresh = self.settings.answer_fresh_sentences
        return {EVIDENCE_FIELD: reuse_request(prepared.context, self.articles, fresh)}

    def _answer(self, prepared: Prepared, cancel: threading.Event, streamed: bool) -> Iterator[AskEvent]:
        """Generate, and release each sentence once it is complete and verified.

        A sentence is complete when the next one has begun, or when closing punctuation is followed
        by the next token. Sentences are held back until the answer gives what was asked (usually
        the first one does): an answer that never does becomes a refusal, and a client must not have
        been shown its sentences as the answer first. A sentence the structured checks cannot decide
        waits, with those after it, until generation ends: the judge is the same one-slot model.
        """
        attributor = self._attributor(prepared)
        attributed = AttributedText(text="")
        raw, done, declined = "", 0, False
        held: list[Sentence] = []
        gives = False

        def verified(sentence: str) -> Iterator[Sentence]:
            nonlocal gives
            marked = attributor.annotate_sentence(sentence, attributed)
            held.append(Sentence(("" if done == 0 else " ") + marked, cited_in(marked, attributor.citations)))
            gives = gives or (
                bool(attributed.supported)
                and gives_what_was_asked(prepared.standalone, attributed.supported[-1:])
            )
            if gives:
                if prepared.timings.first_sentence_ms == 0:
                    prepared.timings.first_sentence_ms = _ms(prepared.started)
                yield from held
                held.clear()

        waiting = False  # a sentence needs the model as judge: it and those after wait for the end
        for piece in self.tokens(prepared, cancel, streamed):
            raw += piece
            if done == 0 and is_refusal(raw):
                declined = True  # the model says the excerpts do not answer: stop it here
                break
            if waiting:
                continue
            clean = plain_sentences(strip_markers(raw))
            spans = sentence_spans(clean)
            complete = len(spans) if raw[-1:].isspace() and ends_sentence(clean) else len(spans) - 1
            for start, end in spans[done:complete]:
                try:
                    with attributor.checker.judge_held():
                        yield from verified(clean[start:end])
                except JudgeDeferred:
                    waiting = True
                    break
                done += 1
        if cancel.is_set():
            return
        if not declined:
            clean = plain_sentences(strip_markers(raw))
            for start, end in sentence_spans(clean)[done:]:
                yield from verified(clean[start:end])
                done += 1
        # What the reader has been shown, before ``finish`` appends the differing figures to it.
        shown = attributed.text if gives else ""
        # A second try only for an answer the reader has not been shown any of: the stream must
        # not show one answer and end with another.
        result = self.finish(
            prepared, raw, AttributedText(text="") if declined else attributed, retry=not shown
        )
        if result.refused:
            yield Refusal(result.answer, result.refusal_reason or "")
        elif not shown and not result.conflicts:
            # Nothing of the first answer was shown: the second try's answer (``_retry``), whole.
            if prepared.timings.first_sentence_ms == 0:
                prepared.timings.first_sentence_ms = _ms(prepared.started)
            yield Sentence(result.answer, list(result.citations))
        elif result.conflicts:
            tail = result.answer[len(shown) :] if result.answer.startswith(shown) else result.answer
            yield Conflicts(result.conflicts, tail, cited_in(tail, result.citations))
        yield Done(result)

    def _refused(self, prepared: Prepared, reason: str) -> Iterator[AskEvent]:
        result = self._result(prepared, AttributedText(text=refusal_text()), [], refused=True, reason=reason)
        yield Refusal(result.answer, reason)
        yield Done(result)

    def finish(
        self, prepared: Prepared, raw: str, attributed: AttributedText | None = None, retry: bool = True
    ) -> AskResult:
        """Attribute the model's text, add conflicts, decide whether it is an answer or a refusal
        (``retry``: before refusing an answer that did not hold up, ask once more, see ``_retry``)."""
        attributor = self._attributor(prepared)
        model_refused = is_refusal(raw)
        if attributed is None:
            attributed = AttributedText(text="") if model_refused else attributor.annotate(raw)
        answers = bool(attributed.supported_sentences) and gives_what_was_asked(
            prepared.standalone, attributed.supported
        )
        # A conflict is added to an answer that stands on the articles, or is the answer when the
        # question asks for the very figure the articles disagree on (below); else a refusal stays one.
        found = self._conflicts(prepared, attributed.text if answers else "", attributor.outlets)
        if not attributed.supported_sentences and not found:
            if retry and not model_refused and (again := self._fall_back(prepared)) is not None:
                return again
            reason = (
                "model declined"
                if model_refused
                else "no sentence of the answer is supported by the articles"
            )
            refusal = AttributedText(text=refusal_text(), unsupported=attributed.unsupported)
            return self._result(prepared, refusal, [], refused=True, reason=reason)
        if not answers:
            # True and cited, but not what was asked ("the names of the missiles?" → "Kim praised
            # the missiles"; "how many were evacuated?" → "640 spent the night in shelters"): the
            # articles do not say — unless they give differing figures for the very thing asked,
            # which then are the answer, numbered afresh.
            if not found:
                if retry and (again := self._fall_back(prepared)) is not None:
                    return again
                refusal = AttributedText(text=refusal_text(), unsupported=attributed.unsupported)
                return self._result(
                    prepared, refusal, [], refused=True, reason="the answer does not give what was asked"
                )
            attributor = Attributor(
                [], {}, self.embeddings, checker=attributor.checker, outlets=attributor.outlets
            )
            attributed = AttributedText(text="", unsupported=attributed.unsupported)
        conflicts = cite(found, attributor.cite)
        if conflicts:
            attributed.text = f"{attributed.text} {describe(conflicts, attributor.outlets)}".strip()
            attributed.citations = attributor.citations
        return self._result(prepared, attributed, conflicts, refused=False)

    def _fall_back(self, prepared: Prepared) -> AskResult | None:
        """Before refusing an answer that did not hold up: a sentence of the evidence that restates
        the question with its answer (``_restate``), else a second try (``_retry``)."""
        return self._restate(prepared) or self._retry(prepared)

    def _restate(self, prepared: Prepared) -> AskResult | None:
        """The evidence sentence that holds every content word of the question and gives what it
        asks for (``restating_sentences``), as the answer, checked like any other: no model call."""
        found = restating_sentences(prepared.standalone, prepared.context.candidates)
        if not found:
            return None
        # The closest to the question first; a few are tried, as the closest may fail a check.
        vectors = np.asarray(self.embeddings.embed_documents([s.text for s in found]), dtype=np.float32)
        query = np.asarray(self.embeddings.embed_query(prepared.standalone), dtype=np.float32)
        order = np.argsort(-(vectors @ query))[:RESTATE_TRIES]
        for i in order:
            if (again := self._answer_again(prepared, found[int(i)].text)) is not None:
                return again
        return None

    def _retry(self, prepared: Prepared) -> AskResult | None:
        """Ask once more from only the few sentences that match the question best, when nothing of
        the first answer held up: a small model given 600 tokens of evidence often answers from the
        wrong sentence, or writes a claim no sentence makes. The second answer is checked the same
        way, against the same candidate sentences; None when retrying is off, finds no evidence, or
        is refused too."""
        budget = self.settings.answer_retry_token_budget
        if budget <= 0:
            return None
        focused = build_context(prepared.standalone, prepared.hits, self.articles, self.embeddings, budget)
        if not focused.prompt_sources:
            return None
        started = time.perf_counter()
        messages = self.answer_prompt.template().format_messages(
            sources=focused.text, question=prepared.standalone
        )
        try:
            raw = invoke(self.chat.model, messages, self.settings.ask_timeout_s, prepared.usage)
        except BackendUnavailableError:
            return None  # the first answer's refusal stands: a failed second try is no error
        finally:
            prepared.timings.generate_ms += _ms(started)
        return self._answer_again(prepared, raw)

    def _answer_again(self, prepared: Prepared, raw: str) -> AskResult | None:
        """``raw`` in place of an answer that did not hold up: attributed afresh and checked, or None
        (leaving the first refusal, which says why) when it does not hold up either.

        It must stand on the structured checks alone: the judge is the model that got the first
        answer wrong, and on the eval's tuning part it said yes to most wrong second answers
        (evals/README.md, "Second try"); a restating sentence is the article's own words. The
        checker is this answer's own, so its counts cover both tries."""
        first = self._attributor(prepared)
        first.checker.judge = None
        # Numbered afresh, over the same candidates: the first answer's citations are dropped.
        prepared.attributor = Attributor.over(
            prepared.context.candidates,
            self.articles,
            self.embeddings,
            question=prepared.standalone,
            checker=first.checker,
        )
        again = self.finish(prepared, raw, retry=False)
        if again.refused:
            prepared.attributor = first
            return None
        return again

    def _attributor(self, prepared: Prepared) -> Attributor:
        # One per answer; its sentence vectors come from the shared embedding cache.
        if prepared.attributor is None:
            prepared.attributor = Attributor.over(
                prepared.context.candidates,
                self.articles,
                self.embeddings,
                question=prepared.standalone,
                checker=support_checker(self.deps, prepared.usage),
            )
        return prepared.attributor

    # ---- helpers
    def _conflicts(
        self, prepared: Prepared, answer: str, outlets: dict[str, str]
    ) -> list[list[FigureMention]]:
        # Look wider than the prompt: a differing figure may sit in an article just outside the top k.
        hits = self.retriever.search(prepared.standalone, self.settings.conflict_scan_k, prepared.article_ids)
        texts = {
            article_id: self.articles[article_id].text
            for article_id in dict.fromkeys(h.chunk.article_id for h in hits)
            if article_id in self.articles
        }
        sentences = [s for article_id in texts for s in article_sentences(self.articles[article_id])]
        published = {
            article_id: day
            for article_id in texts
            if (day := self.articles[article_id].meta.published) is not None
        }
        years = {article_id: day.year for article_id, day in published.items()}
        finder = ConflictFinder(self.embeddings)
        stated = _CITATION_MARK.sub("", answer)
        return [
            c
            for c in finder.find(sentences, published)
            if finder.relevant(c, prepared.standalone, stated, outlets, texts, years)
        ]

    def _result(
        self,
        prepared: Prepared,
        text: AttributedText,
        conflicts: list[Conflict],
        refused: bool,
        reason: str | None = None,
    ) -> AskResult:
        prepared.timings.total_ms = _ms(prepared.started)
        if prepared.attributor is not None:
            checker = prepared.attributor.checker
            prepared.timings.support_ms = round(checker.elapsed_s * 1000, 1)
            prepared.timings.support_checks = checker.checks
            prepared.timings.support_judge_calls = checker.judge_calls
        return AskResult(
            answer=text.text,
            question=prepared.question,
            standalone_question=prepared.standalone,
            refused=refused,
            citations=[] if refused else text.citations,
            unsupported=text.unsupported,
            conflicts=conflicts,
            nearest_articles=_nearest(prepared.hits) if refused else [],
            model=self.chat.name,
            usage=prepared.usage,
            timings=prepared.timings,
            refusal_reason=reason,
            supported_sentences=0 if refused else text.supported_sentences,
        )


# Words a follow-up uses to point back at the conversation, or to ask "how many": a rewrite replaces
# them with what they point at.
_POINTING_BACK = frozenset(
    "about again also another else he her him his it many much next one other others same she "
    "that their them then these they this those".split()
)
_CITATION_MARK = re.compile(r"\s*\[(?:\d+|unsupported)\]")
_QUESTION_START = re.compile(
    r"^(who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|has|have|had)\b",
    re.IGNORECASE,
)


def support_checker(deps: PipelineDeps, usage: Usage) -> SupportChecker:
    """The support check, with the chat model as judge of undecided claims unless turned off."""
    judge = None
    if deps.settings.support_judge == "model":
        judge = model_judge(deps.chat.model, deps.prompts["support"], deps.settings.support_timeout_s, usage)
    return SupportChecker(deps.embeddings, judge)


def _last_question(history: list[HistoryTurn]) -> str:
    return next((content for role, content in reversed(history) if role == "user"), "")


def _looks_like_question(text: str) -> bool:
    return text.endswith("?") or bool(_QUESTION_START.match(text))


def _keeps_follow_up(rewritten: str, follow_up: str) -> bool:
    """Whether a rewrite keeps what the follow-up asks. Asked "And how many were injured, by the
    same count?" after a question about deaths, a small model may repeat the deaths question: a
    rewrite with none of the follow-up's own words (by stem) asks something else. A follow-up made
    only of words that point back ("When did she do that?") has nothing to keep."""
    own = {stem(t) for t in terms(follow_up) if t not in _POINTING_BACK}
    return not own or bool(own & {stem(t) for t in terms(rewritten)})


def _nearest(hits: list[SearchHit]) -> list[NearestArticle]:
    best: dict[str, NearestArticle] = {}
    for h in hits:
        if h.chunk.article_id not in best or h.similarity > best[h.chunk.article_id].similarity:
            best[h.chunk.article_id] = NearestArticle(
                h.chunk.article_id, h.chunk.title, round(h.similarity, 4)
            )
    return sorted(best.values(), key=lambda a: -a.similarity)[:3]


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


__all__ = ["AskPipeline", "Citation", "HistoryTurn", "Prepared", "Question", "Slot"]
