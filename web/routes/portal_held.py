"""Held wait rows: "koppel deze regels aan uw aanbod" (provider, own organisation) and /beheer/koppelen
(coordinator, all organisations). Linking stores the figure and remembers the link for later files."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from waitinfo.imports import held, held_proposals
from waitinfo.web.auth import Coordinator, CurrentUser
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import SessionDep
from waitinfo.web.portal_context import OrgParam, organization_or_picker, portal_url
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API


def _page(request, session, rows, *, org=None, admin=False, errors=None, status_code=200):
    options = held.choices(session, {h.organization_id for h, _ in rows} | ({org.id} if org else set()))
    proposed = held_proposals.proposals(session, [h for h, _ in rows])
    return render(
        request,
        "portal/held.html",
        {
            "org": org,
            "nav": "beheer" if admin else "portaal",
            "section": "koppelen",
            "rows": rows,
            "options": options,
            "proposals": proposed,
            "linked": request.query_params.get("aantal"),
            "left": request.query_params.get("over"),
            "admin": admin,
            "errors": errors or {},
            "message": request.query_params.get("melding"),
        },
        status_code=status_code,
    )


@router.get("/portaal/koppelen")
def held_rows(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return _page(request, session, held.pending(session, org.id), org=org)


@router.get("/beheer/koppelen")
def held_rows_all(request: Request, session: SessionDep, user: Coordinator):
    return _page(request, session, held.pending(session), admin=True)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@router.post("/portaal/koppelen/alle-voorstellen")
def link_all_proposals(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    """Every held row of this organisation that has a proposal, linked to it (the provider's own only)."""
    org = organization_or_picker(session, user, organisatie, required=True)  # 403 for another provider
    rows = [h for h, _ in held.pending(session, org.id)]
    linked, left = held_proposals.link_proposals(session, rows, actor=f"user:{user.email}")
    return RedirectResponse(
        portal_url("/portaal/koppelen", org, melding="voorstellen", aantal=linked, over=left), status_code=303
    )


@router.post("/beheer/koppelen/alle-voorstellen")
def link_all_proposals_admin(request: Request, session: SessionDep, user: Coordinator):
    """The coordinator: every held row shown on /beheer/koppelen (all organisations) that has a proposal."""
    rows = [h for h, _ in held.pending(session)]
    linked, left = held_proposals.link_proposals(session, rows, actor=f"user:{user.email}")
    return RedirectResponse(f"/beheer/koppelen?melding=voorstellen&aantal={linked}&over={left}", status_code=303)


@router.post("/portaal/koppelen/{held_id}")
def link_row(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    held_id: uuid.UUID,
    location_id: Annotated[str, Form()] = "",
    service_id: Annotated[str, Form()] = "",
    terug: Annotated[str, Form()] = "",
):
    row = held.get(session, held_id)
    if row is None:
        raise HTTPException(status_code=404)
    org = organization_or_picker(session, user, row.organization_id, required=True)  # 403 for another provider
    try:
        held.link(session, row, _uuid(location_id), _uuid(service_id), actor=f"user:{user.email}")
    except held.LinkError as exc:
        admin = terug == "beheer"
        rows = held.pending(session, None if admin else org.id)
        return _page(
            request,
            session,
            rows,
            org=None if admin else org,
            admin=admin,
            errors={row.id: exc.message},
            status_code=422,
        )
    if terug == "beheer" and user.role == "coordinator":
        return RedirectResponse("/beheer/koppelen?melding=gekoppeld", status_code=303)
    return RedirectResponse(portal_url("/portaal/koppelen", org, melding="gekoppeld"), status_code=303)
