"""FHIR Bundles (searchset, history) and the CapabilityStatement (data licence and contact included)."""

from __future__ import annotations

from datetime import date

from waitinfo.fhir.mapping import WAIT_EXTENSION, instant, operation_outcome
from waitinfo.fhir.params import INCLUDES, MAX_COUNT, PER_KIND, REVINCLUDES

LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_TEXT = (
    "Open data onder CC BY 4.0: vrij te gebruiken en te verspreiden met bronvermelding 'waitinfo Twente'. "
    "Wachttijden zijn opgave van de aanbieders."
)
CONTACT_NAME = "Coördinator waitinfo Twente"
CONTACT_EMAIL = "data@waitinfo.twente.example"

PARAM_DOCS = {
    "name": ("string", "Naam; begint met (standaard), :contains of :exact; hoofdletters en accenten tellen niet."),
    "organization": ("reference", "Organization/<id> of <id>; komma-gescheiden."),
    "location": ("reference", "Location/<id> of <id>; komma-gescheiden."),
    "active": ("token", "true of false."),
    "status": ("token", "active (alle openbare locaties zijn actief)."),
    "identifier": ("token", "[system|]waarde: AGB (agb-z), KvK, of ons eigen id (NamingSystem)."),
    "service-category": ("token", "Domein: ggz of social (CodeSystem service-domain)."),
    "service-type": ("token", "Soort aanbod (CodeSystem service-kind)."),
    "specialty": ("token", "Hulpvraag (CodeSystem need)."),
    "type": ("token", "Soort organisatie (CodeSystem organization-kind)."),
    "address-city": ("string", "Plaats; begint met, :contains of :exact."),
    "address-postalcode": ("string", "Postcode of het begin ervan (spaties tellen niet)."),
}


def capability_statement(base_url: str, version: str, today: date) -> dict:
    def resource(kind: str) -> dict:
        params = [
            {"name": "_id", "type": "token", "documentation": "Eén of meer ids, komma-gescheiden."},
            {
                "name": "_lastUpdated",
                "type": "date",
                "documentation": "ge, gt, le, lt of eq; ook gedeeltelijk (ge2026-12); herhaalbaar voor een periode.",
            },
        ]
        params += [{"name": n, "type": PARAM_DOCS[n][0], "documentation": PARAM_DOCS[n][1]} for n in PER_KIND[kind]]
        return {
            "type": kind,
            "profile": f"https://profiles.ihe.net/ITI/mCSD/StructureDefinition/IHE.mCSD.{kind}",
            "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "history-type"}],
            "searchInclude": sorted(INCLUDES[kind]),
            "searchRevInclude": sorted(REVINCLUDES[kind]),
            "searchParam": params,
        }

    return {
        "resourceType": "CapabilityStatement",
        "url": f"{base_url}/fhir/metadata",
        "status": "active",
        "date": today.isoformat(),
        "kind": "instance",
        "publisher": "waitinfo Twente",
        "contact": [
            {"name": CONTACT_NAME, "telecom": [{"system": "email", "value": CONTACT_EMAIL, "use": "work"}]},
        ],
        "copyright": f"{LICENSE_TEXT} Licentie: {LICENSE_URL}",
        "description": "Alleen-lezen FHIR R4-export van het Twentse aanbod in de ggz en het sociaal domein, volgens "
        f"IHE mCSD, met de actuele wachttijd als extensie {WAIT_EXTENSION}. Onbekende zoekparameters worden "
        "genegeerd en in een OperationOutcome genoemd; met 'Prefer: handling=strict' geweigerd. "
        f"_count is ten hoogste {MAX_COUNT}; _summary=count en _elements worden ondersteund.",
        "software": {"name": "waitinfo", "version": version},
        "implementation": {"description": "waitinfo FHIR-export", "url": f"{base_url}/fhir"},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "resource": [resource(k) for k in ("HealthcareService", "Location", "Organization")],
            }
        ],
    }


def searchset(
    matches: list[dict],
    total: int,
    links: dict[str, str],
    base_url: str,
    included: list[dict] | None = None,
    ignored: list[str] | None = None,
) -> dict:
    entries = [
        {"fullUrl": f"{base_url}/fhir/{e['resourceType']}/{e['id']}", "resource": e, "search": {"mode": "match"}}
        for e in matches
    ]
    entries += [
        {"fullUrl": f"{base_url}/fhir/{e['resourceType']}/{e['id']}", "resource": e, "search": {"mode": "include"}}
        for e in included or []
    ]
    if ignored:
        outcome = operation_outcome("not-supported", " ".join(ignored), severity="warning")
        entries.append({"resource": outcome, "search": {"mode": "outcome"}})
    body = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": [{"relation": rel, "url": url} for rel, url in links.items()],
    }
    if entries:
        body["entry"] = entries
    return body


def history(
    changed: list[dict], deleted: list[tuple[str, str, object]], total: int, links: dict[str, str], base_url: str
) -> dict:
    """A history Bundle: the current version of every changed resource (PUT) and every removal (DELETE)."""
    entries = [
        {
            "fullUrl": f"{base_url}/fhir/{e['resourceType']}/{e['id']}",
            "resource": e,
            "request": {"method": "PUT", "url": f"{e['resourceType']}/{e['id']}"},
            "response": {"status": "200 OK", "lastModified": e["meta"]["lastUpdated"]},
        }
        for e in changed
    ]
    for kind, rid, moment in deleted:
        response = {"status": "410 Gone"}
        if moment is not None:
            response["lastModified"] = instant(moment)
        entries.append(
            {
                "fullUrl": f"{base_url}/fhir/{kind}/{rid}",
                "request": {"method": "DELETE", "url": f"{kind}/{rid}"},
                "response": response,
            }
        )
    body = {
        "resourceType": "Bundle",
        "type": "history",
        "total": total,
        "link": [{"relation": rel, "url": url} for rel, url in links.items()],
    }
    if entries:
        body["entry"] = entries
    return body
