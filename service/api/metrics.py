"""``GET /metrics`` in Prometheus format: HTTP requests and latency per route, and what answering did.

HTTP metrics come from prometheus-fastapi-instrumentator; the answer metrics (first sentence and
generation time, prompt tokens, refusals, unsupported sentences, the model's waiting line) are
observed on the answer stream as it passes. Each app has its own registry, so several apps in one
process (the tests) do not collide. Counts are per process: with several workers, run Prometheus'
multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``) or scrape each worker.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, FastAPI
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_fastapi_instrumentator import Instrumentator

from service.api.deps import require_key
from service.ask.events import AskEvent, Done
from service.ask.result import AskResult
from service.container import Services

_SECONDS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128)


class Metrics:
    """The answer metrics of one app."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.answers = Counter(
            "newsdesk_answers_total", "Answers and refusals given", ["outcome"], registry=registry
        )
        self.refusals = Counter(
            "newsdesk_refusals_total", "Refusals by the step that decided", ["reason"], registry=registry
        )
        self.unsupported = Counter(
            "newsdesk_unsupported_sentences_total", "Answer sentences no passage supports", registry=registry
        )
        self.prompt_tokens = Counter(
            "newsdesk_prompt_tokens_total", "Prompt tokens the model processed", registry=registry
        )
        self.completion_tokens = Counter(
            "newsdesk_completion_tokens_total", "Tokens the model generated", registry=registry
        )
        self.first_sentence = Histogram(
            "newsdesk_first_sentence_seconds",
            "Request to first verified sentence",
            buckets=_SECONDS,
            registry=registry,
        )
        self.generation = Histogram(
            "newsdesk_generation_seconds",
            "Time the model spent generating an answer",
            buckets=_SECONDS,
            registry=registry,
        )
        self.queue = Gauge(
            "newsdesk_model_queue_depth", "Requests holding or waiting for the local model", registry=registry
        )

    def record(self, result: AskResult) -> None:
        """Count one finished answer."""
        if result.refused:
            self.answers.labels("refused").inc()
            self.refusals.labels(result.refusal_reason or "unknown").inc()
        else:
            self.answers.labels("answered").inc()
        self.unsupported.inc(len(result.unsupported))
        self.prompt_tokens.inc(result.usage.prompt_tokens)
        self.completion_tokens.inc(result.usage.completion_tokens)
        if result.timings.first_sentence_ms:
            self.first_sentence.observe(result.timings.first_sentence_ms / 1000)
        if result.timings.generate_ms:
            self.generation.observe(result.timings.generate_ms / 1000)

    def observe(self, events: Iterator[AskEvent]) -> Iterator[AskEvent]:
        """``events`` unchanged, counting the result as it passes."""
        for event in events:
            if isinstance(event, Done):
                self.record(event.result)
            yield event


def install_metrics(app: FastAPI, services: Services) -> Metrics:
    """Instrument ``app`` and serve ``/metrics`` (behind the API key when keys are set)."""
    registry = CollectorRegistry()
    Instrumentator(registry=registry, excluded_handlers=["/metrics"]).instrument(app).expose(
        app, include_in_schema=False, dependencies=[Depends(require_key)]
    )
    metrics = Metrics(registry)
    metrics.queue.set_function(lambda: services.gatekeeper.depth if "gatekeeper" in vars(services) else 0)
    app.state.metrics = metrics
    return metrics
