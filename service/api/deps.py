"""Dependencies routes ask for, as ``Annotated`` aliases (tests swap them via dependency_overrides)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.container import Services


def get_services(request: Request) -> Services:
    """The Services object built by the app factory."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
