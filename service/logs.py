"""Log set-up: plain lines for the CLI, one JSON object per line for the service, with the request id.

The request id lives in a context variable set by the HTTP middleware, so every line logged while a
request is handled (in the event loop or in a worker thread it started) carries it.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else was passed as ``extra`` and belongs in the JSON.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class _RequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", "request_id", ...extra}`` per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and v is not None})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


_UVICORN = ("uvicorn", "uvicorn.error", "uvicorn.access")


def dict_config(json_lines: bool) -> dict[str, object]:
    """The same set-up as a ``logging.config.dictConfig`` mapping, which uvicorn applies in each of
    its worker processes too (they do not inherit the parent's handlers)."""
    formatter: dict[str, object] = (
        {"()": f"{__name__}.JsonFormatter"}
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(message)s", "datefmt": "%H:%M:%S"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": f"{__name__}._RequestId"}},
        "formatters": {"main": formatter},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["request_id"]}
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
        # uvicorn's own loggers carry handlers of their own otherwise: send them to ours instead.
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure(json_lines: bool) -> None:
    """Route every logger (uvicorn's included) through one handler on stderr."""
    handler = logging.StreamHandler()
    handler.addFilter(_RequestId())
    if json_lines:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
