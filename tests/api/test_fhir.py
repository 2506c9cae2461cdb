"""FHIR R4 export: every resource validates with fhir.resources (R4B classes, identical for these resources)."""

from datetime import UTC, datetime, timedelta

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.organization import Organization

from waitinfo.fhir.mapping import AGB_SYSTEM, WAIT_EXTENSION

CLASSES = {"HealthcareService": HealthcareService, "Location": Location, "Organization": Organization}


def _get(client, url, **params):
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/fhir+json")
    return r.json()


def test_capability_statement(client):
    body = _get(client, "/fhir/metadata")
    cs = CapabilityStatement.model_validate(body)
    assert cs.fhirVersion == "4.0.1"
    assert {r.type for r in cs.rest[0].resource} == set(CLASSES)


def test_bundles_and_reads_validate(client, catalogue):
    for kind, cls in CLASSES.items():
        body = _get(client, f"/fhir/{kind}", _count=200)
        bundle = Bundle.model_validate(body)
        assert bundle.type == "searchset" and bundle.total == len(bundle.entry) >= 2
        for entry in body["entry"]:
            cls.model_validate(entry["resource"])
            one = _get(client, f"/fhir/{kind}/{entry['resource']['id']}")
            assert cls.model_validate(one).id == entry["resource"]["id"]


def test_healthcare_service_mapping(client, catalogue):
    doc = _get(client, f"/fhir/HealthcareService/{catalogue['svc'].id}")
    hs = HealthcareService.model_validate(doc)
    assert hs.availableTime[0].daysOfWeek == ["mon", "wed"]
    assert str(hs.availableTime[0].availableStartTime) == "09:00:00"
    assert {c.display for c in hs.coverageArea} == {"Gemeente Enschede", "Gemeente Hengelo"}
    assert "Verwijzing nodig" in hs.eligibility[0].comment
    assert {c.coding[0].code for c in hs.referralMethod} == {"phone"}
    assert hs.telecom[0].value == "053-0000001"
    (ext,) = [e for e in doc["extension"] if e["url"] == WAIT_EXTENSION]
    parts = {p["url"]: p for p in ext["extension"]}
    assert parts["registrationWeeks"]["valueDecimal"] == 5 and parts["treatmentWeeks"]["valueDecimal"] == 9.5
    assert parts["method"]["valueCoding"]["code"] == "current"
    assert parts["referenceDate"]["valueDate"] == "2026-10-31"
    assert parts["waitKind"]["valueCoding"]["code"] == "ggz_specialist"
    assert "Aanmeldwachttijd" in parts["definition"]["valueString"]
    org = _get(client, f"/fhir/Organization/{catalogue['org'].id}")
    assert {"system": AGB_SYSTEM, "value": "94001234"} in org["identifier"]


def test_social_service_has_intake_stop_and_no_invented_treatment_wait(client, catalogue):
    doc = _get(client, f"/fhir/HealthcareService/{catalogue['social'].id}")
    HealthcareService.model_validate(doc)
    assert doc["notAvailable"][0]["description"].startswith("Aanmeldstop")
    parts = {p["url"] for e in doc["extension"] for p in e["extension"]}
    assert "treatmentWeeks" not in parts and "waitKind" in parts


def test_search_parameters_and_paging(client, catalogue):
    body = _get(client, "/fhir/HealthcareService", _count=1)
    links = {x["relation"]: x["url"] for x in body["link"]}
    assert body["total"] == 2 and len(body["entry"]) == 1 and "next" in links
    assert links["next"].startswith("http://127.0.0.1:8000/fhir/")  # the configured public address
    nxt = client.get(links["next"].removeprefix("http://127.0.0.1:8000"))
    assert nxt.status_code == 200 and nxt.json()["entry"][0]["resource"]["id"] != body["entry"][0]["resource"]["id"]
    one = _get(client, "/fhir/HealthcareService", _id=str(catalogue["social"].id))
    assert [e["resource"]["name"] for e in one["entry"]] == ["Maatschappelijk werk"]
    future = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    assert _get(client, "/fhir/HealthcareService", _lastUpdated=f"ge{future}")["total"] == 0
    assert _get(client, "/fhir/Organization", _lastUpdated="ge2020-01-01")["total"] >= 2
    bad = client.get("/fhir/Location", params={"_lastUpdated": "gisteren"})
    assert bad.status_code == 400 and bad.json()["resourceType"] == "OperationOutcome"
    assert "gisteren" in bad.json()["issue"][0]["diagnostics"]
    missing = client.get("/fhir/Location/onbekend")
    assert missing.status_code == 404 and missing.json()["issue"][0]["code"] == "not-found"


def test_wait_extension_definition_is_served_and_covers_every_part(client, catalogue):
    from fhir.resources.R4B.structuredefinition import StructureDefinition

    body = _get(client, "/fhir/StructureDefinition/wait-time")
    sd = StructureDefinition.model_validate(body)
    assert sd.url == WAIT_EXTENSION
    defined = {e.sliceName for e in sd.differential.element if e.sliceName}
    doc = _get(client, f"/fhir/HealthcareService/{catalogue['svc'].id}")
    used = {p["url"] for e in doc["extension"] for p in e["extension"]}
    assert used <= defined
