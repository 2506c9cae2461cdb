"""Group-offer availability (KPI 45, 47): the inventory with places and start dates, filters and a planning view."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, or_, select
from sqlmodel import Session

from waitinfo.catalogue.details import GroupOffer
from waitinfo.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
    TaxonomyTerm,
)
from waitinfo.core.clock import add_months, month_start
from waitinfo.reference.ids import NEEDS_TAXONOMY, stable_uuid
from waitinfo.region.common import DOMAIN_LABELS

PAGE_SIZE = 20


@dataclass
class OfferRow:
    service_id: uuid.UUID
    name: str
    description: str
    organization: str
    offer: GroupOffer
    municipalities: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    how_to_register: str = ""
    url: str | None = None
    phone: str | None = None

    @property
    def domain_label(self) -> str:
        return DOMAIN_LABELS.get(self.offer.domain_type, self.offer.domain_type)

    @property
    def professional_labels(self) -> list[str]:
        return [DOMAIN_LABELS.get(d, d) for d in self.offer.professional_domains]

    @property
    def has_places(self) -> bool | None:
        return None if self.offer.places_free is None else self.offer.places_free > 0


def needs_options(session: Session) -> list[tuple[str, str]]:
    tax = stable_uuid("taxonomy", NEEDS_TAXONOMY)
    q = select(TaxonomyTerm.code, TaxonomyTerm.name).where(TaxonomyTerm.taxonomy_id == tax).order_by(TaxonomyTerm.name)
    return [(c, n) for c, n in session.execute(q).all()]


def _filtered(municipality: str | None, domain: str | None, need: str | None, free_only: bool):
    q = (
        select(Service, GroupOffer, Organization.name)
        .join(GroupOffer, GroupOffer.service_id == Service.id)
        .join(Organization, Organization.id == Service.organization_id)
        .where(Service.status == "active")
    )
    if municipality:
        at_loc = exists().where(
            ServiceAtLocation.service_id == Service.id,
            Location.id == ServiceAtLocation.location_id,
            Location.municipality_code == municipality,
        )
        in_area = exists().where(ServiceArea.service_id == Service.id, ServiceArea.municipality_code == municipality)
        q = q.where(or_(at_loc, in_area))
    if domain:
        q = q.where(GroupOffer.domain_type == domain)
    if need:
        q = q.where(
            exists().where(
                ServiceNeed.service_id == Service.id,
                ServiceNeed.taxonomy_term_id == stable_uuid("term", NEEDS_TAXONOMY, need),
            )
        )
    if free_only:
        q = q.where(or_(GroupOffer.places_free > 0, GroupOffer.places_free.is_(None) & GroupOffer.ongoing))
    return q


def search(
    session: Session,
    municipality: str | None = None,
    domain: str | None = None,
    need: str | None = None,
    free_only: bool = False,
    page: int = 1,
) -> tuple[list[OfferRow], int]:
    q = _filtered(municipality, domain, need, free_only)
    total = len(session.execute(q.with_only_columns(Service.id)).all())
    q = q.order_by(GroupOffer.start_date.asc().nulls_last(), Service.name)
    q = q.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    return _rows(session, session.execute(q).all()), total


def _rows(session: Session, found) -> list[OfferRow]:
    rows = [
        OfferRow(s.id, s.name, s.description, org, g, how_to_register=s.how_to_register, url=s.url, phone=s.phone)
        for s, g, org in found
    ]
    ids = [r.service_id for r in rows]
    if not ids:
        return rows
    from waitinfo.reference.models import Municipality

    places, munis, needs = defaultdict(set), defaultdict(set), defaultdict(list)
    q = (
        select(ServiceAtLocation.service_id, Location.city, Municipality.name)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .outerjoin(Municipality, Municipality.code == Location.municipality_code)
        .where(ServiceAtLocation.service_id.in_(ids))
    )
    for sid, city, mname in session.execute(q).all():
        if city:
            places[sid].add(city)
        if mname:
            munis[sid].add(mname)
    q = (
        select(ServiceArea.service_id, Municipality.name)
        .join(Municipality, Municipality.code == ServiceArea.municipality_code)
        .where(ServiceArea.service_id.in_(ids))
    )
    for sid, mname in session.execute(q).all():
        munis[sid].add(mname)
    q = (
        select(ServiceNeed.service_id, TaxonomyTerm.name)
        .join(TaxonomyTerm, TaxonomyTerm.id == ServiceNeed.taxonomy_term_id)
        .where(ServiceNeed.service_id.in_(ids))
    )
    for sid, name in session.execute(q).all():
        needs[sid].append(name)
    for r in rows:
        r.places, r.municipalities = sorted(places[r.service_id]), sorted(munis[r.service_id])
        r.needs = sorted(needs[r.service_id])
    return rows


def planning(
    session: Session,
    today: date,
    months: int = 6,
    municipality: str | None = None,
    domain: str | None = None,
    need: str | None = None,
    free_only: bool = False,
) -> list[tuple[date, list[OfferRow]]]:
    """Upcoming starts from today to the end of the `months`-th month, grouped per month."""
    end = add_months(month_start(today), months)
    q = _filtered(municipality, domain, need, free_only)
    q = q.where(GroupOffer.start_date >= today, GroupOffer.start_date < end)
    rows = _rows(session, session.execute(q.order_by(GroupOffer.start_date, Service.name)).all())
    grouped: dict = defaultdict(list)
    for r in rows:
        grouped[month_start(r.offer.start_date)].append(r)
    return sorted(grouped.items())


def all_offers(session: Session) -> list[OfferRow]:
    return _rows(session, session.execute(_filtered(None, None, None, False).order_by(Service.name)).all())


EXPORT_HEADER = [
    "Groepsaanbod",
    "Aanbieder",
    "Domeintype",
    "Gemeenten",
    "Startdatum",
    "Doorlopend",
    "Plaatsen totaal",
    "Plaatsen vrij",
    "Domeinen professionals",
    "Aantal domeinen",
    "Doelgroep",
    "Bijeenkomsten",
]


def export_rows(rows: list[OfferRow]) -> list[list]:
    return [
        [
            r.name,
            r.organization,
            r.domain_label,
            ", ".join(r.municipalities),
            r.offer.start_date,
            "ja" if r.offer.ongoing else "nee",
            r.offer.places_total,
            r.offer.places_free,
            ", ".join(r.professional_labels),
            len(set(r.offer.professional_domains)),
            r.offer.target_group,
            r.offer.sessions,
        ]
        for r in rows
    ]
