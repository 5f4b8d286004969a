"""The newsroom page and the API docs, both served from files inside installed packages.

Nothing on either page comes from elsewhere (no CDN, no web fonts): the service runs offline, and
FastAPI's stock ``/docs`` loads Swagger UI from a CDN, so it would be blank here.
"""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
SWAGGER_DIR = Path(str(swagger_ui_bundle.swagger_ui_path))

router = APIRouter(include_in_schema=False)


@router.get("/")
def page() -> FileResponse:
    """The newsroom page: ask, read the cited passage, summarize, add and delete articles."""
    return FileResponse(WEB_DIR / "index.html", headers={"Cache-Control": "no-cache"})


# The page's Content-Security-Policy allows no inline script, so Swagger UI starts from a file.
_DOCS = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Newsdesk API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
<link rel="icon" href="/static/swagger/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
"""
_DOCS_START = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis],
});
"""


@router.get("/docs")
def docs() -> HTMLResponse:
    """Swagger UI over /openapi.json, its script and styles served by this app."""
    return HTMLResponse(_DOCS)


@router.get("/docs/start.js")
def docs_start() -> Response:
    return Response(_DOCS_START, media_type="text/javascript")


def mount_static(app: FastAPI) -> None:
    """Serve the page's files and Swagger UI's under /static (the more specific mount first)."""
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_DIR), name="swagger")
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="web")
