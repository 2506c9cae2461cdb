"""Small builders for catalogue rows in tests (flush, never commit)."""

import uuid
from datetime import date
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
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY, stable_uuid
from waitinfo.waits.models import WaitTime


def need_id(code: str) -> uuid.UUID:
    return stable_uuid("term", NEEDS_TAXONOMY, code)


def diagnosis_id(code: str) -> uuid.UUID:
    return stable_uuid("term", DIAGNOSIS_TAXONOMY, code)


def organization(db: Session, name: str = "Testpraktijk (fictief)", kind: str = "basic_ggz", **kw) -> Organization:
    slug = kw.pop("slug", name.lower().replace(" ", "-").replace("(", "").replace(")", ""))
    org = Organization(name=name, slug=slug, kind=kind, **kw)
    db.add(org)
    db.flush()
    return org


def location(db: Session, org: Organization, municipality: str = "GM0141", **kw) -> Location:
    from waitinfo.reference.models import Municipality

    m = db.get(Municipality, municipality)
    loc = Location(
        organization_id=org.id,
        name=kw.pop("name", f"{org.name} {m.name}"),
        municipality_code=m.code,
        city=kw.pop("city", m.name),
        latitude=kw.pop("latitude", m.latitude),
        longitude=kw.pop("longitude", m.longitude),
        **kw,
    )
    db.add(loc)
    db.flush()
    return loc


def service(
    db: Session,
    org: Organization,
    name: str = "Behandeling",
    needs: tuple[str, ...] = ("angst",),
    areas: tuple[str, ...] = (),
    **kw,
) -> Service:
    svc = Service(organization_id=org.id, name=name, **kw)
    db.add(svc)
    db.flush()
    for code in needs:
        db.add(ServiceNeed(service_id=svc.id, taxonomy_term_id=need_id(code)))
    for m in areas:
        db.add(ServiceArea(service_id=svc.id, municipality_code=m))
    db.flush()
    return svc


def at_location(db: Session, svc: Service, loc: Location) -> ServiceAtLocation:
    sal = ServiceAtLocation(service_id=svc.id, location_id=loc.id)
    db.add(sal)
    db.flush()
    return sal


def wait(
    db: Session,
    sal: ServiceAtLocation,
    month: date,
    registration=None,
    treatment=None,
    diagnosis: str | None = None,
    **kw,
) -> WaitTime:
    w = WaitTime(
        service_at_location_id=sal.id,
        month=month,
        diagnosis_group_id=diagnosis_id(diagnosis) if diagnosis else None,
        registration_weeks=None if registration is None else Decimal(str(registration)),
        treatment_weeks=None if treatment is None else Decimal(str(treatment)),
        **kw,
    )
    db.add(w)
    db.flush()
    return w


def term(db: Session, taxonomy_code: str, code: str) -> TaxonomyTerm:
    return db.exec(select(TaxonomyTerm).where(TaxonomyTerm.id == stable_uuid("term", taxonomy_code, code))).one()
