"""Public support-point overview (KPI 35): per municipality, what exists, opening hours and whether it is open now."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlmodel import Session

from waitinfo.catalogue.models import Schedule
from waitinfo.region.common import CHARACTERISTIC_LABELS, POINT_TYPE_LABELS, PointRow, municipalities, support_points

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_LABELS = {
    "MO": "maandag",
    "TU": "dinsdag",
    "WE": "woensdag",
    "TH": "donderdag",
    "FR": "vrijdag",
    "SA": "zaterdag",
    "SU": "zondag",
}


@dataclass
class Slot:
    days: list[str]
    opens_at: time | None
    closes_at: time | None
    valid_from: date | None
    valid_to: date | None
    description: str

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    @property
    def hours_per_week(self) -> float:
        if self.opens_at is None or self.closes_at is None or not self.days:
            return 0.0
        minutes = (self.closes_at.hour * 60 + self.closes_at.minute) - (self.opens_at.hour * 60 + self.opens_at.minute)
        return max(minutes, 0) / 60 * len(self.days)

    @property
    def label(self) -> str:
        if self.opens_at is None or self.closes_at is None:
            return self.description
        days = ", ".join(DAY_LABELS[d] for d in self.days)
        return f"{days} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


def schedules_for(session: Session, points: list[PointRow]) -> dict[uuid.UUID, list[Slot]]:
    """Slots per (service, location) key `sal_id or service_id`; schedule on the service-at-location wins."""
    if not points:
        return {}
    service_ids = {p.service_id for p in points}
    sal_ids = {p.sal_id for p in points if p.sal_id}
    loc_ids = {p.location_id for p in points if p.location_id}
    conds = [Schedule.service_id.in_(service_ids)]
    if sal_ids:
        conds.append(Schedule.service_at_location_id.in_(sal_ids))
    if loc_ids:
        conds.append(Schedule.location_id.in_(loc_ids))
    rows = list(session.execute(select(Schedule).where(or_(*conds))).scalars())
    by = defaultdict(list)
    for s in rows:
        slot = Slot(
            (s.byday or "").split(",") if s.byday else [],
            s.opens_at,
            s.closes_at,
            s.valid_from,
            s.valid_to,
            s.description,
        )
        for owner in (s.service_at_location_id, s.service_id, s.location_id):
            if owner:
                by[owner].append(slot)
    out = {}
    for p in points:
        key = p.sal_id or p.service_id
        # Most specific first: this service at this location, then the service, then the location's hours.
        out[key] = by.get(p.sal_id, []) or by.get(p.service_id, []) or by.get(p.location_id, [])
    return out


def is_open(slots: list[Slot], moment: datetime) -> bool | None:
    """Open at `moment` (converted to Europe/Amsterdam)? None when no parseable hours are known."""
    local = moment.astimezone(AMSTERDAM)
    timed = [s for s in slots if s.opens_at and s.closes_at and s.days]
    if not timed:
        return None
    day, now_t = DAYS[local.weekday()], local.time().replace(tzinfo=None)
    return any(day in s.days and s.valid_on(local.date()) and s.opens_at <= now_t < s.closes_at for s in timed)


def hours_per_week(slots: list[Slot], day: date) -> float:
    return round(sum(s.hours_per_week for s in slots if s.valid_on(day)), 1)


@dataclass
class PointView:
    point: PointRow
    slots: list[Slot]
    open_now: bool | None
    hours_per_week: float
    municipality: str

    def as_marker(self) -> dict:
        p = self.point
        return {
            "name": p.name,
            "type": p.type_label,
            "organization": p.organization,
            "address": " ".join(x for x in (p.address, p.postal_code, p.city) if x),
            "lat": p.latitude,
            "lon": p.longitude,
            "municipality": self.municipality,
            "open": {True: "Nu open", False: "Nu gesloten", None: "Openingstijden onbekend"}[self.open_now],
            "anchor": f"steunpunt-{p.sal_id or p.service_id}",
        }


def overview(
    session: Session,
    moment: datetime,
    municipality: str | None = None,
    point_type: str | None = None,
    characteristic: str | None = None,
) -> dict:
    """Points grouped per municipality (all 14 listed, also the empty ones), plus markers for the map."""
    today = moment.astimezone(AMSTERDAM).date()
    points = [
        p
        for p in support_points(session, on=today)
        if (not point_type or p.point_type == point_type)
        and (not characteristic or characteristic in p.characteristics)
    ]
    slots = schedules_for(session, points)
    munis = municipalities(session)
    names = {m.code: m.name for m in munis}
    views = []
    for p in points:
        s = slots.get(p.sal_id or p.service_id, [])
        views.append(
            PointView(
                p,
                s,
                is_open(s, moment),
                hours_per_week(s, today),
                names.get(p.municipality_code or "", "Online of zonder vaste plek"),
            )
        )
    groups = []
    for m in munis:
        if municipality and m.code != municipality:
            continue
        groups.append((m, [v for v in views if v.point.municipality_code == m.code]))
    elsewhere = [v for v in views if v.point.municipality_code not in names]
    shown = [v for _, vs in groups for v in vs] + ([] if municipality else elsewhere)
    markers = [v.as_marker() for v in shown if v.point.latitude is not None and v.point.longitude is not None]
    places = [{"name": m.name, "lat": m.latitude, "lon": m.longitude} for m in munis]
    return {
        "groups": groups,
        "elsewhere": [] if municipality else elsewhere,
        "markers": markers,
        "places": places,
        "count": len(shown),
        "type_labels": POINT_TYPE_LABELS,
        "characteristic_labels": CHARACTERISTIC_LABELS,
    }
