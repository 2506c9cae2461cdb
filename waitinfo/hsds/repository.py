"""Queries behind the HSDS, FHIR and wait-time APIs: public filters, paging, sync, and batch loading."""

import math
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import and_, exists, false, func, literal, not_, or_, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import aliased
from sqlmodel import Session

from waitinfo.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
    Taxonomy,
    TaxonomyTerm,
)
from waitinfo.hsds.models import Deletion
from waitinfo.hsds.related import Related, load_related, load_terms  # noqa: F401 (the API of this module)
from waitinfo.reference.ids import NEEDS_TAXONOMY
from waitinfo.waits import rules
from waitinfo.waits.models import WaitTime

PUBLIC_SERVICE_STATUSES = rules.PUBLISHED_SERVICE_STATUSES


@dataclass
class Filters:
    """What a consumer asked for; every field optional. `modified_after` switches on sync mode."""

    search: str | None = None
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime | None = None
    municipality: str | None = None
    need: str | None = None
    ids: list[uuid.UUID] | None = None
    top_only: bool = False  # taxonomy terms without a parent
    parent_id: uuid.UUID | None = None  # taxonomy terms under this one
    postcode_municipality: str | None = None  # service_at_locations covering the municipality of a postcode
    near: tuple[float, float, float] | None = None  # (latitude, longitude, meters): locations within

    def __post_init__(self):
        # PostgreSQL text cannot hold NUL; a NUL in a query string would otherwise be a 500.
        for name in ("search", "need", "municipality"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, value.replace("\x00", ""))


# --- what is public (waitinfo.waits.rules.PUBLISHED) -------------------------------------------------
def service_public():
    owner = aliased(Organization)  # an alias: callers may join Organization themselves
    return and_(
        rules.sa(rules.SERVICE_PUBLISHED, service_status=Service.status),
        exists().where(
            owner.id == Service.organization_id,
            rules.sa(rules.ORGANIZATION_PUBLISHED, organization_status=owner.status),
        ),
    )


def organization_public():
    return rules.sa(rules.ORGANIZATION_PUBLISHED, organization_status=Organization.status)


def service_changed_since(moment: datetime):
    """A service counts as changed when it, its organisation or one of its locations or needs changed.

    Child rows (waits, schedules, areas, capacity, ...) move service.updated_at by trigger (0500_api_sync)."""
    owner = aliased(Organization)
    return or_(
        Service.updated_at >= moment,
        exists().where(owner.id == Service.organization_id, owner.updated_at >= moment),
        exists().where(
            ServiceAtLocation.service_id == Service.id,
            Location.id == ServiceAtLocation.location_id,
            Location.updated_at >= moment,
        ),
        exists().where(
            ServiceNeed.service_id == Service.id,
            TaxonomyTerm.id == ServiceNeed.taxonomy_term_id,
            TaxonomyTerm.updated_at >= moment,
        ),
    )


def _search_clause(text: str):
    pattern = f"%{text.strip()}%"
    document = func.to_tsvector("dutch", func.waitinfo_unaccent(Service.name + literal(" ") + Service.description))
    return or_(
        document.op("@@")(func.websearch_to_tsquery("dutch", func.waitinfo_unaccent(text))),
        Service.name.ilike(pattern),
        exists().where(Organization.id == Service.organization_id, Organization.name.ilike(pattern)),
    )


def service_conditions(f: Filters) -> list:
    conds = []
    if f.ids is not None:
        conds.append(Service.id.in_(f.ids) if f.ids else false())
    if f.modified_after is None:
        conds.append(service_public())
    else:
        # Changed services, public or not: what is not public (also pending) goes out as a tombstone only.
        conds.append(service_changed_since(f.modified_after))
    if f.search and f.search.strip():
        conds.append(_search_clause(f.search))
    if f.organization_id:
        conds.append(Service.organization_id == f.organization_id)
    if f.taxonomy_term_id:
        conds.append(
            or_(
                exists().where(
                    ServiceNeed.service_id == Service.id, ServiceNeed.taxonomy_term_id == f.taxonomy_term_id
                ),
                # a diagnosis group: services with a wait figure for it at one of their locations
                exists().where(
                    ServiceAtLocation.service_id == Service.id,
                    WaitTime.service_at_location_id == ServiceAtLocation.id,
                    WaitTime.diagnosis_group_id == f.taxonomy_term_id,
                ),
            )
        )
    if f.taxonomy_id:
        conds.append(
            exists().where(
                ServiceNeed.service_id == Service.id,
                TaxonomyTerm.id == ServiceNeed.taxonomy_term_id,
                TaxonomyTerm.taxonomy_id == f.taxonomy_id,
            )
        )
    if f.need:
        conds.append(
            exists().where(
                ServiceNeed.service_id == Service.id,
                TaxonomyTerm.id == ServiceNeed.taxonomy_term_id,
                TaxonomyTerm.code == f.need,
                Taxonomy.id == TaxonomyTerm.taxonomy_id,
                Taxonomy.code == NEEDS_TAXONOMY,
            )
        )
    if f.municipality:
        conds.append(
            or_(
                exists().where(ServiceArea.service_id == Service.id, ServiceArea.municipality_code == f.municipality),
                exists().where(
                    ServiceAtLocation.service_id == Service.id,
                    Location.id == ServiceAtLocation.location_id,
                    Location.municipality_code == f.municipality,
                ),
            )
        )
    return conds


