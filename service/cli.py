"""The command line: ``newsdesk <verb>`` (also ``python -m service <verb>``).

Options fall back to the ``NEWSDESK_*`` settings; domain errors are mapped to messages here, once.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.config import Settings, get_settings
from service.container import Services
from service.errors import ConfigurationError, NewsdeskError
from service.grounding.model import Citation
from service.logs import configure as configure_logs
from service.logs import dict_config
from service.progress import ProgressReporter

log = logging.getLogger("newsdesk")


def _cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    services = Services(settings)
    path = Path(args.path) if args.path else settings.corpus_dir
    if not path.exists():
        raise NewsdeskError(f"nothing to ingest: {path} does not exist")
    log.info("loading embedding model (%s)", settings.embeddings)
    with ProgressReporter("embedding chunks", unit="chunks") as progress:
        report = services.ingest(path, progress)
    for error in report.errors:
        print(f"skipped {error}", file=sys.stderr)
    print(report.summary())
    return 1 if report.errors and not report.articles else 0


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    services = Services(settings)
    hits = services.retriever.search(args.query, args.k, args.article or None)
    for rank, hit in enumerate(hits, 1):
        c = hit.chunk
        scores = f"score={hit.score:.4f} similarity={hit.similarity:.3f}"
        print(f"{rank}. {c.article_id} [{c.start}:{c.end}] {scores}")
        print(f"   {c.title}")
        print("   " + c.text.replace("\n", " ")[:300] + ("…" if len(c.text) > 300 else ""))
    if not hits:
        print("no results")
    return 0


def _print_citations(citations: list[Citation], unsupported: list[str]) -> None:
    if citations:
        print()
    for c in citations:
        print(f"[{c.n}] {c.title} ({c.article_id}, chars {c.start}-{c.end})")
        print(f"    “{c.quote}”")
    for sentence in unsupported:
        print(f"unsupported: {sentence}")


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from service.ask.pipeline import Question
    from service.ask.service import answer_question

    services = Services(settings)
    try:
        articles = tuple(args.article) if args.article else None
        result = answer_question(services, Question(args.question, article_ids=articles, k=args.k))
    finally:
        services.close()
    print(result.answer)
    if result.refused and result.nearest_articles:
        print("\nNearest articles: " + ", ".join(a.article_id for a in result.nearest_articles))
    _print_citations(result.citations, result.unsupported)
    log.info("%.0f ms (%d prompt tokens)", result.timings.total_ms, result.usage.prompt_tokens)
    return 0


def _cmd_summarize(args: argparse.Namespace, settings: Settings) -> int:
    from service.summarize.result import SummaryRequest
    from service.summarize.service import summarize

    services = Services(settings)
    request = SummaryRequest(
        article_ids=tuple(args.article) if args.article else None,
        topic=args.topic,
        style=args.style,
        max_words=args.max_words,
    )
    try:
        result = summarize(services, request)
    finally:
        services.close()
    print(result.summary)
    _print_citations(result.citations, result.unsupported)
    log.info("%.0f ms%s", result.timings.get("total_ms", 0.0), " (cached)" if result.cached else "")
    return 0


def _cmd_model(args: argparse.Namespace, settings: Settings) -> int:
    if settings.llm_backend != "local":
        print(f"NEWSDESK_LLM_BACKEND={settings.llm_backend}: no local model to prepare")
        return 0
    from service.components.llm.local import model_path

    path = model_path(settings)
    print(f"local model ready: {path}")
    return 0


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from service.evals.command import EvalOptions, run_eval

    options = EvalOptions(
        cases=Path(args.cases),
        subset=args.subset,
        part=args.part,
        with_heldout=args.with_heldout,
        corpus=args.corpus,
        cache=None if args.no_cache else settings.data_dir / "evals" / "llm-cache.sqlite",
        gate=args.gate,
        naive=not args.no_naive,
        update_baseline=args.update_baseline,
        baseline=Path(args.baseline),
        report_dir=Path(args.report_dir),
    )
    services = Services(settings)
    try:
        return run_eval(services, options)
    finally:
        services.close()


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from service.api.app import create_app

    host = args.host or settings.host
    port = args.port or settings.port
    if (
        not settings.api_keys
        and not settings.admin_keys
        and not _loopback(host)
        and not settings.allow_anonymous
    ):
        raise ConfigurationError(
            f"refusing to serve on {host} without API keys: anyone who can reach the port could ask and "
            "change the articles. Set NEWSDESK_API_KEYS (and NEWSDESK_ADMIN_KEYS), or "
            "NEWSDESK_ALLOW_ANONYMOUS=1 if the network in front is trusted"
        )
    workers = args.workers or settings.workers
    if workers < 1:
        raise ConfigurationError("--workers must be at least 1")
    configure_logs(json_lines=settings.log_format == "json")
    logs = dict_config(json_lines=settings.log_format == "json")
    log.info("starting Newsdesk on http://%s:%d (the page at /, docs at /docs)", host, port)
    # Our middleware writes the access log (with request ids); uvicorn's loggers go to our handler.
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_config=logs, access_log=False)
        return 0
    return _serve_workers(settings, host, port, workers, logs)


def _serve_workers(settings: Settings, host: str, port: int, workers: int, logs: dict[str, Any]) -> int:
    """Several worker processes over one Chroma server and, for the local backend, one model server
    that this process starts and supervises for all of them (one model in memory, one at a time)."""
    import os

    import uvicorn

    if not settings.chroma_url:
        raise ConfigurationError(
            f"{workers} workers need a Chroma server (NEWSDESK_CHROMA_URL): the embedded database "
            "belongs to one process. Run `chroma run` and point NEWSDESK_CHROMA_URL at it, or use one worker"
        )
    model = None
    if settings.llm_backend == "local" and not settings.local_llm_url:
        from service.components.llm.local import LocalServer

        model = LocalServer(settings)
        os.environ["NEWSDESK_LOCAL_LLM_URL"] = model.base_url()  # workers read their settings anew
    log.info("%d workers share %s", workers, settings.chroma_url)
    try:
        uvicorn.run(
            "service.api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_config=logs,
            access_log=False,
        )
    finally:
        if model is not None:
            model.close()
    return 0


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("ingest", help="chunk, embed and index the corpus (incremental)")
    p.add_argument(
        "path", nargs="?", help="corpus directory or one article file (default NEWSDESK_CORPUS_DIR)"
    )
    p.set_defaults(run=_cmd_ingest)

    p = verbs.add_parser("search", help="print the ranked chunks for a query")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="number of chunks (1-50, default 5)")
    p.add_argument("--article", action="append", help="only this article id (repeatable)")
    p.set_defaults(run=_cmd_search)

    p = verbs.add_parser("ask", help="answer a question with verified citations")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=None, help="chunks to retrieve (1-50, default 5)")
    p.add_argument("--article", action="append", help="only answer from this article id (repeatable)")
    p.set_defaults(run=_cmd_ask)

    p = verbs.add_parser("summarize", help="a citation-backed summary of one, several or all articles")
    p.add_argument("--article", action="append", help="article id to include (repeatable; default all)")
    p.add_argument("--topic", help="only what the articles say about this")
    p.add_argument("--style", choices=["bullets", "brief", "timeline"], default="bullets")
    p.add_argument("--max-words", type=int, default=None, help="length limit (brief default 120)")
    p.set_defaults(run=_cmd_summarize)

    p = verbs.add_parser("model", help="assemble and verify the local model (1.1 GB, once per machine)")
    p.set_defaults(run=_cmd_model)

    p = verbs.add_parser("eval", help="run the eval set of known facts (and the regression gate)")
    p.add_argument(
        "--cases", default="evals", help="eval directory (known_facts.yaml, cases/, heldout/) or one file"
    )
    p.add_argument("--subset", help="only cases tagged with this subset (e.g. ci)")
    p.add_argument("--part", choices=["tune", "heldout"], help="only the tuning or the held-out part")
    p.add_argument("--corpus", help="only cases on this corpus (shipped, or a name under evals/corpora/)")
    p.add_argument("--with-heldout", action="store_true", help="add the whole held-out part to the selection")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="always call the model (default: reuse replies by prompt hash)",
    )
    p.add_argument("--gate", action="store_true", help="exit non-zero when scores fall below the baseline")
    p.add_argument("--no-naive", action="store_true", help="skip the naive RAG baseline column")
    p.add_argument("--update-baseline", action="store_true", help="accept these scores as the new baseline")
    p.add_argument("--baseline", default="evals/baseline.json", help="accepted scores and tolerances")
    p.add_argument("--report-dir", default="evals", help="where report.json and report.md are written")
    p.set_defaults(run=_cmd_eval)

    p = verbs.add_parser("serve", help="run the HTTP service")
    p.add_argument("--host", help="default NEWSDESK_HOST (127.0.0.1)")
    p.add_argument("--port", type=int, help="default NEWSDESK_PORT (8000)")
    p.add_argument("--workers", type=int, help="worker processes, default NEWSDESK_WORKERS (1)")
    p.set_defaults(run=_cmd_serve)
    return parser


def _settings() -> Settings:
    """The settings, or one line naming the bad variable (not a pydantic traceback)."""
    try:
        return get_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        alias = Settings.model_fields[field].validation_alias if field in Settings.model_fields else None
        name = alias if isinstance(alias, str) else f"NEWSDESK_{field.upper()}"
        raise ConfigurationError(f"invalid setting {name}: {first['msg']}") from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run one CLI verb; returns the process exit code."""
    configure_logs(json_lines=False)
    # A stopped run (``kill``, a CI timeout) unwinds like Ctrl-C, so the local model server it started
    # is stopped with it (atexit) instead of living on, holding both cores. ``serve`` hands the
    # signal to uvicorn, which installs its own handler for a graceful shutdown.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Settings], int] = args.run
    try:
        if getattr(args, "k", None) is not None and not 1 <= args.k <= 50:
            raise NewsdeskError("-k must be between 1 and 50")
        return run(args, _settings())
    except NewsdeskError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
