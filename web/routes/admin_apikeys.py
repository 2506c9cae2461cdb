"""Coordinator page /beheer/api-sleutels: create API keys (shown once) and revoke them."""

import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlmodel import select

from waitinfo.accounts.models import ApiKey
from waitinfo.apikeys import service as keys
from waitinfo.catalogue.models import Organization
from waitinfo.web.auth import Coordinator
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)
PAGE = "apikeys/index.html"
SCOPE_LABELS = {"read": "lezen", "push": "aanleveren"}


def _context(session, **extra) -> dict:
    orgs = session.exec(select(Organization).where(Organization.status != "defunct").order_by(Organization.name)).all()
    return {
        "nav": "beheer",
        "admin_section": "api-sleutels",
        "keys": keys.list_keys(session),
        "orgs": orgs,
        "scope_labels": SCOPE_LABELS,
        "values": {"scopes": ["read"], "rate_per_minute": "600"},
        "errors": {},
        "new_key": None,
        **extra,
    }


@router.get("/beheer/api-sleutels")
def index(request: Request, session: SessionDep, user: Coordinator):
    return render(request, PAGE, _context(session, notice=request.query_params.get("melding")))


@router.post("/beheer/api-sleutels")
def create(request: Request, session: SessionDep, user: Coordinator, form: FormDep):
    values = {
        "name": str(form.get("name", "")),
        "scopes": [str(s) for s in form.getlist("scopes")],
        "organization_id": str(form.get("organization_id", "")),
        "rate_per_minute": str(form.get("rate_per_minute", "600")).strip(),
    }
    errors = {}
    org_id = None
    if values["organization_id"]:
        try:
            org_id = uuid.UUID(values["organization_id"])
        except ValueError:
            errors["organization_id"] = "Kies een aanbieder uit de lijst."
    try:
        rate = int(values["rate_per_minute"])
    except ValueError:
        rate = 0
        errors["rate_per_minute"] = f"'{values['rate_per_minute']}' is geen heel getal; vul bijvoorbeeld 600 in."
    if not errors:
        try:
            new = keys.create_key(
                session,
                name=values["name"],
                scopes=values["scopes"],
                organization_id=org_id,
                rate_per_minute=rate,
                actor=f"user:{user.email}",
                user_id=user.id,
            )
        except keys.ApiKeyError as exc:
            message = str(exc)
            field = (
                "organization_id"
                if "aanbieder" in message
                else "scopes"
                if "rechten" in message
                else "rate_per_minute"
                if "minuut" in message
                else "name"
            )
            errors[field] = message
        else:
            # Shown once on this response; never in a URL, never stored in plain text.
            return render(
                request,
                PAGE,
                _context(session, new_key=new.plaintext, new_prefix=new.key.prefix),
                headers={"Cache-Control": "no-store"},
            )
    return render(request, PAGE, _context(session, values=values, errors=errors), status_code=422)


@router.post("/beheer/api-sleutels/{key_id}/intrekken")
def revoke(request: Request, session: SessionDep, user: Coordinator, key_id: uuid.UUID):
    key = session.get(ApiKey, key_id)
    if key is None:
        raise HTTPException(404, "Deze API-sleutel bestaat niet.")
    keys.revoke_key(session, key, actor=f"user:{user.email}", user_id=user.id)
    return RedirectResponse("/beheer/api-sleutels?melding=ingetrokken", status_code=303)
