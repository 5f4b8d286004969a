"""The single mapping from domain errors (and request validation) to HTTP responses, and its docs.

Every error, whether a domain error, an invalid body or one of the framework's own (unknown route,
wrong method), has one JSON shape, ``ErrorBody``; ``error_responses`` documents it in the OpenAPI.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from service.api.schemas import ErrorBody
from service.errors import NewsdeskError

log = logging.getLogger(__name__)

# What each error status means on this API; a route may say more about its own case.
ERROR_STATUSES: dict[int, str] = {
    401: "An API key is needed (NEWSDESK_API_KEYS is set) and none, or an unknown one, was sent.",
    403: "The key may not change the articles: that needs an admin key (NEWSDESK_ADMIN_KEYS).",
    404: "An article id that does not exist (`detail` lists the known ones).",
    409: "The request clashes with the articles there.",
    413: "The body is over NEWSDESK_MAX_BODY_BYTES (or an article's text over NEWSDESK_MAX_ARTICLE_CHARS).",
    422: "The request is invalid: `detail` says what to fix, `errors` where.",
    429: "Over the rate limit (NEWSDESK_RATE_LIMIT_PER_MINUTE), or the local model's waiting line is "
    "full: retry after `Retry-After` seconds.",
    503: "The index is empty, or a backend (chat model, embeddings, Chroma) is unreachable or slower "
    "than the operation's timeout.",
}
_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "`Bearer`.", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}},
}


def error_responses(*statuses: int, **said: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each with the ``ErrorBody`` schema. A keyword
    ``s409="..."`` replaces the general description of that status with the route's own."""
    docs: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        description = said.get(f"s{status}", ERROR_STATUSES[status])
        doc: dict[str, Any] = {"model": ErrorBody, "description": description}
        if status in _HEADERS:
            doc["headers"] = _HEADERS[status]
        docs[status] = doc
    return docs


def _describe(errors: list[dict[str, object]]) -> str:
    parts = []
    for err in errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")  # type: ignore[attr-defined]
        parts.append(f"{loc or 'body'}: {err.get('msg')}")
    return "; ".join(parts)


def _body(message: str, status: int, **extra: object) -> dict[str, object]:
    # "detail" is FastAPI's convention; "error" is OpenAI's, so the openai client shows the message too.
    kind = "invalid_request_error" if status < 500 else "server_error"
    return {"detail": message, "error": {"message": message, "type": kind, "code": status}, **extra}


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(NewsdeskError)
    async def _domain(_: Request, exc: NewsdeskError) -> JSONResponse:
        if exc.status_code >= 500:
            log.warning("%s: %s", type(exc).__name__, exc.message)
        body = _body(exc.message, exc.status_code, **exc.details())
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers())

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        message = f"invalid request: {_describe(errors)}"
        return JSONResponse(_body(message, 422, errors=_jsonable(errors)), status_code=422)

    @app.exception_handler(HTTPException)
    async def _framework(request: Request, exc: HTTPException) -> JSONResponse:
        status, message, headers = exc.status_code, str(exc.detail), dict(exc.headers or {})
        if status == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # A body that is not text at all; other undecodable bodies are already a 422.
            status, message = 422, "invalid request: body: not JSON (send UTF-8)"
        elif status == 405:
            # Starlette names only the first route on the path; GET and DELETE are routes of their own.
            headers["Allow"] = ", ".join(_allowed(request))
        return JSONResponse(_body(message, status), status_code=status, headers=headers)


def _allowed(request: Request) -> list[str]:
    # Asked of the routes themselves (each method in turn), whatever FastAPI groups them into.
    routes = request.app.router.routes
    return [
        method
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]


def _jsonable(errors: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")} for e in errors]  # type: ignore[call-overload]
