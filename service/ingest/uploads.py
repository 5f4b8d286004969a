"""Articles added over HTTP: files under the data directory, searchable when the call returns.

The file is the commit point. Adding indexes the chunks first and then moves the file into place
with one atomic rename; deleting removes the file first and then the chunks. A process killed in
between leaves either chunks without a file (an add that never finished, or a delete that did) or
a file whose chunks are not all there. ``reconcile``, run at start-up, removes the first and
re-indexes the second, so the index holds the old state or the new one, never half an article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from service.articles import UPLOAD, Article, parse_article
from service.components.store import ChunkStore
from service.faults import checkpoint
from service.ingest.chunking import chunk_text
from service.ingest.service import ChunkingParams, IngestReport, Progress, chunk_ids, ingest, write_chunks

log = logging.getLogger(__name__)

_TMP_SUFFIX = ".md.tmp"


@dataclass(frozen=True)
class NewArticle:
    """What a client sends: only the title and the text are required."""

    title: str
    text: str
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None


def body_of(text: str) -> str:
    """The text as the article file will hold it (and citation offsets will index it)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def fingerprint(text: str) -> str:
    """Identity of an article's text whatever its whitespace: the same text twice is one article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:  # whole words, at most ~48 characters
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "article"


def new_id(article: NewArticle) -> str:
    """A readable, stable id: the title's words and a piece of the text's fingerprint."""
    return f"{_slug(article.title)}-{fingerprint(article.text)[:8]}"


class Uploads:
    """The directory of uploaded articles and their chunks in the store."""

    def __init__(self, directory: Path, store: ChunkStore, params: ChunkingParams, batch_size: int) -> None:
        self.directory = directory
        self.store = store
        self.params = params
        self.batch_size = batch_size

    def add(self, new: NewArticle, article_id: str, progress: Progress | None = None) -> Article:
        """Index ``new`` under ``article_id``, then commit its file. The caller checked that neither
        the id nor the text is taken."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{article_id}.md"
        raw = _render(article_id, new)
        # Parsed back from the very text the file will hold, so the indexed offsets and content hash
        # are those the next start-up reads.
        article = parse_article(path, raw, UPLOAD)
        chunks = chunk_text(article.id, article.text, self.params.max_tokens, self.params.overlap_tokens)
        ids = chunk_ids(article, chunks)
        log.info("indexing uploaded article %s: %d chunks", article.id, len(chunks))
        try:
            write_chunks(
                self.store, [(article, chunks, ids)], {}, progress, len(chunks), self.batch_size, "upload"
            )
            _write_atomically(path, raw)
            checkpoint("upload-committed")
        except BaseException:
            # Not committed: take back what was written (start-up reconciliation would, too).
            self.store.delete_article(article.id)
            raise
        return article

    def delete(self, article: Article) -> None:
        """Remove the file (the commit), then the chunks."""
        article.path.unlink(missing_ok=True)
        _sync_dir(article.path.parent)
        self.store.delete_article(article.id)

    def reconcile(self) -> IngestReport:
        """Finish what a killed process left: drop chunks whose file is not there, re-index files
        whose chunks are not all there, remove half-written files."""
        for stray in self.directory.glob(f".*{_TMP_SUFFIX}") if self.directory.is_dir() else []:
            stray.unlink(missing_ok=True)
        report = ingest(self.directory, self.store, self.params, None, self.batch_size, origin=UPLOAD)
        if report.updated or report.removed:
            log.info("uploaded articles reconciled: %s", report.summary())
        return report


def _render(article_id: str, new: NewArticle) -> str:
    fields = {
        "id": article_id,
        "title": new.title.strip(),
        "outlet": new.outlet,
        "published": new.published.isoformat() if new.published else None,
        "url": new.url,
    }
    front = yaml.safe_dump({k: v for k, v in fields.items() if v}, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n{body_of(new.text)}\n"


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.stem}{_TMP_SUFFIX}")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _sync_dir(path.parent)


def _sync_dir(directory: Path) -> None:
    # The rename or unlink is durable only once the directory entry is on disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
