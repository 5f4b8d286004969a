"""Load on the real service over loopback, bounded in time: it stops by itself.

Run from the repository root::

    .venv/bin/python -m bench.load --run fake     # ~2 min: 100 clients for 60 s, the scripted fake model
    .venv/bin/python -m bench.load --run local    # ~6 min: 8 askers for 3 min on the local model
    .venv/bin/python -m bench.load                # both; rewrites their sections of bench/RELIABILITY.md

Each run ingests the shipped corpus into a temp ``NEWSDESK_DATA_DIR`` with ``python -m service
ingest`` and starts ``python -m service serve`` as a subprocess on a free loopback port, with the rate
limit off (``NEWSDESK_RATE_LIMIT_PER_MINUTE=0``) so the limit does not dominate.

``fake``: 100 concurrent clients for 60 s over search, the article list, one article, ask and chat
completions. Prints per-route counts by status, p50/p99 latency and requests per second.

``local``: the default local model and queue (one generation at a time, 4 waiting). First the same
questions are asked one at a time (the one-at-a-time capacity of the window), then 8 askers ask for
3 minutes, honouring ``Retry-After`` on a 429. Every request must end in an answer, a 429 with
Retry-After or a 503 at its timeout, none may hang (the client gives up after the service's own
timeout plus a margin), and the resident memory of the service and its llama.cpp server must grow
by less than 100 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from bench.results_file import write_section
from tests.conftest import CORPUS_DIR, service_process, subprocess_env

RELIABILITY = Path(__file__).resolve().parent / "RELIABILITY.md"
QUESTIONS = Path(__file__).resolve().parent / "questions.yaml"
ASK_TIMEOUT_S = 120.0  # the service's default ask_timeout_s: the longest a request may wait for the model
MB = 1024 * 1024


@dataclass(frozen=True)
class Sample:
    route: str
    status: int  # 0: the client gave up (timeout) or the connection failed
    seconds: float
    ended: float  # monotonic time the response ended
    refused: bool = False
    retry_after: str | None = None
    error: str | None = None  # why there was no response


# --------------------------------------------------------------------------- the service under load


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            todo.extend(int(c) for c in children)
    return found


def rss(pid: int) -> dict[str, int]:
    """Resident bytes of ``pid`` and each of its descendants, by ``pid:command``."""
    sizes = {}
    for each in _descendants(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
            name = Path(f"/proc/{each}/comm").read_text().strip()
        except OSError:
            continue
        kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        sizes[f"{each}:{name}"] = kb * 1024
    return sizes


@contextmanager
def running_service(backend: str, root: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Ingest a copy of corpus/ and serve it until ready; yield (base URL, process). Stopped on exit."""
    corpus = shutil.copytree(CORPUS_DIR, root / "corpus")
    env = subprocess_env(
        corpus_dir=str(corpus),
        data_dir=str(root / "data"),
        llm_backend=backend,
        rate_limit_per_minute="0",
        log_format="text",
    )
    subprocess.run(
        [sys.executable, "-m", "service", "ingest"], env=env, cwd=root, check=True, capture_output=True
    )
    with service_process(env, root, timeout_s=300) as (url, proc, log):
        deadline = time.monotonic() + 300  # the local model loads after /healthz answers
        while httpx.get(f"{url}/readyz", timeout=5).status_code != 200:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.5)
        children = _descendants(proc.pid)[1:]
        try:
            yield url, proc
        finally:
            proc.terminate()
            proc.wait(60)
            for child in children:  # the llama.cpp server is the service's to stop: make sure it did
                if Path(f"/proc/{child}").exists():
                    print(f"  child {child} outlived the service: stopping it", flush=True)
                    os.kill(child, 15)


# --------------------------------------------------------------------------- clients


async def _call(client: httpx.AsyncClient, route: str, method: str, path: str, body: Any = None) -> Sample:
    started = time.monotonic()
    try:
        response = await client.request(method, path, json=body)
        status = response.status_code
        refused = status == 200 and route == "POST /v1/ask" and bool(response.json().get("refused"))
        retry_after, error = response.headers.get("retry-after"), None
    except (httpx.TimeoutException, httpx.TransportError) as exc:
        status, refused, retry_after, error = 0, False, None, f"{type(exc).__name__}: {exc}"
    ended = time.monotonic()
    return Sample(route, status, ended - started, ended, refused, retry_after, error)


def _questions() -> list[str]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [item["q"] for item in data["answerable"] if item["kind"] == "single"]


