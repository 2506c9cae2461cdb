"""FHIR R4 read API under /fhir (IHE mCSD): searchset and history Bundles and single reads of HealthcareService,
Location and Organization. The CapabilityStatement and the CodeSystems/NamingSystems are in fhir_conformance.py;
every error is an OperationOutcome (fhir_common.py).
"""

import inspect
import uuid
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from waitinfo.fhir import bundles, params
from waitinfo.fhir import history as fhir_history
from waitinfo.fhir import service as fhir
from waitinfo.fhir.schemas import FhirBundle, FhirResource
from waitinfo.hsds import repository as repo
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import ReadClient, add_head_routes, json_response
from waitinfo.web.routes.fhir_common import ERRORS, FHIR_JSON, READ_ERRORS, FhirRoute, base_url, ok, outcome

KINDS = ("HealthcareService", "Location", "Organization")

router = APIRouter(prefix="/fhir", tags=["FHIR R4"], route_class=FhirRoute)


def _strict(request: Request) -> bool:
    return "handling=strict" in request.headers.get("prefer", "").replace(" ", "").lower()


def _links(request: Request, kind: str, echo: list[tuple[str, str]], count: int, page: int, total: int) -> dict:
    base = f"{base_url(request)}/fhir/{kind}"

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
        return outcome(400, "invalid", str(exc))
    found = fhir.search(session, spec)
    links = _links(request, kind, spec.echo, spec.count, spec.page, found.total)
    body = bundles.searchset(found.matches, found.total, links, base_url(request), found.included, spec.ignored)
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


def _history(kind: str, request: Request, session) -> Response:
    items = _items(request)
    known = {"_since", "_count", "_page", "_format"}
    unknown = [k for k, _ in items if k not in known]
    if unknown and _strict(request):
        return outcome(400, "not-supported", f"Parameter '{unknown[0]}' wordt bij _history niet ondersteund.")
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
        return outcome(400, "invalid", text)
    changed, gone, total = fhir_history.history(session, kind, since, count, page)
    echo = [("_since", values["_since"])] if since else []
    links = _links(request, f"{kind}/_history", echo, count, page, total)
    body = bundles.history(changed, gone, total, links, base_url(request))
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


def _read(kind: str, request: Request, session, resource_id: str) -> Response:
    try:
        rid = uuid.UUID(resource_id)
    except ValueError:
        rid = None
    doc = fhir.read(session, kind, rid) if rid else None
    if doc is None:
        return outcome(404, "not-found", f"Geen {kind} met id {resource_id} gevonden.")
    return json_response(request, doc, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


# Documented parameters (for OpenAPI and clients); the handler reads the whole query string itself, so an
# unknown parameter can be refused (Prefer: handling=strict) or reported, and _count is capped, not refused.
def _q(name: str, text: str):
    return Annotated[str | None, Query(alias=name, max_length=4000, description=text)]


Count = _q("_count", f"Aantal per pagina; boven {params.MAX_COUNT} wordt {params.MAX_COUNT} gebruikt.")
PageNo = _q("_page", "Paginanummer (1-100000); volg de next-link.")
SEARCH_COMMON = {
    "_id": _q("_id", "Komma-gescheiden ids."),
    "_lastUpdated": Annotated[
        list[str] | None,
        Query(alias="_lastUpdated", description="ge2026-12, ge2026-11-01, gt2026-11-01T08:00:00Z ... (herhaalbaar)."),
    ],
    "_count": Count,
    "_page": PageNo,
    "_summary": _q("_summary", "count: alleen het totaal."),
    "_elements": _q("_elements", "Komma-gescheiden elementen die u terug wilt krijgen (SUBSETTED)."),
    "_include": _q("_include", "Bijv. HealthcareService:organization."),
    "_revinclude": _q("_revinclude", "Bijv. HealthcareService:location."),
}
Since = _q("_since", "Alleen wat sindsdien veranderde of verdween (bijv. 2026-12-01T00:00:00Z of 2026-12).")
HISTORY = "Type-geschiedenis: de huidige versie van wat veranderde (PUT) en wat verdween (DELETE), sinds _since."

# Per kind: the route names (one, many; they make the OpenAPI operationIds) and its own search parameters, those of
# params.PER_KIND in the order the OpenAPI document has always listed them (described by bundles.PARAM_DOCS).
RESOURCES = {
    "HealthcareService": (
        "healthcare_service",
        "healthcare_services",
        ("name", "organization", "location", "active", "identifier", "service-category", "service-type", "specialty"),
    ),
    "Location": (
        "location",
        "locations",
        ("name", "organization", "identifier", "status", "address-city", "address-postalcode"),
    ),
    "Organization": ("organization", "organizations", ("name", "active", "identifier", "type")),
}


def _documented(query: dict) -> Callable:
    """Adds the documented query parameters to the endpoint's signature, which is what FastAPI reads; the endpoint
    takes them as **documented and leaves them alone."""

    def apply(endpoint: Callable) -> Callable:
        signature = inspect.signature(endpoint)
        fixed = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        extra = [
            inspect.Parameter(
                name.replace("-", "_"), inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
            )
            for name, annotation in query.items()
        ]
        endpoint.__signature__ = signature.replace(parameters=[*fixed, *extra])
        return endpoint

    return apply


def _resource_routes(kind: str, one: str, many: str, own: tuple[str, ...]) -> None:
    """Search, history and read of one resource kind: the same three routes for each of KINDS."""

    @router.get(
        f"/{kind}",
        name=f"search_{many}",
        response_model=FhirBundle,
        responses={**ok(FhirBundle), **ERRORS},
        summary=f"Zoek {kind} (searchset Bundle)",
    )
    @_documented(SEARCH_COMMON | {name: _q(name, bundles.PARAM_DOCS[name][1]) for name in own})
    def search(request: Request, session: SessionDep, client: ReadClient, **documented):
        return _search(kind, request, session)

    @router.get(
        f"/{kind}/_history",
        name=f"history_{many}",
        response_model=FhirBundle,
        responses={**ok(FhirBundle), **ERRORS},
        summary=f"Geschiedenis van {kind} (history Bundle)",
        description=HISTORY,
    )
    def history(
        request: Request,
        session: SessionDep,
        client: ReadClient,
        _since: Since = None,
        _count: Count = None,
        _page: PageNo = None,
    ):
        return _history(kind, request, session)

    @router.get(
        f"/{kind}/{{resource_id}}",
        name=f"read_{one}",
        response_model=FhirResource,
        responses={**ok(FhirResource), **READ_ERRORS},
        summary=f"Eén {kind}",
    )
    def read(request: Request, session: SessionDep, client: ReadClient, resource_id: str):
        return _read(kind, request, session, resource_id)


for _kind in KINDS:
    _resource_routes(_kind, *RESOURCES[_kind])

add_head_routes(router)
