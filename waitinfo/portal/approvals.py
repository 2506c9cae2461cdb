"""The coordinator approves (or rejects) new organisations and new services proposed by providers."""

import uuid

from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Location, Organization, Service
from waitinfo.core.clock import now


class NotPending(ValueError):
    pass


def pending(session: Session) -> dict:
    orgs = session.exec(select(Organization).where(Organization.status == "pending").order_by(Organization.name)).all()
    rows = session.exec(
        select(Service, Organization)
        .join(Organization, Organization.id == Service.organization_id)
        .where(Service.status == "pending")
        .order_by(Organization.name, Service.name)
    ).all()
    locations = session.exec(
        select(Location, Organization)
        .join(Organization, Organization.id == Location.organization_id)
        .where(Location.status == "pending")
        .order_by(Organization.name, Location.name)
    ).all()
    return {"organizations": list(orgs), "services": list(rows), "locations": list(locations)}


def decide(session: Session, kind: str, entity_id: uuid.UUID, approve: bool, *, user: User) -> str:
    """Approve: the entity goes live. Reject: an organisation or location becomes defunct, a service inactive.
    Returns its name."""
    model = {"organization": Organization, "location": Location}.get(kind, Service)
    obj = session.get(model, entity_id)
    if obj is None or obj.status != "pending":
        raise NotPending()
    new_status = "active" if approve else ("inactive" if kind == "service" else "defunct")
    obj.status = new_status
    obj.updated_at = now()  # the change feed and the stored HSDS documents see it
    session.add(obj)
    org_id = obj.id if kind == "organization" else obj.organization_id
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="approve" if approve else "reject",
        entity_type=kind,
        entity_id=obj.id,
        old={"status": "pending"},
        new={"status": new_status},
        organization_id=org_id,
        user_id=user.id,
    )
    return obj.name
