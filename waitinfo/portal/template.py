"""The Excel template: the provider's current offer in the columns of the 'offer' import adapter.

Filled in and uploaded again it imports through the same pipeline; unchanged it changes nothing. Only values
the adapter reads back exactly are written: a wait is included when it is the observation of the month of the
service's confirmed date (the adapter files waits under that month), so the round trip never adds a month.
"""

from decimal import Decimal

from sqlmodel import Session, select

from waitinfo.catalogue.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
    TaxonomyTerm,
)
from waitinfo.core.export import xlsx_bytes
from waitinfo.imports.offer_rows import parse_cost
from waitinfo.providers.offer import ALIASES
from waitinfo.reference.models import Municipality
from waitinfo.waits.models import WaitTime

COLUMNS = (
    "name",
    "domain",
    "kind",
    "needs",
    "age",
    "referral",
    "cost",
    "area",
    "address",
    "how_to_register",
    "registration_weeks",
    "treatment_weeks",
    "method",
    "assured_date",
    "description",
    "suitable_while_waiting",
)
KIND_WORDS = {
    "treatment": "behandeling",
    "group_offer": "groepsaanbod",
    "consultation": "consultatie",
    "crisis": "crisis",
    "information": "informatie",
    "ehealth": "e-health",
    "peer_support": "lotgenoten",
    "support_point": "steunpunt",
}
COST_WORDS = {
    "free": "gratis",
    "insured": "basisverzekering",
    "own_contribution": "eigen bijdrage",
    "paid": "betaald",
    "voluntary": "vrijwillige bijdrage",
}
METHOD_WORDS = {"realised": "gerealiseerd", "current": "actueel"}


def header() -> list[str]:
    return [ALIASES[c][0] for c in COLUMNS]


def _age(svc: Service) -> str:
    lo, hi = svc.minimum_age, svc.maximum_age
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f"{lo}+"
    return f"{lo or 0} - {hi}"


def _cost(svc: Service) -> str:
    text = svc.cost_description or ""
    if text and parse_cost(text)[0] == svc.cost:
        return text
    return COST_WORDS.get(svc.cost, "")


def _address(loc: Location | None) -> str:
    if loc is None:
        return ""
    if loc.location_type == "virtual":
        return "Online"
    tail = " ".join(x for x in (loc.postal_code, loc.city) if x)
    return ", ".join(x for x in (loc.name, loc.address_1, tail) if x)


def _weeks(value: Decimal | None, text: str | None):
    if text:
        return text
    return value


def rows(session: Session, org: Organization) -> list[list]:
    services = session.exec(
        select(Service).where(Service.organization_id == org.id, Service.status != "defunct").order_by(Service.name)
    ).all()
    out = []
    for svc in services:
        needs = session.exec(
            select(TaxonomyTerm.name)
            .join(ServiceNeed, ServiceNeed.taxonomy_term_id == TaxonomyTerm.id)
            .where(ServiceNeed.service_id == svc.id)
            .order_by(TaxonomyTerm.name)
        ).all()
        areas = session.exec(
            select(Municipality.name)
            .join(ServiceArea, ServiceArea.municipality_code == Municipality.code)
            .where(ServiceArea.service_id == svc.id)
            .order_by(Municipality.name)
        ).all()
        sals = session.exec(
            select(ServiceAtLocation, Location)
            .join(Location, Location.id == ServiceAtLocation.location_id)
            .where(ServiceAtLocation.service_id == svc.id)
            .order_by(Location.name)
        ).all()
        for sal, loc in sals or [(None, None)]:
            wait = None
            if sal is not None and svc.assured_date is not None:
                wait = session.exec(
                    select(WaitTime).where(
                        WaitTime.service_at_location_id == sal.id,
                        WaitTime.diagnosis_group_id.is_(None),
                        WaitTime.month == svc.assured_date.replace(day=1),
                        WaitTime.reference_date == svc.assured_date,
                    )
                ).first()
            out.append(
                [
                    svc.name,
                    "sociaal domein" if svc.domain == "social" else "ggz",
                    KIND_WORDS.get(svc.kind, ""),
                    ", ".join(needs),
                    _age(svc),
                    "ja" if svc.referral_required else "nee",
                    _cost(svc),
                    ", ".join(areas),
                    _address(loc),
                    svc.how_to_register or "",
                    _weeks(wait.registration_weeks, wait.registration_text) if wait else None,
                    _weeks(wait.treatment_weeks, wait.treatment_text) if wait else None,
                    METHOD_WORDS.get(wait.method if wait else org.default_wait_method, ""),
                    svc.assured_date,
                    svc.description or "",
                    "ja" if svc.suitable_while_waiting else "nee",
                ]
            )
    return out


def workbook(session: Session, org: Organization) -> bytes:
    """The offer workbook, with drop-down lists for the fields that take one of a few words."""
    from waitinfo.portal.wait_template import YES_NO, with_drop_downs

    raw = xlsx_bytes({"Aanbod": (header(), rows(session, org))})
    choices = {
        "domain": ["ggz", "sociaal domein"],
        "kind": list(KIND_WORDS.values()),
        "referral": list(YES_NO),
        "cost": list(COST_WORDS.values()),
        "method": list(METHOD_WORDS.values()),
        "suitable_while_waiting": list(YES_NO),
    }
    return with_drop_downs(raw, {ALIASES[c][0]: words for c, words in choices.items()})
