"""FHIR R4 conformance resources under /fhir: the CapabilityStatement, the wait-time extension's definition, and
the CodeSystems/NamingSystems that the resources of fhir.py name."""

from fastapi import APIRouter, Request

from waitinfo import __version__
from waitinfo.core.clock import today
from waitinfo.fhir import bundles, definitions, terminology
from waitinfo.fhir.schemas import FhirResource
from waitinfo.hsds import repository as repo
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import ReadClient, add_head_routes, json_response
from waitinfo.web.routes.fhir_common import ERRORS, FHIR_JSON, READ_ERRORS, FhirRoute, base_url, ok, outcome

router = APIRouter(prefix="/fhir", tags=["FHIR R4"], route_class=FhirRoute)


@router.get(
    "/metadata",
    response_model=FhirResource,
    responses={**ok(FhirResource), **ERRORS},
    summary="CapabilityStatement: wat deze FHIR-server kan",
)
def metadata(request: Request, session: SessionDep, client: ReadClient):
    body = bundles.capability_statement(base_url(request), __version__, today())
    return json_response(request, body, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


@router.get(
    "/StructureDefinition/wait-time",
    response_model=FhirResource,
    responses={**ok(FhirResource), **ERRORS},
    summary="Definitie van de wachttijd-extensie",
)
def wait_time_definition(request: Request, session: SessionDep, client: ReadClient):
    return json_response(
        request, definitions.wait_time_definition(), last_modified=definitions.PUBLISHED, media_type=FHIR_JSON
    )


@router.get(
    "/CodeSystem/{name}",
    response_model=FhirResource,
    responses={**ok(FhirResource), **READ_ERRORS},
    summary="Een CodeSystem van deze server (de system-URL's in de resources)",
)
def code_system(request: Request, session: SessionDep, client: ReadClient, name: str):
    doc = terminology.code_system(session, name)
    if doc is None:
        return outcome(404, "not-found", f"Geen CodeSystem '{name}'; wel: {', '.join(sorted(terminology.NAMES))}.")
    return json_response(request, doc, last_modified=repo.last_modified(session), media_type=FHIR_JSON)


@router.get(
    "/NamingSystem/{name}",
    response_model=FhirResource,
    responses={**ok(FhirResource), **READ_ERRORS},
    summary="Een NamingSystem van deze server (de identifier-systems in de resources)",
)
def naming_system(request: Request, session: SessionDep, client: ReadClient, name: str):
    doc = terminology.naming_system(name)
    if doc is None:
        return outcome(404, "not-found", f"Geen NamingSystem '{name}'; wel: {', '.join(sorted(terminology.NAMING))}.")
    return json_response(request, doc, last_modified=None, media_type=FHIR_JSON)


add_head_routes(router)
