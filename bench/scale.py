"""Archive scale: Newsdesk over a synthetic archive of 1k, 10k and 100k chunks, embedded and on a server.

Run from the repository root::

    .venv/bin/python -m bench.scale                      # all sizes, both stores (~40 min on 2 cores)
    .venv/bin/python -m bench.scale --sizes 1k --stores embedded --no-write   # a quick look

The archive (``bench/archive.py``) is built from the shipped articles' sentences, shuffled, re-dated,
re-titled and re-named, with the eval corpora planted inside; it is cached under
``~/.cache/newsdesk/bench/scale``. For each size and store it measures, through the real paths:

- **ingest**: ``Services.ingest`` of the archive directory into a fresh store, in a child process.
  Up to 10k chunks every vector comes from the embedding model with no cache, and the same chunks
  embedded by one bare ``embed_documents`` call give the raw throughput it is compared with. At 100k
  the vectors are *approximate*: each distractor chunk's vector is the normalised mean of its
  sentences' real vectors (the archive has only ``VARIANTS`` x its pool of distinct sentences); the
  planted articles' chunks get their real vectors.
- **keyword index**: a full build (every chunk read back) and the load a start-up pays instead
  (the snapshot ingest left, caught up with the store).
- **start-up**: ``python -m service serve`` on the store (fake chat model) until ``/readyz`` is 200,
  then 200 searches over HTTP and that process's resident memory.
- **queries**: ``HybridRetriever.search`` (query embedding included) over a fixed list of 200
  queries: the planted eval questions first, then phrases from the archive.
- **recall@5 and MRR@5** of the planted eval questions (a hit: a chunk of an article the case names),
  beside the same questions asked of each eval corpus alone; and how many of those questions find an
  expected article in Chroma's approximate dense top-30 against an exact (brute-force) top-30.
- **update**: one article added, then deleted, through ``Services`` in the bench process; how long
  until a search sees it (through the serve process on the Chroma server: another process), and
  whether any full read of the store happened (``HybridRetriever.full_builds``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from langchain_core.embeddings import Embeddings

from bench.archive import build, cache_key, rewritten_pool, sentence_pool
from bench.chroma import chroma_server
from bench.load import rss
from bench.results_file import write_section
from service.components.backends import EmbeddingBackend, get_embeddings
from service.config import Settings
from service.container import Services
from service.evals.cases import SHIPPED, Case, load_eval_set
from service.evals.matching import facts_in
from service.ingest.chunking import chunk_text
from service.ingest.uploads import NewArticle
from service.retrieval.hybrid import HybridRetriever
from service.text import sentence_spans
from tests.conftest import service_process, subprocess_env

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CORPORA = ROOT / "evals" / "corpora"
CACHE = Path(os.environ.get("NEWSDESK_CACHE_DIR", Path.home() / ".cache" / "newsdesk")) / "bench" / "scale"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
REAL_UP_TO = 10_000  # above this, distractor vectors are approximate (see the module docstring)
N_QUERIES = 200
MB = 1024 * 1024


def corpus_dir(name: str) -> Path:
    return CORPUS if name == SHIPPED else CORPORA / name


def planted_cases() -> list[Case]:
    """The eval questions a retriever can be scored on: one question, answerable, articles named."""
    return [
        c
        for c in load_eval_set(ROOT / "evals")
        if c.question and c.articles and c.answerable and c.summary is None and not c.turns
    ]


def planted_corpora(cases: list[Case]) -> list[Path]:
    return [corpus_dir(name) for name in sorted({c.corpus for c in cases})]


# --------------------------------------------------------------------------- vectors


class SentenceMeanEmbeddings(Embeddings):
    """The 100k archive's vectors: a distractor chunk is the normalised mean of its sentences' real
    vectors (looked up); anything else (the planted articles' chunks) is embedded by the model."""

    def __init__(self, model: Embeddings, table: dict[str, np.ndarray]) -> None:
        self.model, self.table = model, table
        self.approximated = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float] | None] = []
        real: list[int] = []
        for i, text in enumerate(texts):
            parts = [self.table.get(text[s:e]) for s, e in sentence_spans(text)]
            if parts and all(p is not None for p in parts):
                mean = np.mean(np.stack(parts), axis=0)  # type: ignore[arg-type]
                out.append((mean / np.linalg.norm(mean)).tolist())
                self.approximated += 1
            else:
                out.append(None)
                real.append(i)
        if real:
            for i, vector in zip(real, self.model.embed_documents([texts[i] for i in real]), strict=True):
                out[i] = vector
        return [v for v in out if v is not None]

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


