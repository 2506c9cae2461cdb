"""HSDS 3.0 (Open Referral) read API under /api/hsds/: thin routes over waitinfo.hsds."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import AfterValidator

from waitinfo.core.clock import today
from waitinfo.core.settings import get_settings
from waitinfo.fhir.bundles import CONTACT_EMAIL, CONTACT_NAME, LICENSE_TEXT, LICENSE_URL
from waitinfo.hsds import repository as repo
from waitinfo.hsds import schemas
from waitinfo.hsds import service as hsds
from waitinfo.hsds.serialize import HSDS_VERSION
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import (
    READ_ERRORS,
    ReadClient,
    StreamSessions,
    add_head_routes,
    bytes_response,
    cache_headers,
    error_responses,
    json_response,
    not_modified,
    rate_headers,
    weak_etag,
)
from waitinfo.web.streaming import accepts_gzip, gzip_blocks, read_ahead

router = APIRouter(prefix="/api/hsds", tags=["HSDS 3.0"])

NDJSON = "application/x-ndjson"
PROFILE_URL = "https://waitinfo.twente.example/hsds-profile"

Search = Annotated[str | None, Query(max_length=200, description="Vrije tekst (naam, omschrijving, aanbieder).")]
PageNo = Annotated[int, Query(ge=1, le=100_000, description="Paginanummer, vanaf 1.")]
PerPage = Annotated[
    int,
    Query(
        ge=1,
        description=f"Aantal per pagina; meer dan {hsds.MAX_PER_PAGE} wordt {hsds.MAX_PER_PAGE}. "
        "Genegeerd bij format=ndjson.",
    ),
    AfterValidator(lambda v: min(v, hsds.MAX_PER_PAGE)),
]
Format = Annotated[
    Literal["json", "ndjson"],
    Query(description="`ndjson`: alle resultaten zonder paginering, één JSON-object per regel, gestreamd."),
]
ModifiedAfter = Annotated[
    datetime | None,
    Query(
        description="Alleen wat op of na dit moment (ISO 8601) is gewijzigd, inclusief tombstones: diensten die "
        "niet meer gepubliceerd zijn met `status: defunct`, verwijderde ids in `deletions`."
    ),
]
TermId = Annotated[uuid.UUID | None, Query(description="Alleen diensten met deze taxonomieterm (hulpvraag).")]
TaxonomyId = Annotated[uuid.UUID | None, Query(description="Alleen diensten met een term uit deze taxonomie.")]
OrgId = Annotated[uuid.UUID | None, Query(description="Alleen diensten van deze organisatie.")]
Municipality = Annotated[str | None, Query(pattern=r"^GM\d{4}$", description="CBS-gemeentecode, bijv. GM0153.")]
Need = Annotated[
    str | None, Query(max_length=80, pattern=r"^[a-z0-9_-]+$", description="Code van de hulpvraag, bijv. `angst`.")
]
Minimal = Annotated[bool, Query(description="Alleen id, naam, status en last_modified.")]
Full = Annotated[bool, Query(description="Volledig geneste objecten.")]
FullService = Annotated[bool, Query(description="Organisaties met hun diensten volledig genest.")]
TopOnly = Annotated[bool, Query(description="Alleen termen zonder bovenliggende term.")]
ParentId = Annotated[uuid.UUID | None, Query(description="Alleen termen onder deze term.")]
Postcode = Annotated[
    str | None,
    Query(
        pattern=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$",
        description="Postcode (bijv. 7511 AA): alleen diensten op locaties in of met een werkgebied in de gemeente "
        "van deze postcode; met `proximity` alleen locaties binnen zoveel meter.",
    ),
]
Proximity = Annotated[
    int | None, Query(ge=1, le=200_000, description="Meters rond het midden van `postcode` (vereist postcode).")
]


def _moment(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _filters(**kw) -> repo.Filters:
    kw["modified_after"] = _moment(kw.get("modified_after"))
    return repo.Filters(**kw)


def _ndjson(request: Request, session, body) -> Response:
    """Every match of a list route as one line of JSON, streamed (format=ndjson); the ETag names the query."""
    last = repo.last_modified(session)
    gzipped = accepts_gzip(request)
    params = dict(request.query_params)
    etag = weak_etag(request.url.path, sorted(params.items()), last, today(), "gzip" if gzipped else "")
    headers = cache_headers(etag, last) | rate_headers(request)
    if not_modified(request, etag, last):
        return Response(status_code=304, headers=headers)
    body = read_ahead(body)
    if gzipped:
        return StreamingResponse(gzip_blocks(body), media_type=NDJSON, headers=headers | {"Content-Encoding": "gzip"})
    return StreamingResponse(body, media_type=NDJSON, headers=headers)


def _list_responses(model) -> dict:
    return {
        200: {
            "model": model,
            "content": {NDJSON: {"schema": {"type": "string"}}},
            "description": "Een HSDS-pagina, of met format=ndjson één object per regel.",
        },
        **READ_ERRORS,
    }


def _json(request: Request, session, body) -> Response:
    return json_response(request, body, last_modified=repo.last_modified(session))


def _one(request: Request, session, body: dict | None, what: str) -> Response:
    """A single object, or 404 saying which kind of object was not found."""
    if body is None:
        raise HTTPException(404, f"Geen {what} met dit id gevonden. Controleer het id, of haal de lijst opnieuw op.")
    return _json(request, session, body)


ONE_ERRORS = error_responses(304, 401, 404, 422, 429)


@router.get("/", response_model=schemas.HsdsRoot, responses=READ_ERRORS, summary="Versie en profiel van deze API")
def root(request: Request, session: SessionDep, client: ReadClient):
    base = get_settings().public_url()  # never the request's Host header
    body = {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": f"{base}/openapi.json",
        "publisher": "waitinfo Twente",
        "license": {"name": "CC BY 4.0", "url": LICENSE_URL, "description": LICENSE_TEXT},
        "contact": {"name": CONTACT_NAME, "email": CONTACT_EMAIL},
        "bulk_download": {"zip": f"{base}/api/hsds/export.zip", "ndjson": f"{base}/api/hsds/export.ndjson"},
    }
    return _json(request, session, body)


@router.get(
    "/services",
    response_model=schemas.ServicePage,
    responses=_list_responses(schemas.ServicePage),
    summary="Diensten (gepagineerd), of alle als ndjson",
)
def services(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    streams: StreamSessions,
    search: Search = None,
    page: PageNo = 1,
    per_page: PerPage = hsds.DEFAULT_PER_PAGE,
    format: Format = "json",
    taxonomy_term_id: TermId = None,
    taxonomy_id: TaxonomyId = None,
    organization_id: OrgId = None,
    modified_after: ModifiedAfter = None,
    minimal: Minimal = False,
    full: Full = False,
    municipality: Municipality = None,
    need: Need = None,
):
    f = _filters(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
        municipality=municipality,
        need=need,
    )
    if format == "ndjson":
        return _ndjson(request, session, hsds.stream_services(streams, f, minimal=minimal))
    raw = hsds.service_page(session, f, page, per_page, full=full, minimal=minimal)
    return bytes_response(request, raw, last_modified=repo.last_modified(session), media_type="application/json")


@router.get(
    "/services/{service_id}",
    response_model=schemas.ServiceOut,
    responses=ONE_ERRORS,
    summary="Eén dienst, volledig genest (met wachttijden en capaciteit)",
)
def service(request: Request, session: SessionDep, client: ReadClient, service_id: uuid.UUID):
    return _one(request, session, hsds.service_one(session, service_id), "dienst")


@router.get(
    "/organizations",
    response_model=schemas.OrganizationPage,
    responses=_list_responses(schemas.OrganizationPage),
    summary="Organisaties (aanbieders)",
)
def organizations(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    streams: StreamSessions,
    search: Search = None,
    page: PageNo = 1,
    per_page: PerPage = hsds.DEFAULT_PER_PAGE,
    format: Format = "json",
    modified_after: ModifiedAfter = None,
    full: Full = False,
    full_service: FullService = False,
    municipality: Municipality = None,
):
    f = _filters(search=search, modified_after=modified_after, municipality=municipality)
    if format == "ndjson":
        lines = hsds.stream_simple(streams, "organization", f, full=full, full_service=full_service)
        return _ndjson(request, session, lines)
    body = hsds.organization_page(session, f, page, per_page, full=full, full_service=full_service)
    return _json(request, session, body)


@router.get(
    "/organizations/{organization_id}",
    response_model=schemas.OrganizationOut,
    responses=ONE_ERRORS,
    summary="Eén organisatie met locaties en diensten",
)
def organization(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    organization_id: uuid.UUID,
    full_service: FullService = False,
):
    body = hsds.organization_one(session, organization_id, full_service=full_service)
    return _one(request, session, body, "organisatie")


@router.get(
    "/service_at_locations",
    response_model=schemas.ServiceAtLocationPage,
    responses=_list_responses(schemas.ServiceAtLocationPage),
    summary="Diensten op locaties, met de actuele wachttijden als attributen",
)
def service_at_locations(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    streams: StreamSessions,
    search: Search = None,
    page: PageNo = 1,
    per_page: PerPage = hsds.DEFAULT_PER_PAGE,
    format: Format = "json",
    taxonomy_term_id: TermId = None,
    taxonomy_id: TaxonomyId = None,
    organization_id: OrgId = None,
    modified_after: ModifiedAfter = None,
    full: Full = False,
    municipality: Municipality = None,
    need: Need = None,
    postcode: Postcode = None,
    proximity: Proximity = None,
):
    f = _filters(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
        municipality=municipality,
        need=need,
    )
    if proximity is not None and postcode is None:
        raise HTTPException(422, "proximity werkt alleen samen met postcode; geef ook een postcode mee.")
    if postcode is not None:
        try:
            f.postcode_municipality, f.near = hsds.postcode_area(session, postcode, proximity)
        except hsds.PostcodeUnknown as exc:
            raise HTTPException(422, str(exc)) from None
    if format == "ndjson":
        return _ndjson(request, session, hsds.stream_simple(streams, "service_at_location", f, full=full))
    return _json(request, session, hsds.sal_page(session, f, page, per_page, full=full))


@router.get(
    "/service_at_locations/{sal_id}",
    response_model=schemas.ServiceAtLocationOut,
    responses=ONE_ERRORS,
    summary="Eén dienst op een locatie",
)
def service_at_location(request: Request, session: SessionDep, client: ReadClient, sal_id: uuid.UUID):
    return _one(request, session, hsds.sal_one(session, sal_id), "dienst op locatie")


@router.get(
    "/taxonomies",
    response_model=schemas.TaxonomyPage,
    responses=_list_responses(schemas.TaxonomyPage),
    summary="Taxonomieën (hulpvragen, hoofddiagnosegroepen, wachttijdgegevens)",
)
def taxonomies(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    streams: StreamSessions,
    search: Search = None,
    page: PageNo = 1,
    per_page: PerPage = hsds.DEFAULT_PER_PAGE,
    format: Format = "json",
    modified_after: ModifiedAfter = None,
):
    f = _filters(search=search, modified_after=modified_after)
    if format == "ndjson":
        return _ndjson(request, session, hsds.stream_simple(streams, "taxonomy", f))
    return _json(request, session, hsds.taxonomy_page(session, f, page, per_page))


@router.get(
    "/taxonomies/{taxonomy_id}", response_model=schemas.TaxonomyOut, responses=ONE_ERRORS, summary="Eén taxonomie"
)
def taxonomy(request: Request, session: SessionDep, client: ReadClient, taxonomy_id: uuid.UUID):
    return _one(request, session, hsds.taxonomy_one(session, taxonomy_id), "taxonomie")


@router.get(
    "/taxonomy_terms",
    response_model=schemas.TaxonomyTermPage,
    responses=_list_responses(schemas.TaxonomyTermPage),
    summary="Taxonomietermen",
)
def taxonomy_terms(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    streams: StreamSessions,
    search: Search = None,
    page: PageNo = 1,
    per_page: PerPage = hsds.DEFAULT_PER_PAGE,
    format: Format = "json",
    taxonomy_id: TaxonomyId = None,
    modified_after: ModifiedAfter = None,
    top_only: TopOnly = False,
    parent_id: ParentId = None,
):
    f = _filters(
        search=search, taxonomy_id=taxonomy_id, modified_after=modified_after, top_only=top_only, parent_id=parent_id
    )
    if format == "ndjson":
        return _ndjson(request, session, hsds.stream_simple(streams, "taxonomy_term", f))
    return _json(request, session, hsds.term_page(session, f, page, per_page))


@router.get(
    "/taxonomy_terms/{term_id}",
    response_model=schemas.TaxonomyTermOut,
    responses=ONE_ERRORS,
    summary="Eén taxonomieterm",
)
def taxonomy_term(request: Request, session: SessionDep, client: ReadClient, term_id: uuid.UUID):
    return _one(request, session, hsds.term_one(session, term_id), "taxonomieterm")


add_head_routes(router)
