"""The long-lived objects one process shares: settings, models, store, retriever, articles."""

from __future__ import annotations

import logging
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from service.articles import CORPUS, UPLOAD, Article, load_corpus
from service.ask.gatekeeper import Gatekeeper
from service.ask.pipeline import AskPipeline, PipelineDeps
from service.ask.priming import Primer
from service.components.backends import (
    ChatBackend,
    EmbeddingBackend,
    get_chat_model,
    get_embeddings,
    get_store,
)
from service.components.embed_cache import CachedEmbeddings
from service.components.store import ChunkStore
from service.config import Settings
from service.errors import ConflictError, InvalidRequestError, NotFoundError, TooLargeError
from service.ingest.service import ChunkingParams, IngestReport, Progress, ingest
from service.ingest.uploads import NewArticle, Uploads, body_of, fingerprint, new_id
from service.prompts import Prompt, load_all
from service.retrieval.hybrid import HybridRetriever

if TYPE_CHECKING:
    from service.components.llm.local import LocalServer

log = logging.getLogger(__name__)

PROMPT_NAMES = ("answer", "condense", "summarize_article", "summarize_combine", "naive", "support")


class Services:
    """Built once per process (app start-up or CLI command); everything heavy is created lazily."""

    def __init__(
        self, settings: Settings, embeddings: EmbeddingBackend | None = None, chat: ChatBackend | None = None
    ) -> None:
        self.settings = settings
        self._articles: dict[str, Article] | None = None
        self._fingerprints: dict[str, str] | None = None
        self._stamp: tuple[int, int] = (0, 0)
        self._lock = threading.Lock()
        self._writing = threading.Lock()  # one add or delete at a time
        self._local_server: LocalServer | None = None
        if embeddings is not None:  # tests share one loaded model across many Services
            self.__dict__["embeddings"] = embeddings
        if chat is not None:
            self.__dict__["chat"] = chat

    @cached_property
    def embeddings(self) -> EmbeddingBackend:
        return get_embeddings(self.settings)

    @cached_property
    def store(self) -> ChunkStore:
        return get_store(self.settings, self.embeddings)

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(
            self.store,
            self.settings.dense_candidates,
            self.settings.keyword_weight,
            keyword_score=self.settings.keyword_score,
            coverage_from=self.settings.coverage_from_chunks,
            recheck_s=self.settings.index_recheck_ms / 1000,
            # Beside the data it indexes, one file per collection; workers on one machine share it.
            snapshot_path=self.settings.data_dir / "keyword-index" / f"{self.store.name}.pickle",
        )

    @cached_property
    def sentence_embeddings(self) -> CachedEmbeddings:
        """The embedding model behind a cache: answering re-embeds the same sentences often."""
        return CachedEmbeddings(self.embeddings.model)

    @cached_property
    def prompts(self) -> dict[str, Prompt]:
        return load_all(PROMPT_NAMES)

    @cached_property
    def chat(self) -> ChatBackend:
        """The chat model; for the local backend this starts (and later stops) the llama.cpp server."""
        base_url = None
        if self.settings.llm_backend == "local" and self.settings.local_llm_url:
            base_url = self.settings.local_llm_url  # one model for all workers, supervised by serve
        elif self.settings.llm_backend == "local":
            from service.components.llm.local import LocalServer

            self._local_server = LocalServer(self.settings)
            self._local_server.on_restart = self._reprime
            base_url = self._local_server.base_url()
        return get_chat_model(self.settings, base_url)

    @cached_property
    def gatekeeper(self) -> Gatekeeper:
        # Workers sharing one local model take turns across processes, through a lock file: llama.cpp
        # interrupts the generation under way when another request arrives.
        shared = self.settings.data_dir / "model.lock" if self.settings.local_llm_url else None
        return Gatekeeper(self.chat.slots, self.settings.queue_size, self.settings.ask_timeout_s, shared)

    def deps(self) -> PipelineDeps:
        """What a pipeline needs, over the current articles."""
        return PipelineDeps(
            self.settings,
            self.retriever,
            self.articles(),
            self.sentence_embeddings,
            self.chat,
            self.prompts,
            slot=self.gatekeeper.slot,
        )

    @cached_property
    def primer(self) -> Primer:
        """Evaluates answer-prompt openings ahead on the local model (started by :meth:`start`)."""
        return Primer(self.deps, self.gatekeeper, self.settings.llm_prime_windows)

    def _reprime(self) -> None:
        if "primer" in self.__dict__:  # primed before: the restarted server lost those states
            self.primer.schedule()

    def pipeline(self) -> AskPipeline:
        """The answering pipeline over the current articles."""
        return AskPipeline(self.deps())

    @cached_property
    def uploads(self) -> Uploads:
        return Uploads(self.settings.uploads_dir, self.store, self._chunking(), self.settings.ingest_batch)

    def _chunking(self) -> ChunkingParams:
        return ChunkingParams(self.settings.chunk_tokens, self.settings.chunk_overlap_tokens)

    def _library_stamp(self) -> tuple[int, int]:
        # A directory's mtime moves when a file in it is created, renamed or removed: how a worker
        # learns that another worker added or deleted an article (uploads share one directory).
        def mtime(path: Path) -> int:
            try:
                return path.stat().st_mtime_ns
            except OSError:
                return 0

        return mtime(self.settings.corpus_dir), mtime(self.settings.uploads_dir)

    def articles(self) -> dict[str, Article]:
        """The shipped corpus (``corpus_dir``) and the articles added over HTTP, reloaded after a change
        (made here, or by another worker)."""
        stamp = self._library_stamp()
        if stamp != self._stamp and self._articles is not None:
            self._changed()
        with self._lock:
            if self._articles is None:
                self._stamp = stamp
                articles = load_corpus(self.settings.corpus_dir, cache=self._parsed("corpus")).by_id()
                uploads = load_corpus(self.settings.uploads_dir, UPLOAD, self._parsed("uploads"))
                for article in uploads.articles:
                    articles.setdefault(article.id, article)  # a corpus file keeps its id
                self._articles = articles
            return self._articles

    def _parsed(self, name: str) -> Path:
        """Where the parsed files of one article directory are kept (``load_corpus``)."""
        return self.settings.data_dir / "parsed" / f"{name}.pickle"

    def _changed(self, article_id: str | None = None) -> None:
        """Forget what was derived from the articles; ``article_id``: the one article this process
        changed, which the keyword index takes in without comparing every stored id."""
        with self._lock:
            self._articles = None
            self._fingerprints = None
        if article_id is None:
            self.retriever.invalidate()
        else:
            self.retriever.article_changed(article_id)

    def add_article(self, new: NewArticle, progress: Progress | None = None) -> Article:
        """Add an article: searchable when this returns. 409 if its text is already here."""
        text = body_of(new.text)
        if not text:
            raise InvalidRequestError("text must not be empty: send the article's body")
        if len(text) > self.settings.max_article_chars:
            raise TooLargeError(
                f"text is {len(text):,} characters; the limit is {self.settings.max_article_chars:,} "
                "(NEWSDESK_MAX_ARTICLE_CHARS): split the article or raise the limit"
            )
        if not new.title.strip():
            raise InvalidRequestError("title must not be empty")
        with self._writing:
            existing = self._by_fingerprint().get(fingerprint(text))
            if existing is not None:
                raise ConflictError(f"this text is already article {existing!r}", existing_id=existing)
            article_id = new_id(new)
            if article_id in self.articles():
                raise ConflictError(f"an article with id {article_id!r} exists", existing_id=article_id)
            article = self.uploads.add(new, article_id, progress)
            self._changed(article.id)
        if "primer" in self.__dict__:
            self.primer.schedule([article.id])
        return article

    def delete_article(self, article_id: str) -> None:
        """Remove an article added over HTTP, its chunks and what was cached from it."""
        with self._writing:
            article = self.article(article_id)
            if article.origin == CORPUS:
                raise ConflictError(
                    f"article {article_id!r} is part of the shipped corpus, managed as files: delete "
                    f"{self.settings.corpus_dir / article.path.name} and run ingest instead"
                )
            self.uploads.delete(article)
            self._changed(article.id)

    def _by_fingerprint(self) -> dict[str, str]:
        articles = self.articles()
        with self._lock:
            if self._fingerprints is None:
                self._fingerprints = {fingerprint(a.text): a.id for a in articles.values()}
            return self._fingerprints

    def article(self, article_id: str) -> Article:
        """One article by id, or NotFoundError."""
        try:
            return self.articles()[article_id]
        except KeyError:
            known = ", ".join(sorted(self.articles())) or "none"
            raise NotFoundError(f"no article with id {article_id!r}; known ids: {known}") from None

    def start(self, with_llm: bool = True) -> None:
        """Load prompts, models and the keyword index now, so the first request is not slow."""
        self.prompts  # noqa: B018 - a bad prompt file should stop start-up, not the first request
        self.uploads.reconcile()  # what a killed add or delete left half done
        self.retriever.refresh()
        self.articles()
        if with_llm:
            self.chat  # noqa: B018
            if self.settings.llm_backend == "local":
                self.primer.schedule()

    def close(self) -> None:
        """Keep the keyword index for the next start, and stop the local model server, if this
        process started one."""
        if "retriever" in self.__dict__:
            try:
                self.retriever.save()
            except OSError as exc:  # a full disk must not stop the model server from stopping
                log.warning("keyword index not saved: %s", exc)
        if "primer" in self.__dict__:
            self.primer.close()
        if self._local_server is not None:
            self._local_server.close()

    def readiness(self) -> dict[str, tuple[bool, str]]:
        """Named checks, each ``(ok, detail)``: what /readyz reports."""
        checks: dict[str, tuple[bool, str]] = {}
        try:
            # Asked of the store itself: a search may answer from the keyword index's last look at it.
            count = self.store.count()
            self.retriever.refresh()
            checks["index"] = (
                count > 0,
                f"{count} chunks in {self.store.name}" if count else "index empty: run ingest",
            )
        except Exception as exc:  # readiness must report, never raise
            checks["index"] = (False, f"store unavailable: {exc}")
        checks["embeddings"] = (True, self.embeddings.model_id)
        if self._local_server is not None:
            up, detail = self._local_server.ready()
            checks["llm"] = (up, f"{self.chat.name}: {detail}")
        elif "chat" in self.__dict__:
            checks["llm"] = (True, self.chat.name)
        else:
            checks["llm"] = (False, f"{self.settings.llm_backend} model not loaded yet")
        articles = self.articles()
        checks["corpus"] = (bool(articles), f"{len(articles)} articles in {self.settings.corpus_dir}")
        return checks

    def ingest(self, path: Path | None = None, progress: Progress | None = None) -> IngestReport:
        """Ingest ``path`` (default: the corpus directory) and refresh what depends on the index."""
        path = path or self.settings.corpus_dir
        # The corpus directory's files are parsed once, for this ingest and the next start alike.
        parsed = self._parsed("corpus") if path == self.settings.corpus_dir else None
        batch = self.settings.ingest_batch
        report = ingest(path, self.store, self._chunking(), progress, batch, parsed_cache=parsed)
        self._changed()
        if report.updated or report.removed:
            # Indexed now and kept on disk, so the next start catches up instead of rebuilding.
            self.retriever.refresh()
            self.retriever.save()
        return report
