"""Shared pieces of the region figures: Dutch labels, distances, month ranges and the active support points."""

import math
import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from waitinfo.catalogue.details import SupportPoint
from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation
from waitinfo.core.clock import add_months, month_start
from waitinfo.reference.models import Municipality, Subregion

POINT_TYPE_LABELS = {
    "recovery_centre": "Zelfregie- en herstelcentrum",
    "walk_in": "Inloophuis",
    "respite_house": "Respijthuis",
    "village_room": "Dorpskamer",
    "digital": "Digitaal steunpunt",
}
CHARACTERISTIC_LABELS = {
    "no_referral": "Geen verwijzing nodig",
    "free": "Gratis",
    "open_all_twente": "Open voor alle inwoners van Twente",
    "peer_workers": "Met ervaringsdeskundigen",
    "anonymous": "Anoniem mogelijk",
    "accessible": "Rolstoeltoegankelijk",
}
DOMAIN_LABELS = {
    "ggz": "ggz",
    "social_work_welfare": "sociaal werk en welzijn",
    "paramedical": "paramedisch",
    "institutional_social_base": "institutionele sociale basis",
}
GGZ_WAIT_KINDS = ("ggz_specialist", "ggz_basic")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; centroids are approximate, so this is as exact as the inputs."""
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def last_months(today: date, n: int) -> list[date]:
    """The first days of the last n months, oldest first, ending with today's month."""
    end = month_start(today)
    return [add_months(end, -k) for k in range(n - 1, -1, -1)]


def municipalities(session: Session) -> list[Municipality]:
    return list(session.execute(select(Municipality).order_by(Municipality.name)).scalars())


def subregions(session: Session) -> list[Subregion]:
    return list(session.execute(select(Subregion).order_by(Subregion.name)).scalars())


@dataclass
class PointRow:
    """One support point at one location (a point with two sites counts at each site)."""

    service_id: uuid.UUID
    name: str
    organization: str
    point_type: str
    characteristics: list[str]
    visitors_per_month: int | None
    opening_hours_text: str
    opened_on: date | None
    closed_on: date | None
    url: str | None
    phone: str | None
    email: str | None
    description: str
    location_id: uuid.UUID | None = None
    sal_id: uuid.UUID | None = None
    address: str = ""
    postal_code: str = ""
    city: str = ""
    municipality_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def type_label(self) -> str:
        return POINT_TYPE_LABELS.get(self.point_type, self.point_type)


def point_open_on(p: PointRow, day: date) -> bool:
    return (p.opened_on is None or p.opened_on <= day) and (p.closed_on is None or p.closed_on > day)


def support_points(session: Session, on: date | None = None, include_closed: bool = False) -> list[PointRow]:
    """Active support-point services with their locations; `on` keeps those open on that day."""
    q = (
        select(Service, SupportPoint, Organization.name, ServiceAtLocation.id, Location)
        .join(SupportPoint, SupportPoint.service_id == Service.id)
        .join(Organization, Organization.id == Service.organization_id)
        .outerjoin(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .outerjoin(Location, Location.id == ServiceAtLocation.location_id)
        .where(Service.status == "active")
        .order_by(Service.name, Location.name)
    )
    if on is not None and not include_closed:
        q = q.where(or_(SupportPoint.opened_on.is_(None), SupportPoint.opened_on <= on))
        q = q.where(or_(SupportPoint.closed_on.is_(None), SupportPoint.closed_on > on))
    out = []
    for svc, sp, org_name, sal_id, loc in session.execute(q).all():
        row = PointRow(
            service_id=svc.id,
            name=svc.name,
            organization=org_name,
            point_type=sp.point_type,
            characteristics=list(sp.characteristics or []),
            visitors_per_month=sp.visitors_per_month,
            opening_hours_text=sp.opening_hours_text,
            opened_on=sp.opened_on,
            closed_on=sp.closed_on,
            url=svc.url,
            phone=svc.phone,
            email=svc.email,
            description=svc.description,
        )
        if loc is not None:
            row.location_id, row.sal_id = loc.id, sal_id
            row.address, row.postal_code, row.city = loc.address_1 or "", loc.postal_code or "", loc.city or ""
            row.municipality_code = loc.municipality_code
            row.latitude, row.longitude = loc.latitude, loc.longitude
        out.append(row)
    return out
