"""The single mapping from domain errors (and request validation) to HTTP responses."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.errors import NewsdeskError

log = logging.getLogger(__name__)


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


def _jsonable(errors: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")} for e in errors]  # type: ignore[call-overload]