def services_select(f: Filters):
    return select(Service).where(*service_conditions(f)).order_by(Service.name, Service.id)


def service_ids_select(f: Filters):
    return select(Service.id).where(*service_conditions(f)).order_by(Service.name, Service.id)


def count(session: Session, stmt) -> int:
    return session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()


def page_of(session: Session, stmt, page: int, per_page: int) -> tuple[list, int]:
    total = count(session, stmt)
    rows = list(session.execute(stmt.offset((page - 1) * per_page).limit(per_page)).scalars())
    return rows, total


# Ordered id lists of recent listings, per worker process, keyed on the statement and the database snapshot.
# Two reads under the same snapshot see the same committed rows (MVCC), so a list is reused only while no
# transaction that wrote anything has ended; paging through 50,000 services then costs no count and no OFFSET.
_ID_LISTS: OrderedDict[tuple, list] = OrderedDict()
_ID_LISTS_LOCK = threading.Lock()
ID_LISTS_MAX_IDS = 250_000  # about 20 MB of ids in all


def _snapshot(session: Session) -> str | None:
    """The database snapshot as text, or None when this transaction wrote something (its own rows)."""
    snap, own = session.execute(text("select pg_current_snapshot()::text, pg_current_xact_id_if_assigned()")).one()
    return None if own is not None else snap


def _statement_key(stmt) -> tuple:
    compiled = stmt.compile(dialect=postgresql.dialect())
    return str(compiled), repr(sorted(compiled.params.items()))


def page_ids(session: Session, id_stmt, page: int, per_page: int) -> tuple[list, int]:
    """One page of the ids `id_stmt` selects (in its order) and the total, from the cached list when current."""
    before = _snapshot(session)
    key = (_statement_key(id_stmt), before)
    ids = None
    if before is not None:
        with _ID_LISTS_LOCK:
            ids = _ID_LISTS.get(key)
            if ids is not None:
                _ID_LISTS.move_to_end(key)
    if ids is None:
        ids = list(session.execute(id_stmt).scalars())
        # Cache only when no transaction ended while the list was read: then it was read under `before`.
        if before is not None and _snapshot(session) == before and len(ids) <= ID_LISTS_MAX_IDS:
            with _ID_LISTS_LOCK:
                _ID_LISTS[key] = ids
                while sum(len(v) for v in _ID_LISTS.values()) > ID_LISTS_MAX_IDS:
                    _ID_LISTS.popitem(last=False)
    start = (page - 1) * per_page
    return ids[start : start + per_page], len(ids)


def stream(session: Session, stmt, chunk: int = 200) -> Iterator[list]:
    """Rows in chunks through a server-side cursor: memory stays bounded whatever the catalogue size."""
    result = session.execute(stmt.execution_options(yield_per=chunk))
    try:
        # The identity map holds rows weakly: a chunk is freed once the caller drops it.
        for part in result.scalars().partitions(chunk):
            yield list(part)
    finally:
        result.close()  # also when the client goes away mid-stream


def is_public(service: Service, org: Organization | None) -> bool:
    return rules.is_published(service.status, org.status if org is not None else None)


# --- other entities --------------------------------------------------------------------------------
def organizations_select(f: Filters):
    q = select(Organization).where(organization_public())
    if f.modified_after is not None:
        q = q.where(Organization.updated_at >= f.modified_after)
    if f.search and f.search.strip():
        q = q.where(Organization.name.ilike(f"%{f.search.strip()}%"))
    if f.organization_id:
        q = q.where(Organization.id == f.organization_id)
    if f.municipality:
        q = q.where(
            exists().where(Location.organization_id == Organization.id, Location.municipality_code == f.municipality)
        )
    if f.ids is not None:
        q = q.where(Organization.id.in_(f.ids) if f.ids else false())
    return q.order_by(Organization.name, Organization.id)


