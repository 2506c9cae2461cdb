"""OpenAPI examples taken from the demo catalogue (fictional), stored in examples.json next to this module.

`waitinfo hsds examples` writes the file from a database with the demo data loaded; the schemas in
schemas.py show these documents as examples, so /docs and /redoc show real shapes with real values.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.models import Organization, Service, ServiceAtLocation, TaxonomyTerm
from waitinfo.hsds import repository as repo
from waitinfo.hsds import service as hsds
from waitinfo.waits.models import WaitTime

FILE = "examples.json"


def build(session: Session) -> dict:
    """The first public service (by name) that has a wait figure, with its service_at_location and organisation."""
    with_wait = select(ServiceAtLocation.service_id).join(
        WaitTime, WaitTime.service_at_location_id == ServiceAtLocation.id
    )
    svc = session.execute(repo.services_select(repo.Filters()).where(Service.id.in_(with_wait)).limit(1)).scalar_one()
    sal = session.execute(
        select(ServiceAtLocation)
        .where(
            ServiceAtLocation.service_id == svc.id, ServiceAtLocation.id.in_(select(WaitTime.service_at_location_id))
        )
        .order_by(ServiceAtLocation.id)
        .limit(1)
    ).scalar_one()
    org = session.get(Organization, svc.organization_id)
    term = session.execute(select(TaxonomyTerm).order_by(TaxonomyTerm.code).limit(1)).scalar_one()
    organization = hsds.organization_one(session, org.id)
    organization["services"] = organization.get("services", [])[:1]  # an example, not the whole provider
    organization["locations"] = organization.get("locations", [])[:1]
    return {
        "service": hsds.service_one(session, svc.id),
        "service_at_location": hsds.sal_one(session, sal.id),
        "organization": organization,
        "taxonomy_term": hsds.term_one(session, term.id),
    }


@lru_cache
def examples() -> dict:
    path = resources.files("waitinfo.hsds").joinpath(FILE)
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def example(name: str) -> list[dict]:
    """[the example document] for a schema's `examples`, or [] when the file is missing."""
    doc = examples().get(name)
    return [doc] if doc else []
