"""A real Chroma server (``chroma run``) on a free loopback port, for the tests and the scale bench."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(proc: subprocess.Popen[bytes], grace_s: float = 15.0) -> None:
    """Stop ``proc`` if it still runs: terminate, then kill after ``grace_s``."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class ChromaServer:
    """``chroma run`` on a fixed loopback port and data path, which can be stopped and started again
    (the same port and path serve the same collections). Its log is ``path/server.log``."""

    def __init__(self, path: Path) -> None:
        if not CHROMA.exists():
            raise RuntimeError(f"the chroma CLI is missing at {CHROMA}: install the project first")
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 60.0) -> None:
        """Start the server and return once its heartbeat answers."""
        with (self.path / "server.log").open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    str(CHROMA),
                    "run",
                    "--path",
                    str(self.path / "db"),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
            )
        deadline = time.monotonic() + timeout_s
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma exited: {(self.path / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the chroma server did not answer its heartbeat in {timeout_s:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server if it runs (terminate, then kill after 15 s)."""
        if self.proc is not None:
            stop(self.proc)


@contextmanager
def chroma_server(path: Path, timeout_s: float = 60.0) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A started ``ChromaServer`` with its data under ``path``; yields its URL and process, and stops
    it on the way out."""
    server = ChromaServer(path)
    try:
        server.start(timeout_s)
        assert server.proc is not None
        yield server.url, server.proc
    finally:
        server.stop()