def service_at_locations_select(f: Filters):
    svc_ids = select(Service.id).where(*service_conditions(replace(f, taxonomy_term_id=None)))
    q = select(ServiceAtLocation).join(Location, Location.id == ServiceAtLocation.location_id)
    q = q.where(ServiceAtLocation.service_id.in_(svc_ids), location_public())
    if f.taxonomy_term_id:
        q = q.where(
            or_(
                exists().where(
                    ServiceNeed.service_id == ServiceAtLocation.service_id,
                    ServiceNeed.taxonomy_term_id == f.taxonomy_term_id,
                ),
                exists().where(
                    WaitTime.service_at_location_id == ServiceAtLocation.id,
                    WaitTime.diagnosis_group_id == f.taxonomy_term_id,
                ),
            )
        )
    if f.postcode_municipality:
        q = q.where(
            or_(
                Location.municipality_code == f.postcode_municipality,
                exists().where(
                    ServiceArea.service_id == ServiceAtLocation.service_id,
                    ServiceArea.municipality_code == f.postcode_municipality,
                ),
            )
        )
    if f.near is not None:
        lat, lon, meters = f.near
        dlat = func.radians(Location.latitude - lat)
        dlon = func.radians(Location.longitude - lon) * math.cos(math.radians(lat))
        q = q.where(Location.latitude.is_not(None), 6_371_000 * func.sqrt(dlat * dlat + dlon * dlon) <= meters)
    if f.modified_after is not None:
        q = q.where(exists().where(Service.id == ServiceAtLocation.service_id, service_public()))
    if f.municipality:
        q = q.where(Location.municipality_code == f.municipality)
    return q.order_by(ServiceAtLocation.id)


def location_public():
    """A location pushed through the API is not public until the coordinator approved it."""
    return Location.status == "active"


def locations_select(f: Filters):
    q = select(Location).where(
        location_public(), exists().where(Organization.id == Location.organization_id, organization_public())
    )
    if f.modified_after is not None:
        q = q.where(Location.updated_at >= f.modified_after)
    if f.municipality:
        q = q.where(Location.municipality_code == f.municipality)
    if f.organization_id:
        q = q.where(Location.organization_id == f.organization_id)
    if f.ids is not None:
        q = q.where(Location.id.in_(f.ids) if f.ids else false())
    return q.order_by(Location.name, Location.id)


def taxonomies_select(f: Filters):
    q = select(Taxonomy)
    if f.modified_after is not None:
        q = q.where(Taxonomy.updated_at >= f.modified_after)
    if f.search and f.search.strip():
        q = q.where(Taxonomy.name.ilike(f"%{f.search.strip()}%"))
    return q.order_by(Taxonomy.code)


def taxonomy_terms_select(f: Filters):
    q = select(TaxonomyTerm)
    if f.modified_after is not None:
        q = q.where(TaxonomyTerm.updated_at >= f.modified_after)
    if f.taxonomy_id:
        q = q.where(TaxonomyTerm.taxonomy_id == f.taxonomy_id)
    if f.top_only:
        q = q.where(TaxonomyTerm.parent_id.is_(None))
    if f.parent_id:
        q = q.where(TaxonomyTerm.parent_id == f.parent_id)
    if f.search and f.search.strip():
        pattern = f"%{f.search.strip()}%"
        q = q.where(or_(TaxonomyTerm.name.ilike(pattern), TaxonomyTerm.code.ilike(pattern)))
    return q.order_by(TaxonomyTerm.taxonomy_id, TaxonomyTerm.code)


def deletions(session: Session, entity_type: str, since: datetime) -> list[Deletion]:
    """Tombstones of rows really deleted since `since`, except ids that exist again (re-created)."""
    q = select(Deletion).where(Deletion.entity_type == entity_type, Deletion.deleted_at >= since)
    return list(session.execute(q.order_by(Deletion.deleted_at, Deletion.id)).scalars())


def unpublished_sal_ids(session: Session, since: datetime) -> list[uuid.UUID]:
    """service_at_locations whose service changed and is no longer public: gone for the consumer."""
    q = (
        select(ServiceAtLocation.id)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .where(service_changed_since(since), not_(service_public()))
    )
    return list(session.execute(q).scalars())


def unpublished_organization_ids(session: Session, since: datetime) -> list[uuid.UUID]:
    """Organisations that changed and are no longer active: HSDS has no status for them, so they are deletions."""
    q = select(Organization.id).where(Organization.updated_at >= since, not_(organization_public()))
    return list(session.execute(q).scalars())


def last_modified(session: Session) -> datetime | None:
    """Newest change anywhere in the published catalogue (for Last-Modified on whole-catalogue reads)."""
    parts = [select(func.max(t.updated_at)) for t in (Service, Organization, Location, TaxonomyTerm, Taxonomy)]
    parts.append(select(func.max(Deletion.deleted_at)))
    values = [session.execute(p).scalar() for p in parts]
    values = [v for v in values if v is not None]
    return max(values) if values else None
