"""Stored HSDS documents per service (table hsds_document): a cache that is checked on every read.

A stored document is used only while it is current: built from the same last_modified stamp the service has now
(service, organisation, locations, needs; every child row moves service.updated_at by trigger, migration
0500_api_sync), not past its `valid_until` date (an intake stop that starts or ends changes the document on
that day) and built after the last change to any taxonomy (wait terms and diagnosis groups are nested in the documents). Anything else is built
again from the tables, served, and stored for the next reader.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select, text
from sqlalchemy.orm import aliased
from sqlmodel import Session

from waitinfo.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceNeed,
    Taxonomy,
    TaxonomyTerm,
)
from waitinfo.core.clock import today
from waitinfo.hsds import repository as repo
from waitinfo.hsds import serialize as ser
from waitinfo.hsds.models import HsdsDocument
from waitinfo.waits import rules
from waitinfo.waits.models import IntakeStop

BATCH = 250
# Bump when the document shape changes (what serialize produces for the same rows): every stored document built
# with another shape is out of date. 1: wait attributes on the service_at_location (link_entity
# service_at_location, one diagnosis-group term per observation); 2: a lower bound ("> 26") reads "meer dan 26".
SHAPE_VERSION = 2


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def stamp_expr():
    """A service's last_modified in SQL (the same moments as serialize.service_last_modified)."""
    org = select(Organization.updated_at).where(Organization.id == Service.organization_id).scalar_subquery()
    loc = (
        select(func.max(Location.updated_at))
        .join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
        .where(ServiceAtLocation.service_id == Service.id)
        .scalar_subquery()
    )
    need = (
        select(func.max(TaxonomyTerm.updated_at))
        .join(ServiceNeed, ServiceNeed.taxonomy_term_id == TaxonomyTerm.id)
        .where(ServiceNeed.service_id == Service.id)
        .scalar_subquery()
    )
    return func.greatest(Service.updated_at, org, loc, need)


def taxonomies_changed(session: Session) -> datetime | None:
    """The last change to any taxonomy or term: documents built before it are out of date."""
    return session.execute(
        select(
            func.greatest(
                select(func.max(TaxonomyTerm.updated_at)).scalar_subquery(),
                select(func.max(Taxonomy.updated_at)).scalar_subquery(),
            )
        )
    ).scalar()


def current_condition(session: Session, on: date | None = None):
    """Join condition: the stored document of a service (in the FROM) is current."""
    cond = and_(
        HsdsDocument.service_id == Service.id,
        HsdsDocument.stamp == stamp_expr(),
        HsdsDocument.shape == SHAPE_VERSION,
        _in_date(on),
    )
    changed = taxonomies_changed(session)
    return and_(cond, HsdsDocument.built_at >= changed) if changed is not None else cond


def _in_date(on: date | None = None):
    return or_(HsdsDocument.valid_until.is_(None), HsdsDocument.valid_until > (on or today()))


def valid_until(session: Session, related: repo.Related, ids: list[uuid.UUID], on: date) -> dict:
    """Per service the first day its document changes by the calendar alone: the day an intake stop starts, or
    the day after an active one ends (services without either are missing: only changes outdate them)."""
    days: dict[uuid.UUID, date] = dict(
        session.execute(
            select(IntakeStop.service_id, func.min(IntakeStop.starts_on))
            .where(IntakeStop.service_id.in_(ids), IntakeStop.starts_on > on)
            .group_by(IntakeStop.service_id)
        ).all()
    )
    for service_id, stops in related.intake_stops.items():
        for stop in stops:
            if stop.ends_on is not None:
                end = stop.ends_on + timedelta(days=1)
                days[service_id] = min(days.get(service_id, end), end)
    return days


def doc_column(full: bool):
    return HsdsDocument.full_doc if full else HsdsDocument.summary_doc


