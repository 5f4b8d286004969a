"""Incremental ingest: only changed articles are embedded, and a killed run heals on the next one.

Chunk ids carry the article's content hash, so an article counts as indexed only when the store
holds exactly its expected ids. A run killed halfway leaves an article with a partial or mixed id
set; the next run sees the mismatch and rebuilds that article alone.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.articles import CORPUS, Article, CorpusFileError, Origin, load_corpus
from service.components.store import ChunkStore
from service.faults import checkpoint
from service.ingest.chunking import Chunk, chunk_text

log = logging.getLogger(__name__)

# progress(done_chunks, total_chunks) after every batch
Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What an ingest run did."""

    articles: int = 0
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    errors: list[CorpusFileError] = field(default_factory=list)

    def summary(self) -> str:
        """One line for logs and the CLI."""
        if not self.updated and not self.removed:
            head = f"index up to date: {self.articles} articles unchanged, nothing embedded"
        else:
            head = (
                f"{len(self.updated)} article(s) embedded ({self.chunks_embedded} chunks), "
                f"{len(self.unchanged)} unchanged, {len(self.removed)} removed"
            )
        return head + (f"; {len(self.errors)} file(s) skipped" if self.errors else "")


@dataclass(frozen=True)
class ChunkingParams:
    max_tokens: int = 180
    overlap_tokens: int = 40


def chunk_ids(article: Article, chunks: list[Chunk]) -> list[str]:
    """Deterministic ids: article, content hash, position and span.

    The span makes a change of chunking parameters (which moves boundaries without necessarily
    changing the number of chunks) show up as changed ids, so the next ingest re-chunks.
    """
    return [f"{article.id}:{article.content_hash[:16]}:{c.index}:{c.start}-{c.end}" for c in chunks]


def ingest(
    corpus_path: Path,
    store: ChunkStore,
    params: ChunkingParams = ChunkingParams(),
    progress: Progress | None = None,
    batch_size: int = 256,
    origin: Origin = CORPUS,
    parsed_cache: Path | None = None,
) -> IngestReport:
    """Bring the store's articles of ``origin`` in line with the files at ``corpus_path``; articles
    of the other origin are left alone (ingesting ``corpus/`` keeps the articles added over HTTP).
    ``parsed_cache``: where ``load_corpus`` keeps the parsed files (see there)."""
    corpus = load_corpus(corpus_path, origin, parsed_cache)
    report = IngestReport(articles=len(corpus.articles), errors=corpus.errors)
    for error in corpus.errors:
        log.warning("skipped %s", error)
    stored = store.ids_by_article(origin)

    plans: list[tuple[Article, list[Chunk], list[str]]] = []
    for article in corpus.articles:
        chunks = chunk_text(article.id, article.text, params.max_tokens, params.overlap_tokens)
        ids = chunk_ids(article, chunks)
        if stored.get(article.id) == set(ids):
            report.unchanged.append(article.id)
        else:
            plans.append((article, chunks, ids))

    _remove_stale(corpus_path, store, stored, {a.id for a in corpus.articles}, corpus.errors, report)

    total = sum(len(chunks) for _, chunks, _ in plans)
    if progress and total:
        progress(0, total)
    write_chunks(store, plans, stored, progress, total, batch_size)
    for article, chunks, _ in plans:
        report.updated.append(article.id)
        report.chunks_embedded += len(chunks)
    return report


def write_chunks(
    store: ChunkStore,
    plans: list[tuple[Article, list[Chunk], list[str]]],
    stored: dict[str, set[str]],
    progress: Progress | None,
    total: int,
    batch_size: int,
    crash_prefix: str = "ingest",
) -> None:
    """Embed batch n+1 while Chroma writes batch n.

    onnxruntime and Chroma's writer both release the GIL, so one writer thread hides most of the
    store's cost behind the model's. A single writer keeps deletes and adds in order.
    """
    done = 0

    def written(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    stale = sorted(i for article, _, _ in plans for i in stored.get(article.id, set()))
    # Longest first, across articles: the model sorts a call's texts by length and pads each of its
    # sub-batches to the longest, so batches cut from one global order pad as little as one call over
    # everything would. Order does not matter for consistency: a killed run leaves articles partial,
    # which the next run sees and rebuilds.
    rows = sorted(
        (
            (article, chunk, n, len(chunks))
            for article, chunks, ids in plans
            for chunk, n in zip(chunks, ids, strict=True)
        ),
        key=lambda row: -len(row[1].text),
    )
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer") as writer:
        # Old chunks of every changed article go first: a run killed after this leaves those articles
        # missing or partial, which the next run sees and rebuilds.
        pending: deque[Future[None]] = deque([writer.submit(store.delete, stale)])
        for i in range(0, len(rows), batch_size):
            batch = rows[i : i + batch_size]
            texts = [chunk.text for _, chunk, _, _ in batch]
            vectors = store.embeddings.embed_documents(texts)
            checkpoint(f"{crash_prefix}-embedded")
            metas = [_metadata(article, chunk, count) for article, chunk, _, count in batch]
            ids = [chunk_id for _, _, chunk_id, _ in batch]
            pending.append(writer.submit(_add, store, texts, vectors, metas, ids, written))
            while len(pending) > 2:  # bound memory; surface a write error early
                pending.popleft().result()
        for future in pending:
            future.result()
    checkpoint(f"{crash_prefix}-written")


def _add(
    store: ChunkStore,
    texts: list[str],
    vectors: list[list[float]],
    metas: list[dict[str, Any]],
    ids: list[str],
    written: Callable[[int], None],
) -> None:
    store.add_embedded(texts, vectors, metas, ids)
    written(len(ids))


def _remove_stale(
    corpus_path: Path,
    store: ChunkStore,
    stored: dict[str, set[str]],
    live: set[str],
    errors: list[CorpusFileError],
    report: IngestReport,
) -> None:
    """Delete articles whose file is gone; keep those whose file is only unreadable right now."""
    broken = {e.path.name for e in errors}
    sources = store.sources_by_article() if stored else {}
    single_file = corpus_path.is_file()
    for article_id, ids in stored.items():
        if article_id in live or sources.get(article_id) in broken:
            continue
        if single_file:  # ingesting one file must not wipe the rest of the index
            continue
        store.delete(sorted(ids))
        report.removed.append(article_id)


def _metadata(article: Article, chunk: Chunk, n_chunks: int) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title,
        "source": article.path.name,
        "start": chunk.start,
        "end": chunk.end,
        "chunk_index": chunk.index,
        "n_chunks": n_chunks,
        "article_hash": article.content_hash,
        "origin": article.origin,
    }
