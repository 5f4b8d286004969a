"""The FastAPI app factory, used by ``python -m service serve``, the CLI and the tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.api.errors import install_error_handlers
from service.api.routes import articles, ask, chat, health, search, summaries
from service.config import Settings, get_settings
from service.container import Services


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    """Build the app. Models load at start-up (lifespan), not at import."""
    services = services or Services(settings or get_settings())

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
    )
    app.state.services = services
    install_error_handlers(app)
    for module in (health, articles, search, ask, chat, summaries):
        app.include_router(module.router)
    return app
