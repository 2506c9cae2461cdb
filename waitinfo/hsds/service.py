"""HSDS read API rules: page envelopes, single objects, sync extras and ndjson streams (no HTTP here)."""

import math
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from waitinfo.hsds import documents
from waitinfo.hsds import repository as repo
from waitinfo.hsds import serialize as ser

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50


def envelope(contents: list[dict], total: int, page: int, per_page: int, extra: dict | None = None) -> dict:
    """The HSDS 3.0 Page object, exactly its fields (plus `deletions` in sync mode)."""
    total_pages = max(1, math.ceil(total / per_page)) if per_page else 1
    body = {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }
    if extra:
        body |= extra
    return body


def deletions_extra(
    session: Session, entity_type: str, f: repo.Filters, page: int, also: list[uuid.UUID] | None = None
) -> dict | None:
    """In sync mode, page 1 lists ids removed since `modified_after` (really deleted, or no longer published)."""
    if f.modified_after is None:
        return None
    if page != 1:
        return {"deletions": []}
    rows = [
        {"id": str(d.entity_id), "entity_type": entity_type, "deleted_at": d.deleted_at.isoformat()}
        for d in repo.deletions(session, entity_type, f.modified_after)
    ]
    rows += [{"id": str(i), "entity_type": entity_type, "deleted_at": None} for i in also or []]
    seen, out = set(), []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append({k: v for k, v in row.items() if v is not None})
    return {"deletions": out}


# --- services ---------------------------------------------------------------------------------------------
def service_page(session: Session, f: repo.Filters, page: int, per_page: int, *, full: bool, minimal: bool) -> bytes:
    """A page of services as JSON bytes: the stored documents are spliced in as they are (no re-encoding)."""
    if minimal:
        rows, total = repo.page_of(session, repo.services_select(f), page, per_page)
        related = repo.load_related(session, rows)
        contents = [documents.dumps(ser.service_doc(s, related, minimal=True)) for s in rows]
    else:
        ids, total = repo.page_ids(session, repo.service_ids_select(f), page, per_page)
        contents = documents.documents(session, ids, full=full)
    body = envelope([], total, page, per_page, deletions_extra(session, "service", f, page))
    body["size"] = len(contents)
    head = documents.dumps({k: v for k, v in body.items() if k != "contents"})
    return (head[:-1] + ',"contents":[' + ",".join(contents) + "]}").encode("utf-8")


def service_one(session: Session, service_id: uuid.UUID) -> dict | None:
    s = session.get(Service, service_id)
    if s is None:
        return None
    related = repo.load_related(session, [s])
    if not repo.is_public(s, related.organizations.get(s.organization_id)):
        return None
    return ser.service_doc(s, related, full=True)


# --- service_at_locations ------------------------------------------------------------------------------------
def _sal_docs(session: Session, sals: list[ServiceAtLocation], full: bool) -> list[dict]:
    services = {
        s.id: s
        for s in session.execute(
            select(Service).where(Service.id.in_({x.service_id for x in sals} or {uuid.UUID(int=0)}))
        ).scalars()
    }
    related = repo.load_related(session, services.values())
    return [ser.sal_doc(x, services[x.service_id], related, with_service=full) for x in sals]


def sal_page(session: Session, f: repo.Filters, page: int, per_page: int, *, full: bool) -> dict:
    rows, total = repo.page_of(session, repo.service_at_locations_select(f), page, per_page)
    also = repo.unpublished_sal_ids(session, f.modified_after) if f.modified_after and page == 1 else None
    return envelope(
        _sal_docs(session, rows, full),
        total,
        page,
        per_page,
        deletions_extra(session, "service_at_location", f, page, also),
    )


def sal_one(session: Session, sal_id: uuid.UUID) -> dict | None:
    rows = list(
        session.execute(
            repo.service_at_locations_select(repo.Filters()).where(ServiceAtLocation.id == sal_id)
        ).scalars()
    )
    return _sal_docs(session, rows, True)[0] if rows else None


# --- organizations -----------------------------------------------------------------------------------------------
def organization_page(
    session: Session, f: repo.Filters, page: int, per_page: int, *, full: bool, full_service: bool = False
) -> dict:
    rows, total = repo.page_of(session, repo.organizations_select(f), page, per_page)
    contents = [
        _organization_full(session, o, full_service=full_service) if full or full_service else ser.organization_doc(o)
        for o in rows
    ]
    also = repo.unpublished_organization_ids(session, f.modified_after) if f.modified_after and page == 1 else None
    return envelope(contents, total, page, per_page, deletions_extra(session, "organization", f, page, also))


def _organization_full(session: Session, org: Organization, *, full_service: bool = False) -> dict:
    locations = list(
        session.execute(
            select(Location)
            .where(Location.organization_id == org.id, repo.location_public())
            .order_by(Location.name, Location.id)
        ).scalars()
    )
    services = list(session.execute(repo.services_select(repo.Filters(organization_id=org.id))).scalars())
    related = repo.load_related(session, services)
    docs = [ser.service_doc(s, related, full=full_service) for s in services]
    return ser.organization_doc(org, locations=locations, services=docs)


def organization_one(session: Session, org_id: uuid.UUID, *, full_service: bool = False) -> dict | None:
    org = session.get(Organization, org_id)
    if org is None or org.status != "active":
        return None
    return _organization_full(session, org, full_service=full_service)


