"""Our tables as HSDS 3.0 objects (validated in tests against the official compiled schemas).

Keys with no value are left out, never sent as null: the HSDS schemas type them as strings/numbers.
Wait figures are published as attributes of the service_at_location under our taxonomy `waitinfo_wait`
(link_entity "service_at_location", link_id = its id, link_type "wait_time"); the attributes of one observation
share `label` ("<month> <diagnosis group>"), and an observation for a diagnosis group also carries that group's
term (taxonomy diagnosis_groups), so `taxonomy_term_id=<group>` finds the locations with a figure for it.
"""

import uuid
from datetime import datetime

from waitinfo.catalogue.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
)
from waitinfo.core.urls import WEB_SCHEMES, safe_url
from waitinfo.hsds.attributes import (  # noqa: F401 (re-exported)
    attribute,
    clean,
    iso,
    sid,
    taxonomy_doc,
    term_doc,
    wait_attributes,
)
from waitinfo.hsds.facts import WaitFacts, facts
from waitinfo.hsds.repository import Related, is_public
from waitinfo.reference.ids import stable_uuid
from waitinfo.reference.models import Municipality

HSDS_VERSION = "3.0"
COST_LABELS = {
    "free": "Gratis",
    "insured": "Vergoed uit de basisverzekering (eigen risico kan gelden)",
    "own_contribution": "Eigen bijdrage",
    "paid": "Zelf betalen",
    "voluntary": "Vrijwillige bijdrage",
}
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "Engels",
    "de": "Duits",
    "tr": "Turks",
    "ar": "Arabisch",
    "pl": "Pools",
    "fy": "Fries",
    "uk": "Oekraïens",
}
PROVINCE = "Overijssel"
COUNTRY = "NL"


# clean/iso/sid and the taxonomy/attribute documents live in attributes.py (re-exported here)


# --- schedules, locations -----------------------------------------------------------------------------
def schedule_doc(s: Schedule) -> dict:
    return clean(
        {
            "id": str(s.id),
            "service_id": sid(s.service_id),
            "location_id": sid(s.location_id),
            "service_at_location_id": sid(s.service_at_location_id),
            "freq": s.freq if s.byday else None,
            "byday": s.byday,
            "wkst": "MO" if s.byday else None,
            "opens_at": s.opens_at.strftime("%H:%M") if s.opens_at else None,
            "closes_at": s.closes_at.strftime("%H:%M") if s.closes_at else None,
            "valid_from": iso(s.valid_from),
            "valid_to": iso(s.valid_to),
            "description": s.description or None,
        }
    )


def location_doc(loc: Location, r: Related | None = None, municipality: Municipality | None = None) -> dict:
    addresses = []
    if loc.location_type == "physical" and loc.address_1 and loc.city and loc.postal_code:
        addresses.append(
            clean(
                {
                    "id": str(stable_uuid("address", loc.id)),
                    "location_id": str(loc.id),
                    "address_1": loc.address_1,
                    "city": loc.city,
                    "region": municipality.name if municipality else None,
                    "state_province": PROVINCE,
                    "postal_code": loc.postal_code,
                    "country": COUNTRY,
                    "address_type": "physical",
                }
            )
        )
    schedules = [schedule_doc(s) for s in (r.schedules_by_location.get(loc.id, []) if r else [])]
    return clean(
        {
            "id": str(loc.id),
            "location_type": loc.location_type,
            "organization_id": str(loc.organization_id),
            "name": loc.name,
            "description": loc.description or None,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "external_identifier": loc.municipality_code,
            "external_identifier_type": "CBS-gemeentecode" if loc.municipality_code else None,
            "addresses": addresses,
            "schedules": schedules,
        }
    )


def wait_facts_for(sal: ServiceAtLocation, service: Service, r: Related) -> list[WaitFacts]:
    if service.wait_kind == "none":
        return []
    return [facts(w, service.wait_kind, r.terms) for w in r.waits.get(sal.id, [])]


