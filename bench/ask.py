"""Answer latency on the local model, through the real HTTP stream, beside the stock LangChain recipe.

Run from the repository root (needs the local model: ``make model``; about 15 minutes)::

    .venv/bin/python -m bench.ask              # prints figures, rewrites its section of bench/RESULTS.md
    .venv/bin/python -m bench.ask --no-write

Over the fixed questions in ``bench/questions.yaml``, in one run on one machine:

1. ``/v1/chat/completions`` with ``stream: true`` — time to the first chunk that carries a verified
   citation, and to the end; the very first request after start-up is reported apart;
2. ``/v1/ask`` with ``stream: true`` — time to the first ``sentence`` event with citations;
3. the naive recipe (``service/evals/naive.py``: dense top-4 stuffed into one prompt, same model) —
   time to its first token and to the end;
4. refusals by the evidence gate, with and without history, while another answer holds the model.

Each system runs all its questions in a row, so each meets llama.cpp's reused prompt prefix the way a
reader asking one question after another would. Prompt tokens evaluated (not reused) come from the
llama.cpp server log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from bench.results_file import write_section
from service.api.app import create_app
from service.config import Settings
from service.container import Services
from service.evals.naive import naive_chain
from service.prompts import load_prompt
from tests.conftest import serve

QUESTIONS = Path(__file__).resolve().parent / "questions.yaml"
_EVALUATED = re.compile(r"prefix-match hit, remaining (\d+) prompt tokens to eval")
_PREFIX = re.compile(r"Llama.generate: (\d+) prefix-match hit")
# An answer prompt built from articles' saved states (``NEWSDESK_ANSWER_FRESH_SENTENCES``).
_ASSEMBLED = re.compile(r"evidence: prompt (\d+) tokens, (\d+) evaluated")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


class ServerLog:
    """Prompt tokens the llama.cpp server evaluated (not reused from its cache) since the last read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = path.stat().st_size if path.exists() else 0

    def read(self) -> tuple[int, int]:
        """``(evaluated, reused)`` prompt tokens over every model call since the last read."""
        with self.path.open("rb") as log:
            log.seek(self.offset)
            text = log.read().decode("utf-8", errors="replace")
            self.offset = log.tell()
        assembled = [(int(prompt), int(evaluated)) for prompt, evaluated in _ASSEMBLED.findall(text)]
        evaluated = sum(map(int, _EVALUATED.findall(text))) + sum(e for _, e in assembled)
        return evaluated, sum(map(int, _PREFIX.findall(text))) + sum(p - e for p, e in assembled)


def sse(response: httpx.Response) -> Any:
    name = "message"
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            data = line[6:]
            yield name, (None if data == "[DONE]" else json.loads(data))
            name = "message"


def chat_stream(client: httpx.Client, question: str, log: ServerLog) -> dict[str, Any]:
    started = time.perf_counter()
    first_cited = first_text = None
    final: dict[str, Any] = {}
    body = {"model": "newsdesk", "stream": True, "messages": [{"role": "user", "content": question}]}
    with client.stream("POST", "/v1/chat/completions", json=body) as response:
        for _, data in sse(response):
            if not data:
                continue
            now = (time.perf_counter() - started) * 1000
            delta = data["choices"][0]["delta"] if data.get("choices") else {}
            if delta.get("content") and first_text is None:
                first_text = now
            if delta.get("content") and data.get("citations") and first_cited is None:
                first_cited = now
            if data.get("choices") and data["choices"][0].get("finish_reason"):
                final = data
    total = (time.perf_counter() - started) * 1000
    evaluated, reused = log.read()
    extras = final.get("newsdesk", {})
    return {
        "first_cited": first_cited,
        "first_text": first_text,
        "total": total,
        "refused": extras.get("refused", True),
        # llama.cpp's server reports no usage when streaming: its log has the counts.
        "prompt": evaluated + reused,
        "evaluated": evaluated,
        "reused": reused,
        "judge": extras.get("timings", {}).get("support_judge_calls", 0),
    }


