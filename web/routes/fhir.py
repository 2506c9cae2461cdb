"""FHIR R4 read API under /fhir: CapabilityStatement, searchset Bundles and single reads (application/fhir+json)."""

import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import StringConstraints

from waitinfo import __version__
from waitinfo.core.clock import today
from waitinfo.core.settings import get_settings
from waitinfo.fhir import definitions, mapping
from waitinfo.fhir import service as fhir
from waitinfo.fhir.schemas import FhirBundle, FhirResource, OperationOutcome
from waitinfo.hsds import repository as repo
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import ReadClient, error_responses, json_response

router = APIRouter(prefix="/fhir", tags=["FHIR R4"])

FHIR_JSON = "application/fhir+json"
KINDS = ("HealthcareService", "Location", "Organization")


def _ok(model) -> dict:
    return {200: {"model": model, "content": {FHIR_JSON: {}}}}


ERRORS = {
    **error_responses(304, 401, 422, 429),
    400: {"model": OperationOutcome, "content": {FHIR_JSON: {}}, "description": "Ongeldige zoekparameter."},
}
READ_ERRORS = {**ERRORS, 404: {"model": OperationOutcome, "content": {FHIR_JSON: {}}, "description": "Niet gevonden."}}


def _base(request: Request) -> str:
    """The configured public address: never the request's Host header (which anyone can set)."""
    return get_settings().public_url()


def _outcome(status: int, code: str, text: str) -> Response:
    import json

    return Response(
        json.dumps(mapping.operation_outcome(code, text), ensure_ascii=False), status_code=status, media_type=FHIR_JSON
    )


@router.get(
    "/metadata",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **ERRORS},
    summary="CapabilityStatement: wat deze FHIR-server kan",
)
def metadata(request: Request, session: SessionDep, client: ReadClient):
    body = mapping.capability_statement(_base(request), __version__, today())
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


@router.get(
    "/StructureDefinition/wait-time",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **ERRORS},
    summary="Definitie van de wachttijd-extensie",
)
def wait_time_definition(request: Request, session: SessionDep, client: ReadClient):
    return json_response(
        request, definitions.wait_time_definition(), last_modified=definitions.PUBLISHED, media_type=FHIR_JSON
    )


def _search(
    kind: str, request: Request, session, ids: str | None, last_updated: list[str] | None, count: int, page: int
) -> Response:
    try:
        search = fhir.Search(
            ids=fhir.parse_ids(ids), updated=fhir.parse_last_updated(last_updated or []), count=count, page=page
        )
    except fhir.SearchError as exc:
        return _outcome(400, "invalid", str(exc))
    docs, total = fhir.SEARCHES[kind](session, search)
    params = {k: v for k, v in (("_id", ids), ("_count", count)) if v is not None}
    base = f"{_base(request)}/fhir/{kind}"

    def url(p: int) -> str:
        query = list(params.items()) + [("_lastUpdated", v) for v in last_updated or []] + [("_page", p)]
        return f"{base}?{urlencode(query)}"

    last_page = max(1, -(-total // count))
    links = {"self": url(page), "first": url(1), "last": url(last_page)}
    if page > 1:
        links["previous"] = url(min(page - 1, last_page))
    if page < last_page:
        links["next"] = url(page + 1)
    body = mapping.bundle(docs, total, links, _base(request))
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


def _read(kind: str, request: Request, session, resource_id: str) -> Response:
    try:
        rid = uuid.UUID(resource_id)
    except ValueError:
        rid = None
    doc = fhir.READS[kind](session, rid) if rid else None
    if doc is None:
        return _outcome(404, "not-found", f"Geen {kind} met id {resource_id} gevonden.")
    return json_response(request, doc, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


Ids = Annotated[str | None, Query(alias="_id", max_length=4000, description="Komma-gescheiden ids.")]
_DATE = r"(?:19|20)\d{2}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_TIME = r"(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)?)?"
LastUpdatedValue = Annotated[str, StringConstraints(pattern=f"^(?:ge|gt|le|lt|eq)?{_DATE}{_TIME}$")]
LastUpdated = Annotated[
    list[LastUpdatedValue] | None,
    Query(
        alias="_lastUpdated", description="Bijv. ge2026-11-01 of gt2026-11-01T08:00:00Z (herhaalbaar voor een periode)."
    ),
]
Count = Annotated[int, Query(alias="_count", ge=1, le=fhir.MAX_COUNT, description="Aantal per pagina (max 200).")]
Page = Annotated[int, Query(alias="_page", ge=1, le=100_000, description="Paginanummer; volg de next-link.")]


@router.get(
    "/HealthcareService",
    response_model=FhirBundle,
    responses={**_ok(FhirBundle), **ERRORS},
    summary="Zoek HealthcareService (searchset Bundle)",
)
def search_healthcare_services(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    _id: Ids = None,
    _lastUpdated: LastUpdated = None,
    _count: Count = 50,
    _page: Page = 1,
):
    return _search("HealthcareService", request, session, _id, _lastUpdated, _count, _page)


@router.get(
    "/HealthcareService/{resource_id}",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **READ_ERRORS},
    summary="Eén HealthcareService",
)
def read_healthcare_service(request: Request, session: SessionDep, client: ReadClient, resource_id: str):
    return _read("HealthcareService", request, session, resource_id)


@router.get(
    "/Location",
    response_model=FhirBundle,
    responses={**_ok(FhirBundle), **ERRORS},
    summary="Zoek Location (searchset Bundle)",
)
def search_locations(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    _id: Ids = None,
    _lastUpdated: LastUpdated = None,
    _count: Count = 50,
    _page: Page = 1,
):
    return _search("Location", request, session, _id, _lastUpdated, _count, _page)


@router.get(
    "/Location/{resource_id}",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **READ_ERRORS},
    summary="Eén Location",
)
def read_location(request: Request, session: SessionDep, client: ReadClient, resource_id: str):
    return _read("Location", request, session, resource_id)


@router.get(
    "/Organization",
    response_model=FhirBundle,
    responses={**_ok(FhirBundle), **ERRORS},
    summary="Zoek Organization (searchset Bundle)",
)
def search_organizations(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    _id: Ids = None,
    _lastUpdated: LastUpdated = None,
    _count: Count = 50,
    _page: Page = 1,
):
    return _search("Organization", request, session, _id, _lastUpdated, _count, _page)


@router.get(
    "/Organization/{resource_id}",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **READ_ERRORS},
    summary="Eén Organization",
)
def read_organization(request: Request, session: SessionDep, client: ReadClient, resource_id: str):
    return _read("Organization", request, session, resource_id)
