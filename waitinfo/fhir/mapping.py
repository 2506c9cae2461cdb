"""Our catalogue as FHIR R4 resources (HealthcareService, Location, Organization).

Validated in tests with `fhir.resources.R4B` (fhir.resources >= 7 ships R5 by default and R4B as a subpackage;
there is no separate 4.0.1 package for pydantic 2). HealthcareService, Location, Organization, Bundle and
CapabilityStatement are structurally the same in R4 (4.0.1) and R4B (4.3.0) for every element we use.
"""

from datetime import datetime

from waitinfo.catalogue.models import Location, Organization, Schedule, Service
from waitinfo.core.urls import safe_url
from waitinfo.hsds.facts import WaitFacts
from waitinfo.hsds.repository import Related
from waitinfo.hsds.serialize import alert_text, service_last_modified, wait_facts_for

BASE = "https://waitinfo.twente.example/fhir"
WAIT_EXTENSION = f"{BASE}/StructureDefinition/wait-time"
AGB_SYSTEM = "http://fhir.nl/fhir/NamingSystem/agb-z"
KVK_SYSTEM = "http://fhir.nl/fhir/NamingSystem/kvk"
CBS_SYSTEM = f"{BASE}/NamingSystem/cbs-gemeentecode"
# Our own ids as identifiers; each system URI is a NamingSystem served at that path under /fhir.
NS_SERVICE = f"{BASE}/NamingSystem/service"
NS_LOCATION = f"{BASE}/NamingSystem/location"
NS_ORGANIZATION = f"{BASE}/NamingSystem/organization"
MCSD = "https://profiles.ihe.net/ITI/mCSD/StructureDefinition"
PROFILES = {
    "HealthcareService": f"{MCSD}/IHE.mCSD.HealthcareService",
    "Location": f"{MCSD}/IHE.mCSD.Location",
    "Organization": f"{MCSD}/IHE.mCSD.Organization",
}
SUBSETTED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "SUBSETTED"}
CS_DOMAIN = f"{BASE}/CodeSystem/service-domain"
CS_KIND = f"{BASE}/CodeSystem/service-kind"
CS_ORG_KIND = f"{BASE}/CodeSystem/organization-kind"
CS_NEED = f"{BASE}/CodeSystem/need"
CS_DIAGNOSIS = f"{BASE}/CodeSystem/diagnosis-group"
CS_WAIT_METHOD = f"{BASE}/CodeSystem/wait-method"
CS_WAIT_KIND = f"{BASE}/CodeSystem/wait-kind"
REFERRAL_METHOD = "http://terminology.hl7.org/CodeSystem/service-referral-method"
PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type"
DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}
DOMAIN_LABELS = {"ggz": "Geestelijke gezondheidszorg", "social": "Sociaal domein"}


def instant(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "", {})}


def _decimal(v):
    return float(v) if v is not None else None


def telecom(phone: str | None, email: str | None, url: str | None) -> list[dict]:
    out = []
    if phone:
        out.append({"system": "phone", "value": phone, "use": "work"})
    if email:
        out.append({"system": "email", "value": email, "use": "work"})
    if safe_url(url):
        out.append({"system": "url", "value": safe_url(url), "use": "work"})
    return out


def available_times(schedules: list[Schedule]) -> tuple[list[dict], list[str]]:
    """(availableTime, free-text exceptions) from HSDS-style weekly slots."""
    times, texts = [], []
    for s in schedules:
        if not s.byday:
            if s.description:
                texts.append(s.description)
            continue
        slot = {"daysOfWeek": [DAYS[d] for d in s.byday.split(",") if d in DAYS]}
        if s.opens_at and s.closes_at:
            slot |= {
                "availableStartTime": s.opens_at.strftime("%H:%M:%S"),
                "availableEndTime": s.closes_at.strftime("%H:%M:%S"),
            }
        else:
            slot["allDay"] = True
        times.append(slot)
        if s.description:
            texts.append(s.description)
    return times, texts