def ask_stream(client: httpx.Client, question: str) -> float | None:
    started = time.perf_counter()
    first = None
    with client.stream("POST", "/v1/ask", json={"question": question, "stream": True}) as response:
        for name, data in sse(response):
            if name == "sentence" and data["citations"] and first is None:
                first = (time.perf_counter() - started) * 1000
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N answerable questions")
    args = parser.parse_args()
    spec = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    questions: list[dict[str, str]] = spec["answerable"][: args.limit or None]
    settings = Settings(llm_backend="local")
    services = Services(settings)
    services.ingest()
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    rows: list[dict[str, Any]] = [{"q": q["q"], "kind": q["kind"]} for q in questions]
    with serve(create_app(services=services), timeout_s=300) as url:
        log = ServerLog(settings.data_dir / "llama-server.log")
        client = httpx.Client(base_url=url, timeout=600)
        primed = _primed(services)
        # 1. chat completions, streamed; the first request after start-up is the first row.
        for row in rows:
            row.update(chat_stream(client, row["q"], log))
            print("chat", row, flush=True)
        # 2. /v1/ask, streamed, on a restarted model server (primed again): the chat pass left every
        # one of these prompts saved whole, which no reader's new question finds.
        _restart_model(services)
        for row in rows:
            row["ask_first"] = ask_stream(client, row["q"])
        log.read()
        # 3. the naive recipe on the same store and model.
        chain = naive_chain(services.store, services.chat, load_prompt("naive"))
        for row in rows:
            started = time.perf_counter()
            first = None
            answer = ""
            for part in chain.stream(row["q"]):
                if part.get("answer"):
                    first = first or (time.perf_counter() - started) * 1000
                    answer += part["answer"]
            row["naive_first"], row["naive_total"] = first, (time.perf_counter() - started) * 1000
            row["naive_evaluated"] = log.read()[0]
            print("naive", row["naive_total"], flush=True)
        # 4. gate refusals while another answer holds the model.
        refusals = _refusals(url, client, spec["refusals"], services)
        client.close()
    services.close()
    _report(rows, refusals, say)
    say(primed)
    if not args.no_write:
        write_section("bench.ask", lines)


def _primed(services: Services) -> str:
    """Wait for the start-up priming of article windows or states; how long it took."""
    fresh = services.settings.answer_fresh_sentences
    reuse = (
        f"- article states: on (`NEWSDESK_ANSWER_FRESH_SENTENCES={fresh}`)"
        if fresh >= 0
        else "- article states: off (`NEWSDESK_ANSWER_FRESH_SENTENCES=-1`)"
    )
    if not services.settings.answer_lead_window and fresh < 0:
        return reuse + "\n- prompt openings: off (`NEWSDESK_ANSWER_LEAD_WINDOW=0`), nothing primed"
    started = time.perf_counter()
    assert services.primer.idle.wait(900), "priming did not finish in 15 minutes"
    what = "article states" if fresh >= 0 else "article windows"
    return reuse + (
        f"\n- priming at start-up (before the first question): {services.primer.primed} {what} in "
        f"{time.perf_counter() - started:.0f} s, model idle otherwise"
    )


def _restart_model(services: Services) -> None:
    """Stop the local model server as a crash would; the supervisor restarts and re-primes it."""
    local = services._local_server
    assert local is not None and local._server is not None
    old = local._server.pid
    local._server.stop()
    deadline = time.monotonic() + 300
    while (
        local._server is None or local._server.pid == old or not local.ready()[0]
    ) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # the watcher schedules priming right after the restart
    assert services.primer.idle.wait(900), "re-priming did not finish"


def _refusals(
    url: str, client: httpx.Client, probes: list[dict[str, Any]], services: Services
) -> list[float]:
    busy = threading.Thread(
        target=lambda: httpx.post(
            f"{url}/v1/ask", json={"question": "What did North Korea pledge to send to Kursk?"}, timeout=600
        )
    )
    busy.start()
    deadline = time.monotonic() + 60
    while not services.gatekeeper.running and time.monotonic() < deadline:
        time.sleep(0.01)
    history = [
        {"role": "user", "content": "How many sappers did North Korea pledge?"},
        {"role": "assistant", "content": "North Korea pledged 1,000 sappers. [1]"},
    ]
    timings = []
    for probe in probes:
        body: dict[str, Any] = {"question": probe["q"]}
        if probe.get("history"):
            body["history"] = history
        held = bool(services.gatekeeper.running)
        started = time.perf_counter()
        refused = client.post("/v1/ask", json=body).json()["refused"]
        timings.append((time.perf_counter() - started) * 1000)
        print("refusal", probe["q"], refused, held, f"{timings[-1]:.0f} ms", flush=True)
    busy.join()
    return timings


