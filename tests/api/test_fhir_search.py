"""FHIR for mCSD clients: search parameters, _include/_revinclude, _summary, _elements, strict handling, capped
_count, partial dates, type-level _history, identifiers, profiles, hours from service-at-location schedules,
CodeSystems/NamingSystems at the URLs they name. Every resource validates against the fhir.resources R4(B) models."""

from datetime import UTC, datetime, time, timedelta

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.location import Location
from fhir.resources.R4B.namingsystem import NamingSystem
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.organization import Organization

from tests import factories as fx
from waitinfo.catalogue.models import Schedule
from waitinfo.fhir import mapping

CLASSES = {
    "HealthcareService": HealthcareService,
    "Location": Location,
    "Organization": Organization,
    "OperationOutcome": OperationOutcome,
}


def _bundle(client, url, headers=None, **params) -> dict:
    r = client.get(url, params=params, headers=headers or {})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/fhir+json")
    body = r.json()
    Bundle.model_validate(body)
    for e in body.get("entry", []):
        if "resource" in e:
            CLASSES[e["resource"]["resourceType"]].model_validate(e["resource"])
    return body


def _ids(body, mode="match") -> set[str]:
    return {e["resource"]["id"] for e in body.get("entry", []) if e.get("search", {}).get("mode") == mode}


def test_search_parameters(client, catalogue):
    svc, social = str(catalogue["svc"].id), str(catalogue["social"].id)
    hs = "/fhir/HealthcareService"
    assert _ids(_bundle(client, hs, name="behandeling")) == {svc}
    assert _ids(_bundle(client, hs, **{"name:contains": "werk"})) == {social}
    assert _ids(_bundle(client, hs, **{"name:exact": "Behandeling"})) == set()
    assert _ids(_bundle(client, hs, organization=f"Organization/{catalogue['org'].id}")) == {svc}
    assert _ids(_bundle(client, hs, location=str(catalogue["loc2"].id))) == {social}
    assert _ids(_bundle(client, hs, active="true")) == {svc, social}
    assert _ids(_bundle(client, hs, identifier=f"{mapping.NS_SERVICE}|{svc}")) == {svc}
    assert _ids(_bundle(client, hs, **{"service-category": "social"})) == {social}
    assert _ids(_bundle(client, hs, **{"service-type": f"{mapping.CS_KIND}|consultation"})) == {social}
    assert _ids(_bundle(client, hs, specialty="angst")) == {svc}
    loc = "/fhir/Location"
    assert str(catalogue["loc"].id) in _ids(_bundle(client, loc, **{"address-postalcode": "7511aa"}))
    assert _ids(_bundle(client, loc, **{"address-postalcode": "9999"})) == set()
    assert _ids(_bundle(client, loc, organization=str(catalogue["other"].id))) == {str(catalogue["loc2"].id)}
    org = "/fhir/Organization"
    assert _ids(_bundle(client, org, identifier=f"{mapping.AGB_SYSTEM}|94001234")) == {str(catalogue["org"].id)}
    assert _ids(_bundle(client, org, identifier="http://example.org/other|94001234")) == set()
    assert _ids(_bundle(client, org, type="welfare")) == {str(catalogue["other"].id)}


def test_include_revinclude_summary_elements(client, catalogue):
    svc = str(catalogue["svc"].id)
    body = _bundle(
        client,
        "/fhir/HealthcareService",
        _id=svc,
        _include=["HealthcareService:organization", "HealthcareService:location"],
    )
    assert _ids(body) == {svc}
    assert _ids(body, "include") == {str(catalogue["org"].id), str(catalogue["loc"].id)}
    rev = _bundle(
        client, "/fhir/Organization", _id=str(catalogue["org"].id), _revinclude="HealthcareService:organization"
    )
    assert svc in _ids(rev, "include")
    count = _bundle(client, "/fhir/HealthcareService", _summary="count")
    assert count["total"] == 2 and "entry" not in count
    slim = _bundle(client, "/fhir/HealthcareService", _id=svc, _elements="name,active")
    res = slim["entry"][0]["resource"]
    assert set(res) == {"resourceType", "id", "meta", "name", "active"}
    assert res["meta"]["tag"][0]["code"] == "SUBSETTED"


def test_unknown_parameters_strict_and_lenient(client, catalogue):
    lenient = _bundle(client, "/fhir/HealthcareService", colour="blauw")
    (outcome,) = [e["resource"] for e in lenient["entry"] if e["search"]["mode"] == "outcome"]
    assert "colour" in outcome["issue"][0]["diagnostics"] and outcome["issue"][0]["severity"] == "warning"
    assert lenient["total"] == 2  # ignored, not applied
    strict = client.get("/fhir/HealthcareService", params={"colour": "blauw"}, headers={"Prefer": "handling=strict"})
    assert strict.status_code == 400
    OperationOutcome.model_validate(strict.json())
    assert "colour" in strict.json()["issue"][0]["diagnostics"]


