"""The baseline Newsdesk is measured against: LangChain's standard RAG recipe.

Dense top-4 from the same Chroma store, the chunks "stuffed" into one prompt, the same model, and the
model's own ``[n]`` markers taken as its citations. Nothing is verified.
"""

from __future__ import annotations

import re
import time
from typing import Any

from langchain_core.documents import Document
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableParallel, RunnablePassthrough

from service.articles import Article
from service.components.backends import ChatBackend
from service.components.store import ChunkStore
from service.evals.cases import Case
from service.evals.results import CaseResult
from service.grounding.refusal import is_refusal
from service.prompts import Prompt
from service.text import sentence_spans

_MARKER = re.compile(r"\[(\d+)\]")
NaiveChain = Runnable[str, dict[str, Any]]


def _format(docs: list[Document]) -> str:
    return "\n\n".join(f"[{i}] {d.page_content}" for i, d in enumerate(docs, 1))


def naive_chain(store: ChunkStore, chat: ChatBackend, prompt: Prompt) -> NaiveChain:
    """``question -> {docs, answer}`` built with LCEL."""
    retriever = store.vectors.as_retriever(search_kwargs={"k": 4})
    generate = (
        {"context": lambda x: _format(x["docs"]), "question": lambda x: x["question"]}
        | prompt.template()
        | chat.model
        | StrOutputParser()
    )
    return RunnableParallel(docs=retriever, question=RunnablePassthrough()).assign(answer=generate)


def run_naive(chain: NaiveChain, case: Case, articles: dict[str, Article]) -> CaseResult:
    """Answer one case the naive way and record its model-written citations."""
    result = CaseResult(case.id, case.kind, "naive")
    started = time.perf_counter()
    out = chain.invoke(case.final_question)  # the recipe has no history: follow-ups go in as they are
    result.latency_ms = round((time.perf_counter() - started) * 1000, 1)
    docs: list[Document] = out["docs"]
    answer: str = out["answer"].strip()
    result.answer = answer
    result.retrieved_articles = [str(d.metadata["article_id"]) for d in docs]
    result.refused = is_refusal(answer)
    for n in sorted({int(m) for m in _MARKER.findall(answer)}):
        if 1 <= n <= len(docs):
            meta = docs[n - 1].metadata
            quote = docs[n - 1].page_content
            article = articles.get(str(meta["article_id"]))
            ok = article is not None and article.text[int(meta["start"]) : int(meta["end"])] == quote
            result.citations.append({"n": n, "article_id": meta["article_id"], "quote": quote, "valid": ok})
            result.valid_citations += ok
        else:  # a marker pointing at a source that was never given
            result.citations.append({"n": n, "article_id": None, "quote": "", "valid": False})
    spans = sentence_spans(answer)
    result.sentences = len(spans)
    result.unsupported = sum(1 for s, e in spans if not _MARKER.search(answer[s:e]))
    return result
