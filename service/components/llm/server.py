"""Supervise a ``llama_cpp.server`` subprocess serving one GGUF model on loopback.

The process runs the server through ``llama_entry``, which keeps its saved prompt states lean.

The server speaks the OpenAI API, so callers talk to :attr:`LlamaServer.base_url`
with any OpenAI-compatible client.  ``--chat_format`` is deliberately not
passed: llama-cpp-python then uses the chat template stored in the GGUF.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import IO

HOST = "127.0.0.1"
DEFAULT_ALIAS = "qwen2.5-coder-1.5b-instruct"
INSTALL_HINT = "pip install 'llama-cpp-python[server]'"

# Modules `python -m llama_cpp.server` needs; checked by spec only so the
# parent process never loads libllama itself.
_REQUIRED_MODULES = (
    "llama_cpp",
    "uvicorn",
    "fastapi",
    "sse_starlette",
    "starlette_context",
    "pydantic_settings",
)
_POLL_INTERVAL_S = 0.25
_LOG_TAIL_BYTES = 4000


class LlamaServerError(RuntimeError):
    """The llama.cpp server is not installed, failed to start or died."""


def _check_installed() -> None:
    missing = [m for m in _REQUIRED_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise LlamaServerError(
            f"llama.cpp server is not installed (missing: {', '.join(missing)}). "
            f"Install it with: {INSTALL_HINT}"
        )


def _free_port() -> int:
    # Racy by nature (the port is released before the server binds it); a
    # lost race shows up as an early exit with "address already in use" in
    # the log tail.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _default_threads() -> int:
    # Affinity respects container CPU limits, unlike os.cpu_count().
    return max(1, len(os.sched_getaffinity(0)))


def _read_tail(path: Path) -> str:
    try:
        with path.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - _LOG_TAIL_BYTES))
            return log.read().decode("utf-8", errors="replace")
    except OSError as exc:
        return f"<could not read {path}: {exc}>"


def _probe(url: str) -> str | None:
    """GET ``url``; return None on HTTP 200, else a short reason."""
    try:
        with urllib.request.urlopen(url, timeout=2.0) as resp:
            status: int = resp.status
            return None if status == 200 else f"HTTP {status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return str(exc)


# What the model process needs of the service's environment, and nothing else: never the API keys
# or the OpenAI key the service itself holds.
_PASSED = {
    "PATH",
    "HOME",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TMPDIR",
    "PYTHONPATH",
    "PYTHONHOME",
    "VIRTUAL_ENV",
    "LD_LIBRARY_PATH",
    "SYSTEMROOT",
}
_PASSED_PREFIXES = ("LC_", "OMP_", "GGML_", "LLAMA_", "KMP_", "OPENBLAS_", "MKL_")


def _server_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in _PASSED or k.startswith(_PASSED_PREFIXES)}


class LlamaServer:
    """One llama.cpp server process (``llama_cpp.server`` via ``llama_entry``) bound to 127.0.0.1.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        model_path: Path,
        log_path: Path,
        *,
        port: int = 0,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        model_alias: str = DEFAULT_ALIAS,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        """Configure the server; nothing is launched until :meth:`start`.

        ``port=0`` picks a free port at start.  ``n_threads=None`` uses every
        CPU available to this process.  ``extra_args`` are appended verbatim
        to the ``llama_cpp.server`` command line.
        """
        self.model_path = model_path
        self.log_path = log_path
        self.n_ctx = n_ctx
        self.n_threads = n_threads or _default_threads()
        self.model_alias = model_alias
        self.extra_args = extra_args
        self._requested_port = port
        self._port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    # -- public API ---------------------------------------------------------

    @property
    def base_url(self) -> str:
        """OpenAI-compatible base URL, e.g. ``http://127.0.0.1:PORT/v1``."""
        if self._port is None:
            raise LlamaServerError("server has not been started")
        return f"http://{HOST}:{self._port}/v1"

    @property
    def port(self) -> int | None:
        """The port the server listens on (None before the first start)."""
        return self._port

    @property
    def pid(self) -> int | None:
        """Process id of the server, or None if never started."""
        return self._proc.pid if self._proc is not None else None

    def command(self) -> list[str]:
        """The exact command line :meth:`start` runs (port must be known)."""
        return [
            sys.executable, "-m", "service.components.llm.llama_entry",
            "--model", str(self.model_path),
            "--model_alias", self.model_alias,
            "--host", HOST,
            "--port", str(self._port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.n_threads),
            *self.extra_args,
        ]  # fmt: skip

    def start(self, timeout_s: float = 120.0) -> None:
        """Launch the server and wait until ``GET /v1/models`` returns 200.

        Raises :class:`LlamaServerError` (with the log tail) if llama_cpp is
        missing, the model file is absent, the process exits, or it is not
        ready within ``timeout_s``; the process is stopped in that case.
        """
        if self.is_running():
            return
        _check_installed()
        if not self.model_path.is_file():
            raise LlamaServerError(f"model file not found: {self.model_path}")
        self._port = self._requested_port or _free_port()
        self._launch()
        try:
            self._wait_ready(timeout_s)
        except BaseException:
            self.stop()
            raise

    def is_running(self) -> bool:
        """True while the server process is alive (ready or not)."""
        return self._proc is not None and self._proc.poll() is None

    def stop(self, grace_s: float = 10.0) -> None:
        """Terminate the server, killing it if it outlives ``grace_s``. Idempotent."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        atexit.unregister(self.stop)

    def log_tail(self) -> str:
        """The last few KB of the server log."""
        return _read_tail(self.log_path)

    def __enter__(self) -> LlamaServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- internals ----------------------------------------------------------

    def _launch(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        # Append so logs of earlier runs survive for debugging; the marker
        # line separates runs.
        self._log = self.log_path.open("ab")
        self._log.write(f"\n=== {time.ctime()} {' '.join(self.command())}\n".encode())
        self._log.flush()
        # Unbuffered so the log tail in an error message is current.
        # OpenMP threads that spin while waiting fight each other on 2 vCPUs: measured in-process on a
        # 500-token prompt, 26 tok/s with the default policy, 54 tok/s with PASSIVE (bench/RESULTS.md).
        env = {"OMP_WAIT_POLICY": "PASSIVE", **_server_environment(), "PYTHONUNBUFFERED": "1"}
        self._proc = subprocess.Popen(
            self.command(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        # An orphaned server would hold ~1.5 GB of RAM and the port.
        atexit.register(self.stop)

    def _wait_ready(self, timeout_s: float) -> None:
        assert self._proc is not None
        url = f"{self.base_url}/models"
        deadline = time.monotonic() + timeout_s
        last = "no attempt yet"
        while time.monotonic() < deadline:
            code = self._proc.poll()
            if code is not None:
                raise self._failure(f"llama_cpp.server exited with code {code} during start-up")
            reason = _probe(url)
            if reason is None:
                return
            last = reason
            time.sleep(_POLL_INTERVAL_S)
        raise self._failure(f"llama_cpp.server not ready after {timeout_s:.0f}s (last probe: {last})")

    def _failure(self, message: str) -> LlamaServerError:
        if self._log is not None:
            self._log.flush()
        return LlamaServerError(f"{message}; log {self.log_path}:\n{self.log_tail()}")
