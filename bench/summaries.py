"""Summary latency on the local model, cold and cached.

Run from the repository root (needs the local model: ``make model``; ~5 minutes)::

    .venv/bin/python -m bench.summaries            # prints figures, rewrites its section of bench/RESULTS.md
    .venv/bin/python -m bench.summaries --no-write

Cold: the summary cache is emptied first, so the model runs (map per article, then reduce for several
articles; timelines are extractive and never call the model). Cached: the same request again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import time

from bench.results_file import write_section
from service.config import Settings
from service.container import Services
from service.summarize.result import SummaryRequest
from service.summarize.service import summarize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    services = Services(Settings(llm_backend="local"))
    services.ingest()
    services.start()
    shutil.rmtree(services.settings.data_dir / "summaries", ignore_errors=True)
    requests = [(f"bullets: {a}", SummaryRequest(article_ids=(a,))) for a in sorted(services.articles())]
    requests += [
        ("bullets: all five articles", SummaryRequest()),
        ("brief: all five articles", SummaryRequest(style="brief")),
        ("bullets: topic “Shoigu's visits”", SummaryRequest(topic="Shoigu's visits to Pyongyang")),
        ("timeline: all five articles", SummaryRequest(style="timeline")),
    ]
    rows = []
    for label, request in requests:
        started = time.perf_counter()
        result = summarize(services, request)
        cold = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        again = summarize(services, request)
        warm = (time.perf_counter() - started) * 1000
        assert again.cached
        rows.append(
            (label, cold, warm, result.usage.prompt_tokens, len(result.citations), len(result.unsupported))
        )
        print(rows[-1], flush=True)
    services.close()
    lines = [
        "# Summary latency (`python -m bench.summaries`)",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; Qwen2.5-Coder-1.5B",
        f"- load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        "- rerun: `.venv/bin/python -m bench.summaries` (needs `make model`)",
        "",
        "| request | cold ms | cached ms | prompt tokens | citations | unsupported |",
        "| --- | --- | --- | --- | --- | --- |",
        *(f"| {r[0]} | {r[1]:.0f} | {r[2]:.1f} | {r[3]} | {r[4]} | {r[5]} |" for r in rows),
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section("bench.summaries", lines)


if __name__ == "__main__":
    main()
