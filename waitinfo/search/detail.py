"""Everything about one service for its detail page: locations, hours, waits and history, capacity, stops."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
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
    TaxonomyTerm,
)
from waitinfo.core.clock import add_months, month_start
from waitinfo.imports.models import ImportRun
from waitinfo.reference.models import Municipality
from waitinfo.search.display import WaitView, others_text, wait_view
from waitinfo.waits import rules
from waitinfo.waits.models import CapacityUnit, Insurer, InsurerContract, IntakeStop, ServiceCapacity, WaitTime
from waitinfo.waits.repository import latest_waits_query

DAY_NAMES = {
    "MO": "maandag",
    "TU": "dinsdag",
    "WE": "woensdag",
    "TH": "donderdag",
    "FR": "vrijdag",
    "SA": "zaterdag",
    "SU": "zondag",
}
HISTORY_MONTHS = 24


@dataclass
class LocationDetail:
    sal_id: uuid.UUID
    location: Location
    hours: list[str]
    waits: list[WaitView]  # latest per diagnosis group (or one general figure); empty list -> never reported
    history: list[WaitTime]  # the general figure (or the first group) for the chart, oldest first
    history_label: str


@dataclass
class ServiceDetail:
    service: Service
    organization: Organization
    needs: list[str]
    areas: list[str]
    locations: list[LocationDetail]
    service_hours: list[str]
    stops: list[IntakeStop]  # active or announced
    contracts: list[tuple[str, InsurerContract]]
    capacity: list[tuple[ServiceCapacity, str]]
    group_offer: GroupOffer | None
    support_point: SupportPoint | None
    year: int
    active_stop: IntakeStop | None = None
    extra: dict = field(default_factory=dict)


def hours_text(rows: list[Schedule]) -> list[str]:
    out = []
    for r in rows:
        if r.byday and r.opens_at and r.closes_at:
            days = ", ".join(DAY_NAMES.get(d, d) for d in r.byday.split(","))
            out.append(
                f"{days} {r.opens_at:%H:%M}–{r.closes_at:%H:%M}" + (f" ({r.description})" if r.description else "")
            )
        elif r.description:
            out.append(r.description)
    return out


def service_detail(
    session: Session, service_id: uuid.UUID, today: date, preferred_groups: tuple = ()
) -> ServiceDetail | None:
    """The detail of a published service (rules.is_published: a pending or defunct one is None, a 404), each
    location leading with the figure the search card shows (rules.current_figure_key, `preferred_groups` being
    the need's diagnosis groups)."""
    svc = session.get(Service, service_id)
    if svc is None:
        return None
    org = session.get(Organization, svc.organization_id)
    if not rules.is_published(svc.status, org.status if org else None):
        return None
    needs = list(
        session.execute(
            select(TaxonomyTerm.name)
            .join(ServiceNeed, ServiceNeed.taxonomy_term_id == TaxonomyTerm.id)
            .where(ServiceNeed.service_id == svc.id)
            .order_by(TaxonomyTerm.name)
        ).scalars()
    )
    areas = list(
        session.execute(
            select(Municipality.name)
            .join(ServiceArea, ServiceArea.municipality_code == Municipality.code)
            .where(ServiceArea.service_id == svc.id)
            .order_by(Municipality.name)
        ).scalars()
    )
    sals = session.execute(
        select(ServiceAtLocation, Location)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(ServiceAtLocation.service_id == svc.id)
        .order_by(Location.name)
    ).all()
    sal_ids = [sal.id for sal, _ in sals]
    schedules = (
        list(
            session.execute(
                select(Schedule).where(
                    (Schedule.service_id == svc.id)
                    | Schedule.service_at_location_id.in_(sal_ids)
                    | Schedule.location_id.in_([loc.id for _, loc in sals])
                )
            ).scalars()
        )
        if sals
        else list(session.execute(select(Schedule).where(Schedule.service_id == svc.id)).scalars())
    )
    since = add_months(month_start(today), -HISTORY_MONTHS + 1)
    waits = (
        list(
            session.execute(
                select(WaitTime)
                .where(WaitTime.service_at_location_id.in_(sal_ids), WaitTime.month >= since)
                .order_by(WaitTime.month)
            ).scalars()
        )
        if sal_ids
        else []
    )
    older = {}
    if sal_ids:  # the newest figure even when it is older than the chart window (shown as stale, never as none)
        for w in session.execute(latest_waits_query(sal_ids)).scalars():
            older[(w.service_at_location_id, w.diagnosis_group_id)] = w
    group_ids = {w.diagnosis_group_id for w in older.values() if w.diagnosis_group_id}
    group_names = (
        dict(session.execute(select(TaxonomyTerm.id, TaxonomyTerm.name).where(TaxonomyTerm.id.in_(group_ids))).all())
        if group_ids
        else {}
    )
    run_ids = {w.import_run_id for w in older.values() if w.import_run_id}
    runs = (
        {r.id: r for r in session.execute(select(ImportRun).where(ImportRun.id.in_(run_ids))).scalars()}
        if run_ids
        else {}
    )
    locations = []
    for sal, loc in sals:
        latest = sorted(
            (w for (sid, _), w in older.items() if sid == sal.id),
            key=lambda w: rules.current_figure_key(
                w.diagnosis_group_id,
                w.month,
                w.registration_weeks,
                w.treatment_weeks,
                svc.wait_kind,
                preferred_groups,
            ),
        )
        others = [
            rules.weeks(w.registration_weeks, w.treatment_weeks, svc.wait_kind)
            for w in latest[1:]
            if w.diagnosis_group_id is not None
        ]
        others = [v for v in others if v is not None]
        views = [
            wait_view(
                w,
                svc.wait_kind,
                today,
                diagnosis=group_names.get(w.diagnosis_group_id),
                run=runs.get(w.import_run_id),
                others=(
                    others_text(
                        min(others),
                        max(others),
                        rules.weeks(w.registration_weeks, w.treatment_weeks, svc.wait_kind),
                    )
                    if i == 0 and others and w.diagnosis_group_id is not None
                    else None
                ),
            )
            for i, w in enumerate(latest)
        ]
        chart_group = latest[0].diagnosis_group_id if latest else None
        hist = [w for w in waits if w.service_at_location_id == sal.id and w.diagnosis_group_id == chart_group]
        hours = hours_text([s for s in schedules if s.service_at_location_id == sal.id or s.location_id == loc.id])
        locations.append(
            LocationDetail(sal.id, loc, hours, views, hist, group_names.get(chart_group, "") if chart_group else "")
        )
    stops = list(
        session.execute(
            select(IntakeStop)
            .where(IntakeStop.service_id == svc.id, (IntakeStop.ends_on.is_(None)) | (IntakeStop.ends_on >= today))
            .order_by(IntakeStop.starts_on)
        ).scalars()
    )
    contracts = session.execute(
        select(Insurer.name, InsurerContract)
        .join(Insurer, Insurer.id == InsurerContract.insurer_id)
        .where(InsurerContract.organization_id == org.id, InsurerContract.year == today.year)
        .order_by(Insurer.name)
    ).all()
    capacity = session.execute(
        select(ServiceCapacity, CapacityUnit.name)
        .join(CapacityUnit, CapacityUnit.id == ServiceCapacity.unit_id)
        .where(ServiceCapacity.service_id == svc.id)
    ).all()
    detail = ServiceDetail(
        service=svc,
        organization=org,
        needs=needs,
        areas=areas,
        locations=locations,
        service_hours=hours_text([s for s in schedules if s.service_id == svc.id]),
        stops=stops,
        contracts=[(n, c) for n, c in contracts],
        capacity=[(c, u) for c, u in capacity],
        group_offer=session.get(GroupOffer, svc.id),
        support_point=session.get(SupportPoint, svc.id),
        year=today.year,
    )
    detail.active_stop = next((s for s in stops if s.starts_on <= today), None)
    return detail
