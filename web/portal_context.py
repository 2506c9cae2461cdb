"""Portal request helpers: which organisation a page is about, checked through waitinfo.portal.access."""

import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import HTTPException, Query
from sqlmodel import Session

from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Organization
from waitinfo.portal import access
from waitinfo.web.auth import Forbidden

OrgParam = Annotated[uuid.UUID | None, Query(description="Organisatie (id)")]


def organization_or_picker(
    session: Session, user: User, organization_id: uuid.UUID | None, *, required: bool = False
) -> Organization | None:
    """The organisation for this page; 403 when the user may not; None (or a redirect) when they must choose."""
    try:
        return access.resolve_organization(session, user, organization_id)
    except access.AccessDenied:
        raise Forbidden() from None
    except access.ChooseOrganization:
        if required:
            # Several organisations and none chosen: send the user to the picker (a 303 with Location).
            raise HTTPException(status_code=303, headers={"Location": "/portaal"}) from None
        return None


def guarded(fn, *args):
    """Run an access lookup (service_for, location_for, ...) and turn AccessDenied into 403."""
    try:
        return fn(*args)
    except access.AccessDenied:
        raise Forbidden() from None


def portal_url(path: str, org: Organization | None, **params) -> str:
    query = {"organisatie": str(org.id)} if org else {}
    query.update({k: v for k, v in params.items() if v is not None})
    return f"{path}?{urlencode(query)}" if query else path
