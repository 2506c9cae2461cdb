"""Who may see and change which organisation's data: checked here, and only here, for every portal route."""

import uuid

from sqlmodel import Session, func, select

from waitinfo.accounts.models import User, UserOrganization
from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation
from waitinfo.waits.models import IntakeStop

PORTAL_ROLES = ("provider", "coordinator")


class AccessDenied(Exception):
    """This user may not see or change this organisation (or anything in it)."""


class ChooseOrganization(Exception):
    """The user may work for several organisations and did not say which one."""


def allowed_organization_ids(session: Session, user: User) -> set[uuid.UUID] | None:
    """None means every organisation (coordinator); providers get their own; everyone else nothing."""
    if not user.active:
        return set()
    if user.role == "coordinator":
        return None
    if user.role != "provider":
        return set()
    return set(session.exec(select(UserOrganization.organization_id).where(UserOrganization.user_id == user.id)).all())


def require_portal_role(user: User) -> None:
    if user.role not in PORTAL_ROLES or not user.active:
        raise AccessDenied()


def require_org_access(session: Session, user: User, organization_id: uuid.UUID | None) -> Organization:
    """The organisation if `user` may work on it; AccessDenied otherwise (also when it does not exist)."""
    require_portal_role(user)
    if organization_id is None:
        raise AccessDenied()
    allowed = allowed_organization_ids(session, user)
    if allowed is not None and organization_id not in allowed:
        raise AccessDenied()
    org = session.get(Organization, organization_id)
    if org is None:
        raise AccessDenied()
    return org


def resolve_organization(session: Session, user: User, organization_id: uuid.UUID | None) -> Organization:
    """The organisation a portal page is about: the one asked for, or the user's only one."""
    require_portal_role(user)
    if organization_id is not None:
        return require_org_access(session, user, organization_id)
    allowed = allowed_organization_ids(session, user)
    if allowed is not None and len(allowed) == 1:
        return require_org_access(session, user, next(iter(allowed)))
    raise ChooseOrganization()


def organizations_for(
    session: Session, user: User, *, q: str = "", offset: int = 0, limit: int = 50
) -> tuple[list[Organization], int]:
    require_portal_role(user)
    allowed = allowed_organization_ids(session, user)
    query = select(Organization)
    if allowed is not None:
        query = query.where(Organization.id.in_(list(allowed) or [uuid.uuid4()]))
    if q.strip():
        query = query.where(Organization.name.ilike(f"%{q.strip()}%"))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(Organization.name).offset(offset).limit(limit)).all()
    return list(rows), total


def service_for(session: Session, user: User, service_id: uuid.UUID) -> tuple[Service, Organization]:
    svc = session.get(Service, service_id)
    if svc is None:
        raise AccessDenied()
    return svc, require_org_access(session, user, svc.organization_id)


def location_for(session: Session, user: User, location_id: uuid.UUID) -> tuple[Location, Organization]:
    loc = session.get(Location, location_id)
    if loc is None:
        raise AccessDenied()
    return loc, require_org_access(session, user, loc.organization_id)


def intake_stop_for(session: Session, user: User, stop_id: uuid.UUID) -> tuple[IntakeStop, Organization]:
    stop = session.get(IntakeStop, stop_id)
    if stop is None:
        raise AccessDenied()
    svc = session.get(Service, stop.service_id)
    return stop, require_org_access(session, user, svc.organization_id)


def sal_belongs(session: Session, organization_id: uuid.UUID, sal_id: uuid.UUID) -> bool:
    row = session.exec(
        select(Service.organization_id)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .where(ServiceAtLocation.id == sal_id)
    ).first()
    return row == organization_id
