"""FHIR searches and reads over the published catalogue (no HTTP here): the parsed SearchSpec as SQL."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import exists, false, func, or_, select
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Schedule, Service, ServiceAtLocation, ServiceNeed
from waitinfo.catalogue.models import TaxonomyTerm as Term
from waitinfo.fhir import mapping
from waitinfo.fhir.params import SearchSpec, Token
from waitinfo.hsds import repository as repo
from waitinfo.reference.models import Municipality

MAX_INCLUDED = 1000


@dataclass
class Result:
    matches: list[dict]
    total: int
    included: list[dict] = field(default_factory=list)


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _string(column, modifier: str, value: str):
    if modifier == "exact":
        return column == value
    pattern = f"%{_like(value)}%" if modifier == "contains" else f"{_like(value)}%"
    return func.waitinfo_unaccent(column).ilike(func.waitinfo_unaccent(pattern))


def _codes(tokens: list[Token], system: str) -> list[str]:
    """The codes of tokens in our system (or without a system); tokens of another system match nothing."""
    return [t.code for t in tokens if t.system in (None, system)]


def _uuids(values: list[str]) -> list[uuid.UUID]:
    out = []
    for v in values:
        try:
            out.append(uuid.UUID(v))
        except ValueError:
            continue
    return out


def _apply_updated(q, column, spec: SearchSpec, changed_since=None):
    for prefix, moment in spec.updated:
        if prefix == "ge":
            q = q.where(changed_since(moment) if changed_since is not None else column >= moment)
        else:
            q = q.where(column < moment)
    return q


def _any(values: list, clause):
    return clause if values else false()


# --- HealthcareService --------------------------------------------------------------------------------------
def services_query(spec: SearchSpec):
    q = _apply_updated(
        repo.services_select(repo.Filters(ids=spec.ids)), Service.updated_at, spec, repo.service_changed_since
    )
    if "name" in spec.strings:
        q = q.where(_string(Service.name, *spec.strings["name"]))
    if "organization" in spec.references:
        q = q.where(Service.organization_id.in_(spec.references["organization"] or [uuid.UUID(int=0)]))
    if "location" in spec.references:
        locs = spec.references["location"] or [uuid.UUID(int=0)]
        q = q.where(exists().where(ServiceAtLocation.service_id == Service.id, ServiceAtLocation.location_id.in_(locs)))
    if spec.active is not None:
        q = q.where(Service.status == ("active" if spec.active else "inactive"))
    for name, tokens in spec.tokens.items():
        if name == "identifier":
            ids = _uuids(_codes(tokens, mapping.NS_SERVICE))
            q = q.where(_any(ids, Service.id.in_(ids)))
        elif name == "service-category":
            codes = _codes(tokens, mapping.CS_DOMAIN)
            q = q.where(_any(codes, Service.domain.in_(codes)))
        elif name == "service-type":
            codes = _codes(tokens, mapping.CS_KIND)
            q = q.where(_any(codes, Service.kind.in_(codes)))
        elif name == "specialty":
            codes = _codes(tokens, mapping.CS_NEED)
            q = q.where(
                exists().where(
                    ServiceNeed.service_id == Service.id, Term.id == ServiceNeed.taxonomy_term_id, Term.code.in_(codes)
                )
            )
    return q


def service_docs(session: Session, rows: list[Service]) -> list[dict]:
    related = repo.load_related(session, rows)
    return [mapping.healthcare_service(x, related) for x in rows]


# --- Location -----------------------------------------------------------------------------------------------
def locations_query(spec: SearchSpec):
    q = _apply_updated(repo.locations_select(repo.Filters(ids=spec.ids)), Location.updated_at, spec)
    if "name" in spec.strings:
        q = q.where(_string(Location.name, *spec.strings["name"]))
    if "address-city" in spec.strings:
        q = q.where(_string(Location.city, *spec.strings["address-city"]))
    if "address-postalcode" in spec.strings:
        code = spec.strings["address-postalcode"][1].replace(" ", "").upper()
        q = q.where(func.replace(Location.postal_code, " ", "").startswith(code))
    if "organization" in spec.references:
        q = q.where(Location.organization_id.in_(spec.references["organization"] or [uuid.UUID(int=0)]))
    if spec.active is False:
        q = q.where(false())  # every public location is active
    if "identifier" in spec.tokens:
        ids = _uuids(_codes(spec.tokens["identifier"], mapping.NS_LOCATION))
        q = q.where(_any(ids, Location.id.in_(ids)))
    return q


def location_docs(session: Session, rows: list[Location]) -> list[dict]:
    """Locations with their opening hours: the location's own, else the hours of the services held there."""
    ids = [x.id for x in rows] or [uuid.UUID(int=0)]
    own: dict[uuid.UUID, list[Schedule]] = defaultdict(list)
    at: dict[uuid.UUID, list[Schedule]] = defaultdict(list)
    for sch in session.execute(select(Schedule).where(Schedule.location_id.in_(ids)).order_by(Schedule.id)).scalars():
        own[sch.location_id].append(sch)
    public = select(Service.id).where(repo.service_public())
    sal_hours = (
        select(ServiceAtLocation.location_id, Schedule)
        .join(Schedule, Schedule.service_at_location_id == ServiceAtLocation.id)
        .where(ServiceAtLocation.location_id.in_(ids), ServiceAtLocation.service_id.in_(public))
        .order_by(Schedule.id)
    )
    for loc_id, sch in session.execute(sal_hours).all():
        at[loc_id].append(sch)
    names = dict(session.execute(select(Municipality.code, Municipality.name)).all())
    return [mapping.location(x, own.get(x.id) or at.get(x.id, []), names.get(x.municipality_code)) for x in rows]


