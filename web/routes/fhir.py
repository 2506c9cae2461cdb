"""FHIR R4 read API under /fhir (IHE mCSD): CapabilityStatement, searchset and history Bundles, single reads,
and the CodeSystems/NamingSystems the resources name. Every error is an OperationOutcome (application/fhir+json).
"""

import json
import uuid
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute

from waitinfo import __version__
from waitinfo.core.clock import today
from waitinfo.core.settings import get_settings
from waitinfo.fhir import bundles, definitions, mapping, params, terminology
from waitinfo.fhir import history as fhir_history
from waitinfo.fhir import service as fhir
from waitinfo.fhir.schemas import FhirBundle, FhirResource, OperationOutcome
from waitinfo.hsds import repository as repo
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import ReadClient, add_head_routes, error_responses, json_response

FHIR_JSON = "application/fhir+json"
KINDS = ("HealthcareService", "Location", "Organization")
ISSUE_CODES = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 413: "too-costly", 429: "throttled"}


def _outcome(status: int, code: str, text: str, headers: dict | None = None) -> Response:
    body = json.dumps(mapping.operation_outcome(code, text), ensure_ascii=False)
    return Response(body, status_code=status, media_type=FHIR_JSON, headers=headers)


class FhirRoute(APIRoute):
    """Errors raised anywhere in a FHIR route (the API key check included) answer as an OperationOutcome."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def outcome_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPException as exc:
                detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
                return _outcome(exc.status_code, ISSUE_CODES.get(exc.status_code, "processing"), detail, exc.headers)
            except RequestValidationError as exc:
                parts = [f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors()[:5]]
                return _outcome(400, "invalid", "Ongeldige parameter. " + "; ".join(parts))

        return outcome_handler


router = APIRouter(prefix="/fhir", tags=["FHIR R4"], route_class=FhirRoute)


def _ok(model) -> dict:
    return {200: {"model": model, "content": {FHIR_JSON: {}}}}


def _fhir_error(text: str) -> dict:
    return {"model": OperationOutcome, "content": {FHIR_JSON: {}}, "description": text}


ERRORS = {
    **error_responses(304),
    400: _fhir_error("Ongeldige zoekparameter."),
    401: _fhir_error("Ongeldige API-sleutel."),
    429: _fhir_error("Te veel verzoeken; zie Retry-After."),
}
READ_ERRORS = {**ERRORS, 404: _fhir_error("Niet gevonden.")}


def _base(request: Request) -> str:
    """The configured public address: never the request's Host header (which anyone can set)."""
    return get_settings().public_url()


def _strict(request: Request) -> bool:
    return "handling=strict" in request.headers.get("prefer", "").replace(" ", "").lower()


