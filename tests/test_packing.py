"""What goes into an answer prompt: the evidence budget follows the question; the opening window is
the same for every question about that part of an article, and is evaluated ahead."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time

import pytest

from service.ask.gatekeeper import Gatekeeper
from service.ask.pipeline import AskPipeline, PipelineDeps
from service.ask.priming import Primer
from service.components.llm.calls import EVIDENCE_FIELD
from service.components.llm.fake import ScriptedChatModel
from service.components.tokens import count_tokens
from service.container import Services
from service.grounding.attribution import article_sentences
from service.grounding.packing import article_windows, build_context, evidence_budget, is_broad, reuse_request


@pytest.mark.parametrize(
    ("question", "broad"),
    [
        ("How many sappers did North Korea pledge?", False),
        ("Who leads the inquiry?", False),
        ("When was the order lifted, and how many residents did it cover?", True),
        ("Which four agencies were working together in the valley?", True),
        ("How do the two outlets' death tolls compare?", True),
        ("Do the articles differ on the number of evacuees?", True),
        ("List the towns that were evacuated.", True),
    ],
)
def test_broad_questions(question: str, broad: bool) -> None:
    assert is_broad(question) is broad
    assert evidence_budget(question, 350, 500) == (500 if broad else 350)


# --------------------------------------------------------------------------- the prompt's opening window


def test_article_windows_cover_each_article_in_order_within_the_cap(indexed: Services) -> None:
    for article in indexed.articles().values():
        windows = article_windows(article, 300)

        assert [s for w in windows for s in w] == article_sentences(article)
        sizes = [sum(count_tokens(s.text) + 1 for s in w) for w in windows]
        assert all(size <= 300 or len(w) == 1 for size, w in zip(sizes, windows, strict=True))
        # Filled evenly: no scrap of a window at the end.
        assert len(windows) == 1 or min(sizes) >= max(sizes) / 3, sizes
        assert article_windows(article, 300) == windows  # the article alone decides them


def test_questions_answered_from_one_window_open_their_prompts_with_the_same_block(indexed: Services) -> None:
    articles = indexed.articles()
    questions = (
        "How many construction workers will North Korea send to Kursk?",
        "How many sappers and how many construction workers did North Korea pledge?",
        "What will the sappers do in Kursk?",
        "Which city did Shoigu visit in June?",
        "How many sappers did North Korea pledge?",
        "Who is Viktor Goremykin?",
    )
    hits = [indexed.retriever.search(q, 5) for q in questions]
    embeddings = indexed.sentence_embeddings
    contexts = [
        build_context(q, h, articles, embeddings, 600, 700) for q, h in zip(questions, hits, strict=True)
    ]
    plain = [build_context(q, h, articles, embeddings, 600) for q, h in zip(questions, hits, strict=True)]

    by_window: dict[tuple[str, int], list[str]] = {}
    for context in contexts:
        lead = context.prompt_sources[0]
        by_window.setdefault((lead.article_id, lead.start), []).append(context.text.split("\n\n[2]")[0])
    shared = [openings for openings in by_window.values() if len(openings) > 1]
    assert shared, by_window.keys()
    for openings in shared:
        assert len(set(openings)) == 1  # byte for byte, whatever else each prompt carries
        assert count_tokens(openings[0]) > 200
    for context, without in zip(contexts, plain, strict=True):
        # Every sentence of the opening window may be cited, whether or not a retrieved chunk held it.
        cited = {(s.article_id, s.start) for s in context.candidates}
        assert {(s.article_id, s.start) for s in context.prompt_sources} <= cited
        # The window adds context and takes none away: the evidence chosen without it is all there.
        assert all(s.text in context.text for s in without.prompt_sources)
        assert context.tokens >= without.tokens


def test_the_primer_evaluates_openings_only_while_the_model_is_free(
    indexed: Services, fake_llm: ScriptedChatModel
) -> None:
    windowed = indexed.settings.model_copy(update={"answer_lead_window": 700})

    def deps() -> PipelineDeps:
        return dataclasses.replace(indexed.deps(), settings=windowed)

    gatekeeper = Gatekeeper(slots=1, queue_size=4, wait_timeout_s=30)
    primer = Primer(deps, gatekeeper, limit=3)
    with gatekeeper.slot():  # a reader's answer holds the model
        primer.schedule()
        time.sleep(0.5)
        assert fake_llm.prompts == []
    assert primer.idle.wait(30)

    assert len(fake_llm.prompts) == primer.primed == 3
    openings = [str(p[-1].content).split("\n\nQuestion:")[0] for p in fake_llm.prompts]
    # A question about the newest article finds its prompt opening exactly primed.
    newest = max(indexed.articles().values(), key=lambda a: a.meta.published or dt.date.min)
    assert newest.id == "goremykin-talks-pyongyang"
    question = "Who is Viktor Goremykin?"
    pipeline = AskPipeline(deps())
    prepared = pipeline.prepare(question, [], [newest.id], None)
    fake_llm.prompts.clear()
    list(pipeline.tokens(prepared, threading.Event(), streamed=False))
    asked = str(fake_llm.prompts[0][-1].content)
    assert any(asked.startswith(o + "\n\n") for o in openings), asked[:300]

    # Without windows (the default) there is no fixed opening to prime.
    fake_llm.prompts.clear()
    unwindowed = Primer(indexed.deps, gatekeeper, limit=3)
    unwindowed.schedule()
    assert unwindowed.idle.is_set() and unwindowed.primed == 0 and fake_llm.prompts == []


# --------------------------------------------------------------------------- reused article states


def test_reuse_request_names_each_reusable_sentence_in_its_article(indexed: Services) -> None:
    """The segments spell out the prompt's evidence exactly; every sentence that names an article is
    that article's sentence as its state holds it; block openers and the best-matching others are
    left to be evaluated in the prompt."""
    articles = indexed.articles()
    question = "How many sappers and how many construction workers did North Korea pledge?"
    hits = indexed.retriever.search(question, 5)
    context = build_context(question, hits, articles, indexed.sentence_embeddings, 600)
    assert len(context.blocks) >= 2

    request = reuse_request(context, articles, 2)

    segments = request["segments"]
    assert "".join(s["text"] for s in segments) == context.text
    named = [s for s in segments if "document" in s]
    assert named, segments
    for segment in named:
        assert request["documents"][segment["document"]]["sentences"][segment["index"]] == segment["text"]
    for article_id, document in request["documents"].items():
        assert [s.strip() for s in document["sentences"]] == [
            s.text for s in article_sentences(articles[article_id])
        ]
    # Headers, block openers and the two best others are evaluated in the prompt's own context.
    # (an opener that also opens its article is held in the article's state as in the prompt)
    openers = {b[0].text for b in context.blocks if article_sentences(articles[b[0].article_id])[0] != b[0]}
    fresh = [
        s["text"].strip() for s in segments if "document" not in s and not s["text"].lstrip().startswith("[")
    ]
    assert openers <= set(fresh)
    others = [s.text for s in context.best if s.text not in openers][:2]
    assert set(others) <= set(fresh)
    assert len(fresh) <= len(openers) + 2
    # None reused when asked for as many fresh sentences as the prompt has.
    everything = reuse_request(context, articles, len(context.prompt_sources))
    assert not any("document" in s for s in everything["segments"])


def test_answers_and_the_primer_name_article_states_only_when_reuse_is_on(
    indexed: Services, fake_llm: ScriptedChatModel
) -> None:
    reusing = indexed.settings.model_copy(update={"answer_fresh_sentences": 2, "llm_backend": "local"})

    def deps() -> PipelineDeps:
        return dataclasses.replace(indexed.deps(), settings=reusing)

    question = "How many sappers did North Korea pledge?"
    for pipeline, on in ((AskPipeline(deps()), True), (AskPipeline(indexed.deps()), False)):
        prepared = pipeline.prepare(question, [], None, None)
        fake_llm.extras.clear()
        list(pipeline.tokens(prepared, threading.Event(), streamed=True))
        sent = fake_llm.extras[0]
        if not on:
            assert sent is None
            continue
        assert sent is not None
        segments = sent[EVIDENCE_FIELD]["segments"]
        assert "".join(s["text"] for s in segments) == prepared.context.text
        assert any("document" in s for s in segments)

    # The primer has the server evaluate the newest articles' states, one request each.
    fake_llm.extras.clear()
    fake_llm.prompts.clear()
    primer = Primer(deps, Gatekeeper(slots=1, queue_size=4, wait_timeout_s=30), limit=2)
    primer.schedule()
    assert primer.idle.wait(30)
    assert primer.primed == 2
    named = []
    for prompt, extra in zip(fake_llm.prompts, fake_llm.extras, strict=True):
        assert extra is not None
        request = extra[EVIDENCE_FIELD]
        assert list(request["documents"]) == [s["document"] for s in request["segments"] if "document" in s]
        assert "".join(s["text"] for s in request["segments"]) in str(prompt[-1].content)
        named += list(request["documents"])
    dates = {a.id: a.meta.published or dt.date.min for a in indexed.articles().values()}
    assert len(set(named)) == 2
    assert min(dates[i] for i in named) >= sorted(dates.values())[-2]  # the newest two (or tied)
