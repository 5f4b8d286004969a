"""A long schemathesis run over the real app: what ``tests/test_fuzz.py`` does, for ten minutes or more.

Run from the repository root (about 10 minutes by default; no local model needed)::

    .venv/bin/python -m bench.fuzz                    # prints figures, rewrites its section of RELIABILITY.md
    .venv/bin/python -m bench.fuzz --minutes 30 --seed 7 --no-write

Every phase (examples, coverage, fuzzing, stateful) and every check, against the real app (MiniLM,
Chroma in a temp dir, uvicorn on loopback) over a private copy of the corpus, with the scripted fake
chat model. Fuzzing and stateful testing repeat until the time budget is spent. Prints each
operation's cases and statuses, then every failure; exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from bench.results_file import write_section
from tests.test_fuzz import SEED, fuzzed_app, run_fuzz

RELIABILITY = Path(__file__).resolve().parent / "RELIABILITY.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="time budget (default 10)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--examples", type=int, default=2000, help="most examples per operation and phase")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite bench/RELIABILITY.md")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsdesk-fuzz-") as tmp:
        app = fuzzed_app(Path(tmp))
        url = next(app)
        try:
            print(f"fuzzing {url} for {args.minutes:g} min, seed {args.seed}", flush=True)
            report = run_fuzz(url, seed=args.seed, examples=args.examples, max_time=args.minutes * 60)
        finally:
            app.close()  # stops the server

    lines = report.lines()
    print("\n".join(lines))
    for failure in report.failures + report.errors:
        print(failure)
    if not args.no_write:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        write_section(
            "fuzz-long", [f"`python -m bench.fuzz` ({stamp}):", "", "```", *lines, "```"], RELIABILITY
        )
    return 1 if report.failures or report.errors or report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
