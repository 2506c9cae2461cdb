"""Type-level `_history`: what changed since `_since`, and what was removed (deleted or no longer published)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import not_, select
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Service
from waitinfo.fhir import service as fhir
from waitinfo.fhir.params import SearchSpec
from waitinfo.hsds import repository as repo
from waitinfo.hsds.models import Deletion

ENTITY = {"HealthcareService": "service", "Location": "location", "Organization": "organization"}


def _unpublished(session: Session, kind: str, since: datetime) -> list[tuple]:
    if kind == "HealthcareService":
        q = select(Service.id, Service.updated_at).where(repo.service_changed_since(since), not_(repo.service_public()))
    elif kind == "Location":
        owner_public = select(Organization.id).where(repo.organization_public())
        q = select(Location.id, Location.updated_at).where(
            Location.updated_at >= since,
            (Location.status == "defunct") | Location.organization_id.not_in(owner_public),
        )
    else:
        q = select(Organization.id, Organization.updated_at).where(
            Organization.updated_at >= since, not_(repo.organization_public())
        )
    return list(session.execute(q).all())


def removed(session: Session, kind: str, since: datetime | None) -> list[tuple[str, str, datetime | None]]:
    q = select(Deletion.entity_id, Deletion.deleted_at).where(Deletion.entity_type == ENTITY[kind])
    if since is not None:
        q = q.where(Deletion.deleted_at >= since)
    rows = list(session.execute(q.order_by(Deletion.deleted_at)).all())
    if since is not None:
        rows += _unpublished(session, kind, since)
    seen, out = set(), []
    for rid, moment in rows:
        if rid not in seen:
            seen.add(rid)
            out.append((kind, str(rid), moment))
    return out


def history(session: Session, kind: str, since: datetime | None, count: int, page: int):
    """(current versions of changed resources on this page, removals (page 1 only), total)."""
    spec = SearchSpec(kind=kind, count=count, page=page, updated=[("ge", since)] if since else [])
    found = fhir.search(session, spec)
    gone = removed(session, kind, since)
    public_ids = {d["id"] for d in found.matches}
    gone = [g for g in gone if g[1] not in public_ids]
    return found.matches, (gone if page == 1 else []), found.total + len(gone)
