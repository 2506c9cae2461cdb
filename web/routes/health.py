"""Liveness and readiness: 200 with database status, 503 when the database is down."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from waitinfo import __version__
from waitinfo.core.database import database_ok

router = APIRouter(tags=["beheer"])


@router.get("/healthz", summary="Gezondheid van de app en de database")
def healthz() -> JSONResponse:
    ok = database_ok()
    body = {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "down", "version": __version__}
    return JSONResponse(body, status_code=200 if ok else 503)