def _services(session: Session, ids: list[uuid.UUID]) -> list[Service]:
    """Services as they are in the database now (populate_existing: an object already in this session may hold
    an updated_at from before a trigger moved it, and the stamp must be the one the tables show)."""
    return list(
        session.execute(select(Service).where(Service.id.in_(ids)).execution_options(populate_existing=True)).scalars()
    )


def build(session: Session, services: list[Service]) -> list[dict]:
    """Both documents of each service, built from the tables (one batch of related-data queries)."""
    on = today()
    related = repo.load_related(session, services, on=on)
    until = valid_until(session, related, [s.id for s in services], on)
    rows = []
    for s in services:
        full = ser.service_doc(s, related, full=True)
        rows.append(
            {
                "service_id": s.id,
                "stamp": ser.service_last_modified(s, related),
                "valid_until": until.get(s.id),
                "summary_doc": dumps(ser.summary_of(full)),
                "full_doc": dumps(full),
            }
        )
    return rows


def store(session: Session, rows: list[dict]) -> None:
    """Insert or replace stored documents (sorted by id: concurrent writers lock rows in the same order)."""
    if not rows:
        return
    rows = sorted(rows, key=lambda r: r["service_id"])
    session.execute(
        text(
            "insert into hsds_document (service_id, stamp, valid_until, built_at, shape, summary_doc, full_doc) "
            "select t.id, t.stamp, t.valid_until, clock_timestamp(), :shape, t.summary, t.full_text "
            "from unnest(cast(:ids as uuid[]), cast(:stamps as timestamptz[]), cast(:days as date[]), "
            "cast(:summaries as text[]), cast(:fulls as text[])) as t(id, stamp, valid_until, summary, full_text) "
            "join service s on s.id = t.id "  # a service deleted meanwhile keeps no document
            "on conflict (service_id) do update set stamp = excluded.stamp, valid_until = excluded.valid_until, "
            "built_at = excluded.built_at, shape = excluded.shape, summary_doc = excluded.summary_doc, "
            "full_doc = excluded.full_doc"
        ),
        {
            "shape": SHAPE_VERSION,
            "ids": [r["service_id"] for r in rows],
            "stamps": [r["stamp"] for r in rows],
            "days": [r["valid_until"] for r in rows],
            "summaries": [r["summary_doc"] for r in rows],
            "fulls": [r["full_doc"] for r in rows],
        },
    )


def documents(session: Session, ids: list[uuid.UUID], *, full: bool) -> list[str]:
    """JSON text of each service's document in the order of `ids`: stored when current, otherwise built now and
    stored. A service deleted since its id was listed is left out."""
    if not ids:
        return []
    found = dict(
        session.execute(
            select(Service.id, doc_column(full))
            .join(HsdsDocument, current_condition(session))
            .where(Service.id.in_(ids))
        ).all()
    )
    missing = [i for i in ids if i not in found]
    if missing:
        rows = build(session, _services(session, missing))
        store(session, rows)
        found |= {r["service_id"]: r["full_doc" if full else "summary_doc"] for r in rows}
    return [found[i] for i in ids if i in found]


def stale_ids(session: Session) -> list[uuid.UUID]:
    """Every service without a current stored document (one set-wise query), in id order."""
    column, joins = _current_doc_column(session)
    stmt = _select_joined((Service.id,), joins).where(column.is_(None)).order_by(Service.id)
    return list(session.execute(stmt).scalars())


def refresh(
    open_session: Callable[[], Session], *, batch: int = BATCH, progress: Callable[[int, int], None] | None = None
) -> int:
    """Build and store every missing or outdated document, one committed batch at a time; returns how many.

    For the scheduler, the CLI and after loading demo data; readers never wait for it (they build what they
    need themselves)."""
    with open_session() as session:
        ids = stale_ids(session)
    for start in range(0, len(ids), batch):
        with open_session() as session:
            store(session, build(session, _services(session, ids[start : start + batch])))
            session.commit()
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)


