"""The coordinator approves (or rejects) new organisations and new services proposed by providers."""

import uuid

from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Organization, Service


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
    return {"organizations": list(orgs), "services": list(rows)}


def decide(session: Session, kind: str, entity_id: uuid.UUID, approve: bool, *, user: User) -> str:
    """Approve: the entity goes live. Reject: an organisation becomes defunct, a service inactive. Returns its name."""
    model = Organization if kind == "organization" else Service
    obj = session.get(model, entity_id)
    if obj is None or obj.status != "pending":
        raise NotPending()
    new_status = "active" if approve else ("defunct" if kind == "organization" else "inactive")
    obj.status = new_status
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
