"""The FastAPI app factory, used by ``python -m service serve``, the CLI and the tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from service.api.deps import require_key
from service.api.errors import install_error_handlers
from service.api.metrics import install_metrics
from service.api.middleware import BodyLimit, RequestContext
from service.api.routes import articles, ask, chat, health, page, search, summaries
from service.api.security import Access
from service.config import Settings, get_settings
from service.container import Services


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    """Build the app. Models load at start-up (lifespan), not at import."""
    services = services or Services(settings or get_settings())
    settings = services.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services.start()
        try:
            yield
        finally:
            services.close()

    app = FastAPI(
        title="Newsdesk",
        version="0.1.0",
        description="Answers and summaries over news articles, every claim cited to an exact passage.",
        lifespan=lifespan,
        docs_url=None,  # served by routes/page.py from local files
        redoc_url=None,
    )
    app.state.services = services
    app.state.access = Access(settings)
    install_error_handlers(app)
    # Open to anyone: health checks, the page and its files, the docs and the spec.
    for module in (health, page):
        app.include_router(module.router)
    # The API: a key when keys are set (routes that change articles ask for an admin key too).
    for module in (articles, search, ask, chat, summaries):
        app.include_router(module.router, dependencies=[Depends(require_key)])
    page.mount_static(app)
    install_metrics(app, services)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    # Outermost last: every response, errors and 413s included, gets a request id and the headers.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContext)
    return app