def sal_doc(sal: ServiceAtLocation, service: Service, r: Related, *, with_service: bool = False) -> dict:
    loc = r.locations.get(sal.location_id)
    attributes = [a for f in wait_facts_for(sal, service, r) for a in wait_attributes(f, r)]
    doc = {
        "id": str(sal.id),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "description": sal.description or None,
        "schedules": [schedule_doc(s) for s in r.schedules_by_sal.get(sal.id, [])],
        "location": location_doc(loc, r) if loc else None,
        "attributes": attributes,
    }
    if with_service:
        doc["service"] = service_doc(service, r, full=False)
    return clean(doc)


# --- organizations ---------------------------------------------------------------------------------------
def organization_identifiers(org: Organization) -> list[dict]:
    out = []
    if org.agb_code:
        out.append(
            {
                "id": str(stable_uuid("org-identifier", org.id, "agb")),
                "organization_id": str(org.id),
                "identifier_scheme": "AGB-Z",
                "identifier_type": "AGB-code",
                "identifier": org.agb_code,
            }
        )
    if org.kvk_number:
        out.append(
            {
                "id": str(stable_uuid("org-identifier", org.id, "kvk")),
                "organization_id": str(org.id),
                "identifier_scheme": "NL-KVK",
                "identifier_type": "KvK-nummer",
                "identifier": org.kvk_number,
            }
        )
    return out


def phone(owner_key: str, owner_id, number_text: str | None) -> list[dict]:
    if not number_text:
        return []
    return [
        {
            "id": str(stable_uuid("phone", owner_key, owner_id)),
            f"{owner_key}_id": str(owner_id),
            "number": number_text,
            "type": "voice",
        }
    ]


def organization_doc(
    org: Organization, *, locations: list[Location] | None = None, services: list[dict] | None = None
) -> dict:
    return clean(
        {
            "id": str(org.id),
            "name": org.name,
            "description": org.description or org.name,
            "email": org.email,
            "website": safe_url(org.website, WEB_SCHEMES),
            "organization_identifiers": organization_identifiers(org),
            "phones": phone("organization", org.id, org.phone),
            "locations": [location_doc(x) for x in locations] if locations is not None else None,
            "services": services,
        }
    )


# --- services ---------------------------------------------------------------------------------------------
def alert_text(stops) -> str | None:
    if not stops:
        return None
    texts = []
    for stop in stops:
        until = f" tot en met {stop.ends_on.isoformat()}" if stop.ends_on else ""
        reason = f": {stop.reason}" if stop.reason else ""
        texts.append(f"Aanmeldstop sinds {stop.starts_on.isoformat()}{until}{reason}")
    return "; ".join(texts)


def application_process(s: Service) -> str | None:
    parts = [s.how_to_register] if s.how_to_register else []
    if s.referral_description:
        parts.append(s.referral_description)
    else:
        parts.append("Verwijzing nodig." if s.referral_required else "Geen verwijzing nodig.")
    return " ".join(parts)


def capacity_docs(s: Service, r: Related) -> list[dict]:
    """HSDS 3.1 service_capacity objects (unit nested)."""
    out = []
    for cap, unit in r.capacities.get(s.id, []):
        out.append(
            clean(
                {
                    "id": str(cap.id),
                    "service_id": str(s.id),
                    "unit_id": str(unit.id),
                    "unit": clean(
                        {
                            "id": str(unit.id),
                            "name": unit.name,
                            "scheme": unit.scheme,
                            "identifier": unit.identifier or unit.code,
                            "uri": unit.uri,
                        }
                    ),
                    "available": float(cap.available),
                    "maximum": float(cap.maximum) if cap.maximum is not None else None,
                    "description": cap.description or None,
                    "updated": iso(cap.updated),
                }
            )
        )
    return out


def service_last_modified(s: Service, r: Related) -> datetime:
    moments = [s.updated_at]
    org = r.organizations.get(s.organization_id)
    if org:
        moments.append(org.updated_at)
    moments += [r.locations[x.location_id].updated_at for x in r.sals.get(s.id, []) if x.location_id in r.locations]
    moments += [t.updated_at for t in r.needs.get(s.id, [])]
    return max(moments)


