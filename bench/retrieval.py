"""Retrieval benchmark: ingest embedding throughput and query latency.

Run from the repository root::

    .venv/bin/python -m bench.retrieval            # prints figures, rewrites its section of bench/RESULTS.md
    .venv/bin/python -m bench.retrieval --no-write # prints only

(a) Ingest throughput: chunks/s of ``MiniLMEmbeddings.embed_documents`` alone on the corpus chunks
    (repeated to ~200) vs the same chunks added to a fresh embedded Chroma store through
    ``ChunkStore.add`` in ingest-sized batches. Each is run twice, alternating; the best run counts.
    Target: ingest/raw >= 0.9 (the store adds at most 10% on top of the model).
(b) Query latency of ``HybridRetriever.search`` (query embedding + dense + BM25 + fusion) over ~50
    queries, on the seed corpus and on a generated 10,000-chunk store (random unit vectors via
    ``ChunkStore.add_embedded``, Zipf-distributed text for BM25; the query embedding is real).
    Target: p50 < 25 ms. The first query after an index change (keyword index rebuild) is reported
    separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bench.results_file import RESULTS, write_section
from service.articles import load_corpus
from service.components.backends import EmbeddingBackend, get_embeddings
from service.components.store import ChunkStore, collection_name, make_client
from service.config import Settings
from service.ingest.chunking import chunk_text
from service.ingest.service import ingest
from service.retrieval.bm25 import BM25Index
from service.retrieval.hybrid import HybridRetriever

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
QUESTIONS = ROOT / "tests" / "data" / "retrieval_questions.yaml"
BATCH = 32  # ingest's batch size


@dataclass
class Figures:
    lines: list[str] = field(default_factory=list)

    def say(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


def settings_for(data_dir: Path) -> Settings:
    # Explicit values win over NEWSDESK_* in the environment: the benchmark never touches real data.
    return Settings(corpus_dir=CORPUS, data_dir=data_dir, chroma_url=None, llm_backend="fake")


def fresh_store(data_dir: Path, backend: EmbeddingBackend) -> ChunkStore:
    settings = settings_for(data_dir)
    return ChunkStore(make_client(settings), backend.model, collection_name("bench", backend.model_id))


def corpus_chunks(target: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The seed corpus chunks (default parameters), repeated to ``target``, with ingest's metadata."""
    base = []
    for article in load_corpus(CORPUS).articles:
        chunks = chunk_text(article.id, article.text)
        for c in chunks:
            meta = {
                "article_id": article.id,
                "title": article.title,
                "source": article.path.name,
                "start": c.start,
                "end": c.end,
                "chunk_index": c.index,
                "n_chunks": len(chunks),
                "article_hash": article.content_hash,
            }
            base.append((c.text, meta))
    if target is None:
        return base
    return [base[i % len(base)] for i in range(target)]


def ms(fn: Callable[..., object], *args: object) -> float:
    """Milliseconds one call of ``fn(*args)`` takes."""
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- (a) ingest throughput


def replicated_corpus(dest: Path, copies: int) -> Path:
    """The seed articles ``copies`` times over under new ids, so every chunk is embedded anew."""
    dest.mkdir(parents=True)
    for article in load_corpus(CORPUS).articles:
        raw = article.path.read_text("utf-8")
        for r in range(copies):
            new_id = f"{article.id}-r{r}"
            (dest / f"{new_id}.md").write_text(
                raw.replace(f"id: {article.id}\n", f"id: {new_id}\n", 1), "utf-8"
            )
    return dest