def test_errors_are_operation_outcomes_count_capped_partial_dates(client, catalogue):
    for r in (
        client.get("/fhir/HealthcareService", params={"_lastUpdated": "gisteren"}),
        client.get("/fhir/HealthcareService", params={"active": "misschien"}),
        client.get("/fhir/HealthcareService/geen-id"),
        client.get("/fhir/Organization", headers={"X-API-Key": "wik_00000000_onzin"}),
        client.get("/fhir/CodeSystem/bestaat-niet"),
    ):
        assert r.status_code in (400, 401, 404), r.text
        assert r.headers["content-type"].startswith("application/fhir+json")
        OperationOutcome.model_validate(r.json())
    capped = _bundle(client, "/fhir/HealthcareService", _count="1000")
    assert "_count=200" in capped["link"][0]["url"]
    now = datetime.now(UTC)
    assert _bundle(client, "/fhir/HealthcareService", _lastUpdated=f"ge{now:%Y-%m}")["total"] == 2
    assert _bundle(client, "/fhir/HealthcareService", _lastUpdated=f"lt{now:%Y}")["total"] == 0
    assert _bundle(client, "/fhir/HealthcareService", _lastUpdated=f"ge{now.year + 1}")["total"] == 0


def test_history_reports_changes_and_removals(client, db, catalogue):
    since = datetime.now(UTC) - timedelta(seconds=1)
    body = _bundle(client, "/fhir/HealthcareService/_history", _since=since.isoformat())
    assert body["type"] == "history"
    before = {e["resource"]["id"] for e in body["entry"] if e["request"]["method"] == "PUT"}
    # not public (here: pending) goes out as a removal only, never with its content
    gone = {e["request"]["url"] for e in body["entry"] if e["request"]["method"] == "DELETE"}
    assert gone == {f"HealthcareService/{catalogue['hidden'].id}"}
    assert str(catalogue["svc"].id) in before
    # the service ends (defunct) and another is deleted: both reach the client as DELETE
    catalogue["svc"].status = "defunct"
    db.add(catalogue["svc"])
    db.delete(catalogue["social"])
    db.flush()
    after = _bundle(client, "/fhir/HealthcareService/_history", _since=since.isoformat())
    deleted = {e["request"]["url"] for e in after["entry"] if e["request"]["method"] == "DELETE"}
    assert deleted >= {f"HealthcareService/{catalogue['svc'].id}", f"HealthcareService/{catalogue['social'].id}"}
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert _bundle(client, "/fhir/Organization/_history", _since=future)["total"] == 0
    bad = client.get("/fhir/Location/_history", params={"_since": "gisteren"})
    assert bad.status_code == 400 and bad.json()["resourceType"] == "OperationOutcome"


def test_hours_identifiers_profiles(client, db, catalogue):
    org = fx.organization(db, "Praktijk Uren (fictief)")
    loc = fx.location(db, org, "GM0153")
    svc = fx.service(db, org, "Spreekuur")
    sal = fx.at_location(db, svc, loc)
    db.add(Schedule(service_at_location_id=sal.id, byday="TU,TH", opens_at=time(8, 30), closes_at=time(12)))
    db.flush()
    hs = _bundle(client, "/fhir/HealthcareService", _id=str(svc.id))["entry"][0]["resource"]
    assert hs["availableTime"][0]["daysOfWeek"] == ["tue", "thu"]
    assert hs["meta"]["profile"] == [mapping.PROFILES["HealthcareService"]]
    assert hs["identifier"][0] == {"use": "official", "system": mapping.NS_SERVICE, "value": str(svc.id)}
    location = client.get(f"/fhir/Location/{loc.id}").json()
    Location.model_validate(location)
    assert location["hoursOfOperation"][0]["openingTime"] == "08:30:00"
    assert location["identifier"][0]["system"] == mapping.NS_LOCATION
    plain = client.get(f"/fhir/Organization/{org.id}").json()  # no AGB, no KvK: still our own identifier
    assert plain["identifier"] == [{"use": "secondary", "system": mapping.NS_ORGANIZATION, "value": str(org.id)}]


def test_code_and_naming_systems_served_where_named(client, catalogue):
    doc = client.get(f"/fhir/HealthcareService/{catalogue['svc'].id}").json()
    systems = {c["system"] for cc in doc["category"] + doc["type"] + doc["specialty"] for c in cc["coding"]}
    systems |= {p["valueCoding"]["system"] for e in doc["extension"] for p in e["extension"] if "valueCoding" in p}
    for system in systems:
        assert system.startswith(mapping.BASE + "/CodeSystem/")
        r = client.get(system.replace(mapping.BASE, "/fhir"))
        assert r.status_code == 200, system
        cs = CodeSystem.model_validate(r.json())
        assert cs.url == system and cs.concept
    for system in (mapping.NS_SERVICE, mapping.NS_LOCATION, mapping.NS_ORGANIZATION):
        ns = NamingSystem.model_validate(client.get(system.replace(mapping.BASE, "/fhir")).json())
        assert ns.uniqueId[0].value == system
    meta = client.get("/fhir/metadata").json()
    assert meta["copyright"] and meta["contact"][0]["telecom"][0]["value"]
    hs = [r for r in meta["rest"][0]["resource"] if r["type"] == "HealthcareService"][0]
    assert {"name", "organization", "location", "identifier"} <= {p["name"] for p in hs["searchParam"]}
    assert {"code": "history-type"} in hs["interaction"]
