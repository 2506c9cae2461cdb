"""The CodeSystems and NamingSystems our FHIR resources name, served at the very URLs they name (under /fhir)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.models import ORGANIZATION_KINDS, SERVICE_KINDS, Taxonomy, TaxonomyTerm
from waitinfo.fhir import mapping
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY
from waitinfo.waits.treeknorm import METHOD_LABELS, WAIT_KIND_LABELS

PUBLISHED = date(2026, 12, 3)
STATIC = {
    "service-domain": ("Domein van het aanbod", list(mapping.DOMAIN_LABELS.items())),
    "service-kind": ("Soort aanbod", [(k, k.replace("_", " ")) for k in SERVICE_KINDS]),
    "organization-kind": ("Soort organisatie", [(k, k.replace("_", " ")) for k in ORGANIZATION_KINDS]),
    "wait-method": ("Meetmethode van de wachttijd", list(METHOD_LABELS.items())),
    "wait-kind": ("Soort wachttijd (nooit onderling vergelijken)", list(WAIT_KIND_LABELS.items())),
}
FROM_TAXONOMY = {"need": ("Hulpvraag", NEEDS_TAXONOMY), "diagnosis-group": ("Hoofddiagnosegroep", DIAGNOSIS_TAXONOMY)}
NAMING = {
    "service": "Id van een aanbod (HealthcareService) in waitinfo Twente; gelijk aan het HSDS service-id.",
    "location": "Id van een locatie (Location) in waitinfo Twente; gelijk aan het HSDS location-id.",
    "organization": "Id van een organisatie in waitinfo Twente; gelijk aan het HSDS organization-id.",
    "cbs-gemeentecode": "CBS-gemeentecode (GMxxxx) van een werkgebied.",
}
NAMES = set(STATIC) | set(FROM_TAXONOMY)


def code_system(session: Session, name: str) -> dict | None:
    if name in STATIC:
        title, concepts = STATIC[name]
    elif name in FROM_TAXONOMY:
        title, code = FROM_TAXONOMY[name]
        rows = session.execute(
            select(TaxonomyTerm.code, TaxonomyTerm.name)
            .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
            .where(Taxonomy.code == code)
            .order_by(TaxonomyTerm.code)
        ).all()
        concepts = [(c, n) for c, n in rows]
    else:
        return None
    return {
        "resourceType": "CodeSystem",
        "id": name,
        "url": f"{mapping.BASE}/CodeSystem/{name}",
        "version": "1",
        "name": "".join(p.capitalize() for p in name.split("-")),
        "title": title,
        "status": "active",
        "date": PUBLISHED.isoformat(),
        "publisher": "waitinfo Twente",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": [{"code": c, "display": d} for c, d in concepts],
    }


def naming_system(name: str) -> dict | None:
    if name not in NAMING:
        return None
    return {
        "resourceType": "NamingSystem",
        "id": name,
        "name": "".join(p.capitalize() for p in name.split("-")),
        "status": "active",
        "kind": "identifier",
        "date": PUBLISHED.isoformat(),
        "publisher": "waitinfo Twente",
        "description": NAMING[name],
        "uniqueId": [{"type": "uri", "value": f"{mapping.BASE}/NamingSystem/{name}", "preferred": True}],
    }
