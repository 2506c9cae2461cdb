"""FHIR searches and reads over the published catalogue (no HTTP here)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Schedule, Service
from waitinfo.fhir import mapping
from waitinfo.hsds import repository as repo
from waitinfo.reference.models import Municipality

MAX_COUNT = 200
PREFIXES = ("ge", "gt", "le", "lt", "eq")


class SearchError(ValueError):
    """A search parameter that cannot be understood; the message is Dutch."""


@dataclass
class Search:
    ids: list[uuid.UUID] | None = None
    updated: list[tuple[str, datetime]] | None = None  # (prefix, moment)
    count: int = 50
    page: int = 1


def parse_ids(raw: str | None) -> list[uuid.UUID] | None:
    if raw is None:
        return None
    out = []
    for part in raw.split(","):
        try:
            out.append(uuid.UUID(part.strip()))
        except ValueError:
            continue  # an unknown id simply matches nothing
    return out


def parse_last_updated(values: list[str]) -> list[tuple[str, datetime]]:
    out = []
    for raw in values:
        prefix = raw[:2] if raw[:2] in PREFIXES else "eq"
        text = raw[2:] if raw[:2] in PREFIXES else raw
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise SearchError(
                f"_lastUpdated '{raw}' is geen geldige datum; gebruik bijv. ge2026-11-01 of gt2026-11-01T08:00:00Z."
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if prefix == "eq" and len(text) == 10:  # a whole day
            out += [("ge", moment), ("lt", moment + timedelta(days=1))]
        elif prefix == "eq":
            out += [("ge", moment), ("le", moment)]
        else:
            out.append((prefix, moment))
    return out


def _apply_updated(q, column, updated, changed_since=None):
    for prefix, moment in updated or []:
        if prefix in ("ge", "gt"):
            q = q.where(
                changed_since(moment)
                if changed_since is not None and prefix == "ge"
                else (column >= moment if prefix == "ge" else column > moment)
            )
        elif prefix == "le":
            q = q.where(column <= moment)
        else:
            q = q.where(column < moment)
    return q


def _page(session: Session, q, s: Search):
    return repo.page_of(session, q, s.page, s.count)


def search_services(session: Session, s: Search) -> tuple[list[dict], int]:
    q = repo.services_select(repo.Filters(ids=s.ids))
    q = _apply_updated(q, Service.updated_at, s.updated, repo.service_changed_since)
    rows, total = _page(session, q, s)
    related = repo.load_related(session, rows)
    return [mapping.healthcare_service(x, related) for x in rows], total


def read_service(session: Session, service_id: uuid.UUID) -> dict | None:
    docs, _ = search_services(session, Search(ids=[service_id], count=1))
    return docs[0] if docs else None


def _locations(session: Session, rows: list[Location]) -> list[dict]:
    ids = [x.id for x in rows] or [uuid.UUID(int=0)]
    schedules: dict[uuid.UUID, list[Schedule]] = {}
    for sch in session.execute(select(Schedule).where(Schedule.location_id.in_(ids)).order_by(Schedule.id)).scalars():
        schedules.setdefault(sch.location_id, []).append(sch)
    names = dict(session.execute(select(Municipality.code, Municipality.name)).all())
    return [mapping.location(x, schedules.get(x.id, []), names.get(x.municipality_code)) for x in rows]


def search_locations(session: Session, s: Search) -> tuple[list[dict], int]:
    q = _apply_updated(repo.locations_select(repo.Filters(ids=s.ids)), Location.updated_at, s.updated)
    rows, total = _page(session, q, s)
    return _locations(session, rows), total


def read_location(session: Session, location_id: uuid.UUID) -> dict | None:
    docs, _ = search_locations(session, Search(ids=[location_id], count=1))
    return docs[0] if docs else None


def search_organizations(session: Session, s: Search) -> tuple[list[dict], int]:
    q = _apply_updated(repo.organizations_select(repo.Filters(ids=s.ids)), Organization.updated_at, s.updated)
    rows, total = _page(session, q, s)
    return [mapping.organization(o) for o in rows], total


def read_organization(session: Session, org_id: uuid.UUID) -> dict | None:
    docs, _ = search_organizations(session, Search(ids=[org_id], count=1))
    return docs[0] if docs else None


SEARCHES = {"HealthcareService": search_services, "Location": search_locations, "Organization": search_organizations}
READS = {"HealthcareService": read_service, "Location": read_location, "Organization": read_organization}
