"""Every setting Newsdesk reads, in one place (environment prefix ``NEWSDESK_``)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_cache_dir() -> Path:
    # Outlives a clone, so a second checkout on the same machine reuses the assembled model.
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsdesk"


class Settings(BaseSettings):
    """Newsdesk configuration. Every field can be set as ``NEWSDESK_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", env_file=".env", extra="ignore")

    # --- where things live
    corpus_dir: Path = Path("corpus")
    data_dir: Path = Path("data")
    cache_dir: Path = Field(default_factory=_default_cache_dir)

    # --- HTTP
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # serve's worker processes; more than one needs a Chroma server (the embedded one is one process's).
    workers: int = Field(default=1, ge=1, le=64)
    # A local model server already running (serve starts one for all its workers and sets this).
    local_llm_url: str | None = None
    # An uploaded article is chunked and embedded before its POST returns: this keeps that to seconds
    # (200,000 characters is ~450 chunks, ~10 s of embedding on 2 cores).
    max_article_chars: int = Field(default=200_000, ge=1)
    # Largest request body: above the article limit (200,000 characters of UTF-8 fit in 1 MB for
    # most text), so an upload over the limit gets the article limit's message, not this one.
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    # --- access (service/api/security.py). Keys: "k1,k2", or "@path" to a file of one per line;
    # an entry "sha256:<hex>" is the hash of a key rather than the key.
    api_keys: SecretStr | None = None
    admin_keys: SecretStr | None = None
    # With no keys, serve listens only on loopback unless this says anyone on the network may ask.
    allow_anonymous: bool = False
    # Requests per minute per key (per client address without keys); 0 turns the limit off.
    rate_limit_per_minute: int = Field(default=120, ge=0)
    # Origins allowed to call the API from a browser page of their own, comma-separated.
    cors_origins: str = ""
    # serve's logs: one JSON object per line (with the request id), or plain text.
    log_format: Literal["json", "text"] = "json"

    # --- vector store: embedded PersistentClient under data_dir unless a server URL is given
    chroma_url: str | None = None
    collection_prefix: str = "newsdesk"

    # --- embeddings
    embeddings: Literal["local", "openai"] = "local"
    embedding_threads: int | None = Field(default=None, ge=1)
    openai_embedding_model: str = "text-embedding-3-small"

    # --- chunking (cl100k tokens; MiniLM reads at most 256 wordpieces, ~1.12 per cl100k token)
    chunk_tokens: int = Field(default=180, ge=32, le=400)
    chunk_overlap_tokens: int = Field(default=40, ge=0, le=200)
    # Chunks per embedding call: bigger calls pad less (the model sorts a call's texts by length).
    ingest_batch: int = Field(default=256, ge=1, le=4096)

    # --- retrieval
    search_k: int = Field(default=5, ge=1, le=50)
    # Fused score = cosine + keyword_weight x (BM25 / the query's best BM25), or with ``coverage``,
    # x (the chunk's share of the query's idf) squared (service/retrieval/hybrid.py). On the eval's
    # tuning questions (143, both corpora) recall@5 / MRR with bm25: reciprocal rank fusion
    # 0.970 / 0.926; weight 0.2 0.980 / 0.952, 0.3 0.983 / 0.964, 0.5 0.981 / 0.969, 1.0 0.974 / 0.971.
    # Planted tuning questions, MRR on their own corpus / in the 100k archive: bm25 0.5: shipped
    # 0.987 / 0.860, korrel 0.938 / 0.946; coverage 0.5 to 0.7: shipped 0.972 / 0.943, korrel
    # 0.951 / 0.946; coverage 0.4: shipped 0.972 / 0.920.
    keyword_weight: float = Field(default=0.5, ge=0.0, le=10.0)
    # ``auto``: bm25 below ``coverage_from_chunks`` indexed chunks, coverage from there. Tuning planted
    # questions, MRR on their own corpus (26-39 chunks) / in bench.scale's archive: shipped, bm25
    # 0.987 / 0.886 at 10k / 0.860 at 100k, coverage 0.972 / 0.943 / 0.943; korrel, bm25 0.938 /
    # 0.958 / 0.946, coverage 0.951 / 0.946 / 0.946 (bench/RESULTS.md, archive notes).
    keyword_score: Literal["auto", "bm25", "coverage"] = "auto"
    coverage_from_chunks: int = Field(default=1000, ge=0)
    dense_candidates: int = Field(default=30, ge=1, le=200)
    # How many neighbours Chroma's HNSW graph explores per dense query. In bench.scale's archive of
    # similar stories (tuning questions with an expected article in the dense top 30, of 132): at 10k
    # chunks 98 with Chroma's default of 100, 122 at 1000; at 100k 86 at 1000, 108 at 3000, 113 at
    # 6000, for a search p50 of 15, 20 and 29 ms. 3000 keeps the 100k search well inside 30 ms.
    hnsw_ef_search: int = Field(default=3000, ge=10, le=10_000)
    # How often a search asks the store whether another process changed it (a worker, an ingest run):
    # asking costs ~10 ms at 100k chunks, as much as the rest of a search. Changes made through this
    # process are seen at once.
    index_recheck_ms: int = Field(default=250, ge=0, le=10_000)

    # --- LLM
    llm_backend: Literal["local", "openai", "fake"] = "local"
    llm_model_path: Path | None = None
    llm_threads: int = Field(default=2, ge=1)
    llm_context: int = Field(default=4096, ge=4096)
    llm_max_tokens: int = Field(default=256, ge=16, le=2048)
    # Flash attention changes the model's numerics and, measured interleaved with the default,
    # processed prompts no faster on these cores (bench/RESULTS.md): off.
    llm_flash_attn: bool = False
    # Saved prompt states the local model server keeps (MB of KV cells, ~28 KB a token): a prompt
    # that opens like an earlier one restores that state and evaluates only the rest. Logits for
    # every prompt token are what llama-cpp-python's server computes by default (for logprobs,
    # which Newsdesk never asks for). Both measured faster (bench/RESULTS.md), but the two together,
    # and logits_all off alone, changed the local model's summaries in the CI eval gate (longer,
    # repeated lines; citation precision 0.54 -> 0.48): kept off until that is understood.
    llm_prompt_cache_mb: int = Field(default=0, ge=0)
    llm_logits_all: bool = True
    # Article windows whose answer-prompt opening the local model evaluates ahead, while idle, at
    # start-up and after an upload (newest articles first; ~25 MB of that cache each), or, with
    # ``answer_fresh_sentences``, articles whose state it evaluates (~28 MB each). 0: none.
    llm_prime_windows: int = Field(default=24, ge=0)
    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"

    # --- answering
    # Evidence gate on the best chunk's cosine similarity. Calibrated on 20 answerable and 14
    # unanswerable probe questions (README, "Evidence gate"): answerable >= 0.426, off-topic <= 0.38.
    # With ``keyword_score=coverage`` on the eval's small corpora, whose top 5 then keeps the chunk
    # nearest the question more often, an off-topic probe reaches 0.412 ("What is the weather in
    # Pyongyang today?"): set 0.42 with it, which gates the tuning questions as 0.40 does (and one
    # unanswerable more). ``auto`` fuses with coverage only from ``coverage_from_chunks``, where no
    # floor has been calibrated (an archive's questions and probes have no labels here).
    min_similarity: float = Field(default=0.40, ge=-1.0, le=1.0)
    # ... or, down to this floor, when a retrieved chunk holds a name from the question that at most
    # ``rare_name_share`` of chunks hold (service/grounding/gate.py says why).
    min_similarity_named: float = Field(default=0.20, ge=-1.0, le=1.0)
    rare_name_share: float = Field(default=0.10, ge=0.0, le=1.0)
    # ... or, down to ``min_similarity_covered``, when one chunk holds this idf-weighted share of the
    # question's content words. Calibrated on the tuning part of both eval corpora (evals/README.md).
    min_similarity_covered: float = Field(default=0.28, ge=-1.0, le=1.0)
    min_term_coverage: float = Field(default=0.28, ge=0.0, le=1.0)
    # ... or when one sentence of the retrieved chunks is this close to the question: a short
    # question scores low against a whole chunk ("Who heads the inquiry?" 0.24) and high against the
    # sentence that answers it (0.66). On the tuning part of both corpora the questions the other
    # paths refuse scored 0.15-0.37 (unanswerable) and 0.47 (answerable, misspelt); "What is the
    # weather in Pyongyang today?" scores 0.45 against the shipped articles: 0.5 keeps a margin.
    min_sentence_similarity: float = Field(default=0.5, ge=-1.0, le=1.0)
    # cl100k tokens of source sentences per answer prompt: prompt processing (~50-100 tok/s on 2 cores)
    # is the latency. A question that asks several things (parts, lists, comparisons) may get a
    # budget of its own. 350/500 was measured on the full eval and lost correctness (0.717 -> 0.688,
    # cited-but-wrong 20 -> 28): bench/RESULTS.md, "Evidence budget". So both stay at 600 for now.
    answer_token_budget: int = Field(default=600, ge=100)
    answer_token_budget_broad: int = Field(default=600, ge=100)
    # With a window size (tokens), the answer prompt opens with the whole window of whole sentences of
    # the article that holds most of the evidence chosen within the budget, the rest after it: a
    # window depends only on the article, so the model server finds it evaluated (and the primer
    # evaluates it ahead) when a question answered from it comes again. Off: on the full eval this
    # model answered worse from the longer prompts (bench/RESULTS.md, "Prompt openings").
    answer_lead_window: int = Field(default=0, ge=0)
    # Evidence sentences of an answer prompt the local model evaluates in the prompt's own context
    # (those that match the question best, besides block openers); the others take their cells from
    # their article's state, evaluated once (components/llm/reuse). -1: every prompt evaluated
    # whole. Off: the model answered worse from such prompts on the full eval (bench/RESULTS.md,
    # "Reused article states").
    answer_fresh_sentences: int = Field(default=-1, ge=-1)
    # MB of those article states the local model server keeps, least recently used dropped first
    # (~28 KB a token: 1024 holds about 35 articles of 1,000 tokens).
    llm_reuse_cache_mb: int = Field(default=1024, ge=16)
    # Evidence tokens for the second try at an answer that did not hold up (0: refuse at once):
    # the sentences that match the question best (evals/README.md, "Second try").
    answer_retry_token_budget: int = Field(default=200, ge=0)
    # ... and per topic-summary prompt (a per-article summary reads 300 more).
    summary_token_budget: int = Field(default=600, ge=100)
    # Claims the structured support checks cannot decide: ask the chat model a yes/no question
    # (``model``), or count them unsupported (``off``). service/grounding/support.py says why.
    support_judge: Literal["model", "off"] = "model"
    support_timeout_s: float = Field(default=20.0, gt=0)
    conflict_scan_k: int = Field(default=15, ge=1, le=50)
    ask_timeout_s: float = Field(default=120.0, gt=0)
    condense_timeout_s: float = Field(default=30.0, gt=0)
    summarize_timeout_s: float = Field(default=180.0, gt=0)
    queue_size: int = Field(default=4, ge=0)
    # Generations at once on a remote (openai) backend; the local model always runs one at a time.
    llm_concurrency: int = Field(default=4, ge=1)

    @field_validator("chroma_url", "openai_base_url", "local_llm_url")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("api_keys", "admin_keys")
    @classmethod
    def _blank_secret_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value().strip() else None

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def reuses_article_states(self) -> bool:
        """Whether answer prompts take evidence cells from articles' states on the local model server
        (``answer_fresh_sentences``; another server would not know the request field)."""
        return self.answer_fresh_sentences >= 0 and self.llm_backend == "local"

    @property
    def chroma_path(self) -> Path:
        """Directory of the embedded Chroma database."""
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        """Articles added over HTTP, one Markdown file each (``corpus/`` holds the shipped ones)."""
        return self.data_dir / "articles"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use (never at import)."""
    return Settings()