def _report(rows: list[dict[str, Any]], refusals: list[float], say: Any) -> None:
    now = dt.datetime.now(dt.UTC)
    say("# Answer latency (`python -m bench.ask`)")
    say()
    say(f"- date: {now:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; Qwen2.5-Coder-1.5B Q4_K_M, 2 threads")
    say(f"- load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    say("- rerun: `.venv/bin/python -m bench.ask` (needs `make model`; about 15 minutes)")
    say()
    say(
        "| kind | question | first cited ms (chat) | first cited ms (/v1/ask) | full ms | naive first ms "
        "| naive full ms | prompt tok | evaluated tok | naive evaluated | judge calls | refused |"
    )
    say("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.0f}"

    for r in rows:
        say(
            f"| {r['kind']} | {r['q']} | {ms(r['first_cited'])} | {ms(r['ask_first'])} | {r['total']:.0f} "
            f"| {ms(r['naive_first'])} | {r['naive_total']:.0f} | {r['prompt']} | {r['evaluated']} "
            f"| {r['naive_evaluated']} | {r['judge']} | {r['refused']} |"
        )
    warm = rows[1:]
    cited = [r["first_cited"] for r in warm if r["first_cited"] is not None]
    asked = [r["ask_first"] for r in warm if r["ask_first"] is not None]
    both = [r for r in warm if not r["refused"]]
    say()
    say(
        f"- first request after start-up: first cited sentence {ms(rows[0]['first_cited'])} ms, "
        f"full {rows[0]['total']:.0f} ms (not in the figures below)"
    )
    say(
        f"- first cited sentence, chat stream: p50 **{_pct(cited, 0.5):.0f} ms**, "
        f"p95 {_pct(cited, 0.95):.0f} ms over {len(cited)} answered of {len(warm)} "
        "(target p50 <= 3500, p95 <= 6000)"
    )
    say(
        f"- first cited sentence, /v1/ask stream: p50 {_pct(asked, 0.5):.0f} ms, "
        f"p95 {_pct(asked, 0.95):.0f} ms"
    )
    if both:
        ours = statistics.median(r["total"] for r in both)
        naive = statistics.median(r["naive_total"] for r in both)
        say(
            f"- full answer p50, questions Newsdesk answered ({len(both)}): Newsdesk {ours:.0f} ms, naive "
            f"{naive:.0f} ms, ratio **{ours / naive:.2f}** (target <= 0.7)"
        )
    prompts = [r["prompt"] for r in warm if r["prompt"]]
    evaluated = [r["evaluated"] for r in warm if r["prompt"]]
    say(
        f"- prompt tokens per answer (every model call of the answer, the server's log): median "
        f"{statistics.median(prompts) if prompts else 0:.0f}, evaluated (not reused) median "
        f"{statistics.median(evaluated) if evaluated else 0:.0f}; naive evaluated median "
        f"{statistics.median(r['naive_evaluated'] for r in warm):.0f}"
    )
    for kind in dict.fromkeys(r["kind"] for r in warm):
        of_kind = [r["prompt"] for r in warm if r["kind"] == kind and r["prompt"]]
        if of_kind:
            say(f"  - {kind}: median prompt tokens {statistics.median(of_kind):.0f} ({len(of_kind)} answers)")
    say(
        f"- gate refusals while another answer holds the model (with and without history): p50 "
        f"**{_pct(refusals, 0.5):.0f} ms**, max {max(refusals, default=0):.0f} ms over {len(refusals)} "
        "(target p50 <= 300)"
    )


if __name__ == "__main__":
    main()