def _links(request: Request, kind: str, echo: list[tuple[str, str]], count: int, page: int, total: int) -> dict:
    base = f"{_base(request)}/fhir/{kind}"

    def url(p: int) -> str:
        return f"{base}?{urlencode([*echo, ('_count', count), ('_page', p)])}"

    last_page = max(1, -(-total // max(count, 1)))
    links = {"self": url(page), "first": url(1), "last": url(last_page)}
    if page > 1:
        links["previous"] = url(min(page - 1, last_page))
    if page < last_page:
        links["next"] = url(page + 1)
    return links


def _items(request: Request) -> list[tuple[str, str]]:
    # PostgreSQL text cannot hold NUL: drop it rather than fail.
    return [(k, v.replace("\x00", "")) for k, v in request.query_params.multi_items()]


def _search(kind: str, request: Request, session) -> Response:
    try:
        spec = params.parse(kind, _items(request), _strict(request))
    except params.SearchError as exc:
        return _outcome(400, "invalid", str(exc))
    found = fhir.search(session, spec)
    links = _links(request, kind, spec.echo, spec.count, spec.page, found.total)
    body = bundles.searchset(found.matches, found.total, links, _base(request), found.included, spec.ignored)
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


def _history(kind: str, request: Request, session) -> Response:
    items = _items(request)
    known = {"_since", "_count", "_page", "_format"}
    unknown = [k for k, _ in items if k not in known]
    if unknown and _strict(request):
        return _outcome(400, "not-supported", f"Parameter '{unknown[0]}' wordt bij _history niet ondersteund.")
    values = dict(items)
    try:
        since = params.period(values["_since"])[0] if "_since" in values else None
        count = params._count(values.get("_count", str(params.DEFAULT_COUNT))) or params.DEFAULT_COUNT
        page = int(values.get("_page", "1")) if values.get("_page", "1").isdigit() else 0
        if not 1 <= page <= 100_000:
            raise params.SearchError("_page moet een getal van 1 tot 100000 zijn.")
    except ValueError as exc:
        text = (
            str(exc)
            if isinstance(exc, params.SearchError)
            else "_since is geen geldig tijdstip (bijv. 2026-12-01T00:00:00Z)."
        )
        return _outcome(400, "invalid", text)
    changed, gone, total = fhir_history.history(session, kind, since, count, page)
    echo = [("_since", values["_since"])] if since else []
    links = _links(request, f"{kind}/_history", echo, count, page, total)
    body = bundles.history(changed, gone, total, links, _base(request))
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


def _read(kind: str, request: Request, session, resource_id: str) -> Response:
    try:
        rid = uuid.UUID(resource_id)
    except ValueError:
        rid = None
    doc = fhir.read(session, kind, rid) if rid else None
    if doc is None:
        return _outcome(404, "not-found", f"Geen {kind} met id {resource_id} gevonden.")
    return json_response(request, doc, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


@router.get(
    "/metadata",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **ERRORS},
    summary="CapabilityStatement: wat deze FHIR-server kan",
)
def metadata(request: Request, session: SessionDep, client: ReadClient):
    body = bundles.capability_statement(_base(request), __version__, today())
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


@router.get(
    "/CodeSystem/{name}",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **READ_ERRORS},
    summary="Een CodeSystem van deze server (de system-URL's in de resources)",
)
def code_system(request: Request, session: SessionDep, client: ReadClient, name: str):
    doc = terminology.code_system(session, name)
    if doc is None:
        return _outcome(404, "not-found", f"Geen CodeSystem '{name}'; wel: {', '.join(sorted(terminology.NAMES))}.")
    return json_response(request, doc, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


@router.get(
    "/NamingSystem/{name}",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **READ_ERRORS},
    summary="Een NamingSystem van deze server (de identifier-systems in de resources)",
)
def naming_system(request: Request, session: SessionDep, client: ReadClient, name: str):
    doc = terminology.naming_system(name)
    if doc is None:
        return _outcome(404, "not-found", f"Geen NamingSystem '{name}'; wel: {', '.join(sorted(terminology.NAMING))}.")
    return json_response(request, doc, last_modified=None, media_type=FHIR_JSON)


# Documented parameters (for OpenAPI and clients); the handler reads the whole query string itself, so an
# unknown parameter can be refused (Prefer: handling=strict) or reported, and _count is capped, not refused.
def _q(name: str, text: str):
    return Annotated[str | None, Query(alias=name, max_length=4000, description=text)]


def _doc(name: str) -> str:
    return bundles.PARAM_DOCS[name][1]


Id = _q("_id", "Komma-gescheiden ids.")
LastUpdated = Annotated[
    list[str] | None,
    Query(alias="_lastUpdated", description="ge2026-12, ge2026-11-01, gt2026-11-01T08:00:00Z ... (herhaalbaar)."),
]
Count = _q("_count", f"Aantal per pagina; boven {params.MAX_COUNT} wordt {params.MAX_COUNT} gebruikt.")
PageNo = _q("_page", "Paginanummer (1-100000); volg de next-link.")
Summary = _q("_summary", "count: alleen het totaal.")
Elements = _q("_elements", "Komma-gescheiden elementen die u terug wilt krijgen (SUBSETTED).")
Include = _q("_include", "Bijv. HealthcareService:organization.")
RevInclude = _q("_revinclude", "Bijv. HealthcareService:location.")
Name = _q("name", _doc("name"))
OrgRef = _q("organization", _doc("organization"))
LocRef = _q("location", _doc("location"))
Active = _q("active", _doc("active"))
Identifier = _q("identifier", _doc("identifier"))
Since = _q("_since", "Alleen wat sindsdien veranderde of verdween (bijv. 2026-12-01T00:00:00Z of 2026-12).")
HISTORY = "Type-geschiedenis: de huidige versie van wat veranderde (PUT) en wat verdween (DELETE), sinds _since."


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
    _id: Id = None,
    _lastUpdated: LastUpdated = None,
    _count: Count = None,
    _page: PageNo = None,
    _summary: Summary = None,
    _elements: Elements = None,
    _include: Include = None,
    _revinclude: RevInclude = None,
    name: Name = None,
    organization: OrgRef = None,
    location: LocRef = None,
    active: Active = None,
    identifier: Identifier = None,
    service_category: _q("service-category", _doc("service-category")) = None,
    service_type: _q("service-type", _doc("service-type")) = None,
    specialty: _q("specialty", _doc("specialty")) = None,
):
    return _search("HealthcareService", request, session)