# --- Organization -------------------------------------------------------------------------------------------
def organizations_query(spec: SearchSpec):
    q = _apply_updated(repo.organizations_select(repo.Filters(ids=spec.ids)), Organization.updated_at, spec)
    if "name" in spec.strings:
        q = q.where(_string(Organization.name, *spec.strings["name"]))
    if spec.active is False:
        q = q.where(false())  # only active organisations are public
    for name, tokens in spec.tokens.items():
        if name == "identifier":
            clauses = []
            for t in tokens:
                if t.system in (None, mapping.AGB_SYSTEM):
                    clauses.append(Organization.agb_code == t.code)
                if t.system in (None, mapping.KVK_SYSTEM):
                    clauses.append(Organization.kvk_number == t.code)
                if t.system in (None, mapping.NS_ORGANIZATION) and _uuids([t.code]):
                    clauses.append(Organization.id == uuid.UUID(t.code))
            q = q.where(or_(*clauses) if clauses else false())
        elif name == "type":
            codes = _codes(tokens, mapping.CS_ORG_KIND)
            q = q.where(_any(codes, Organization.kind.in_(codes)))
    return q


def organization_docs(session: Session, rows: list[Organization]) -> list[dict]:
    return [mapping.organization(o) for o in rows]


QUERIES = {"HealthcareService": services_query, "Location": locations_query, "Organization": organizations_query}
DOCS = {"HealthcareService": service_docs, "Location": location_docs, "Organization": organization_docs}
MODELS = {"HealthcareService": Service, "Location": Location, "Organization": Organization}


def _included(session: Session, spec: SearchSpec, rows: list) -> list[dict]:
    out: list[dict] = []
    ids = [r.id for r in rows] or [uuid.UUID(int=0)]
    for inc in spec.includes:
        if inc in ("HealthcareService:organization", "Location:organization"):
            org_ids = list({r.organization_id for r in rows}) or [uuid.UUID(int=0)]
            orgs = session.execute(repo.organizations_select(repo.Filters(ids=org_ids))).scalars().all()
            out += organization_docs(session, list(orgs))
        elif inc == "HealthcareService:location":
            loc_ids = select(ServiceAtLocation.location_id).where(ServiceAtLocation.service_id.in_(ids))
            locs = session.execute(repo.locations_select(repo.Filters()).where(Location.id.in_(loc_ids))).scalars()
            out += location_docs(session, list(locs))
    for rev in spec.revincludes:
        if rev == "HealthcareService:location":
            q = repo.services_select(repo.Filters()).where(
                exists().where(ServiceAtLocation.service_id == Service.id, ServiceAtLocation.location_id.in_(ids))
            )
            out += service_docs(session, list(session.execute(q.limit(MAX_INCLUDED)).scalars()))
        elif rev == "HealthcareService:organization":
            q = repo.services_select(repo.Filters()).where(Service.organization_id.in_(ids))
            out += service_docs(session, list(session.execute(q.limit(MAX_INCLUDED)).scalars()))
        elif rev == "Location:organization":
            q = repo.locations_select(repo.Filters()).where(Location.organization_id.in_(ids))
            out += location_docs(session, list(session.execute(q.limit(MAX_INCLUDED)).scalars()))
    seen, unique = set(), []
    for doc in out:
        key = (doc["resourceType"], doc["id"])
        if key not in seen:
            seen.add(key)
            unique.append(doc)
    return unique


def search(session: Session, spec: SearchSpec) -> Result:
    q = QUERIES[spec.kind](spec)
    if spec.summary_count or spec.count == 0:
        return Result([], repo.count(session, q))
    rows, total = repo.page_of(session, q, spec.page, spec.count)
    docs = DOCS[spec.kind](session, rows)
    if spec.elements:
        docs = [mapping.subset(d, spec.elements) for d in docs]
    return Result(docs, total, _included(session, spec, rows))


def read(session: Session, kind: str, resource_id: uuid.UUID) -> dict | None:
    found = search(session, SearchSpec(kind=kind, ids=[resource_id], count=1))
    return found.matches[0] if found.matches else None
