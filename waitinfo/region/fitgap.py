"""Fit-gap ("witte vlekken", KPI 36/44): per municipality, the existing offer against the agreed criteria."""

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.details import GROUP_DOMAIN_TYPES, SUPPORT_POINT_TYPES, GroupOffer, SupportPointMonth
from waitinfo.catalogue.models import Location, Service, ServiceArea, ServiceAtLocation
from waitinfo.reference.models import Municipality
from waitinfo.region.common import (
    CHARACTERISTIC_LABELS,
    DOMAIN_LABELS,
    POINT_TYPE_LABELS,
    PointRow,
    haversine_km,
    municipalities,
    support_points,
)
from waitinfo.region.models import FitGapCriterion
from waitinfo.region.schemas import CriterionIn

KIND_LABELS = {
    "support_point_within_km": "Steunpunt in de gemeente of binnen N km",
    "hours_per_10k": "Openingsuren per week per 10.000 inwoners",
    "support_point_characteristic": "Steunpunt met een kenmerk van een dekkend netwerk, in de gemeente of binnen N km",
    "group_offer_domain": "Groepsaanbod van een domeintype",
}
# The criteria about support points (KPI 36); group-offer criteria belong to KPI 44.
SUPPORT_POINT_KINDS = ("support_point_within_km", "hours_per_10k", "support_point_characteristic")
PHYSICAL_TYPES = [t for t in SUPPORT_POINT_TYPES if t != "digital"]


@dataclass
class Cell:
    criterion: FitGapCriterion
    met: bool
    figure: str  # the figure behind the judgement, in Dutch
    value: float | None = None


@dataclass
class MatrixRow:
    municipality: Municipality
    cells: list[Cell] = field(default_factory=list)

    @property
    def white_spot(self) -> bool:
        return any(not c.met for c in self.cells)

    @property
    def unmet(self) -> int:
        return sum(1 for c in self.cells if not c.met)


def criteria(session: Session, active_only: bool = True) -> list[FitGapCriterion]:
    q = select(FitGapCriterion).order_by(FitGapCriterion.position, FitGapCriterion.name)
    if active_only:
        q = q.where(FitGapCriterion.active.is_(True))
    return list(session.execute(q).scalars())


def point_hours(session: Session, points: list[PointRow], today: date) -> dict[uuid.UUID, float]:
    """Hours per week per point: its latest monthly figure, else the hours in its schedule."""
    from waitinfo.region.support_points import hours_per_week, schedules_for

    ids = {p.service_id for p in points}
    latest: dict = {}
    if ids:
        q = (
            select(SupportPointMonth)
            .where(
                SupportPointMonth.service_id.in_(ids),
                SupportPointMonth.month <= today,
                SupportPointMonth.hours_per_week.is_not(None),
            )
            .order_by(SupportPointMonth.month.desc())
        )
        for r in session.execute(q).scalars():
            latest.setdefault(r.service_id, float(r.hours_per_week))
    slots = schedules_for(session, points)
    return {
        p.sal_id or p.service_id: latest.get(
            p.service_id, hours_per_week(slots.get(p.sal_id or p.service_id, []), today)
        )
        for p in points
    }


def group_offers_by_municipality(session: Session) -> dict[str, dict[str, int]]:
    """Active group offers per municipality and domain type: located there or serving it (counted once)."""
    q_loc = (
        select(GroupOffer.service_id, GroupOffer.domain_type, Location.municipality_code)
        .join(Service, Service.id == GroupOffer.service_id)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(Service.status == "active", Location.municipality_code.is_not(None))
    )
    q_area = (
        select(GroupOffer.service_id, GroupOffer.domain_type, ServiceArea.municipality_code)
        .join(Service, Service.id == GroupOffer.service_id)
        .join(ServiceArea, ServiceArea.service_id == Service.id)
        .where(Service.status == "active")
    )
    seen = set()
    out: dict = defaultdict(lambda: defaultdict(int))
    for q in (q_loc, q_area):
        for sid, domain, code in session.execute(q).all():
            if (sid, code) not in seen:
                seen.add((sid, code))
                out[code][domain] += 1
    return out


