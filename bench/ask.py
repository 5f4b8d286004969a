"""Answer latency on the local model: /v1/ask against raw llama.cpp generation on the same prompt.

Run from the repository root (needs the local model: ``make model``; ~8 minutes)::

    .venv/bin/python -m bench.ask              # prints figures, rewrites its section of bench/RESULTS.md
    .venv/bin/python -m bench.ask --no-write

For each probe question: (1) raw — the exact messages Newsdesk would send, posted straight to the
supervised llama.cpp server with the same parameters; (2) ask — ``POST /v1/ask`` on the real app over
HTTP; (3) stream — ``/v1/chat/completions`` with ``stream: true``, time to the first content chunk.
Before each measured call a short unrelated request resets llama.cpp's reused prompt prefix, so no
mode benefits from the previous one's cache. Overhead ratio = median(ask) / median(raw); target <= 1.10.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time

import httpx
import openai

from bench.results_file import write_section
from service.api.app import create_app
from service.config import Settings
from service.container import Services
from tests.conftest import serve

PROBES = [
    "How many sappers did North Korea pledge?",
    "How many military construction workers will North Korea send to Kursk?",
    "Who led the Russian delegation that visited Pyongyang on 6 November?",
    "How many North Korean troops were deployed to Russia?",
    "When did Putin and Kim sign the Comprehensive Strategic Partnership treaty?",
    "What does Article 4 of the treaty say?",
    "How many North Korean soldiers were killed or wounded according to British intelligence?",
    "What is the population of Pyongyang?",
]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    settings = Settings(llm_backend="local")
    services = Services(settings)
    services.ingest()
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with serve(create_app(services=services), timeout_s=300) as url:
        llm = openai.OpenAI(base_url=services._local_server.base_url(), api_key="x", timeout=600)  # type: ignore[union-attr]
        app = openai.OpenAI(base_url=f"{url}/v1", api_key="x", timeout=600, max_retries=0)
        pipeline = services.pipeline()

        def reset() -> None:
            llm.chat.completions.create(
                model="local", messages=[{"role": "user", "content": "Say OK."}], max_tokens=2, temperature=0
            )

        rows = []
        for question in PROBES:
            prepared = pipeline.prepare(question, [], None, None)
            raw_ms = 0.0
            if prepared.gate_passed:
                messages = pipeline.answer_prompt.template().format_messages(
                    sources=prepared.context.text, question=prepared.standalone
                )
                payload = [
                    {"role": "system" if m.type == "system" else "user", "content": str(m.content)}
                    for m in messages
                ]
                reset()
                started = time.perf_counter()
                llm.chat.completions.create(
                    model="local",
                    messages=payload,
                    temperature=0,
                    max_tokens=settings.llm_max_tokens,  # type: ignore[arg-type]
                )
                raw_ms = (time.perf_counter() - started) * 1000
            reset()
            started = time.perf_counter()
            body = httpx.post(f"{url}/v1/ask", json={"question": question}, timeout=600).json()
            ask_ms = (time.perf_counter() - started) * 1000
            reset()
            started = time.perf_counter()
            first = None
            for chunk in app.chat.completions.create(
                model="newsdesk", stream=True, messages=[{"role": "user", "content": question}]
            ):
                if first is None and chunk.choices and chunk.choices[0].delta.content:
                    first = (time.perf_counter() - started) * 1000
            stream_ms = (time.perf_counter() - started) * 1000
            rows.append(
                {
                    "q": question,
                    "raw": raw_ms,
                    "ask": ask_ms,
                    "ttft": first or stream_ms,
                    "stream": stream_ms,
                    "prompt": body["usage"]["prompt_tokens"],
                    "completion": body["usage"]["completion_tokens"],
                    "refused": body["refused"],
                }
            )
            print(rows[-1], flush=True)
    services.close()

    answered = [r for r in rows if r["raw"] > 0]
    ratio = statistics.median(r["ask"] for r in answered) / statistics.median(r["raw"] for r in answered)
    say("# Answer latency (`python -m bench.ask`)")
    say()
    now = dt.datetime.now(dt.UTC)
    say(f"- date: {now:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; Qwen2.5-Coder-1.5B Q4_K_M, 2 threads")
    say(f"- load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    say("- rerun: `.venv/bin/python -m bench.ask` (needs `make model`; about 8 minutes)")
    say()
    say("| question | raw ms | /v1/ask ms | ratio | first chunk ms | prompt tok | completion tok | refused |")
    say("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        ratio_row = f"{r['ask'] / r['raw']:.2f}" if r["raw"] else "gate (no LLM call)"
        say(
            f"| {r['q']} | {r['raw']:.0f} | {r['ask']:.0f} | {ratio_row} | {r['ttft']:.0f} | {r['prompt']} "
            f"| {r['completion']} | {r['refused']} |"
        )
    asks = [r["ask"] for r in rows]
    ttfts = [r["ttft"] for r in rows]
    say()
    say(f"- overhead ratio median(/v1/ask) / median(raw), answered probes: **{ratio:.3f}** (target <= 1.10)")
    say(f"- /v1/ask p50 {_pct(asks, 0.5):.0f} ms, p95 {_pct(asks, 0.95):.0f} ms over {len(rows)} probes")
    say(f"- first streamed chunk p50 {_pct(ttfts, 0.5):.0f} ms, p95 {_pct(ttfts, 0.95):.0f} ms")
    median_prompt = statistics.median(r["prompt"] for r in answered)
    say(f"- prompt tokens per answer (model's tokenizer): median {median_prompt:.0f}")
    if not args.no_write:
        write_section("bench.ask", lines)


if __name__ == "__main__":
    main()
