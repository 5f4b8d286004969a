"""Dependencies routes ask for, as ``Annotated`` aliases (tests swap them via dependency_overrides)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from service.api.security import Access
from service.container import Services

if TYPE_CHECKING:
    from service.api.metrics import Metrics


def get_services(request: Request) -> Services:
    """The Services object built by the app factory."""
    services: Services = request.app.state.services
    return services


def get_access(request: Request) -> Access:
    """The app's keys and rate limiter."""
    access: Access = request.app.state.access
    return access


def get_metrics(request: Request) -> Metrics:
    """The app's answer metrics."""
    metrics: Metrics = request.app.state.metrics
    return metrics


def require_key(request: Request, access: Annotated[Access, Depends(get_access)]) -> None:
    """Every /v1 route and /metrics: an accepted key when keys are set, within the rate limit."""
    access.check(request)


def require_admin(request: Request, access: Annotated[Access, Depends(get_access)]) -> None:
    """Adding or deleting articles: an admin key when keys are set."""
    access.check_admin(request)


ServicesDep = Annotated[Services, Depends(get_services)]
MetricsDep = Annotated["Metrics", Depends(get_metrics)]