def _stamp_setwise():
    """Every service's last_modified as set-wise joins (the per-service subqueries of `stamp_expr` cost ~2 s over
    50,000 services; these aggregates ~0.2 s): (stamp expression, owner alias, [(target, on clause), ...])."""
    locs = (
        select(ServiceAtLocation.service_id, func.max(Location.updated_at).label("moment"))
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .group_by(ServiceAtLocation.service_id)
        .subquery("loc_moment")
    )
    needs = (
        select(ServiceNeed.service_id, func.max(TaxonomyTerm.updated_at).label("moment"))
        .join(TaxonomyTerm, TaxonomyTerm.id == ServiceNeed.taxonomy_term_id)
        .group_by(ServiceNeed.service_id)
        .subquery("need_moment")
    )
    owner = aliased(Organization)
    stamp = func.greatest(Service.updated_at, owner.updated_at, locs.c.moment, needs.c.moment)
    return (
        stamp,
        owner,
        [
            (owner, owner.id == Service.organization_id),
            (locs, locs.c.service_id == Service.id),
            (needs, needs.c.service_id == Service.id),
        ],
    )


def _current_doc_column(session: Session, on: date | None = None):
    """For the stream: a service's stored full document when current, else NULL."""
    stamp, _, joins = _stamp_setwise()
    current = and_(HsdsDocument.stamp == stamp, HsdsDocument.shape == SHAPE_VERSION, _in_date(on))
    changed = taxonomies_changed(session)
    if changed is not None:
        current = and_(current, HsdsDocument.built_at >= changed)
    column = case((current, HsdsDocument.full_doc), else_=None)
    return column, [*joins, (HsdsDocument, HsdsDocument.service_id == Service.id)]


def minimal_lines(session: Session, conditions: list, chunk: int = 2000) -> Iterator[bytes]:
    """`minimal=true` export: id, name, status and last_modified (a tombstone for what is no longer public)
    straight from one statement, without loading the related data."""
    stamp, owner, joins = _stamp_setwise()
    columns = (Service.id, Service.name, Service.status, Service.organization_id, owner.status, stamp)
    for part in _partitions(session, columns, joins, conditions, chunk):
        lines = []
        for sid, name, status, org_id, org_status, moment in part:
            if rules.is_published(status, org_status):
                doc = {"id": str(sid), "name": name, "status": status, "last_modified": moment.isoformat()}
            else:
                doc = ser.tombstone(sid, ser.unpublished_name(name, status, org_status), moment, org_id)
            lines.append(dumps(doc))
        yield ("\n".join(lines) + "\n").encode("utf-8")


def stream_lines(
    session: Session, conditions: list, open_writer: Callable[[], Session], chunk: int = 250
) -> Iterator[bytes]:
    """The full documents of the services matching `conditions` (HSDS order), as ndjson blocks; outdated ones
    are built on the way and stored through a session of their own (this one holds the streaming cursor)."""
    column, joins = _current_doc_column(session)
    for part in _partitions(session, (Service.id, column), joins, conditions, chunk):
        missing = [sid for sid, doc in part if doc is None]
        built = {}
        if missing:
            rows = build(session, _services(session, missing))
            built = {r["service_id"]: r["full_doc"] for r in rows}
            with open_writer() as writer:
                store(writer, rows)
                writer.commit()
        yield "\n".join(doc if doc is not None else built[sid] for sid, doc in part).encode("utf-8") + b"\n"


def _select_joined(columns, joins: list):
    stmt = select(*columns)
    for target, on in joins:
        stmt = stmt.outerjoin(target, on)
    return stmt


def _partitions(session: Session, columns, joins: list, conditions: list, chunk: int) -> Iterator[list]:
    """Rows of `columns` for the services matching `conditions`, outer-joined as given, in HSDS order (name, id),
    `chunk` at a time through a server-side cursor; closed also when the client goes away mid-stream."""
    stmt = (
        _select_joined(columns, joins)
        .where(*conditions)
        .order_by(Service.name, Service.id)
        .execution_options(yield_per=chunk)
    )
    result = session.execute(stmt)
    try:
        yield from result.partitions(chunk)
    finally:
        result.close()
