"""Bulk download of the whole published catalogue: HSDS tabular data package (zip) and ndjson."""

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from waitinfo.hsds import bulk
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import (
    READ_ERRORS,
    ReadClient,
    add_head_routes,
    cache_headers,
    not_modified,
    rate_headers,
)

router = APIRouter(prefix="/api/hsds", tags=["HSDS 3.0"])

MEDIA = {"zip": "application/zip", "ndjson": "application/x-ndjson"}


def _download(request: Request, session, kind: str) -> Response:
    found = bulk.export(session, kind)
    etag = f'W/"{found.version}"'
    headers = cache_headers(etag, found.last_modified) | rate_headers(request)
    if not_modified(request, etag, found.last_modified):
        return Response(status_code=304, headers=headers)
    return FileResponse(
        found.path,
        media_type=MEDIA[kind],
        filename=f"waitinfo-hsds-{found.version}.{kind}",
        headers=headers,
    )


@router.get(
    "/export.zip",
    responses={
        200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}},
        **READ_ERRORS,
    },
    response_class=FileResponse,
    summary="De hele catalogus als HSDS tabular data package (zip met CSV's en datapackage.json)",
    description="Eén CSV per HSDS-tabel (service, organization, location, service_at_location, address, phone, "
    "schedule, attribute, taxonomy_term, ...) en datapackage.json met de velden. Opnieuw gemaakt zodra de "
    "catalogus verandert (ETag/Last-Modified); daarna bijhouden met modified_after, _history of webhooks.",
)
def export_zip(request: Request, session: SessionDep, client: ReadClient):
    return _download(request, session, "zip")


@router.get(
    "/export.ndjson",
    responses={
        200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
        **READ_ERRORS,
    },
    response_class=FileResponse,
    summary="De hele catalogus als ndjson: één volledig HSDS-service-document per regel",
)
def export_ndjson(request: Request, session: SessionDep, client: ReadClient):
    return _download(request, session, "ndjson")


add_head_routes(router)
