"""Summaries: map (each article's central sentences → bullets) and reduce (combine), or a topic's
retrieved passages → one summary, or an extractive timeline. Every line is attributed with the same
Attributor as answers, and cross-article figures that differ are stated with a citation each."""

from __future__ import annotations

import re
import time

import numpy as np
from langchain_core.embeddings import Embeddings

from service.articles import Article
from service.ask.pipeline import PipelineDeps, support_checker
from service.components.llm.calls import Usage, invoke
from service.components.tokens import count_tokens
from service.grounding.attribution import Attributor, article_sentences, strip_markers
from service.grounding.conflicts import ConflictFinder, cite, describe
from service.grounding.gate import evidence_found
from service.grounding.model import AttributedText, Conflict, SourceSentence, renumber
from service.grounding.numbers import values
from service.grounding.packing import build_context, candidate_sentences
from service.grounding.refusal import is_refusal
from service.summarize.cache import NoteCache
from service.summarize.result import SummaryRequest, SummaryResult
from service.summarize.timeline import dated_events, render_timeline
from service.text import MONTH_WORD, sentence_spans, terms

# A topic summary whose lines the support check dropped is made up to this many lines from the
# passages themselves.
FILL_TO = 4
# Articles whose lead sentence a summary of whole articles makes sure to carry.
MAX_LEADS = 5
# Words in quotation marks: what someone said, not a figure the story reports.
_QUOTED = re.compile(
    r"[\"“][^\"”]*\d|[\"“][^\"”]*\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\w+ty)\b"
)
# A topic summary keeps the figures of one of the passages this close to its topic (by rank).
TOPIC_FIGURE_FROM = 3
# A lead's facts: names (capitalised words) and figures.
_FACT = re.compile(r"(?<![\w’'])[A-Z][\w’'-]{2,}|\d[\d,.]*")
_FURNITURE = frozenset(
    "the this that these those according however while after before monday tuesday wednesday thursday"
    " friday saturday sunday".split()
)
_STYLE = {
    "bullets": 'Write at most {bullets} bullet points, each one short sentence starting with "- ", '
    "in at most {words} words in all. No introduction, no conclusion.",
    "brief": "Write one paragraph of at most {words} words. No bullet points, no introduction.",
}