def matrix(
    session: Session, today: date, municipality: str | None = None, kinds: tuple | None = None
) -> tuple[list[FitGapCriterion], list[MatrixRow]]:
    """Municipality x criterion; `kinds` limits the criteria (KPI 36: SUPPORT_POINT_KINDS)."""
    crit = [c for c in criteria(session) if kinds is None or c.kind in kinds]
    points = support_points(session, on=today)
    hours = point_hours(session, points, today)
    offers = group_offers_by_municipality(session)
    rows = []
    for m in municipalities(session):
        if municipality and m.code != municipality:
            continue
        row = MatrixRow(m)
        for c in crit:
            row.cells.append(_judge(c, m, points, hours, offers.get(m.code, {})))
        rows.append(row)
    return crit, rows


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _judge(c: FitGapCriterion, m: Municipality, points: list[PointRow], hours: dict, offers: dict) -> Cell:
    p = c.params or {}
    if c.kind == "support_point_within_km":
        types = p.get("point_types") or PHYSICAL_TYPES
        km = float(p.get("km", 0))
        mine = [x for x in points if x.point_type in types]
        inside = [x for x in mine if x.municipality_code == m.code]
        dists = [
            haversine_km(m.latitude, m.longitude, x.latitude, x.longitude)
            for x in mine
            if x.municipality_code != m.code and x.latitude is not None and x.longitude is not None
        ]
        nearest = min(dists) if dists else None
        met = bool(inside) or (nearest is not None and nearest <= km)
        if inside:
            figure = f"{len(inside)} in de gemeente"
        elif nearest is not None:
            figure = f"0 in de gemeente; dichtstbijzijnde op {_fmt(nearest)} km (grens {_fmt(km)} km)"
        else:
            figure = "geen in of bij de gemeente"
        return Cell(c, met, figure, float(len(inside)))
    if c.kind == "hours_per_10k":
        types = p.get("point_types") or PHYSICAL_TYPES
        total = sum(
            hours.get(x.sal_id or x.service_id, 0.0)
            for x in points
            if x.municipality_code == m.code and x.point_type in types
        )
        per = total / m.population * 10000 if m.population else 0.0
        minimum = float(p.get("min", 0))
        return Cell(
            c,
            per >= minimum,
            f"{_fmt(per)} uur per 10.000 inwoners ({_fmt(total)} uur per week; minimaal {_fmt(minimum)})",
            round(per, 2),
        )
    if c.kind == "support_point_characteristic":
        wanted, km = p.get("characteristic", ""), float(p.get("km", 0))
        mine = [x for x in points if wanted in (x.characteristics or [])]
        inside = [x for x in mine if x.municipality_code == m.code]
        dists = [
            haversine_km(m.latitude, m.longitude, x.latitude, x.longitude)
            for x in mine
            if x.municipality_code != m.code and x.latitude is not None and x.longitude is not None
        ]
        nearest = min(dists) if dists else None
        met = bool(inside) or (nearest is not None and nearest <= km)
        label = CHARACTERISTIC_LABELS.get(wanted, wanted).lower()
        if inside:
            figure = f"{len(inside)} in de gemeente ({label})"
        elif nearest is not None:
            figure = f"0 in de gemeente ({label}); dichtstbijzijnde op {_fmt(nearest)} km (grens {_fmt(km)} km)"
        else:
            figure = f"geen steunpunt met dit kenmerk ({label}) in of bij de gemeente"
        return Cell(c, met, figure, float(len(inside)))
    if c.kind == "group_offer_domain":
        domain = p.get("domain", "")
        n, minimum = offers.get(domain, 0), int(p.get("min", 1))
        return Cell(c, n >= minimum, f"{n} aanwezig; gewenst minimaal {minimum}", float(n))
    return Cell(c, False, "onbekend soort criterium", None)


def describe(c: FitGapCriterion) -> str:
    """The criterion in words, as agreed (shown above the matrix and in the export)."""
    p = c.params or {}
    if c.kind == "support_point_within_km":
        types = ", ".join(POINT_TYPE_LABELS[t].lower() for t in p.get("point_types") or PHYSICAL_TYPES)
        return (
            f"Minstens één steunpunt ({types}) in de gemeente of binnen {_fmt(float(p.get('km', 0)))} km van het "
            f"midden van de gemeente."
        )
    if c.kind == "hours_per_10k":
        minimum = _fmt(float(p.get("min", 0)))
        return (
            f"Openingsuren van de steunpunten in de gemeente samen minstens {minimum} uur per week per 10.000 inwoners."
        )
    if c.kind == "support_point_characteristic":
        label = CHARACTERISTIC_LABELS.get(p.get("characteristic", ""), "?").lower()
        return (
            f"Minstens één steunpunt met het kenmerk “{label}” in de gemeente of binnen "
            f"{_fmt(float(p.get('km', 0)))} km van het midden van de gemeente."
        )
    if c.kind == "group_offer_domain":
        return (
            f"Minstens {int(p.get('min', 1))} groepsaanbod van het type "
            f"{DOMAIN_LABELS.get(p.get('domain', ''), '?')} in of voor de gemeente."
        )
    return c.kind


def save_criterion(session: Session, data: CriterionIn, user, criterion_id: uuid.UUID | None = None) -> FitGapCriterion:
    """Create or update, with an audit entry; the caller's request commits."""
    from waitinfo.accounts import audit

    c = session.get(FitGapCriterion, criterion_id) if criterion_id else None
    old = audit.snapshot(c) if c is not None else None
    if c is None:
        base = re.sub(r"[^a-z0-9]+", "_", data.name.lower()).strip("_")[:40] or "criterium"
        c = FitGapCriterion(code=f"{base}_{uuid.uuid4().hex[:6]}", name=data.name, kind=data.kind)
        session.add(c)
    c.name, c.kind, c.active, c.position = data.name, data.kind, data.active, data.position
    c.params = data.params()
    session.flush()
    audit.record(
        session,
        actor=user.email,
        user_id=user.id,
        action="update" if old else "create",
        entity_type="fitgap_criterion",
        entity_id=c.id,
        old=old,
        new=c,
    )
    return c


EXPORT_HEADER = ["Gemeente", "CBS-code", "Inwoners", "Criterium", "Omschrijving", "Voldaan", "Cijfer", "Toelichting"]


def export_rows(rows: list[MatrixRow]) -> list[list]:
    return [
        [
            r.municipality.name,
            r.municipality.code,
            r.municipality.population,
            c.criterion.name,
            describe(c.criterion),
            "ja" if c.met else "nee (witte vlek)",
            c.value,
            c.figure,
        ]
        for r in rows
        for c in r.cells
    ]


def exists_point_types() -> dict[str, str]:
    return {t: POINT_TYPE_LABELS[t] for t in SUPPORT_POINT_TYPES}


def characteristic_types() -> dict[str, str]:
    return dict(CHARACTERISTIC_LABELS)


def domain_types() -> dict[str, str]:
    return {d: DOMAIN_LABELS[d] for d in GROUP_DOMAIN_TYPES}


__all__ = ["Cell", "MatrixRow", "criteria", "matrix", "save_criterion", "describe"]