def bench_ingest(backend: EmbeddingBackend, n_chunks: int, out: Figures) -> dict[str, float]:
    seed_chunks = len(corpus_chunks())
    copies = -(-n_chunks // seed_chunks)
    runs: dict[str, list[float]] = {"raw": [], "ingest": [], "add32": []}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        corpus = replicated_corpus(Path(tmp) / "corpus", copies)
        articles = load_corpus(corpus).articles
        texts = [c.text for a in articles for c in chunk_text(a.id, a.text)]
        items = corpus_chunks(len(texts))
        backend.model.embed_documents(texts[:BATCH])  # warm-up (onnxruntime allocations)
        for attempt in range(2):
            runs["raw"].append(timed(lambda: backend.model.embed_documents(texts)))

            store = fresh_store(Path(tmp) / f"ingest-{attempt}", backend)
            start = time.perf_counter()
            report = ingest(corpus, store)
            runs["ingest"].append(time.perf_counter() - start)
            assert report.chunks_embedded == len(texts) == store.count()

            store = fresh_store(Path(tmp) / f"add32-{attempt}", backend)

            def add_all(store: ChunkStore = store) -> None:
                for i in range(0, len(items), BATCH):
                    batch = items[i : i + BATCH]
                    ids = [f"bench:{j}" for j in range(i, i + len(batch))]
                    store.add([t for t, _ in batch], [m for _, m in batch], ids)

            runs["add32"].append(timed(add_all))
            assert store.count() == len(items)
    best = {name: len(texts) / min(times) for name, times in runs.items()}
    ratio = best["ingest"] / best["raw"]
    out.say(f"## (a) Ingest embedding throughput ({len(texts)} chunks: the seed corpus x {copies})")
    out.say()
    out.say(row("path", "runs (s)", "best chunks/s", "vs raw"))
    out.say(row(*["---"] * 4))
    labels = {
        "raw": "raw model: one `MiniLMEmbeddings.embed_documents` call on all chunks",
        "ingest": f"full `ingest()` of {len(articles)} articles into a fresh PersistentClient",
        "add32": f"`ChunkStore.add` in {BATCH}-chunk batches into a fresh PersistentClient",
    }
    for name, label in labels.items():
        out.say(row(label, fmt_runs(runs[name]), f"{best[name]:.1f}", f"{best[name] / best['raw']:.2f}"))
    out.say()
    verdict = "meets" if ratio >= 0.9 else "MISSES"
    out.say(f"ingest/raw = **{ratio:.2f}** ({verdict} the >= 0.9 target).")
    out.say()
    return {"raw": best["raw"], "ingest": best["ingest"], "ratio": ratio}


def row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def fmt_runs(runs: list[float]) -> str:
    return ", ".join(f"{r:.2f}" for r in runs)


# --------------------------------------------------------------------------- (b) query latency


def queries(n: int) -> list[str]:
    """The 20 retrieval questions, then short keyword queries, ``n`` distinct in all."""
    out = [str(item["question"]) for item in yaml.safe_load(QUESTIONS.read_text("utf-8"))]
    rng = random.Random(11)
    words = "sappers Kursk treaty Shoigu Kim Pyongyang troops memorial ceasefire drills 1,000 5,000".split()
    while len(out) < n:
        q = " ".join(rng.sample(words, rng.randint(2, 4)))
        if q not in out:
            out.append(q)
    return out[:n]


def latency(retriever: HybridRetriever, qs: list[str], k: int = 5) -> list[float]:
    times = []
    for q in qs:
        start = time.perf_counter()
        hits = retriever.search(q, k)
        times.append((time.perf_counter() - start) * 1000)
        assert hits
    return times


def summarise(times: list[float]) -> tuple[float, float, float]:
    p = np.percentile(np.asarray(times), [50, 95])
    return float(p[0]), float(p[1]), max(times)


def first_query_after_change(retriever: HybridRetriever, query: str) -> tuple[float, float]:
    """(rebuild alone, first search after a change incl. rebuild) in ms."""
    retriever.invalidate()
    rebuild = timed(retriever.refresh) * 1000
    retriever.invalidate()
    first = timed(lambda: retriever.search(query, 5)) * 1000
    return rebuild, first


def zipf_texts(n: int, vocab: list[str], seed: int = 5) -> list[str]:
    """Chunk-sized texts (120-200 words) with a Zipf word distribution over ``vocab``."""
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, len(vocab) + 1)
    weights = 1.0 / ranks**1.07
    weights /= weights.sum()
    vocab_arr = np.asarray(vocab)
    texts = []
    for _ in range(n):
        words = vocab_arr[rng.choice(len(vocab), size=int(rng.integers(120, 200)), p=weights)]
        sentences = [" ".join(words[i : i + 18]).capitalize() + "." for i in range(0, len(words), 18)]
        texts.append(" ".join(sentences))
    return texts


def corpus_vocabulary() -> list[str]:
    """Words of the seed corpus ordered by frequency (most frequent first), plus rarer made-up ones."""
    counts: dict[str, int] = {}
    for article in load_corpus(CORPUS).articles:
        for w in re.findall(r"[A-Za-z][a-z']+|\d[\d,]*", article.text):
            counts[w.lower()] = counts.get(w.lower(), 0) + 1
    words = sorted(counts, key=lambda w: -counts[w])
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words += ["".join(rng.choices(letters, k=rng.randint(4, 11))) for _ in range(8000)]
    return words