class SummaryPipeline:
    """Summarizes articles in scope; stateless between calls."""

    def __init__(self, deps: PipelineDeps) -> None:
        self.deps = deps
        self.settings = deps.settings
        self.retriever = deps.retriever
        self.articles = deps.articles
        self.embeddings = deps.embeddings
        self.chat = deps.chat
        self.prompts = deps.prompts

    def summarize(self, request: SummaryRequest) -> SummaryResult:
        """One summary for the request (already validated: ids exist, style known)."""
        started = time.perf_counter()
        scope = [self.articles[i] for i in (request.article_ids or sorted(self.articles))]
        usage = Usage()
        candidates = [s for a in scope for s in article_sentences(a)]
        notes: str | None = None
        if request.topic:
            hits = self.retriever.search(request.topic, 10, [a.id for a in scope])
            if not evidence_found(request.topic, hits, self.retriever, self.settings, self.embeddings):
                return self._refusal(request, scope, usage, started)
            candidates = candidate_sentences(hits, self.articles)
            scope = [a for a in scope if any(s.article_id == a.id for s in candidates)]
            if request.style != "timeline":
                context = build_context(
                    request.topic, hits, self.articles, self.embeddings, self.settings.summary_token_budget
                )
                notes = context.text
        attributor = Attributor.over(
            candidates,
            self.articles,
            self.embeddings,
            question=request.topic or "",
            checker=support_checker(self.deps, usage),
        )
        if request.style == "timeline":
            events = dated_events(scope, candidates if request.topic else None)
            limit = max(3, request.max_words // 15) if request.max_words else 40
            body, lines = render_timeline(events, attributor, max_events=limit)
            attributed = AttributedText(text=body, citations=attributor.citations, supported_sentences=lines)
        else:
            raw = self._generate(request, scope, notes, usage)
            attributed = self._attribute(raw, request, attributor)
            # Lines the support check dropped — all of them, if need be, when the model wrote
            # nothing the articles state — are made up with the passages themselves, quoted and cited.
            if attributed.supported_sentences or not is_refusal(raw):
                self._fill(attributed, request, candidates, attributor)
                self._key_facts(attributed, request, scope, candidates, attributor)
            _drop_contained(attributed, request.style)
        if not attributed.supported_sentences:
            return self._refusal(request, scope, usage, started, attributed.unsupported)
        conflicts = (
            self._conflicts(scope, attributor, request.topic, attributed.text) if len(scope) > 1 else []
        )
        summary = attributed.text
        if conflicts:
            said = describe(conflicts, attributor.outlets)
            summary += " " + said if request.style == "brief" else "\n- " + said
        # Dropped lines took their citation numbers with them: number what is shown, 1, 2, 3 ….
        summary, citations, conflicts = renumber(summary, attributor.citations, conflicts)
        return SummaryResult(
            summary=summary,
            refused=False,
            citations=citations,
            unsupported=attributed.unsupported,
            conflicts=conflicts,
            articles=[a.id for a in scope],
            model=self.chat.name if request.style != "timeline" else "extractive",
            usage=usage,
            timings={"total_ms": round((time.perf_counter() - started) * 1000, 1)},
            supported=attributed.supported_sentences,
        )

    # ---- generation
    def _generate(
        self, request: SummaryRequest, scope: list[Article], notes: str | None, usage: Usage
    ) -> str:
        bullets = max(3, min(8, request.word_limit // 20))
        if notes is None:
            mapped = [self._map(a, bullets if len(scope) == 1 else 3, usage) for a in scope]
            if len(scope) == 1 and request.style == "bullets":
                return mapped[0]
            notes = "\n\n".join(
                f"From “{a.title}”{f' ({a.meta.published})' if a.meta.published else ''}:\n{m}"
                for a, m in zip(scope, mapped, strict=True)
            )
        style = _STYLE[request.style].format(bullets=bullets, words=request.word_limit)
        focus = f"Focus only on: {request.topic}\n\n" if request.topic else ""
        messages = (
            self.prompts["summarize_combine"]
            .template()
            .format_messages(notes=notes, style_instructions=style, focus=focus)
        )
        return invoke(self.chat.model, messages, self.settings.summarize_timeout_s, usage)

    def _map(self, article: Article, bullets: int, usage: Usage) -> str:
        """Map step: the article's most central sentences (within budget) → bullet points (cached)."""
        prompt = self.prompts["summarize_article"]
        notes = NoteCache(self.settings.data_dir / "summaries" / "notes")
        key = notes.key(article.content_hash, prompt.version, self.chat.name, bullets)
        cached = notes.get(key)
        if cached is not None:
            return cached
        sentences = _central(article, self.embeddings, self.settings.summary_token_budget + 300)
        messages = prompt.template().format_messages(
            title=article.title, sentences=" ".join(sentences), max_bullets=str(bullets)
        )
        reply = invoke(self.chat.model, messages, self.settings.summarize_timeout_s, usage)
        notes.put(key, reply)
        return reply

    # ---- attribution
    def _attribute(self, raw: str, request: SummaryRequest, attributor: Attributor) -> AttributedText:
        result = AttributedText(text="")
        if is_refusal(raw):
            return result
        clean = _limit_words(strip_markers(raw), request.word_limit)
        # A summary keeps only what the articles support: a line (or sentence) that fails the support
        # check is dropped and listed in ``unsupported``, never shown flagged; a repeat is dropped.
        units = (
            [" ".join(clean.split())[s:e] for s, e in sentence_spans(" ".join(clean.split()))]
            if request.style == "brief"
            else [line.strip().lstrip("-*•·0123456789.) ").strip() for line in clean.splitlines()]
        )
        kept: list[str] = []
        # An article's headline repeated as a line ("Halvard shuts Vessmark Ridge as questions mount")
        # says what the article is about, not a fact the summary keeps: it is dropped like a repeat.
        seen: set[str] = {" ".join(terms(s.title)) for s in attributor.sources}
        for unit in units:
            key = " ".join(terms(unit))
            if not unit or key in seen:
                continue
            seen.add(key)
            scratch = AttributedText(text="")
            for start, end in sentence_spans(unit):
                attributor.annotate_sentence(unit[start:end], scratch)
            result.unsupported += scratch.unsupported
            if scratch.unsupported or not scratch.supported_sentences:
                continue
            kept.append(scratch.text)
            result.supported_sentences += scratch.supported_sentences
        result.text = " ".join(kept) if request.style == "brief" else "\n".join(f"- {k}" for k in kept)
        result.citations = attributor.citations
        return result

    def _fill(
        self,
        attributed: AttributedText,
        request: SummaryRequest,
        candidates: list[SourceSentence],
        attributor: Attributor,
    ) -> None:
        """Lines the support check dropped are made up with the passages closest to the topic (or, for
        whole articles, to their centre), each quoted as written and cited to itself, so the figures
        and names they hold are not lost."""
        kept = (
            attributed.text.count("\n") + 1
            if request.style == "bullets" and attributed.text
            else attributed.supported_sentences
        )
        wanted = min(FILL_TO, len(candidates)) - kept
        if wanted <= 0:
            return
        cited = {(c.article_id, c.start) for c in attributor.citations}
        vectors = np.asarray(self.embeddings.embed_documents([c.text for c in candidates]), dtype=np.float32)
        query = (
            np.asarray(self.embeddings.embed_query(request.topic), dtype=np.float32)
            if request.topic
            else vectors.mean(axis=0)
        )
        order = np.argsort(-(vectors @ query))
        extra: list[str] = []
        for i in order:
            source = candidates[int(i)]
            if (source.article_id, source.start) in cited or len(extra) >= wanted:
                continue
            extra.append(f"{source.text} [{attributor.cite(source).n}]")
        if not extra:
            return
        joiner = "\n- " if request.style == "bullets" else " "
        lead_in = joiner if attributed.text else ("- " if request.style == "bullets" else "")
        attributed.text = attributed.text + lead_in + joiner.join(extra)
        attributed.supported_sentences += len(extra)
        attributed.citations = attributor.citations

    def _key_facts(
        self,
        attributed: AttributedText,
        request: SummaryRequest,
        scope: list[Article],
        candidates: list[SourceSentence],
        attributor: Attributor,
    ) -> None:
        """What a reader keeps from news: who did what, how many, when. A summary that lacks them is
        made up with the article's own sentences, quoted and cited: for a summary of whole articles,
        each article's lead and the first sentence stating each figure of its headline; for any
        summary, the first passage naming the person its passages name most, if the summary does not."""
        shown = attributed.text.lower()
        picked: list[SourceSentence] = []

        def add(source: SourceSentence) -> None:
            nonlocal shown
            if source not in picked:
                picked.append(source)
                shown += " " + source.text.lower()

        if not request.topic:
            for article in scope[:MAX_LEADS]:
                sentences = article_sentences(article)
                if not sentences:
                    continue
                lead = sentences[0]
                facts = {m.group(0).lower().rstrip(".,") for m in _FACT.finditer(lead.text)} - _FURNITURE
                if [f for f in facts if f not in shown and not MONTH_WORD.fullmatch(f)]:
                    add(lead)
                # The lead often names its event first and who led it next ("The Russian side was
                # led by Deputy Defence Minister …"): a full name there is a key fact too.
                second = sentences[1] if len(sentences) > 1 else None
                if second is not None and any(
                    m.group(0).split()[-1].lower() not in shown for m in _FULL_NAME.finditer(second.text)
                ):
                    add(second)
                for value in sorted(values(article.title) - values(shown)):  # the same order every run
                    stating = next((x for x in sentences if value in values(x.text)), None)
                    if stating is not None:
                        add(stating)
        if request.topic and candidates:
            # A topic summary keeps the figures of the passage closest to its topic ("the work of
            # the army engineers" — "soldiers of the 4th Engineer Regiment have placed 18,000 tonnes
            # of rock"): of the few closest passages, the first with a figure it does not show (a
            # quotation's "fifty-four years" is no figure of the story).
            vectors = np.asarray(
                self.embeddings.embed_documents([c.text for c in candidates]), dtype=np.float32
            )
            query = np.asarray(self.embeddings.embed_query(request.topic), dtype=np.float32)
            for i in np.argsort(-(vectors @ query), kind="stable")[:TOPIC_FIGURE_FROM]:
                source = candidates[int(i)]
                counted = {v for v in values(source.text) if not 1900 <= v <= 2100}
                if counted - values(shown) and not _QUOTED.search(source.text):
                    add(source)
                    break
            if request.article_ids and len(scope) > 1:
                # A topic followed across the articles asked for ("how the case count grew") takes
                # each one's word on it: its passage closest to the topic, if that passage holds a
                # figure or a name the summary lacks (a line citing the article for something else
                # does not give it).
                closeness = vectors @ query
                for article in scope[:MAX_LEADS]:
                    own = [i for i, c in enumerate(candidates) if c.article_id == article.id]
                    if not own:
                        continue
                    source = candidates[max(own, key=lambda i: float(closeness[i]))]
                    named = {m.group(0).split()[-1].lower() for m in _FULL_NAME.finditer(source.text)}
                    counted = {v for v in values(source.text) if not 1900 <= v <= 2100}
                    lacking = counted - values(shown) or [n for n in named if n not in shown]
                    if lacking and not _QUOTED.search(source.text):
                        add(source)
        main = _most_named(candidates, shown)
        if main:
            naming = next((x for x in candidates if main in x.text), None)
            if naming is not None:
                add(naming)
        if not picked:
            return
        extra = [f"{x.text} [{attributor.cite(x).n}]" for x in picked]
        joiner = "\n- " if request.style == "bullets" else " "
        lead_in = joiner if attributed.text else ("- " if request.style == "bullets" else "")
        attributed.text = attributed.text + lead_in + joiner.join(extra)
        attributed.supported_sentences += len(extra)
        attributed.citations = attributor.citations

    def _conflicts(
        self, scope: list[Article], attributor: Attributor, topic: str | None, summary: str
    ) -> list[Conflict]:
        # A summary of whole articles is about every figure in them; a topic summary only about the
        # figures it states or its topic asks about.
        finder = ConflictFinder(self.embeddings)
        published = {a.meta.id: a.meta.published for a in scope if a.meta.published is not None}
        found = finder.find([s for a in scope for s in article_sentences(a)], published)
        if topic:
            found = [c for c in found if finder.relevant(c, topic, summary)]
        return cite(found, attributor.cite)

    def _refusal(
        self,
        request: SummaryRequest,
        scope: list[Article],
        usage: Usage,
        started: float,
        unsupported: list[str] | None = None,
    ) -> SummaryResult:
        what = f"about “{request.topic}”" if request.topic else "for these articles"
        return SummaryResult(
            summary=f"The articles don't cover this: no supported summary {what} could be written.",
            refused=True,
            unsupported=unsupported or [],
            articles=[a.id for a in scope],
            model=self.chat.name,
            usage=usage,
            timings={"total_ms": round((time.perf_counter() - started) * 1000, 1)},
        )


def _central(article: Article, embeddings: Embeddings, budget: int) -> list[str]:
    """The article's sentences closest to its own centroid, within ``budget`` tokens, in reading order."""
    sentences = article_sentences(article)
    vectors = np.asarray(embeddings.embed_documents([s.text for s in sentences]), dtype=np.float32)
    centroid = vectors.mean(axis=0)
    order = np.argsort(-(vectors @ centroid))
    chosen, used = [], 0
    for i in order:
        cost = count_tokens(sentences[int(i)].text)
        if used + cost <= budget:
            chosen.append(int(i))
            used += cost
    return [sentences[i].text for i in sorted(chosen)]


def _drop_contained(attributed: AttributedText, style: str) -> None:
    """A line whose words another line says too ("No patient has fallen ill after April 10" beside
    "No patient has fallen ill after April 10, chief epidemiologist Marcus Obrenn said, but …") is a
    repeat a reader would skip: the longer line stays, in its place, and the shorter goes."""
    units = _CITED_UNIT.split(attributed.text) if style == "brief" else attributed.text.splitlines()
    words = [frozenset(terms(strip_markers(u))) for u in units]
    cited = [frozenset(_CITED.findall(u)) for u in units]

    def same(i: int, j: int) -> bool:
        # Two wordings of one cited sentence ("The February tunnel flooding … was caused by …" and
        # "The flooding that halted tunnelling … was caused by …", both [1]) are one line.
        shared = len(words[i] & words[j]) / max(1, len(words[i] | words[j]))
        return bool(cited[i]) and cited[i] == cited[j] and shared >= SAME_LINE

    def repeated(i: int) -> bool:
        return any(
            j != i
            and (
                words[i] < words[j]
                or ((words[i] == words[j] or same(i, j)) and (len(words[i]), -i) < (len(words[j]), -j))
            )
            for j in range(len(units))
        )

    keep = [u for i, u in enumerate(units) if words[i] and not repeated(i)]
    if len(keep) == len(units):
        return
    attributed.supported_sentences -= len(units) - len(keep)
    attributed.text = (" " if style == "brief" else "\n").join(keep)


_CITED = re.compile(r"\[(\d+)\]")
# Two lines citing the same sentences with this share of their words in common say one thing.
SAME_LINE = 0.5
# A brief's sentences each end with the citation markers the service wrote ("… genetically. [1][2]").
_CITED_UNIT = re.compile(r"(?<=\])\s+(?=[^\s\[])")


def _limit_words(text: str, limit: int) -> str:
    """Cut after the sentence or line that reaches ``limit`` words (a summary's length is a promise)."""
    out, words = [], 0
    for line in text.splitlines():
        if words >= limit:
            break
        out.append(line)
        words += len(line.split())
    return "\n".join(out)


_FULL_NAME = re.compile(r"(?<![\w’'])[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+")


def _most_named(sources: list[SourceSentence], shown: str) -> str | None:
    """The surname the passages repeat most (at least twice) of the full names ("Marta Ksendal")
    that ``shown`` lacks: the person they are about, if a summary left them out."""
    # In order of first appearance, so a tie goes to the name met first, whatever the hash seed.
    surnames = dict.fromkeys(m.group(0).split()[-1] for x in sources for m in _FULL_NAME.finditer(x.text))
    counts = {
        name: sum(x.text.count(name) for x in sources) for name in surnames if name.lower() not in shown
    }
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= 2 else None