# --- taxonomies --------------------------------------------------------------------------------------------------
def taxonomy_page(session: Session, f: repo.Filters, page: int, per_page: int) -> dict:
    rows, total = repo.page_of(session, repo.taxonomies_select(f), page, per_page)
    return envelope(
        [ser.taxonomy_doc(t) for t in rows], total, page, per_page, deletions_extra(session, "taxonomy", f, page)
    )


def taxonomy_one(session: Session, taxonomy_id: uuid.UUID) -> dict | None:
    t = session.get(Taxonomy, taxonomy_id)
    return ser.taxonomy_doc(t) if t else None


def term_page(session: Session, f: repo.Filters, page: int, per_page: int) -> dict:
    rows, total = repo.page_of(session, repo.taxonomy_terms_select(f), page, per_page)
    taxonomies = {t.id: t for t in session.execute(select(Taxonomy)).scalars()}
    return envelope(
        [ser.term_doc(t, taxonomies.get(t.taxonomy_id)) for t in rows],
        total,
        page,
        per_page,
        deletions_extra(session, "taxonomy_term", f, page),
    )


def term_one(session: Session, term_id: uuid.UUID) -> dict | None:
    t = session.get(TaxonomyTerm, term_id)
    return ser.term_doc(t, session.get(Taxonomy, t.taxonomy_id)) if t else None


# --- ndjson streams ------------------------------------------------------------------------------------------------
def _line(doc: dict) -> bytes:
    return documents.dumps(doc).encode("utf-8") + b"\n"


def _deletion_lines(session: Session, entity_type: str, since: datetime | None) -> Iterator[bytes]:
    """Tombstones after the objects, as the pages send them in `deletions`: really deleted, or (for
    service_at_locations and organizations) no longer published."""
    if since is None:
        return
    seen = set()
    for d in repo.deletions(session, entity_type, since):
        seen.add(d.entity_id)
        yield _line(
            {
                "id": str(d.entity_id),
                "entity_type": entity_type,
                "deleted": True,
                "deleted_at": d.deleted_at.isoformat(),
            }
        )
    also = {
        "service_at_location": repo.unpublished_sal_ids,
        "organization": repo.unpublished_organization_ids,
    }.get(entity_type)
    for rid in also(session, since) if also else []:
        if rid not in seen:
            yield _line({"id": str(rid), "entity_type": entity_type, "deleted": True})


def stream_services(open_session: Callable[[], Session], f: repo.Filters, *, minimal: bool) -> Iterator[bytes]:
    """Every matching service as one line of HSDS JSON, chunk by chunk; deletions follow as their own lines.

    Full documents come from the stored ones (built on the way when outdated). The session is opened here,
    inside the generator: the request's session is closed before the body runs. One block per chunk:
    Starlette moves every next() of a sync body to a thread, so per-line yields would cost a hop per service."""
    with open_session() as session:
        if minimal:
            yield from documents.minimal_lines(session, repo.service_conditions(f))
        else:
            yield from documents.stream_lines(session, repo.service_conditions(f), open_session)
        yield from _deletion_lines(session, "service", f.modified_after)


def stream_simple(
    open_session: Callable[[], Session],
    entity: str,
    f: repo.Filters,
    *,
    full: bool = False,
    full_service: bool = False,
) -> Iterator[bytes]:
    """ndjson for organizations, service_at_locations, taxonomies and taxonomy terms (`full` as on the pages)."""
    with open_session() as session:
        if entity == "organization":
            for chunk in repo.stream(session, repo.organizations_select(f)):
                for o in chunk:
                    doc = (
                        _organization_full(session, o, full_service=full_service)
                        if full or full_service
                        else ser.organization_doc(o)
                    )
                    yield _line(doc)
        elif entity == "service_at_location":
            for chunk in repo.stream(session, repo.service_at_locations_select(f)):
                for doc in _sal_docs(session, chunk, full):
                    yield _line(doc)
        elif entity == "taxonomy":
            for t in session.execute(repo.taxonomies_select(f)).scalars():
                yield _line(ser.taxonomy_doc(t))
        else:
            taxonomies = {t.id: t for t in session.execute(select(Taxonomy)).scalars()}
            for chunk in repo.stream(session, repo.taxonomy_terms_select(f)):
                for t in chunk:
                    yield _line(ser.term_doc(t, taxonomies.get(t.taxonomy_id)))
        yield from _deletion_lines(session, entity, f.modified_after)


# --- postcode coverage (service_at_locations?postcode=&proximity=) ------------------------------------------------
class PostcodeUnknown(ValueError):
    """The postcode could not be placed; the message is Dutch."""


def postcode_area(
    session: Session, postcode: str, proximity: int | None
) -> tuple[str, tuple[float, float, float] | None]:
    """(municipality code, (lat, lon, meters) when proximity is asked) of a postcode, via the geocoder (cached)."""
    from waitinfo.geo.service import geocode_address, normalise_postcode

    result = geocode_address(session, normalise_postcode(postcode) or postcode)
    if not result.found or not result.municipality_code:
        raise PostcodeUnknown(
            result.message or f"Postcode {postcode} is niet gevonden; controleer de postcode (bijv. 7511 AA)."
        )
    near = None
    if proximity is not None and result.latitude is not None and result.longitude is not None:
        near = (result.latitude, result.longitude, float(proximity))
    return result.municipality_code, near
