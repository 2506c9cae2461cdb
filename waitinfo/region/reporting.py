"""Who should report ggz wait figures, and what each reported: the units the transfer table and KPI 33 count.

A reporting unit is a service-at-location of a listed ggz service (waitinfo.waits.rules.LISTED, wait kind basic or
specialist ggz) and a diagnosis group it reports (every group it reported in the window; a location that never
reported, or reports without groups, is one unit without a group). Its current figure is the newest observation
(waitinfo.waits.repository: current figure per service-at-location and diagnosis group); it has "reported" when
that figure is fresh by the delivery cycle (rules.figure_freshness).
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from waitinfo.core.clock import add_months, month_start
from waitinfo.reference.models import Municipality, Subregion
from waitinfo.region.common import GGZ_WAIT_KINDS
from waitinfo.waits import rules
from waitinfo.waits.models import CapacityUnit, IntakeStop, ServiceCapacity, WaitTime

WINDOW_MONTHS = 24
CARE_LABELS = {"ggz_specialist": "specialistische ggz", "ggz_basic": "basis-ggz"}
NO_GROUP = "Geen hoofddiagnosegroep"


@dataclass
class StopInfo:
    starts_on: date
    ends_on: date | None
    reason: str
    service: str


@dataclass
class Unit:
    sal_id: uuid.UUID
    service_id: uuid.UUID
    service: str
    wait_kind: str
    organization_id: uuid.UUID
    organization: str
    participates_kpi33: bool
    location: str
    subregion_code: str
    subregion_name: str | None
    diagnosis_group_id: uuid.UUID | None
    diagnosis: str
    waits: list[WaitTime] = field(default_factory=list)  # in the window, oldest first

    @property
    def current(self) -> WaitTime | None:
        return self.waits[-1] if self.waits else None

    @property
    def care(self) -> str:
        return CARE_LABELS.get(self.wait_kind, self.wait_kind)

    def freshness(self, today: date) -> rules.Freshness:
        return rules.figure_freshness(self.current.month if self.current else None, today)

    def reported(self, today: date) -> bool:
        """Reported for the latest month due (or later)."""
        return self.freshness(today) == rules.Freshness.FRESH


def units(session: Session, today: date, subregion_code: str | None = None, kpi33_only: bool = False) -> list[Unit]:
    """Every unit that should report, with its figures of the last WINDOW_MONTHS months."""
    q = (
        select(ServiceAtLocation.id, Service, Organization, Location.name, Subregion.code, Subregion.name)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Organization, Organization.id == Service.organization_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .outerjoin(Municipality, Municipality.code == Location.municipality_code)
        .outerjoin(Subregion, Subregion.id == Municipality.subregion_id)
        .where(
            Service.wait_kind.in_(GGZ_WAIT_KINDS),
            rules.sa(rules.LISTED, service_status=Service.status, organization_status=Organization.status),
        )
    )
    if subregion_code:
        q = q.where(Subregion.code == subregion_code)
    if kpi33_only:
        q = q.where(Organization.participates_kpi33.is_(True))
    places = session.execute(q).all()
    if not places:
        return []
    since = add_months(month_start(today), -(WINDOW_MONTHS - 1))
    group = aliased(TaxonomyTerm)
    waits = session.execute(
        select(WaitTime, group.name)
        .outerjoin(group, group.id == WaitTime.diagnosis_group_id)
        .where(WaitTime.service_at_location_id.in_([p[0] for p in places]), WaitTime.month >= since)
        .order_by(WaitTime.month)
    ).all()
    by_sal: dict = defaultdict(lambda: defaultdict(list))
    names: dict = {}
    for w, name in waits:
        by_sal[w.service_at_location_id][w.diagnosis_group_id].append(w)
        names[w.diagnosis_group_id] = name or NO_GROUP
    out = []
    for sal_id, svc, org, loc_name, sub_code, sub_name in places:
        groups = by_sal.get(sal_id) or {None: []}
        for group_id, ws in groups.items():
            out.append(
                Unit(
                    sal_id,
                    svc.id,
                    svc.name,
                    svc.wait_kind,
                    org.id,
                    org.name,
                    bool(org.participates_kpi33),
                    loc_name,
                    sub_code or "",
                    sub_name,
                    group_id,
                    names.get(group_id, NO_GROUP),
                    ws,
                )
            )
    return out


def unique_stops(stops: list[StopInfo]) -> list[StopInfo]:
    seen, out = set(), []
    for s in stops:
        k = (s.service, s.starts_on, s.ends_on, s.reason)
        if k not in seen:
            seen.add(k)
            out.append(s)
    return out


def active_stops(session: Session, today: date, pairs: set) -> dict:
    """Intake stops in force today per (service_id, sal_id); a service-wide stop applies to all its locations."""
    if not pairs:
        return {}
    service_ids = {s for s, _ in pairs}
    q = (
        select(IntakeStop, Service.name)
        .join(Service, Service.id == IntakeStop.service_id)
        .where(
            IntakeStop.service_id.in_(service_ids),
            IntakeStop.starts_on <= today,
            or_(IntakeStop.ends_on.is_(None), IntakeStop.ends_on >= today),
        )
    )
    out: dict = defaultdict(list)
    for stop, name in session.execute(q).all():
        info = StopInfo(stop.starts_on, stop.ends_on, stop.reason, name)
        for service_id, sal_id in pairs:
            if service_id == stop.service_id and stop.service_at_location_id in (None, sal_id):
                out[(service_id, sal_id)].append(info)
    return out


def capacity(session: Session, sals: dict) -> dict:
    """Summed capacity per (subregion, provider) and unit; location-level rows count once, service-wide once."""
    all_services = {s for v in sals.values() for s, _ in v}
    if not all_services:
        return {}
    q = (
        select(ServiceCapacity, CapacityUnit.name)
        .join(CapacityUnit, CapacityUnit.id == ServiceCapacity.unit_id)
        .where(ServiceCapacity.service_id.in_(all_services))
    )
    caps = session.execute(q).all()
    out = {}
    for key, pairs in sals.items():
        services = {s for s, _ in pairs}
        sal_ids = {sal for _, sal in pairs}
        totals: dict = {}
        for cap, unit in caps:
            if cap.service_id not in services:
                continue
            if cap.service_at_location_id is not None and cap.service_at_location_id not in sal_ids:
                continue
            avail, maximum = totals.get(unit, (0.0, None))
            avail += float(cap.available)
            if cap.maximum is not None:
                maximum = (maximum or 0.0) + float(cap.maximum)
            totals[unit] = (avail, maximum)
        out[key] = [(u, a, m) for u, (a, m) in sorted(totals.items())]
    return out
