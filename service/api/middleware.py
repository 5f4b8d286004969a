"""What every response goes through: a body-size limit, a request id and access log, security headers.

Plain ASGI middleware rather than ``BaseHTTPMiddleware``, so streamed answers pass through untouched
and a client that leaves still cancels the answer under way.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.logs import request_id

log = logging.getLogger("newsdesk.access")

# No inline script or style anywhere (the page and /docs load theirs from /static), no framing, and
# nothing fetched from another origin.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _error(status: int, message: str) -> bytes:
    kind = "invalid_request_error"
    return json.dumps(
        {"detail": message, "error": {"message": message, "type": kind, "code": status}}
    ).encode()


class BodyLimit:
    """413 for a body over ``max_bytes``: by Content-Length before reading, or as it streams in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._reject(send)
                return
            await self.app(scope, receive, send)  # the server stops reading at Content-Length
            return
        # A body without a length (chunked): read it here, at most max_bytes, then hand it on whole.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._reject(send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send: Send) -> None:
        body = _error(
            413,
            f"request body over {self.max_bytes:,} bytes (NEWSDESK_MAX_BODY_BYTES): send less, "
            "or split an article",
        )
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class RequestContext:
    """A request id (the client's ``X-Request-ID`` if sane, else a new one) in every log line of the
    request and echoed in the response; security headers; one access-log line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {name for name, _ in SECURITY_HEADERS}
                ]
                headers += [(b"x-request-id", rid.encode()), *SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            log.info(
                "%s %s %d",
                scope.get("method", ""),
                scope.get("path", ""),
                status,
                extra=_access(scope, status, started),
            )
            request_id.reset(token)


def _access(scope: Scope, status: int, started: float) -> dict[str, Any]:
    client = scope.get("client")
    return {
        "method": scope.get("method", ""),
        "path": scope.get("path", ""),
        "status": status,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "client": client[0] if client else None,
    }
