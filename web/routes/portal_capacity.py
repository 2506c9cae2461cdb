"""Provider portal: the organisation's own capacity offers and transfer requests for the transfer table."""

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from waitinfo.core.clock import today
from waitinfo.meetings import capacity, privacy
from waitinfo.meetings import repository as repo
from waitinfo.meetings.models import CapacityOffer, TransferRequest
from waitinfo.portal import access
from waitinfo.region.common import subregions as list_subregions
from waitinfo.web.auth import CurrentUser
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.portal_context import OrgParam, guarded, organization_or_picker, portal_url
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)


def _offer_for(session, user, offer_id: uuid.UUID):
    offer = session.get(CapacityOffer, offer_id)
    if offer is None:
        raise access.AccessDenied()
    return offer, access.require_org_access(session, user, offer.organization_id)


def _request_for(session, user, request_id: uuid.UUID):
    req = session.get(TransferRequest, request_id)
    if req is None:
        raise access.AccessDenied()
    return req, access.require_org_access(session, user, req.organization_id)


def _ctx(session, org, **extra) -> dict:
    return {
        "org": org,
        "nav": "portaal",
        "section": "capaciteit",
        "today": today(),
        "needs": repo.need_labels(session),
        "subregions": list_subregions(session),
        "kind_labels": capacity.KIND_LABELS,
        "unit_labels": capacity.UNIT_LABELS,
        "level_labels": capacity.LEVEL_LABELS,
        "warning": privacy.WARNING,
        **extra,
    }


@router.get("/portaal/capaciteit")
def overview(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    mine = {org.id}
    return render(
        request,
        "meetings/portal_capacity.html",
        _ctx(
            session,
            org,
            offers=repo.offers(session, organization_ids=mine),
            requests=repo.requests(session, organization_ids=mine),
            message=request.query_params.get("melding"),
        ),
    )


def _offer_page(request, session, org, offer, values, errors, status_code=200):
    ctx = _ctx(session, org, offer=offer, values=values, errors=errors)
    return render(request, "meetings/offer_form.html", ctx, status_code=status_code)


def _save_offer(request, session, user, org, offer, form):
    day = today()
    values = capacity.read_form(form, capacity.OFFER_FIELDS, ("referral_required",))
    saved, errors = capacity.save_offer(
        session, values, org.id, repo.need_labels(session), privacy.allowed_contacts(session), day, user, offer
    )
    if errors:
        return _offer_page(request, session, org, offer, values, errors, status_code=422)
    return RedirectResponse(portal_url("/portaal/capaciteit", org, melding="aanbod-opgeslagen"), status_code=303)


@router.get("/portaal/capaciteit/aanbod/nieuw")
def new_offer_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _offer_page(request, session, org, None, capacity.offer_form(None, today()), {})


@router.post("/portaal/capaciteit/aanbod/nieuw")
def new_offer(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _save_offer(request, session, user, org, None, form)


@router.get("/portaal/capaciteit/aanbod/{offer_id}")
def offer_page(request: Request, session: SessionDep, user: CurrentUser, offer_id: uuid.UUID):
    offer, org = guarded(_offer_for, session, user, offer_id)
    return _offer_page(request, session, org, offer, capacity.offer_form(offer, today()), {})


@router.post("/portaal/capaciteit/aanbod/{offer_id}")
def offer_save(request: Request, session: SessionDep, user: CurrentUser, offer_id: uuid.UUID, form: FormDep):
    offer, org = guarded(_offer_for, session, user, offer_id)
    return _save_offer(request, session, user, org, offer, form)


def _request_page(request, session, org, req, values, errors, status_code=200):
    ctx = _ctx(session, org, req=req, values=values, errors=errors)
    return render(request, "meetings/request_form.html", ctx, status_code=status_code)


def _save_request(request, session, user, org, req, form):
    values = capacity.read_form(form, capacity.REQUEST_FIELDS, ("closed",))
    saved, errors = capacity.save_request(
        session, values, org.id, repo.need_labels(session), privacy.allowed_contacts(session), today(), user, req
    )
    if errors:
        return _request_page(request, session, org, req, values, errors, status_code=422)
    return RedirectResponse(portal_url("/portaal/capaciteit", org, melding="vraag-opgeslagen"), status_code=303)


@router.get("/portaal/capaciteit/vraag/nieuw")
def new_request_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _request_page(request, session, org, None, capacity.request_form(None), {})


@router.post("/portaal/capaciteit/vraag/nieuw")
def new_request(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _save_request(request, session, user, org, None, form)


@router.get("/portaal/capaciteit/vraag/{request_id}")
def request_page(request: Request, session: SessionDep, user: CurrentUser, request_id: uuid.UUID):
    req, org = guarded(_request_for, session, user, request_id)
    return _request_page(request, session, org, req, capacity.request_form(req), {})


@router.post("/portaal/capaciteit/vraag/{request_id}")
def request_save(request: Request, session: SessionDep, user: CurrentUser, request_id: uuid.UUID, form: FormDep):
    req, org = guarded(_request_for, session, user, request_id)
    return _save_request(request, session, user, org, req, form)
