"""Provider portal: edit the offer (services, locations, intake stops, contracts, profile, new organisations)."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from waitinfo.core.clock import today
from waitinfo.imports import held
from waitinfo.portal import access, offer, profile, stops
from waitinfo.portal.labels import LABELS
from waitinfo.waits.treeknorm import METHOD_LABELS
from waitinfo.web.auth import CurrentUser, Forbidden
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.portal_context import OrgParam, guarded, organization_or_picker, portal_url
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API


def _ctx(session, org, **extra):
    return {
        "org": org,
        "nav": "portaal",
        "section": "aanbod",
        "today": today(),
        **offer.choices(session, org),
        "labels": LABELS,
        **extra,
    }


def _offer_page(request, session, org, *, stop: dict, stop_errors: dict, message, status_code: int = 200, **extra):
    """The offer overview with its intake-stop form (empty, or as posted with its errors)."""
    return render(
        request,
        "portal/offer.html",
        _ctx(
            session,
            org,
            services=offer.services(session, org),
            stops=stops.intake_stops(session, org),
            stop=stop,
            stop_errors=stop_errors,
            message=message,
            **extra,
        ),
        status_code=status_code,
    )


def _service_form(request, session, org, service, values: dict, errors: dict, status_code: int = 200):
    ctx = _ctx(session, org, service=service, values=values, errors=errors)
    return render(request, "portal/service_form.html", ctx, status_code=status_code)


def _location_form(request, session, org, location, values: dict, errors: dict, status_code: int = 200):
    ctx = _ctx(session, org, location=location, values=values, errors=errors)
    return render(request, "portal/location_form.html", ctx, status_code=status_code)


def _profile_page(request, session, org, errors: dict, saved, status_code: int = 200):
    contracts = profile.contracts(session, org, today().year)
    ctx = _ctx(session, org, contracts=contracts, method_labels=METHOD_LABELS, errors=errors, saved=saved)
    return render(request, "portal/profile.html", ctx, status_code=status_code)


def _organization_form(request, values: dict, errors: dict, status_code: int = 200):
    ctx = {"values": values, "errors": errors, "nav": "portaal", "org": None, "labels": LABELS}
    return render(request, "portal/organization_form.html", ctx, status_code=status_code)


@router.get("/portaal/aanbod")
def overview(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    message = request.query_params.get("melding")
    return _offer_page(
        request, session, org, stop={}, stop_errors={}, message=message, held_count=held.count(session, org.id)
    )


@router.get("/portaal/aanbod/dienst/{service_id}")
def service_page(request: Request, session: SessionDep, user: CurrentUser, service_id: uuid.UUID):
    svc, org = guarded(access.service_for, session, user, service_id)
    return _service_form(request, session, org, svc, offer.service_state(session, svc), {})


@router.post("/portaal/aanbod/dienst/{service_id}")
def service_save(request: Request, session: SessionDep, user: CurrentUser, service_id: uuid.UUID, form: FormDep):
    svc, org = guarded(access.service_for, session, user, service_id)
    result = offer.parse_service_form(session, org, form)
    if result.errors:
        return _service_form(request, session, org, svc, result.values, result.errors, status_code=422)
    offer.update_service(session, svc, org, result.values, user=user)
    return RedirectResponse(portal_url("/portaal/aanbod", org, melding="dienst-opgeslagen"), status_code=303)


@router.get("/portaal/aanbod/nieuwe-dienst")
def new_service_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    values = {
        "kind": "treatment",
        "wait_kind": "ggz_basic",
        "cost": "insured",
        "minimum_age": 18,
        "needs": [],
        "areas": [],
        "locations": [],
    }
    return _service_form(request, session, org, None, values, {})


@router.post("/portaal/aanbod/nieuwe-dienst")
def new_service(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    result = offer.parse_service_form(session, org, form)
    if result.errors:
        return _service_form(request, session, org, None, result.values, result.errors, status_code=422)
    svc = offer.propose_service(session, org, result.values, user=user)
    note = "dienst-voorgesteld" if svc.status == "pending" else "dienst-opgeslagen"
    return RedirectResponse(portal_url("/portaal/aanbod", org, melding=note), status_code=303)


@router.get("/portaal/aanbod/vestiging/{location_id}")
def location_page(request: Request, session: SessionDep, user: CurrentUser, location_id: uuid.UUID):
    loc, org = guarded(access.location_for, session, user, location_id)
    return _location_form(request, session, org, loc, offer.location_state(loc), {})


@router.post("/portaal/aanbod/vestiging/{location_id}")
def location_save(request: Request, session: SessionDep, user: CurrentUser, location_id: uuid.UUID, form: FormDep):
    loc, org = guarded(access.location_for, session, user, location_id)
    return _save_location(request, session, user, org, loc, form)


@router.get("/portaal/aanbod/nieuwe-vestiging")
def new_location_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _location_form(request, session, org, None, {"location_type": "physical"}, {})


@router.post("/portaal/aanbod/nieuwe-vestiging")
def new_location(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _save_location(request, session, user, org, None, form)


def _save_location(request, session, user, org, loc, form):
    result = offer.parse_location_form(session, form)
    if result.errors:
        return _location_form(request, session, org, loc, result.values, result.errors, status_code=422)
    offer.save_location(session, org, loc, result.values, user=user)
    note = "vestiging-benaderd" if result.values.get("geocode_message") else "vestiging-opgeslagen"
    return RedirectResponse(portal_url("/portaal/aanbod", org, melding=note), status_code=303)


@router.post("/portaal/aanbod/aanmeldstop")
def add_stop(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    result = stops.parse_stop_form(session, org, form, today())
    if result.errors:
        return _offer_page(
            request, session, org, stop=result.values, stop_errors=result.errors, message=None, status_code=422
        )
    stops.add_stop(session, org, result.values, user=user)
    return RedirectResponse(portal_url("/portaal/aanbod", org, melding="stop-opgeslagen"), status_code=303)


@router.post("/portaal/aanbod/aanmeldstop/{stop_id}/beeindigen")
def end_stop(session: SessionDep, user: CurrentUser, stop_id: uuid.UUID):
    stop, org = guarded(access.intake_stop_for, session, user, stop_id)
    stops.end_stop(session, org, stop, today(), user=user)
    return RedirectResponse(portal_url("/portaal/aanbod", org, melding="stop-beeindigd"), status_code=303)


@router.get("/portaal/aanbod/profiel")
def profile_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _profile_page(request, session, org, {}, request.query_params.get("opgeslagen"))


@router.post("/portaal/aanbod/profiel")
def profile_save(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    errors = profile.save_profile(session, org, form, user=user, today=today())
    if errors:
        return _profile_page(request, session, org, errors, None, status_code=422)
    return RedirectResponse(portal_url("/portaal/aanbod/profiel", org, opgeslagen="1"), status_code=303)


@router.get("/portaal/aanbod/nieuwe-organisatie")
def new_org_page(request: Request, user: CurrentUser):
    if user.role not in access.PORTAL_ROLES:
        raise Forbidden()
    return _organization_form(request, {}, {})


@router.post("/portaal/aanbod/nieuwe-organisatie")
def new_org(request: Request, session: SessionDep, user: CurrentUser, form: FormDep):
    if user.role not in access.PORTAL_ROLES:
        raise Forbidden()
    result = offer.propose_organization(session, form, user=user)
    if result.errors:
        return _organization_form(request, result.values, result.errors, status_code=422)
    return RedirectResponse(portal_url("/portaal", result.values["organization"]), status_code=303)
