"""Offer edits by providers: services, locations and new organisations. Every change is audited.

The service form is in service_form.py, the location form in location_form.py, what the forms choose from in
offer_choices.py; new organisations are proposed here. Intake stops are in stops.py, the default method and insurer
contracts in profile.py. Edits to existing services go live at once; new services and new organisations are
'pending' until the coordinator approves them (approvals.py).
"""

import re

from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User, UserOrganization
from waitinfo.catalogue.models import ORGANIZATION_KINDS, Organization
from waitinfo.core.urls import url_problem

# Re-exported: the portal routes and stops.py know these as offer.<name>.
from waitinfo.portal.location_form import (  # noqa: F401
    LOCATION_FIELDS,
    location_state,
    parse_location_form,
    save_location,
)
from waitinfo.portal.offer_choices import choices, locations, services  # noqa: F401
from waitinfo.portal.service_form import (  # noqa: F401
    SERVICE_AUDIT,
    SERVICE_FLAGS,
    SERVICE_TEXT,
    parse_service_form,
    propose_service,
    service_state,
    update_service,
)
from waitinfo.portal.validation import FormResult


def propose_organization(session: Session, form, *, user: User) -> FormResult:
    r = FormResult()
    v = r.values
    v["name"] = (form.get("name") or "").strip()
    v["kind"] = form.get("kind") or ""
    v["website"] = (form.get("website") or "").strip() or None
    v["description"] = (form.get("description") or "").strip()
    if not v["name"]:
        r.errors["name"] = "Vul de naam van de organisatie in."
    if v["kind"] not in ORGANIZATION_KINDS:
        r.errors["kind"] = "Kies het soort organisatie."
    if url_problem(v["website"]):
        r.errors["website"] = url_problem(v["website"])
    if r.errors:
        return r
    base = re.sub(r"[^a-z0-9]+", "-", v["name"].lower()).strip("-") or "organisatie"
    slug, n = base, 1
    while session.exec(select(Organization.id).where(Organization.slug == slug)).first():
        n += 1
        slug = f"{base}-{n}"
    org = Organization(
        name=v["name"],
        slug=slug,
        kind=v["kind"],
        website=v["website"],
        description=v["description"],
        status="active" if user.role == "coordinator" else "pending",
    )
    session.add(org)
    session.flush()
    if user.role == "provider":
        session.add(UserOrganization(user_id=user.id, organization_id=org.id))
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="propose" if org.status == "pending" else "create",
        entity_type="organization",
        entity_id=org.id,
        new=audit.snapshot(org, ("name", "kind", "website", "status")),
        organization_id=org.id,
        user_id=user.id,
    )
    v["organization"] = org
    return r