async def fake_load(url: str, clients: int = 100, seconds: float = 60.0, seed: int = 1) -> list[Sample]:
    """``clients`` loops over the read routes and both answer routes until ``seconds`` pass."""
    questions = _questions()
    # Idle connections are dropped before uvicorn's 5 s keep-alive timeout closes them under a request.
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=url, timeout=60.0, limits=limits) as client:
        ids = [a["id"] for a in (await client.get("/v1/articles")).json()["articles"]]
        deadline = time.monotonic() + seconds
        samples: list[Sample] = []

        async def one(rng: random.Random) -> None:
            while time.monotonic() < deadline:
                question = rng.choice(questions)
                pick = rng.random()
                if pick < 0.30:
                    call = _call(client, "POST /v1/search", "POST", "/v1/search", {"query": question})
                elif pick < 0.45:
                    call = _call(client, "GET /v1/articles", "GET", "/v1/articles")
                elif pick < 0.65:
                    call = _call(client, "GET /v1/articles/{id}", "GET", f"/v1/articles/{rng.choice(ids)}")
                elif pick < 0.85:
                    call = _call(client, "POST /v1/ask", "POST", "/v1/ask", {"question": question})
                else:
                    chat = {"model": "newsdesk", "messages": [{"role": "user", "content": question}]}
                    call = _call(client, "POST /v1/chat/completions", "POST", "/v1/chat/completions", chat)
                samples.append(await call)

        await asyncio.gather(*(one(random.Random(seed * 1000 + i)) for i in range(clients)))
    return samples


# Past the service's own timeout and one more generation: a request still open then has hung.
CLIENT_TIMEOUT_S = ASK_TIMEOUT_S + 180.0


async def ask_each(url: str, questions: list[str]) -> list[Sample]:
    """Each question once, one at a time."""
    async with httpx.AsyncClient(base_url=url, timeout=CLIENT_TIMEOUT_S) as client:
        return [await _call(client, "POST /v1/ask", "POST", "/v1/ask", {"question": q}) for q in questions]


async def ask_load(url: str, askers: int, seconds: float, questions: list[str]) -> list[Sample]:
    """``askers`` each ask in turn until ``seconds`` pass, waiting out each 429's Retry-After."""
    async with httpx.AsyncClient(base_url=url, timeout=CLIENT_TIMEOUT_S) as client:
        deadline = time.monotonic() + seconds
        samples: list[Sample] = []

        async def one(offset: int) -> None:
            turn = offset
            while time.monotonic() < deadline:
                question = questions[turn % len(questions)]
                turn += 1
                sample = await _call(client, "POST /v1/ask", "POST", "/v1/ask", {"question": question})
                samples.append(sample)
                if sample.status == 429:
                    wait = float(sample.retry_after or 1)
                    await asyncio.sleep(max(0.0, min(wait, deadline - time.monotonic())))

        await asyncio.gather(*(one(i) for i in range(askers)))
    return samples


# --------------------------------------------------------------------------- figures


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def route_table(samples: list[Sample], seconds: float) -> list[str]:
    lines = ["| route | requests | statuses | p50 ms | p99 ms |", "|---|---|---|---|---|"]
    for route in sorted({s.route for s in samples}):
        mine = [s for s in samples if s.route == route]
        statuses = ", ".join(f"{k}: {n}" for k, n in sorted(Counter(s.status for s in mine).items()))
        times = [s.seconds * 1000 for s in mine]
        lines.append(
            f"| `{route}` | {len(mine)} | {statuses} | {_pct(times, 0.5):.0f} | {_pct(times, 0.99):.0f} |"
        )
    total = Counter(s.status for s in samples)
    lines.append("")
    lines.append(
        f"{len(samples)} requests in {seconds:.0f} s = {len(samples) / seconds:.1f} requests/s; "
        f"statuses {dict(sorted(total.items()))}; 5xx: {sum(n for k, n in total.items() if k >= 500)}; "
        f"no response: {total.get(0, 0)}"
    )
    return lines


def _rss_lines(before: dict[str, int], after: dict[str, int]) -> tuple[list[str], int]:
    lines, growth = [], 0
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key, 0), after.get(key, 0)
        growth += a - b
        lines.append(f"- `{key}`: {b / MB:.0f} MB → {a / MB:.0f} MB ({(a - b) / MB:+.1f} MB)")
    return lines, growth


def run_fake(clients: int, seconds: float) -> tuple[list[str], bool]:
    with tempfile.TemporaryDirectory(prefix="load-") as tmp, running_service("fake", Path(tmp)) as up:
        url, proc = up
        before = rss(proc.pid)
        started = time.monotonic()
        samples = asyncio.run(fake_load(url, clients, seconds))
        elapsed = time.monotonic() - started
        after = rss(proc.pid)
    memory, growth = _rss_lines(before, after)
    ok = not any(s.status >= 500 or s.status == 0 for s in samples)
    return [
        f"**Fake model, {clients} concurrent clients for {seconds:.0f} s** "
        f"(`python -m bench.load --run fake`, {dt.date.today().isoformat()}):",
        "",
        *route_table(samples, elapsed),
        "",
        f"Resident memory (growth {growth / MB:+.1f} MB):",
        *memory,
    ], ok