def unpublished_name(name: str, status: str | None, organization_status: str | None) -> str:
    """A tombstone names only what was public once: a pending service (or one of a pending organisation) was
    never public, so its name stays out (issue 15)."""
    return "" if "pending" in (status, organization_status) else name


def tombstone(service_id, name: str, moment: datetime, organization_id=None) -> dict:
    """A service that left the public catalogue: consumers remove it."""
    return clean(
        {
            "id": str(service_id),
            "name": name,
            "status": "defunct",
            "last_modified": iso(moment),
            "organization_id": sid(organization_id),
        }
    )


FULL_ONLY = (
    "phones",
    "schedules",
    "service_areas",
    "service_at_locations",
    "languages",
    "cost_options",
    "attributes",
    "capacities",
)


def summary_of(full_doc: dict) -> dict:
    """The page document (full=false) of a service from its full document: the same without the nesting."""
    return {k: v for k, v in full_doc.items() if k not in FULL_ONLY}


def service_doc(s: Service, r: Related, *, full: bool = False, minimal: bool = False) -> dict:
    org = r.organizations.get(s.organization_id)
    if not is_public(s, org):
        name = unpublished_name(s.name, s.status, org.status if org else None)
        return tombstone(s.id, name, service_last_modified(s, r), s.organization_id)
    if minimal:
        return {"id": str(s.id), "name": s.name, "status": s.status, "last_modified": iso(service_last_modified(s, r))}
    waits = [f for sal in r.sals.get(s.id, []) for f in wait_facts_for(sal, s, r)]
    doc = {
        "id": str(s.id),
        "organization_id": str(s.organization_id),
        "name": s.name,
        "description": s.description or None,
        "url": safe_url(s.url, WEB_SCHEMES),
        "email": s.email,
        "status": s.status,
        "application_process": application_process(s),
        "fees_description": s.cost_description or COST_LABELS.get(s.cost),
        "wait_time": " ".join(dict.fromkeys(f.summary_nl() for f in waits)) or None,
        "eligibility_description": s.eligibility_description or None,
        "minimum_age": s.minimum_age,
        "maximum_age": s.maximum_age,
        "assured_date": iso(s.assured_date),
        "alert": alert_text(r.intake_stops.get(s.id)),
        "last_modified": iso(service_last_modified(s, r)),
        "organization": organization_doc(org) if org else None,
    }
    if full:
        doc |= {  # the keys of FULL_ONLY
            "phones": phone("service", s.id, s.phone),
            "schedules": [schedule_doc(x) for x in r.schedules_by_service.get(s.id, [])],
            "service_areas": [service_area_doc(s.id, m) for m in r.areas.get(s.id, [])],
            "service_at_locations": [sal_doc(x, s, r) for x in r.sals.get(s.id, [])],
            "languages": [
                clean(
                    {
                        "id": str(stable_uuid("language", s.id, code)),
                        "service_id": str(s.id),
                        "code": code,
                        "name": LANGUAGE_NAMES.get(code),
                    }
                )
                for code in s.languages
            ],
            "cost_options": [
                clean(
                    {
                        "id": str(stable_uuid("cost", s.id)),
                        "service_id": str(s.id),
                        "option": COST_LABELS.get(s.cost, s.cost),
                        "amount_description": s.cost_description or None,
                        "currency": "EUR" if s.cost in ("paid", "own_contribution") else None,
                    }
                )
            ],
            "attributes": [
                attribute(
                    s.id,
                    "need",
                    "service",
                    t,
                    t.code,
                    r.taxonomies.get(t.taxonomy_id),
                    r.cache.setdefault("term_docs", {}),
                )
                for t in r.needs.get(s.id, [])
            ],
            "capacities": capacity_docs(s, r),
        }
    return clean(doc)


def service_area_doc(service_id: uuid.UUID, m: Municipality) -> dict:
    return {
        "id": str(stable_uuid("service_area", service_id, m.code)),
        "service_id": str(service_id),
        "name": m.name,
        "description": f"Gemeente {m.name} (CBS-code {m.code})",
        "extent": m.code,
        "extent_type": "text",
    }
