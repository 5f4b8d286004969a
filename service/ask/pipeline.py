"""The answering chain (LangChain LCEL):

condense history → hybrid retrieve → evidence gate → prompt → generate (temperature 0)
→ attribute and verify citations → conflicts → result.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.runnables import Runnable, RunnableBranch, RunnableLambda

from service.articles import Article
from service.ask.result import AskResult, NearestArticle, Timings, Usage
from service.components.backends import ChatBackend
from service.components.llm.calls import BACKEND_FAULTS, count, invoke
from service.config import Settings
from service.errors import BackendUnavailableError
from service.grounding.asked import gives_what_was_asked
from service.grounding.attribution import Attributor, article_sentences, plain_sentences, strip_markers
from service.grounding.conflicts import ConflictFinder, FigureMention, cite, describe
from service.grounding.gate import evidence_found
from service.grounding.model import AttributedText, Citation, Conflict
from service.grounding.packing import Context, build_context
from service.grounding.refusal import is_refusal, refusal_text
from service.grounding.support import SupportChecker, model_judge
from service.prompts import Prompt
from service.retrieval.hybrid import HybridRetriever, SearchHit
from service.text import sentence_spans

HistoryTurn = tuple[str, str]  # (role, content)


@dataclass(frozen=True)
class PipelineDeps:
    """What the answering and summary pipelines work with (built by ``Services.deps()``)."""

    settings: Settings
    retriever: HybridRetriever
    articles: dict[str, Article]
    embeddings: Embeddings
    chat: ChatBackend
    prompts: dict[str, Prompt]


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

    # ---- the chain
    def chain(self) -> Runnable[dict[str, Any], AskResult]:
        """The whole pipeline as one LCEL runnable taking ``{question, history, article_ids, k}``."""
        prepare: Runnable[dict[str, Any], Prepared] = RunnableLambda(
            lambda x: self.prepare(x["question"], x.get("history") or [], x.get("article_ids"), x.get("k"))
        )
        refuse: Runnable[Prepared, AskResult] = RunnableLambda(self.refuse)
        answer: Runnable[Prepared, AskResult] = RunnableLambda(lambda p: self.finish(p, self.generate(p)))
        return prepare | RunnableBranch((lambda p: not p.gate_passed, refuse), answer)

    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | None = None,
        article_ids: list[str] | None = None,
        k: int | None = None,
    ) -> AskResult:
        """Answer one question (blocking)."""
        return self.chain().invoke(
            {"question": question, "history": history, "article_ids": article_ids, "k": k}
        )

    # ---- steps
    def prepare(
        self, question: str, history: list[HistoryTurn], article_ids: list[str] | None, k: int | None
    ) -> Prepared:
        """Condense, retrieve, gate and build the prompt context."""
        started = time.perf_counter()
        usage = Usage()
        standalone = self.condense(question, history, usage) if history else question
        hits = self.retriever.search(standalone, k or self.settings.search_k, article_ids)
        # Gate on cosine similarity, whose scale is the same for every query (fusion scores are
        # ranks), helped by rare names the question shares with a retrieved chunk.
        gate_passed = evidence_found(standalone, hits, self.retriever, self.settings)
        context = (
            build_context(standalone, hits, self.articles, self.embeddings, self.settings.prompt_token_budget)
            if gate_passed
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
        if _looks_like_question(rewritten):
            return rewritten
        # A small model sometimes answers instead of rewriting ("June 2024"): fall back to the last
        # question asked plus the follow-up, which retrieval handles well enough.
        last_user = next((content for role, content in reversed(history) if role == "user"), "")
        return f"{last_user} {question}".strip()

    def generate(self, prepared: Prepared) -> str:
        """Call the model once on the prompt; returns its raw text."""
        started = time.perf_counter()
        messages = self.answer_prompt.template().format_messages(
            sources=prepared.context.text, question=prepared.standalone
        )
        reply = invoke(self.chat.model, messages, self.settings.ask_timeout_s, prepared.usage)
        prepared.timings.generate_ms = _ms(started)
        return reply

    def stream(self, prepared: Prepared) -> Iterator[str]:
        """Yield the model's text as it is generated (the caller finishes with ``finish``)."""
        started = time.perf_counter()
        messages = self.answer_prompt.template().format_messages(
            sources=prepared.context.text, question=prepared.standalone
        )
        try:
            final = None
            for chunk in self.chat.model.stream(messages):
                final = chunk if final is None else final + chunk
                if chunk.content:
                    yield str(chunk.content)
        except BACKEND_FAULTS as exc:
            raise BackendUnavailableError(f"the language model did not answer: {exc}") from exc
        if final is not None:
            count(final, prepared.usage)
        prepared.timings.generate_ms = _ms(started)

    def refuse(self, prepared: Prepared) -> AskResult:
        """The evidence gate's refusal: no LLM call."""
        return self._result(
            prepared, AttributedText(text=refusal_text()), [], refused=True, reason="evidence gate"
        )

    def finish(self, prepared: Prepared, raw: str, attributed: AttributedText | None = None) -> AskResult:
        """Attribute the model's text, add conflicts, decide whether it is an answer or a refusal."""
        attributor = self._attributor(prepared)
        model_refused = is_refusal(raw)
        if attributed is None:
            attributed = AttributedText(text="") if model_refused else attributor.annotate(raw)
        if not attributed.supported_sentences:
            reason = (
                "model declined"
                if model_refused
                else "no sentence of the answer is supported by the articles"
            )
            refusal = AttributedText(text=refusal_text(), unsupported=attributed.unsupported)
            return self._result(prepared, refusal, [], refused=True, reason=reason)
        # Only an answer that stands on the articles gets the other figures added: a refusal stays one.
        answers = gives_what_was_asked(prepared.standalone, attributed.supported)
        found = self._conflicts(prepared, attributed.text if answers else "")
        if not answers:
            # True and cited, but not what was asked ("the names of the missiles?" → "Kim praised
            # the missiles"; "how many were evacuated?" → "640 spent the night in shelters"): the
            # articles do not say — unless they give differing figures for the very thing asked,
            # which then are the answer, numbered afresh.
            if not found:
                refusal = AttributedText(text=refusal_text(), unsupported=attributed.unsupported)
                return self._result(
                    prepared, refusal, [], refused=True, reason="the answer does not give what was asked"
                )
            attributor = Attributor([], {}, self.embeddings, checker=attributor.checker)
            attributed = AttributedText(text="", unsupported=attributed.unsupported)
        conflicts = cite(found, attributor.cite)
        if conflicts:
            attributed.text = f"{attributed.text} {describe(conflicts)}".strip()
            attributed.citations = attributor.citations
        return self._result(prepared, attributed, conflicts, refused=False)

    def stream_verified(self, prepared: Prepared) -> Iterator[str | AskResult]:
        """Stream the answer sentence by sentence, each already attributed; the last item is the result.

        A sentence is released only once the next one has begun (or generation ended), so what a
        client sees is the same verified, marked text that the non-streaming answer returns.
        """
        if not prepared.gate_passed:
            result = self.refuse(prepared)
            yield result.answer
            yield result
            return
        attributor = self._attributor(prepared)
        attributed = AttributedText(text="")
        raw, released, declined = "", 0, False
        for piece in self.stream(prepared):
            raw += piece
            if released == 0 and is_refusal(raw):
                declined = True
            if declined:
                continue
            clean = plain_sentences(strip_markers(raw))
            spans = sentence_spans(clean)
            for start, end in spans[released : len(spans) - 1]:
                yield ("" if released == 0 else " ") + attributor.annotate_sentence(
                    clean[start:end], attributed
                )
                released += 1
        if not declined:
            clean = plain_sentences(strip_markers(raw))
            for start, end in sentence_spans(clean)[released:]:
                yield ("" if released == 0 else " ") + attributor.annotate_sentence(
                    clean[start:end], attributed
                )
                released += 1
        streamed = attributed.text
        result = self.finish(prepared, raw, AttributedText(text="") if declined else attributed)
        tail = (
            result.answer[len(streamed) :] if result.answer.startswith(streamed) else "\n\n" + result.answer
        )
        if tail.strip():
            yield tail
        yield result

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
    def _conflicts(self, prepared: Prepared, answer: str) -> list[list[FigureMention]]:
        # Look wider than the prompt: a differing figure may sit in an article just outside the top k.
        hits = self.retriever.search(prepared.standalone, self.settings.conflict_scan_k, prepared.article_ids)
        sentences = [
            s
            for article_id in dict.fromkeys(h.chunk.article_id for h in hits)
            if article_id in self.articles
            for s in article_sentences(self.articles[article_id])
        ]
        finder = ConflictFinder(self.embeddings)
        stated = _CITATION_MARK.sub("", answer)
        return [c for c in finder.find(sentences) if finder.relevant(c, prepared.standalone, stated)]

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


def _looks_like_question(text: str) -> bool:
    return text.endswith("?") or bool(_QUESTION_START.match(text))


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


__all__ = ["AskPipeline", "Citation", "HistoryTurn", "Prepared"]