def wait_extension(f: WaitFacts, location_id) -> dict:
    """Current wait as a complex extension; a figure that was not reported is left out, never zero."""
    parts = [
        {"url": "registrationWeeks", "valueDecimal": _decimal(f.registration_weeks)},
        {"url": "treatmentWeeks", "valueDecimal": _decimal(f.treatment_weeks)},
        {"url": "registrationLowerBound", "valueBoolean": True if f.registration_lower_bound else None},
        {"url": "treatmentLowerBound", "valueBoolean": True if f.treatment_lower_bound else None},
        {"url": "registrationText", "valueString": f.registration_text},
        {"url": "treatmentText", "valueString": f.treatment_text},
        {"url": "waitingCount", "valueInteger": f.waiting_count},
        {"url": "intakeWithinNorm", "valueInteger": f.intake_within_norm},
        {"url": "intakeOutsideNorm", "valueInteger": f.intake_outside_norm},
        {"url": "month", "valueDate": f"{f.month:%Y-%m}"},
        {"url": "method", "valueCoding": {"system": CS_WAIT_METHOD, "code": f.method, "display": f.method_label}},
        {"url": "referenceDate", "valueDate": f.reference_date.isoformat() if f.reference_date else None},
        {"url": "waitKind", "valueCoding": {"system": CS_WAIT_KIND, "code": f.wait_kind, "display": f.wait_kind_label}},
        {"url": "definition", "valueString": f.definition},
        {
            "url": "diagnosisGroup",
            "valueCoding": {"system": CS_DIAGNOSIS, "code": f.diagnosis_group_code, "display": f.diagnosis_group_name},
        }
        if f.diagnosis_group_code
        else None,
        {"url": "location", "valueReference": {"reference": f"Location/{location_id}"}},
    ]
    kept = [p for p in parts if p is not None and next(v for k, v in p.items() if k != "url") is not None]
    return {"url": WAIT_EXTENSION, "extension": kept}


def healthcare_service(s: Service, r: Related) -> dict:
    org = r.organizations.get(s.organization_id)
    sals = r.sals.get(s.id, [])
    # Hours are mostly kept per service-at-location; the service's own hours come first.
    schedules = list(r.schedules_by_service.get(s.id, []))
    for sal in sals:
        schedules += r.schedules_by_sal.get(sal.id, [])
    times, texts = available_times(schedules)
    contained, coverage = [], []
    for m in r.areas.get(s.id, []):
        contained.append(
            {
                "resourceType": "Location",
                "id": f"area-{m.code}",
                "name": f"Gemeente {m.name}",
                "mode": "kind",
                "identifier": [{"system": CBS_SYSTEM, "value": m.code}],
                "physicalType": {"coding": [{"system": PHYSICAL_TYPE, "code": "area", "display": "Area"}]},
            }
        )
        coverage.append({"reference": f"#area-{m.code}", "display": f"Gemeente {m.name}"})
    eligibility_parts = [s.eligibility_description]
    if s.minimum_age is not None or s.maximum_age is not None:
        low = s.minimum_age if s.minimum_age is not None else 0
        eligibility_parts.append(
            f"Leeftijd: {low} jaar"
            + (f" tot en met {s.maximum_age} jaar" if s.maximum_age is not None else " en ouder")
            + "."
        )
    eligibility_parts.append("Verwijzing nodig." if s.referral_required else "Geen verwijzing nodig.")
    referral = []
    if s.phone:
        referral.append({"system": REFERRAL_METHOD, "code": "phone", "display": "Phone"})
    if s.url or s.email:
        referral.append({"system": REFERRAL_METHOD, "code": "elec", "display": "Secure Messaging"})
    stops = r.intake_stops.get(s.id, [])
    extensions = [wait_extension(f, sal.location_id) for sal in sals for f in wait_facts_for(sal, s, r)]
    last = service_last_modified(s, r)
    return _clean(
        {
            "resourceType": "HealthcareService",
            "id": str(s.id),
            "meta": {"lastUpdated": instant(last), "profile": [PROFILES["HealthcareService"]]},
            "contained": contained,
            "extension": extensions,
            "identifier": [{"use": "official", "system": NS_SERVICE, "value": str(s.id)}],
            "active": s.status == "active",
            "providedBy": {"reference": f"Organization/{s.organization_id}", "display": org.name if org else None},
            "category": [{"coding": [{"system": CS_DOMAIN, "code": s.domain, "display": DOMAIN_LABELS.get(s.domain)}]}],
            "type": [{"coding": [{"system": CS_KIND, "code": s.kind}]}],
            "specialty": [
                {"coding": [{"system": CS_NEED, "code": t.code, "display": t.name}]} for t in r.needs.get(s.id, [])
            ],
            "location": [{"reference": f"Location/{sal.location_id}"} for sal in sals],
            "name": s.name,
            "comment": (s.description or "")[:1000] or None,
            "extraDetails": s.how_to_register or None,
            "telecom": telecom(s.phone, s.email, s.url),
            "coverageArea": coverage,
            "eligibility": [{"comment": " ".join(p for p in eligibility_parts if p)}],
            "communication": [{"coding": [{"system": "urn:ietf:bcp:47", "code": c}]} for c in s.languages],
            "referralMethod": [{"coding": [c]} for c in referral],
            "appointmentRequired": s.kind not in ("support_point", "information"),
            "availableTime": times,
            "notAvailable": [
                _clean(
                    {
                        "description": alert_text([stop]),
                        "during": _clean(
                            {
                                "start": stop.starts_on.isoformat(),
                                "end": stop.ends_on.isoformat() if stop.ends_on else None,
                            }
                        ),
                    }
                )
                for stop in stops
            ],
            "availabilityExceptions": "; ".join(texts) or None,
        }
    )