class ModelLog:
    """What the llama.cpp server logged since the last read: calls, tokens, seconds it computed."""

    _TIMES = re.compile(r"(prompt eval|eval|total) time =\s*([\d.]+) ms /\s*(\d+)")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = path.stat().st_size if path.exists() else 0

    def read(self) -> dict[str, float]:
        with self.path.open("rb") as log:
            log.seek(self.offset)
            text = log.read().decode("utf-8", errors="replace")
            self.offset = log.tell()
        got = {
            "calls": 0.0,
            "prompt_tokens": 0.0,
            "prompt_s": 0.0,
            "tokens": 0.0,
            "eval_s": 0.0,
            "busy_s": 0.0,
        }
        for kind, ms, n in self._TIMES.findall(text):
            if kind == "prompt eval":
                got["prompt_tokens"] += int(n)
                got["prompt_s"] += float(ms) / 1000
            elif kind == "eval":
                got["tokens"] += int(n)
                got["eval_s"] += float(ms) / 1000
            else:
                got["calls"] += 1
                got["busy_s"] += float(ms) / 1000
        return got


def _model_line(name: str, got: dict[str, float], wall_s: float) -> str:
    return (
        f"- model, {name}: {got['calls']:.0f} calls, busy {got['busy_s']:.0f} s of {wall_s:.0f} s "
        f"({got['busy_s'] / wall_s:.0%}); prompts {got['prompt_tokens'] / max(got['prompt_s'], 1e-9):.0f} "
        f"tok/s, generation {got['tokens'] / max(got['eval_s'], 1e-9):.1f} tok/s"
    )


def run_local(askers: int, seconds: float) -> tuple[list[str], bool]:
    questions = _questions()[:5]
    warm_up, questions = questions[:1], questions[1:]
    with tempfile.TemporaryDirectory(prefix="load-") as tmp, running_service("local", Path(tmp)) as up:
        url, proc = up
        model_log = ModelLog(Path(tmp) / "data" / "llama-server.log")
        asyncio.run(ask_each(url, warm_up))  # not counted: the first call pays for what loads lazily
        model_log.read()
        # One at a time, the questions the askers will ask, in their order.
        t0 = time.monotonic()
        sequential = asyncio.run(ask_each(url, questions))
        alone = (model_log.read(), time.monotonic() - t0)
        assert all(s.status == 200 for s in sequential), sequential
        single = statistics.mean(s.seconds for s in sequential)
        before = rss(proc.pid)
        started = time.monotonic()
        samples = asyncio.run(ask_load(url, askers, seconds, questions))
        drained = time.monotonic() - started
        loaded = (model_log.read(), drained)
        after = rss(proc.pid)
    window_end = started + seconds
    answered = [s for s in samples if s.status == 200]
    in_window = [s for s in answered if s.ended <= window_end]
    capacity = int(seconds // single)
    counts = Counter(s.status for s in samples)
    busy = [s for s in samples if s.status == 429]
    busy_ms = [s.seconds * 1000 for s in busy]
    memory, growth = _rss_lines(before, after)
    times = [s.seconds for s in answered]
    verdicts = {
        "every request ended in 200, 429 or 503": set(counts) <= {200, 429, 503},
        "every 429 carried Retry-After": all(s.retry_after for s in busy),
        "no request hung": counts.get(0, 0) == 0,
        f"answers in the window ≥ one-at-a-time capacity ({capacity})": len(in_window) >= capacity,
        "resident memory grew < 100 MB": growth < 100 * MB,
    }
    return [
        f"**Local model, {askers} concurrent askers for {seconds:.0f} s, queue 4** "
        f"(`python -m bench.load --run local`, {dt.date.today().isoformat()}):",
        "",
        f"- one at a time: {', '.join(f'{s.seconds:.1f}' for s in sequential)} s per answer "
        f"(mean {single:.1f} s) → {capacity} answers fit in {seconds:.0f} s",
        f"- under load: {len(samples)} requests; statuses {dict(sorted(counts.items()))}; "
        f"{len(in_window)} answers ended inside the window, {len(answered)} by the last one's end "
        f"({drained:.0f} s); {sum(s.refused for s in answered)} of the answers were refusals",
        f"- answer latency under load: p50 {_pct(times, 0.5):.1f} s, p99 {_pct(times, 0.99):.1f} s, "
        f"max {max(times, default=0):.1f} s; 429s answered in p50 {_pct(busy_ms, 0.5):.0f} ms, "
        f"Retry-After {sorted({s.retry_after or '' for s in busy})}",
        _model_line("one at a time", *alone),
        _model_line("under load", *loaded),
        f"- resident memory, before → after the load (growth {growth / MB:+.1f} MB):",
        *[f"  {line}" for line in memory],
        "",
        *[f"- {'✅' if ok else '❌'} {name}" for name, ok in verdicts.items()],
    ], all(verdicts.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--run", choices=["fake", "local", "both"], default="both")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0, help="the fake run's length")
    parser.add_argument("--askers", type=int, default=8)
    parser.add_argument("--minutes", type=float, default=3.0, help="the local run's length")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite bench/RELIABILITY.md")
    args = parser.parse_args(argv)
    runs = []
    if args.run in ("fake", "both"):
        runs.append(("load-fake", lambda: run_fake(args.clients, args.seconds)))
    if args.run in ("local", "both"):
        runs.append(("load-local", lambda: run_local(args.askers, args.minutes * 60)))
    passed = True
    for section, run in runs:
        lines, ok = run()
        print("\n".join(lines), flush=True)
        passed &= ok
        if not args.no_write:
            write_section(section, lines, RELIABILITY)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