def sentence_table(model: Embeddings) -> dict[str, np.ndarray]:
    """Real vectors of every rewritten pool sentence, cached by content."""
    worlds = rewritten_pool(sentence_pool(CORPUS))
    sentences = sorted({s for world in worlds for s in world})
    path = CACHE / f"sentences-{cache_key(CORPUS, [])}.npz"
    if path.exists():
        saved = np.load(path, allow_pickle=False)
        if list(saved["texts"]) == sentences:
            return dict(zip(sentences, saved["vectors"], strict=True))
    print(f"embedding {len(sentences)} archive sentences once (cached in {path.parent})", flush=True)
    vectors = np.asarray(model.embed_documents(sentences), dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, texts=np.asarray(sentences), vectors=vectors)
    return dict(zip(sentences, vectors, strict=True))


# --------------------------------------------------------------------------- stores


def settings(archive: Path, data_dir: Path, chroma_url: str | None) -> Settings:
    # Explicit values win over NEWSDESK_* in the environment: the bench never touches real data.
    return Settings(
        corpus_dir=archive,
        data_dir=data_dir,
        chroma_url=chroma_url,
        llm_backend="fake",
        collection_prefix="scale",
        rate_limit_per_minute=0,
    )


def _ingest_child(archive: str, data_dir: str, chroma_url: str | None, approximate: bool) -> dict[str, float]:
    """Runs in a fresh process: ingest the archive, and (real vectors) time the bare model too."""
    s = settings(Path(archive), Path(data_dir), chroma_url)
    real = get_embeddings(s)
    model: Embeddings = real.model
    out: dict[str, float] = {}
    if approximate:
        model = SentenceMeanEmbeddings(real.model, sentence_table(real.model))
    else:
        services = Services(s, embeddings=real)
        texts = [c.text for a in services.articles().values() for c in chunk_text(a.id, a.text)]
        real.model.embed_documents(texts[:64])  # warm-up: onnxruntime's first allocations
        start = time.perf_counter()
        real.model.embed_documents(texts)
        out["raw_s"] = time.perf_counter() - start
    services = Services(s, embeddings=EmbeddingBackend(model, real.model_id))
    start = time.perf_counter()
    report = services.ingest()
    out["ingest_s"] = time.perf_counter() - start
    out["chunks"] = float(report.chunks_embedded)
    if isinstance(model, SentenceMeanEmbeddings):
        out["approximated"] = float(model.approximated)
    return out


def ingest_in_child(
    archive: Path, data_dir: Path, chroma_url: str | None, approximate: bool
) -> dict[str, float]:
    # A child process: an embedded Chroma store must have one process at a time, and the serve
    # process measured next opens it.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result: dict[str, float] = pool.apply(
            _ingest_child, (str(archive), str(data_dir), chroma_url, approximate)
        )
    return result


# --------------------------------------------------------------------------- measurements


@dataclass
class Row:
    size: str
    store: str
    figures: dict[str, Any] = field(default_factory=dict)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def queries(cases: list[Case]) -> list[str]:
    """The fixed 200: the planted questions, then archive phrases (every fifth sentence's first words)."""
    out = list(dict.fromkeys(str(c.question) for c in cases))
    worlds = rewritten_pool(sentence_pool(CORPUS))
    i = 0
    while len(out) < N_QUERIES:
        world = worlds[i % len(worlds)]
        words = world[(i * 5) % len(world)].split()
        phrase = " ".join(words[: 4 + i % 5]).rstrip(".,;:")
        if phrase not in out:
            out.append(phrase)
        i += 1
    return out[:N_QUERIES]


