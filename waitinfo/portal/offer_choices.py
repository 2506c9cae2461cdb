"""What the offer forms choose from (needs, municipalities, kinds) and an organisation's own services and locations."""

from sqlmodel import Session, select

from waitinfo.catalogue.models import (
    COST_KINDS,
    ORGANIZATION_KINDS,
    SERVICE_KINDS,
    WAIT_KINDS,
    Location,
    Organization,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from waitinfo.reference.ids import NEEDS_TAXONOMY
from waitinfo.reference.models import Municipality


def choices(session: Session, org: Organization) -> dict:
    needs = session.exec(
        select(TaxonomyTerm)
        .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
        .where(Taxonomy.code == NEEDS_TAXONOMY)
        .order_by(TaxonomyTerm.name)
    ).all()
    return {
        "needs": needs,
        "municipalities": session.exec(select(Municipality).order_by(Municipality.name)).all(),
        "locations": locations(session, org),
        "kinds": SERVICE_KINDS,
        "wait_kinds": WAIT_KINDS,
        "costs": COST_KINDS,
        "org_kinds": ORGANIZATION_KINDS,
    }


def services(session: Session, org: Organization) -> list[Service]:
    return list(session.exec(select(Service).where(Service.organization_id == org.id).order_by(Service.name)).all())


def locations(session: Session, org: Organization) -> list[Location]:
    return list(session.exec(select(Location).where(Location.organization_id == org.id).order_by(Location.name)))