def bench_queries(backend: EmbeddingBackend, n_queries: int, big: int, out: Figures) -> dict[str, float]:
    qs = queries(n_queries)
    results: dict[str, float] = {}
    out.say(f"## (b) Query latency (`HybridRetriever.search`, k=5, {len(qs)} distinct queries)")
    out.say()
    out.say(
        row("index", "chunks", "p50 ms", "p95 ms", "max ms", "keyword index rebuild ms", "first query ms")
    )
    out.say(row(*["---"] * 7))
    with tempfile.TemporaryDirectory(prefix="bench-query-") as tmp:
        # Seed corpus, embedded for real.
        store = fresh_store(Path(tmp) / "seed", backend)
        items = corpus_chunks()
        store.add([t for t, _ in items], [m for _, m in items], [f"seed:{i}" for i in range(len(items))])
        retriever = HybridRetriever(store)
        rebuild, first = first_query_after_change(retriever, qs[0])
        latency(retriever, qs[:5])  # warm-up
        p50, p95, worst = summarise(latency(retriever, qs))
        out.say(row("seed corpus", f"{len(items)}", *(f"{x:.1f}" for x in (p50, p95, worst, rebuild, first))))
        results.update(seed_p50=p50, seed_p95=p95)

        # Generated 10,000-chunk store: random unit vectors, Zipf text.
        big_store = fresh_store(Path(tmp) / "big", backend)
        texts = zipf_texts(big, corpus_vocabulary())
        rng = np.random.default_rng(9)
        vectors = rng.standard_normal((big, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        t0 = time.perf_counter()
        for i in range(0, big, 1000):
            batch = range(i, min(i + 1000, big))
            big_store.add_embedded(
                [texts[j] for j in batch],
                vectors[i : i + len(batch)].tolist(),
                [
                    {
                        "article_id": f"gen-{j // 8}",
                        "title": "generated",
                        "source": "gen.md",
                        "start": 0,
                        "end": 1,
                    }
                    for j in batch
                ],
                [f"gen:{j}" for j in batch],
            )
        load_s = time.perf_counter() - t0
        assert big_store.count() == big
        retriever = HybridRetriever(big_store)
        rebuild, first = first_query_after_change(retriever, qs[0])
        latency(retriever, qs[:5])
        p50, p95, worst = summarise(latency(retriever, qs))
        out.say(row("generated", f"{big:,}", *(f"{x:.1f}" for x in (p50, p95, worst, rebuild, first))))
        results.update(big_p50=p50, big_p95=p95, big_rebuild=rebuild)

        # Where the time goes on the big store.
        embed = statistics.median(ms(backend.model.embed_query, q) for q in qs)
        vector = backend.model.embed_query(qs[0])
        dense = statistics.median(ms(big_store.dense, vector, 30) for _ in range(30))
        fetch = ms(big_store.all_chunks)
        chunks = big_store.all_chunks()
        build = ms(BM25Index, [(c.id, c.text) for c in chunks])
        index = BM25Index((c.id, c.text) for c in chunks)
        bm25 = statistics.median(ms(index.search, q, 30) for q in qs)
    out.say()
    verdict = "meets" if max(results["seed_p50"], results["big_p50"]) < 25 else "MISSES"
    out.say(f"p50 {verdict} the < 25 ms target. Median parts on the {big:,}-chunk store: query embedding")
    out.say(f"{embed:.1f} ms, Chroma dense top-30 {dense:.1f} ms, BM25 top-30 {bm25:.1f} ms.")
    out.say(
        f"The keyword index rebuild is {fetch:.0f} ms reading every chunk from Chroma (`all_chunks`) plus"
    )
    out.say(f"{build:.0f} ms building BM25.")
    out.say(f"Loading the {big:,} generated chunks with `add_embedded` took {load_s:.1f} s.")
    out.say()
    return results


# --------------------------------------------------------------------------- machine and report


def machine(out: Figures, threads: int | None) -> None:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("chromadb", "onnxruntime", "langchain-chroma", "tiktoken", "numpy")
    )
    out.say(f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}")
    out.say(
        f"- machine: {cpu}, {usable} usable cores (os.cpu_count()={os.cpu_count()}), {platform.machine()}"
    )
    out.say(f"- OS: {platform.platform()}")
    out.say(f"- python {platform.python_version()}; {versions}")
    out.say(f"- embedding threads: {threads or 'onnxruntime default (all cores)'}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    busy = " (other work was running: figures are pessimistic)" if os.getloadavg()[0] > 0.7 else ""
    out.say(f"- load average before the run (1, 5, 15 min): {load}{busy}")
    out.say("- rerun: `.venv/bin/python -m bench.retrieval` from the repository root (about a minute)")
    out.say()


def write_results(lines: list[str]) -> None:
    write_section("bench.retrieval", ["# Retrieval benchmark (`python -m bench.retrieval`)", "", *lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval", description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=200, help="chunks for the throughput test")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--big", type=int, default=10_000, help="chunks in the generated store")
    parser.add_argument("--no-write", action="store_true", help=f"do not rewrite {RESULTS.name}")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        settings = settings_for(Path(tmp))
        backend = get_embeddings(settings)
    out = Figures()
    machine(out, settings.embedding_threads)
    bench_ingest(backend, args.chunks, out)
    bench_queries(backend, args.queries, args.big, out)
    if not args.no_write:
        write_results(out.lines)
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
