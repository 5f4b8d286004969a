"""What the support check adds per answer sentence, against attribution without it, side by side.

Run from the repository root (the judge part needs the local model: ``make model``; ~2 minutes)::

    .venv/bin/python -m bench.support              # prints figures, rewrites its section of RESULTS.md
    .venv/bin/python -m bench.support --no-judge   # structured checks only, no model

Claims are article sentences of both eval corpora, verbatim (supported) and with two of their figures
swapped (a figure counting something else). Each claim is attributed twice in the same run: by an
Attributor whose support check always agrees (the baseline: attribution as it was before the check)
and by one with the real structured checks. The judge part asks the local model the yes/no support
question for a few claims and times each call (the prompt prefix is the same every time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from bench.results_file import write_section
from service.articles import load_corpus
from service.components.llm.calls import Usage
from service.config import Settings
from service.container import Services
from service.grounding.attribution import Attributor, article_sentences
from service.grounding.numbers import numbers
from service.grounding.support import SupportChecker, model_judge
from service.grounding.verdicts import Verdict

CORPORA = [Path("corpus"), Path("evals/corpora/korrel")]


class _AlwaysSupported(SupportChecker):
    def check(
        self,
        claim: str,
        source: str,
        surroundings: str = "",
        question: str = "",
        asked: str = "",
        context: str = "",
        title: str = "",
        article: str = "",
    ) -> Verdict:
        return Verdict(True)

    def figures_agree(self, claim: str, source: str) -> bool:
        return True


def _swapped(text: str) -> str | None:
    found = numbers(text)
    if len(found) < 2 or found[0][0] == found[1][0]:
        return None
    (_, s1, e1), (_, s2, e2) = found[0], found[1]
    return text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-judge", action="store_true", help="skip the model judge timing")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite bench/RESULTS.md")
    args = parser.parse_args()
    services = Services(Settings())
    embeddings = services.sentence_embeddings
    articles = {k: v for d in CORPORA for k, v in load_corpus(d).by_id().items()}
    sources = [s for a in articles.values() for s in article_sentences(a)]
    texts = {k: a.text for k, a in articles.items()}
    claims = [(s.text, True) for s in sources[::3]]
    claims += [(c, False) for s in sources if (c := _swapped(s.text))]
    base = Attributor(sources, texts, embeddings, checker=_AlwaysSupported(embeddings))
    checked = Attributor(sources, texts, embeddings, checker=SupportChecker(embeddings))
    for claim, _ in claims:  # warm the embedding cache for both, so only the checks differ
        base.support(claim)
        checked.support(claim)
    timings: dict[str, list[float]] = {"baseline": [], "checked": []}
    outcome = {"kept": 0, "swapped_caught": 0, "swapped": 0, "verbatim": 0}
    for claim, verbatim in claims:
        for name, attributor in (("baseline", base), ("checked", checked)):
            started = time.perf_counter()
            cited = attributor.support(claim)
            timings[name].append((time.perf_counter() - started) * 1000)
            if name == "checked":
                outcome["verbatim" if verbatim else "swapped"] += 1
                outcome["kept" if verbatim else "swapped_caught"] += bool(cited) if verbatim else not cited
    p50 = {k: statistics.median(v) for k, v in timings.items()}
    lines = [
        f"Run {dt.date.today().isoformat()}, `python -m bench.support`, {len(claims)} claims from "
        f"{len(articles)} articles (both eval corpora).",
        "",
        "| attribution | p50 ms per sentence | p95 ms |",
        "|---|---|---|",
    ]
    for name, values in timings.items():
        ordered = sorted(values)
        lines.append(f"| {name} | {p50[name]:.2f} | {ordered[int(0.95 * (len(ordered) - 1))]:.2f} |")
    lines += [
        "",
        f"Structured checks add {p50['checked'] - p50['baseline']:.2f} ms p50 per sentence "
        f"(ratio {p50['checked'] / max(p50['baseline'], 1e-9):.2f}). Verbatim sentences still cited: "
        f"{outcome['kept']}/{outcome['verbatim']}; sentences with two figures swapped caught: "
        f"{outcome['swapped_caught']}/{outcome['swapped']} (the baseline catches none).",
    ]
    if not args.no_judge:
        usage = Usage()
        judge = model_judge(
            services.chat.model, services.prompts["support"], services.settings.support_timeout_s, usage
        )
        judge("warm-up claim.", "warm-up passage.")
        calls = []
        for claim, _ in claims[:8]:
            started = time.perf_counter()
            judge(claim, claim)
            calls.append(time.perf_counter() - started)
        lines.append(
            f"A model judge call (local model, 2 cores): p50 {statistics.median(calls):.2f} s, "
            f"max {max(calls):.2f} s over {len(calls)} calls, "
            f"{usage.prompt_tokens // max(len(calls) + 1, 1)} prompt tokens each."
        )
        services.close()
    print("\n".join(lines))
    if not args.no_write:
        write_section("support", ["## Support check (`bench/support.py`)", "", *lines])


if __name__ == "__main__":
    main()