def recall(services: Services, cases: list[Case]) -> dict[str, float]:
    """recall@5 and MRR@5 of ``cases``. A hit: a chunk of an article the case names; an
    *answer-bearing* hit: that, or a chunk of any article holding every one of the case's facts.

    The second tells a retriever's miss from an archive that states the answer in many articles: a
    distractor that repeats the planted sentence word for word (nothing in it was a name or a figure
    to rewrite) answers the question as well as the planted article does, and a search cannot tell
    them apart. A distractor with other names or figures holds other facts, so it never counts."""
    hits = answer_hits = 0
    rr = answer_rr = 0.0
    for case in cases:
        found = services.retriever.search(str(case.question), 5)
        ranks = [i for i, h in enumerate(found) if h.chunk.article_id in case.articles]
        bearing = [
            i
            for i, h in enumerate(found)
            if h.chunk.article_id in case.articles or (case.facts and facts_in(case.facts, h.chunk.text))
        ]
        if ranks:
            hits += 1
            rr += 1.0 / (ranks[0] + 1)
        if bearing:
            answer_hits += 1
            answer_rr += 1.0 / (bearing[0] + 1)
    n = len(cases)
    return {"recall": hits / n, "mrr": rr / n, "answer_recall": answer_hits / n, "answer_mrr": answer_rr / n}


def dense_candidates_check(services: Services, cases: list[Case]) -> tuple[int, int]:
    """How many cases find an expected article in Chroma's top-30, and in an exact top-30."""
    rows = services.store._page(include=["embeddings", "metadatas"], page=5000)  # a server limits one get
    matrix = np.asarray([vector for _, vector, _ in rows], dtype=np.float32)
    articles = [str(meta["article_id"]) for _, _, meta in rows]
    n = services.settings.dense_candidates
    approx = exact = 0
    for case in cases:
        query = services.store.embeddings.embed_query(str(case.question))
        top = np.argsort(-(matrix @ np.asarray(query, dtype=np.float32)))[:n]
        exact += any(articles[i] in case.articles for i in top)
        approx += any(c.article_id in case.articles for c, _ in services.store.dense(query, n))
    return approx, exact


