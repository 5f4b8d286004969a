"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import ServicesDep
from service.api.schemas import Healthy, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Healthy)
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready: the failing checks say why."}},
)
def readyz(services: ServicesDep) -> JSONResponse:
    """Ready when the index holds chunks and the models are loaded; 503 with the reason otherwise."""
    checks = services.readiness()
    ready = all(ok for ok, _ in checks.values())
    body = {
        "ready": ready,
        "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
    }
    return JSONResponse(body, status_code=200 if ready else 503)