@router.get(
    "/HealthcareService/_history",
    response_model=FhirBundle,
    responses={**_ok(FhirBundle), **ERRORS},
    summary="Geschiedenis van HealthcareService (history Bundle)",
    description=HISTORY,
)
def history_healthcare_services(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    _since: Since = None,
    _count: Count = None,
    _page: PageNo = None,
):
    return _history("HealthcareService", request, session)


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
    _id: Id = None,
    _lastUpdated: LastUpdated = None,
    _count: Count = None,
    _page: PageNo = None,
    _summary: Summary = None,
    _elements: Elements = None,
    _include: Include = None,
    _revinclude: RevInclude = None,
    name: Name = None,
    organization: OrgRef = None,
    identifier: Identifier = None,
    status: _q("status", _doc("status")) = None,
    address_city: _q("address-city", _doc("address-city")) = None,
    address_postalcode: _q("address-postalcode", _doc("address-postalcode")) = None,
):
    return _search("Location", request, session)


@router.get(
    "/Location/_history",
    response_model=FhirBundle,
    responses={**_ok(FhirBundle), **ERRORS},
    summary="Geschiedenis van Location (history Bundle)",
    description=HISTORY,
)
def history_locations(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    _since: Since = None,
    _count: Count = None,
    _page: PageNo = None,
):
    return _history("Location", request, session)


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
    _id: Id = None,
    _lastUpdated: LastUpdated = None,
    _count: Count = None,
    _page: PageNo = None,
    _summary: Summary = None,
    _elements: Elements = None,
    _include: Include = None,
    _revinclude: RevInclude = None,
    name: Name = None,
    active: Active = None,
    identifier: Identifier = None,
    type: _q("type", _doc("type")) = None,
):
    return _search("Organization", request, session)


@router.get(
    "/Organization/_history",
    response_model=FhirBundle,
    responses={**_ok(FhirBundle), **ERRORS},
    summary="Geschiedenis van Organization (history Bundle)",
    description=HISTORY,
)
def history_organizations(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    _since: Since = None,
    _count: Count = None,
    _page: PageNo = None,
):
    return _history("Organization", request, session)


@router.get(
    "/Organization/{resource_id}",
    response_model=FhirResource,
    responses={**_ok(FhirResource), **READ_ERRORS},
    summary="Eén Organization",
)
def read_organization(request: Request, session: SessionDep, client: ReadClient, resource_id: str):
    return _read("Organization", request, session, resource_id)


add_head_routes(router)
