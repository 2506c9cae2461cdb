"""Batch loading of everything a service document needs (one query per table, no N+1)."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from waitinfo.catalogue.details import GroupOffer, SupportPoint
from waitinfo.catalogue.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
    Taxonomy,
    TaxonomyTerm,
)
from waitinfo.core.clock import today
from waitinfo.reference.models import Municipality
from waitinfo.waits.models import CapacityUnit, IntakeStop, ServiceCapacity, WaitTime
from waitinfo.waits.repository import latest_waits_query


# --- batch loading of everything a service document needs ------------------------------------------
@dataclass
class Related:
    """Everything around a chunk of services, loaded with one query per table (no N+1)."""

    organizations: dict[uuid.UUID, Organization] = field(default_factory=dict)
    sals: dict[uuid.UUID, list[ServiceAtLocation]] = field(default_factory=lambda: defaultdict(list))
    locations: dict[uuid.UUID, Location] = field(default_factory=dict)
    schedules_by_service: dict[uuid.UUID, list[Schedule]] = field(default_factory=lambda: defaultdict(list))
    schedules_by_sal: dict[uuid.UUID, list[Schedule]] = field(default_factory=lambda: defaultdict(list))
    schedules_by_location: dict[uuid.UUID, list[Schedule]] = field(default_factory=lambda: defaultdict(list))
    areas: dict[uuid.UUID, list[Municipality]] = field(default_factory=lambda: defaultdict(list))
    needs: dict[uuid.UUID, list[TaxonomyTerm]] = field(default_factory=lambda: defaultdict(list))
    capacities: dict[uuid.UUID, list[tuple[ServiceCapacity, CapacityUnit]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    waits: dict[uuid.UUID, list[WaitTime]] = field(default_factory=lambda: defaultdict(list))
    intake_stops: dict[uuid.UUID, list[IntakeStop]] = field(default_factory=lambda: defaultdict(list))
    terms: dict[uuid.UUID, TaxonomyTerm] = field(default_factory=dict)  # diagnosis groups and wait terms
    taxonomies: dict[uuid.UUID, Taxonomy] = field(default_factory=dict)
    support_points: dict[uuid.UUID, SupportPoint] = field(default_factory=dict)
    group_offers: dict[uuid.UUID, GroupOffer] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # serialisation memo for this chunk (term objects, ...)


def _all(session: Session, stmt) -> list:
    return list(session.execute(stmt).scalars())


def load_related(session: Session, services: Iterable[Service], *, on: date | None = None) -> Related:
    services = list(services)
    r = Related()
    ids = [s.id for s in services]
    if not ids:
        return r
    org_ids = {s.organization_id for s in services}
    r.organizations = {o.id: o for o in _all(session, select(Organization).where(Organization.id.in_(org_ids)))}
    sal_rows = _all(
        session,
        select(ServiceAtLocation)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(ServiceAtLocation.service_id.in_(ids), Location.status == "active")  # not pending
        .order_by(ServiceAtLocation.id),
    )
    for sal in sal_rows:
        r.sals[sal.service_id].append(sal)
    loc_ids = {sal.location_id for sal in sal_rows}
    if loc_ids:
        r.locations = {x.id: x for x in _all(session, select(Location).where(Location.id.in_(loc_ids)))}
    sal_ids = [sal.id for sal in sal_rows]
    sched_conds = [Schedule.service_id.in_(ids)]
    if sal_ids:
        sched_conds.append(Schedule.service_at_location_id.in_(sal_ids))
    if loc_ids:
        sched_conds.append(Schedule.location_id.in_(loc_ids))
    for sch in _all(session, select(Schedule).where(or_(*sched_conds)).order_by(Schedule.id)):
        if sch.service_at_location_id:
            r.schedules_by_sal[sch.service_at_location_id].append(sch)
        elif sch.service_id:
            r.schedules_by_service[sch.service_id].append(sch)
        elif sch.location_id:
            r.schedules_by_location[sch.location_id].append(sch)
    for area, muni in session.execute(
        select(ServiceArea, Municipality)
        .join(Municipality, Municipality.code == ServiceArea.municipality_code)
        .where(ServiceArea.service_id.in_(ids))
        .order_by(Municipality.code)
    ).all():
        r.areas[area.service_id].append(muni)
    for link, term in session.execute(
        select(ServiceNeed, TaxonomyTerm)
        .join(TaxonomyTerm, TaxonomyTerm.id == ServiceNeed.taxonomy_term_id)
        .where(ServiceNeed.service_id.in_(ids))
        .order_by(TaxonomyTerm.code)
    ).all():
        r.needs[link.service_id].append(term)
    for cap, unit in session.execute(
        select(ServiceCapacity, CapacityUnit)
        .join(CapacityUnit, CapacityUnit.id == ServiceCapacity.unit_id)
        .where(ServiceCapacity.service_id.in_(ids))
        .order_by(ServiceCapacity.id)
    ).all():
        r.capacities[cap.service_id].append((cap, unit))
    if sal_ids:
        for w in session.execute(latest_waits_query(sal_ids)).scalars():
            r.waits[w.service_at_location_id].append(w)
    on = on or today()
    for stop in _all(
        session,
        select(IntakeStop)
        .where(
            IntakeStop.service_id.in_(ids),
            IntakeStop.starts_on <= on,
            or_(IntakeStop.ends_on.is_(None), IntakeStop.ends_on >= on),
        )
        .order_by(IntakeStop.starts_on),
    ):
        r.intake_stops[stop.service_id].append(stop)
    r.support_points = {
        p.service_id: p for p in _all(session, select(SupportPoint).where(SupportPoint.service_id.in_(ids)))
    }
    r.group_offers = {g.service_id: g for g in _all(session, select(GroupOffer).where(GroupOffer.service_id.in_(ids)))}
    term_ids = {t.id for ts in r.needs.values() for t in ts}
    term_ids |= {w.diagnosis_group_id for ws in r.waits.values() for w in ws if w.diagnosis_group_id}
    load_terms(session, r, term_ids)
    return r


def load_terms(session: Session, r: Related, term_ids: set[uuid.UUID]) -> None:
    from waitinfo.reference.ids import WAIT_TAXONOMY, stable_uuid

    wait_tax = stable_uuid("taxonomy", WAIT_TAXONOMY)
    q = select(TaxonomyTerm).where(
        or_(TaxonomyTerm.id.in_(term_ids or [uuid.UUID(int=0)]), TaxonomyTerm.taxonomy_id == wait_tax)
    )
    for t in _all(session, q):
        r.terms[t.id] = t
    tax_ids = {t.taxonomy_id for t in r.terms.values()}
    r.taxonomies = {t.id: t for t in _all(session, select(Taxonomy).where(Taxonomy.id.in_(tax_ids)))}