def visible_after(check: Callable[[], bool], timeout_s: float = 30.0) -> float:
    """Seconds until ``check()`` holds, polling; ``nan`` if it never did."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        if check():
            return time.perf_counter() - start
        time.sleep(0.02)
    return float("nan")


NEW_ARTICLE = NewArticle(
    title="Glasshouse growers test a tidal battery",
    text=(
        "Growers on the Quarrow estuary switched on a tidal battery made of salt caverns on Tuesday. "
        "The cooperative says the caverns store enough heat for four hundred glasshouses through a cold week."
    ),
)
NEW_QUERY = "tidal battery salt caverns glasshouses"


def update_lag(services: Services, search: Callable[[str], list[str]]) -> dict[str, float]:
    """Add one article, wait until ``search`` (article ids of the hits) sees it, delete it, wait again."""
    builds = services.retriever.full_builds
    article = services.add_article(NEW_ARTICLE)
    added = visible_after(lambda: article.id in search(NEW_QUERY))
    services.delete_article(article.id)
    removed = visible_after(lambda: article.id not in search(NEW_QUERY))
    return {"add_s": added, "delete_s": removed, "full_reads": services.retriever.full_builds - builds}


@contextmanager
def serving(archive: Path, data_dir: Path, chroma_url: str | None) -> Iterator[tuple[str, int, float]]:
    """``python -m service serve`` on the store; yields its URL, pid and seconds until /readyz was 200."""
    env = subprocess_env(
        CORPUS_DIR=str(archive),
        DATA_DIR=str(data_dir),
        COLLECTION_PREFIX="scale",
        RATE_LIMIT_PER_MINUTE="0",
        LOG_FORMAT="text",
        **({"CHROMA_URL": chroma_url} if chroma_url else {}),
    )
    start = time.perf_counter()
    with service_process(env, data_dir, timeout_s=600) as (url, server, _log):
        while httpx.get(f"{url}/readyz", timeout=30).status_code != 200:
            time.sleep(0.1)
        yield url, server.pid, time.perf_counter() - start


def http_search(client: httpx.Client) -> Callable[[str], list[str]]:
    """Article ids of the top 5 for a query, through the serve process (one kept-alive connection)."""

    def search(query: str) -> list[str]:
        response = client.post("/v1/search", json={"query": query, "k": 5})
        response.raise_for_status()
        return [r["article_id"] for r in response.json()["results"]]

    return search


def measure(size: str, store: str, cases: list[Case], tmp: Path, keep: Path | None = None) -> Row:
    n = SIZES[size]
    planted = planted_corpora(cases)
    archive = build(CACHE / f"archive-{cache_key(CORPUS, planted)}-{size}", n, CORPUS, planted)
    row = Row(size, store)
    # With ``keep``, the store ingested by an earlier run of the same archive is measured again.
    data_dir = (keep or tmp) / f"{archive.name}-{store}"
    ingested = data_dir / "ingested.json"
    reuse = ingested.exists()
    if not reuse:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
    with ExitStack() as stack:
        url = None
        if store == "server":
            url, _ = stack.enter_context(chroma_server(data_dir / "chroma-server"))
        if reuse:
            row.figures |= json.loads(ingested.read_text()) | {"reused": True}
            print(f"[{size} {store}] reusing the store ingested into {data_dir}", flush=True)
        else:
            print(f"[{size} {store}] ingesting {archive}", flush=True)
            row.figures |= ingest_in_child(archive, data_dir, url, approximate=n > REAL_UP_TO)
            ingested.write_text(json.dumps(row.figures))
            print(f"[{size} {store}] ingest {row.figures}", flush=True)

        serve = stack.enter_context(serving(archive, data_dir, url))
        serve_url, pid, ready_s = serve
        client = stack.enter_context(httpx.Client(base_url=serve_url, timeout=30))
        through_serve = http_search(client)
        fixed = queries(cases)
        http_ms = []
        for q in fixed:
            start = time.perf_counter()
            through_serve(q)
            http_ms.append((time.perf_counter() - start) * 1000)
        row.figures |= {
            "ready_s": ready_s,
            "http_p50_ms": pct(http_ms, 50),
            "rss_mb": sum(rss(pid).values()) / MB,
        }
        print(f"[{size} {store}] serve ready in {ready_s:.1f} s", flush=True)
        if store == "embedded":
            stack.pop_all().close()  # the embedded store takes one process at a time

        s = settings(archive, data_dir, url)
        services = Services(s)
        start = time.perf_counter()
        HybridRetriever(services.store).refresh()  # a full build: every chunk read, no snapshot
        row.figures["keyword_build_s"] = time.perf_counter() - start
        start = time.perf_counter()
        services.retriever.refresh()  # what a start-up pays: the snapshot ingest left, caught up
        row.figures["keyword_load_s"] = time.perf_counter() - start
        counts = []
        for _ in range(20):  # what a search would pay to ask the store whether it changed
            start = time.perf_counter()
            services.store.count()
            counts.append((time.perf_counter() - start) * 1000)
        row.figures["count_ms"] = pct(counts, 50)
        times = []
        for q in fixed:
            start = time.perf_counter()
            services.retriever.search(q, 5)
            times.append((time.perf_counter() - start) * 1000)
        row.figures |= {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95)}
        for corpus in sorted({c.corpus for c in cases}):
            got = recall(services, [c for c in cases if c.corpus == corpus])
            for metric, value in got.items():
                row.figures[f"{metric}:{corpus}"] = value
        row.figures["dense_top30"] = dense_candidates_check(services, cases)

        def local(query: str) -> list[str]:
            return [h.chunk.article_id for h in services.retriever.search(query, 5)]

        row.figures |= update_lag(services, through_serve if store == "server" else local)
        print(f"[{size} {store}] {row.figures}", flush=True)
    return row


def own_corpora(cases: list[Case], tmp: Path) -> dict[str, dict[str, float]]:
    """The planted questions asked of each eval corpus alone (real vectors, embedded store)."""
    out = {}
    for corpus in sorted({c.corpus for c in cases}):
        services = Services(settings(corpus_dir(corpus), tmp / f"own-{corpus}", None))
        services.ingest()
        out[corpus] = recall(services, [c for c in cases if c.corpus == corpus])
    return out


# --------------------------------------------------------------------------- report


def _fusion(s: Settings) -> str:
    if s.keyword_score != "auto":
        return s.keyword_score
    n = s.coverage_from_chunks
    return f"auto (bm25 below {n:,} chunks, so for each corpus alone; coverage from {n:,})"


def report(rows: list[Row], own: dict[str, dict[str, float]], cases: list[Case], command: str) -> list[str]:
    corpora = sorted(own)
    per_corpus = ", ".join(f"{c}: {sum(x.corpus == c for x in cases)}" for c in corpora)
    defaults = Settings()  # what the run measured: NEWSDESK_* as --keyword-score left them
    lines = [
        "# Archive scale (`python -m bench.scale`)",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores;"
        f" load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- rerun: `{command}`",
        f"- planted questions: {len(cases)} ({per_corpus}); {N_QUERIES} queries in all",
        "- 100k: distractor vectors approximate (the mean of their sentences' real vectors);"
        " planted articles' vectors real. 1k and 10k: every vector from the model, no cache.",
        f"- keyword score (`NEWSDESK_KEYWORD_SCORE`): {_fusion(defaults)};"
        f" gate floor (`NEWSDESK_MIN_SIMILARITY`): {defaults.min_similarity:.2f}",
        "",
        "| size | store | chunks | ingest s | ingest/raw | ready s | RSS MB | keyword build s"
        " | keyword load s | p50 ms | p95 ms | HTTP p50 ms | count ms | "
        + " | ".join(f"recall@5 {c} (alone) | MRR {c} (alone)" for c in corpora)
        + " | "
        + " | ".join(f"answer-bearing recall@5 / MRR {c} (alone)" for c in corpora)
        + " | dense top-30 hit / exact | add visible s | delete visible s | full reads |",
        "|" + " --- |" * (17 + 3 * len(corpora)),
    ]
    for r in rows:
        f = r.figures
        ratio = f"{f['raw_s'] / f['ingest_s']:.2f}" if "raw_s" in f else "— (approx.)"
        cells = [
            r.size,
            r.store,
            f"{int(f['chunks']):,}",
            f"{f['ingest_s']:.1f}" + (" (earlier run)" if f.get("reused") else ""),
            ratio,
            f"{f['ready_s']:.1f}",
            f"{f['rss_mb']:.0f}",
            f"{f['keyword_build_s']:.1f}",
            f"{f['keyword_load_s']:.1f}",
            f"{f['p50_ms']:.1f}",
            f"{f['p95_ms']:.1f}",
            f"{f['http_p50_ms']:.1f}",
            f"{f['count_ms']:.1f}",
        ]
        for c in corpora:
            cells += [
                f"{f[f'recall:{c}']:.3f} ({own[c]['recall']:.3f})",
                f"{f[f'mrr:{c}']:.3f} ({own[c]['mrr']:.3f})",
            ]
        for c in corpora:
            if f"answer_recall:{c}" in f:  # a store measured again (--keep) by a run before this figure
                cells.append(
                    f"{f[f'answer_recall:{c}']:.3f} / {f[f'answer_mrr:{c}']:.3f}"
                    f" ({own[c]['answer_recall']:.3f} / {own[c]['answer_mrr']:.3f})"
                )
            else:
                cells.append("—")
        approx, exact = f["dense_top30"]
        cells += [f"{approx} / {exact}", f"{f['add_s']:.2f}", f"{f['delete_s']:.2f}", str(f["full_reads"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *targets(rows, own)]
    return lines


def targets(rows: list[Row], own: dict[str, dict[str, float]]) -> list[str]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    out = ["Targets:", ""]
    for r in rows:
        f = r.figures
        checks = []
        if r.size == "100k" and r.store == "embedded":
            checks.append(f"p50 {f['p50_ms']:.1f} ms ≤ 30: {verdict(f['p50_ms'] <= 30)}")
            checks.append(f"p95 {f['p95_ms']:.1f} ms ≤ 80: {verdict(f['p95_ms'] <= 80)}")
            checks.append(f"RSS {f['rss_mb']:.0f} MB ≤ 1,536: {verdict(f['rss_mb'] <= 1536)}")
            checks.append(f"ready {f['ready_s']:.1f} s ≤ 20: {verdict(f['ready_s'] <= 20)}")
        if r.size == "100k":
            worst = max(f["add_s"], f["delete_s"])
            ok = worst <= 1 and not f["full_reads"]
            checks.append(f"change visible in {worst:.2f} s ≤ 1, {f['full_reads']} full reads: {verdict(ok)}")
            for c in own:
                for m in ("recall", "mrr"):
                    gap = own[c][m] - f[f"{m}:{c}"]
                    # The change from the corpus alone to the archive (negative: a drop). The
                    # verdict is on the target's own figure; the answer-bearing one is beside it.
                    bearing = ""
                    if f"answer_{m}:{c}" in f:
                        change = f[f"answer_{m}:{c}"] - own[c][f"answer_{m}"]
                        bearing = f" (answer-bearing {change:+.3f})"
                    checks.append(f"{m} {c} {-gap:+.3f}{bearing} ≥ −0.05: {verdict(gap <= 0.05)}")
        if r.size == "10k" and "raw_s" in f:
            ratio = f["raw_s"] / f["ingest_s"]
            checks.append(f"ingest/raw {ratio:.2f} ≥ 0.9: {verdict(ratio >= 0.9)}")
        if checks:
            out.append(f"- {r.size} {r.store}: " + "; ".join(checks))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="comma-separated: 1k, 10k, 100k")
    parser.add_argument("--stores", default="embedded,server", help="comma-separated: embedded, server")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument(
        "--keep",
        type=Path,
        help="ingest into this directory and keep it; a later run with the same --keep measures the"
        " stores it holds again instead of ingesting (its ingest figures are the first run's)",
    )
    parser.add_argument(
        "--keyword-score",
        choices=["auto", "bm25", "coverage"],
        help="the fusion to measure (NEWSDESK_KEYWORD_SCORE), here and in the serve processes",
    )
    args = parser.parse_args(argv)
    if args.keyword_score:
        os.environ["NEWSDESK_KEYWORD_SCORE"] = args.keyword_score
    cases = planted_cases()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        tmp = Path(name)
        own = own_corpora(cases, tmp)
        print(f"alone: {own}", flush=True)
        for size in args.sizes.split(","):
            for store in args.stores.split(","):
                rows.append(measure(size, store, cases, tmp, args.keep))
    command = "python -m bench.scale" + (f" --sizes {args.sizes}" if args.sizes != "1k,10k,100k" else "")
    command += f" --stores {args.stores}" if args.stores != "embedded,server" else ""
    command += f" --keep {args.keep}" if args.keep else ""
    command += f" --keyword-score {args.keyword_score}" if args.keyword_score else ""
    lines = report(rows, own, cases, f".venv/bin/{command}")
    print("\n".join(lines))
    if not args.no_write:
        write_section("bench.scale", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
