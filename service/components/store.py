"""The chunk store: a Chroma collection (embedded or server) behind LangChain's Chroma wrapper."""

from __future__ import annotations

import functools
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from service.articles import CORPUS, UPLOAD
from service.config import Settings
from service.errors import BackendUnavailableError, ConfigurationError


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as the store holds it."""

    id: str
    article_id: str
    title: str
    start: int
    end: int
    text: str
    added_at: float = 0.0  # when the store took it (writer's clock); 0 for chunks stored before this was kept


# How long a deletion is remembered for other processes (``deleted_since``). A reader that looks less
# often than this finds the store's count apart from its index and compares every id instead.
DELETIONS_KEPT_S = 24 * 3600.0


def make_client(settings: Settings) -> chromadb.ClientAPI:
    """An embedded PersistentClient under ``data_dir``, or an HTTP client when ``chroma_url`` is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ConfigurationError(
                f"NEWSDESK_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}"
            )
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:  # chromadb raises bare ValueError/ConnectError here
            raise BackendUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_url}: {exc}"
            ) from exc
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


P = ParamSpec("P")
R = TypeVar("R")


def _reachable(method: Callable[P, R]) -> Callable[P, R]:
    """A Chroma server that went away is a 503 that says so, not a 500; the next call after it is back
    succeeds (the HTTP client reconnects). The embedded store never raises these."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except httpx.TransportError as exc:
            raise BackendUnavailableError(
                f"the Chroma server is unreachable ({exc or type(exc).__name__}): start it again, "
                "or check NEWSDESK_CHROMA_URL"
            ) from exc

    return call


def collection_name(prefix: str, model_id: str) -> str:
    """Collection per embedding model, so switching models never mixes vectors in one index."""
    name = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{prefix}-{model_id}").strip("-._")
    return name[:512]


class ChunkStore:
    """Chunks with their offsets and dense vectors, in one Chroma collection."""

    @_reachable
    def __init__(
        self, client: chromadb.ClientAPI, embeddings: Embeddings, name: str, ef_search: int = 3000
    ) -> None:
        self.name = name
        self.embeddings = embeddings
        # Cosine space: distance = 1 - cosine similarity, a score with a fixed meaning we can gate on.
        self.collection = client.get_or_create_collection(
            name, configuration={"hnsw": {"space": "cosine", "ef_search": ef_search}}
        )
        hnsw = (self.collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search") != ef_search:
            # A collection made before, or with another setting. Only the search breadth can change
            # after creation; a process sees it if it changes before its first read.
            self.collection.modify(configuration={"hnsw": {"ef_search": ef_search}})
        self.vectors = Chroma(client=client, collection_name=name, embedding_function=embeddings)
        # Which chunk ids were deleted, and when: another process's keyword index forgets exactly
        # those, where comparing every stored id costs most of a second at 100k chunks. A separate
        # collection, so searches and counts of the chunks never see these records.
        self.deletions = client.get_or_create_collection(f"{name[:500]}-deleted")

    @_reachable
    def count(self) -> int:
        """Number of chunks in the collection."""
        return int(self.collection.count())

    @_reachable
    def ids_by_article(self, origin: str | None = None) -> dict[str, set[str]]:
        """Stored chunk ids grouped by article id; with ``origin``, only articles of that origin
        (``corpus`` files or ``upload``s; chunks indexed before origins were recorded are corpus)."""
        grouped: dict[str, set[str]] = defaultdict(set)
        where = {"origin": origin} if origin == UPLOAD else None
        for chunk_id, meta in self._page(include=["metadatas"], where=where):
            if origin is None or meta.get("origin", CORPUS) == origin:
                grouped[str(meta["article_id"])].add(chunk_id)
        return dict(grouped)

    @_reachable
    def sources_by_article(self) -> dict[str, str]:
        """The corpus file name each stored article came from."""
        return {str(m["article_id"]): str(m.get("source", "")) for _, m in self._page(include=["metadatas"])}

    @_reachable
    def add(self, texts: list[str], metadatas: list[dict[str, Any]], ids: list[str]) -> None:
        """Embed and add a batch of chunks."""
        self.vectors.add_texts(texts, metadatas=metadatas, ids=ids)

    @_reachable
    def add_embedded(
        self, texts: list[str], vectors: list[list[float]], metadatas: list[dict[str, Any]], ids: list[str]
    ) -> None:
        """Add a batch whose vectors were computed by the caller. Each chunk is stamped with the time
        it was stored, so a reader can ask for what was added since (``added_since``)."""
        now = time.time()
        stamped = [{**meta, "added_at": now} for meta in metadatas]
        self.collection.upsert(ids=ids, documents=texts, embeddings=vectors, metadatas=stamped)  # type: ignore[arg-type]

    @_reachable
    def delete(self, ids: list[str]) -> None:
        """Delete chunks by id (no-op for an empty list)."""
        if ids:
            self.collection.delete(ids=ids)
            self._record_deleted(ids)

    @_reachable
    def delete_article(self, article_id: str) -> None:
        """Delete every chunk of one article, whichever content version it was indexed from."""
        ids = [str(row[0]) for row in self._page(include=[], where={"article_id": article_id})]
        self.collection.delete(where={"article_id": article_id})
        self._record_deleted(ids)

    def _record_deleted(self, ids: list[str]) -> None:
        """Note the deletion after it happened: a crash in between leaves the store's count apart
        from every other index, which then compares ids, never a record of a deletion not made."""
        now = time.time()
        marker: list[Sequence[float]] = [[1.0]]  # a record has no meaning to embed; Chroma wants a vector
        stale: Any = {"deleted_at": {"$lt": now - DELETIONS_KEPT_S}}
        for i in range(0, len(ids), 2000):
            batch = ids[i : i + 2000]
            self.deletions.upsert(
                ids=batch, embeddings=marker * len(batch), metadatas=[{"deleted_at": now}] * len(batch)
            )
        self.deletions.delete(where=stale)

    @_reachable
    def deleted_since(self, since: float) -> dict[str, float]:
        """Chunk ids deleted at or after ``since`` (writers' clocks), with when each last was."""
        rows = self._page(include=["metadatas"], where={"deleted_at": {"$gte": since}}, of=self.deletions)
        return {str(cid): float(meta["deleted_at"]) for cid, meta in rows}

    @_reachable
    def all_chunks(self) -> list[StoredChunk]:
        """Every stored chunk with its text and offsets (feeds the keyword index)."""
        rows = self._page(include=["metadatas", "documents"])
        return [_to_chunk(cid, meta, doc) for cid, meta, doc in rows]

    @_reachable
    def ids(self) -> set[str]:
        """Every stored chunk id (ids only: what a keyword index diffs against to catch up)."""
        return {str(row[0]) for row in self._page(include=[], page=20_000)}

    @_reachable
    def added_since(self, since: float) -> list[StoredChunk]:
        """The chunks stored at or after ``since`` (a metadata filter: no scan of the others)."""
        rows = self._page(include=["metadatas", "documents"], where={"added_at": {"$gte": since}})
        return [_to_chunk(cid, meta, doc) for cid, meta, doc in rows]

    @_reachable
    def article_chunks(self, article_id: str) -> list[StoredChunk]:
        """The stored chunks of one article (a metadata filter: no scan of the other articles)."""
        rows = self._page(include=["metadatas", "documents"], where={"article_id": article_id})
        return [_to_chunk(cid, meta, doc) for cid, meta, doc in rows]

    @_reachable
    def chunks(self, ids: list[str]) -> list[StoredChunk]:
        """The stored chunks of the given ids (those that exist), with text and offsets."""
        rows: list[StoredChunk] = []
        for i in range(0, len(ids), 2000):
            got = self.collection.get(ids=ids[i : i + 2000], include=["metadatas", "documents"])
            metas, docs = got["metadatas"] or [], got["documents"] or []
            rows += [_to_chunk(cid, m, d) for cid, m, d in zip(got["ids"], metas, docs, strict=True)]
        return rows

    @_reachable
    def dense(
        self, vector: list[float], k: int, article_ids: list[str] | None = None
    ) -> list[tuple[StoredChunk, float]]:
        """Top-``k`` chunks by cosine similarity to ``vector``, as ``(chunk, similarity)``."""
        pairs = self.vectors.similarity_search_by_vector_with_relevance_scores(
            vector, k=k, filter=_where(article_ids)
        )
        return [
            (_to_chunk(str(doc.id), doc.metadata, doc.page_content), 1.0 - float(distance))
            for doc, distance in pairs
        ]

    @_reachable
    def nearest(
        self, vector: list[float], k: int, article_ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """Ids and cosine similarities of the ``k`` chunks nearest ``vector``. For a caller that holds
        the chunks already (the keyword index does): reading 30 texts and metadatas back was 2-6 ms
        of a 30 ms search at 100k chunks."""
        query: list[Sequence[float]] = [vector]
        got = self.collection.query(
            query_embeddings=query, n_results=k, where=_where(article_ids), include=["distances"]
        )
        distances = (got["distances"] or [[]])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], distances, strict=True)]

    @_reachable
    def vectors_for(self, ids: list[str]) -> dict[str, list[float]]:
        """Stored vectors of the given chunk ids."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"])
        embeddings = got["embeddings"] if got["embeddings"] is not None else []
        return {cid: [float(x) for x in vec] for cid, vec in zip(got["ids"], embeddings, strict=True)}

    def _page(
        self,
        include: list[str],
        page: int = 2000,
        where: dict[str, Any] | None = None,
        of: chromadb.Collection | None = None,
    ) -> list[tuple[Any, ...]]:
        # Paged so a large collection (or a server's payload limits) does not fail one huge get.
        collection = self.collection if of is None else of
        rows: list[tuple[Any, ...]] = []
        offset = 0
        while True:
            got = collection.get(include=include, limit=page, offset=offset, where=where)  # type: ignore[arg-type]
            columns = [got["ids"]] + [got[key] for key in include]  # type: ignore[literal-required]
            rows.extend(zip(*columns, strict=True))
            if len(got["ids"]) < page:
                return rows
            offset += page


def _where(article_ids: list[str] | None) -> dict[str, Any] | None:
    if not article_ids:
        return None
    if len(article_ids) == 1:
        return {"article_id": article_ids[0]}
    return {"article_id": {"$in": list(article_ids)}}


def _to_chunk(chunk_id: str, meta: Any, text: str) -> StoredChunk:
    return StoredChunk(
        id=chunk_id,
        article_id=str(meta["article_id"]),
        title=str(meta.get("title", "")),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=text,
        added_at=float(meta.get("added_at", 0.0)),
    )