def location(loc: Location, schedules: list[Schedule], municipality_name: str | None = None) -> dict:
    times, _ = available_times(schedules)
    names = {"availableStartTime": "openingTime", "availableEndTime": "closingTime"}  # Location's own names
    hours = [{names.get(k, k): v for k, v in t.items()} for t in times]
    physical = loc.location_type == "physical"
    address = None
    if physical and (loc.address_1 or loc.city or loc.postal_code):
        address = _clean(
            {
                "use": "work",
                "type": "physical",
                "line": [loc.address_1] if loc.address_1 else [],
                "city": loc.city,
                "district": municipality_name,
                "state": "Overijssel",
                "postalCode": loc.postal_code,
                "country": "NL",
            }
        )
    position = None
    if loc.latitude is not None and loc.longitude is not None:
        position = {"latitude": loc.latitude, "longitude": loc.longitude}
    return _clean(
        {
            "resourceType": "Location",
            "id": str(loc.id),
            "meta": {"lastUpdated": instant(loc.updated_at), "profile": [PROFILES["Location"]]},
            "identifier": [{"use": "official", "system": NS_LOCATION, "value": str(loc.id)}]
            + ([{"system": AGB_SYSTEM, "value": loc.agb_code}] if loc.agb_code else []),  # AGB vestigingscode
            "status": "active",
            "name": loc.name,
            "description": loc.description or None,
            "mode": "instance",
            "physicalType": {
                "coding": [
                    {
                        "system": PHYSICAL_TYPE,
                        "code": "bu" if physical else "vi",
                        "display": "Building" if physical else "Virtual",
                    }
                ]
            },
            "address": address,
            "position": position,
            "managingOrganization": {"reference": f"Organization/{loc.organization_id}"},
            "hoursOfOperation": hours,
        }
    )


def organization(org: Organization) -> dict:
    identifiers = [{"use": "secondary", "system": NS_ORGANIZATION, "value": str(org.id)}]
    if org.agb_code:
        identifiers.append({"system": AGB_SYSTEM, "value": org.agb_code})
    if org.kvk_number:
        identifiers.append({"system": KVK_SYSTEM, "value": org.kvk_number})
    return _clean(
        {
            "resourceType": "Organization",
            "id": str(org.id),
            "meta": {"lastUpdated": instant(org.updated_at), "profile": [PROFILES["Organization"]]},
            "identifier": identifiers,
            "active": org.status == "active",
            "type": [{"coding": [{"system": CS_ORG_KIND, "code": org.kind}]}],
            "name": org.name,
            "telecom": telecom(org.phone, org.email, org.website),
        }
    )


def subset(doc: dict, elements: list[str]) -> dict:
    """`_elements`: the mandatory parts and the elements asked for, marked SUBSETTED."""
    keep = {"resourceType", "id", "meta", *elements}
    out = {k: v for k, v in doc.items() if k in keep}
    out["meta"] = {**doc.get("meta", {}), "tag": [SUBSETTED]}
    return out


def operation_outcome(code: str, text: str, severity: str = "error") -> dict:
    return {"resourceType": "OperationOutcome", "issue": [{"severity": severity, "code": code, "diagnostics": text}]}
