"""Push keeps the catalogue valid: official HSDS schema with formats, UUID ids, pending until approved,
unchanged objects not rewritten, HSDS need attributes, wait figures for unknown services held."""

import json
import uuid
from datetime import date

import jsonschema_rs
import pytest
from sqlmodel import select

from tests.api import push_payloads as pp
from tests.api.conftest import HSDS
from waitinfo.accounts.models import User
from waitinfo.apikeys import service as keys
from waitinfo.catalogue.models import Location, Service, ServiceAtLocation, ServiceNeed
from waitinfo.hsds import push_check
from waitinfo.portal import approvals
from waitinfo.reference.ids import NEEDS_TAXONOMY, stable_uuid
from waitinfo.waits.models import WaitTime
from waitinfo.web.routes.api_hsds_push import PUSH_EXAMPLE


@pytest.fixture
def coordinator(db):
    user = User(email="coordinator@twente.example", role="coordinator")
    db.add(user)
    db.flush()
    return user


def _key(db, org) -> dict:
    plain = keys.create_key(db, name="Pusher", scopes=["read", "push"], organization_id=org.id).plaintext
    return {"X-API-Key": plain}


def _official_errors(doc: dict) -> list[str]:
    return [f"{list(e.instance_path)}: {e.message}" for e in push_check._validator().iter_errors(doc)]


def test_vendored_schema_is_the_official_one():
    import lzma
    from importlib import resources

    official = lzma.decompress((HSDS / "compiled" / "service.json.xz").read_bytes())  # tests/vendor copy
    vendored = resources.files("waitinfo.hsds").joinpath("official/service.json").read_text("utf-8")
    assert json.loads(vendored) == json.loads(official)
    assert resources.files("waitinfo.hsds").joinpath("official/LICENSE").is_file()


def test_invalid_objects_are_rejected_before_anything_is_stored(client, db, catalogue):
    headers = _key(db, catalogue["other"])
    bad = pp.service("Foute dienst (fictief)", email="nope", url="ftp//x")
    bad["id"] = "dienst-1"
    before = db.exec(select(Service)).all()
    r = client.post("/api/hsds/services", json=[bad], headers=headers)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["status"] == "rejected" and report["import_run_id"] is None
    by_field = {e["field"]: e["message"] for e in report["errors"]}
    assert "geen UUID" in by_field["id"]
    assert "e-mailadres" in by_field["email"] and "URL" in by_field["url"]
    assert "niets opgeslagen" in report["message"]
    assert len(db.exec(select(Service)).all()) == len(before)
    # a missing nested id is named with its path
    no_ids = pp.service("Zonder ids (fictief)")
    del no_ids["service_at_locations"][0]["location"]["id"]
    errors = client.post("/api/hsds/services", json=no_ids, headers=headers).json()["errors"]
    assert any(e["field"] == "service_at_locations[0].location.id" and "ontbreekt" in e["message"] for e in errors)
    # the published catalogue still validates against the official schema
    for doc in client.get("/api/hsds/services", params={"full": "true"}).json()["contents"]:
        assert not _official_errors(doc)


def test_documented_example_validates_and_new_objects_are_pending_until_approved(client, db, catalogue, coordinator):
    assert not _official_errors(PUSH_EXAMPLE)
    headers = _key(db, catalogue["org"])
    r = client.post("/api/hsds/services", json=PUSH_EXAMPLE, headers=headers)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["status"] == "applied", report
    sid = PUSH_EXAMPLE["id"]
    sal_id = PUSH_EXAMPLE["service_at_locations"][0]["id"]
    loc_id = PUSH_EXAMPLE["service_at_locations"][0]["location"]["id"]
    assert set(report["created"]) == {sid, sal_id, loc_id}
    assert set(report["pending"]) == {sid, loc_id} and report["changed"] == []
    svc = db.get(Service, uuid.UUID(sid))
    assert svc.status == "pending" and db.get(Location, uuid.UUID(loc_id)).status == "pending"
    assert db.get(ServiceAtLocation, uuid.UUID(sal_id)).service_id == svc.id  # the pushed id is kept
    assert db.get(ServiceNeed, (svc.id, stable_uuid("term", NEEDS_TAXONOMY, "angst"))) is not None
    # not public anywhere
    assert client.get(f"/api/hsds/services/{sid}").status_code == 404
    assert client.get(f"/api/hsds/service_at_locations/{sal_id}").status_code == 404
    assert client.get(f"/fhir/Location/{loc_id}").status_code == 404
    assert client.get(f"/fhir/HealthcareService/{sid}").status_code == 404
    listed = client.get("/fhir/Location", params={"_count": 100}).json()["entry"]
    assert loc_id not in {e["resource"]["id"] for e in listed}
    figures = client.get("/api/v1/wait-times", params={"provider": str(catalogue["org"].id)}).json()["contents"]
    assert sid not in {f["service_id"] for f in figures}
    # a push cannot approve itself
    again = {**PUSH_EXAMPLE, "description": "Nu ook online."}
    assert client.post("/api/hsds/services", json=again, headers=headers).json()["changed"] == [sid]
    db.refresh(svc)
    assert svc.status == "pending"
    # the coordinator approves: public
    approvals.decide(db, "service", svc.id, True, user=coordinator)
    approvals.decide(db, "location", uuid.UUID(loc_id), True, user=coordinator)
    db.flush()
    doc = client.get(f"/api/hsds/services/{sid}").json()
    assert doc["service_at_locations"][0]["location"]["id"] == loc_id
    assert not _official_errors(doc)


def test_unchanged_push_does_not_move_last_modified(client, db, catalogue):
    headers = _key(db, catalogue["other"])
    doc = pp.service("Inloop (fictief)", description="Open inloop.")
    first = client.post("/api/hsds/services", json=doc, headers=headers).json()
    assert first["status"] == "applied" and doc["id"] in first["created"]
    svc = db.get(Service, uuid.UUID(doc["id"]))
    stamp = svc.updated_at
    second = client.post("/api/hsds/services", json=doc, headers=headers).json()
    assert second["status"] == "unchanged" and second["unchanged"] == [doc["id"]]
    db.refresh(svc)
    assert svc.updated_at == stamp
    changed = client.put(
        f"/api/hsds/services/{doc['id']}", json={**doc, "description": "Ook op zaterdag."}, headers=headers
    )
    assert changed.json()["changed"] == [doc["id"]] and changed.json()["created"] == []
    db.refresh(svc)
    assert svc.description == "Ook op zaterdag." and svc.updated_at > stamp


def test_location_of_another_provider_is_refused(client, db, catalogue):
    headers = _key(db, catalogue["other"])
    doc = pp.service("Kaping (fictief)")
    doc["service_at_locations"][0]["location"]["id"] = str(catalogue["loc"].id)
    r = client.post("/api/hsds/services", json=doc, headers=headers)
    assert r.status_code == 403 and "andere aanbieder" in r.json()["detail"]


def test_wait_figures_as_sal_attributes_by_term_id(client, db, catalogue, coordinator):
    headers = _key(db, catalogue["org"])
    doc = pp.service("Traumazorg (fictief)", city="Enschede", postal="7512 BB", loc_name="Vestiging Zuid")
    sal = doc["service_at_locations"][0]
    sal["attributes"] = pp.wait_attributes(
        sal["id"], {"registration_wait_weeks": "4", "wait_month": "2026-11", "diagnosis_group": "angst"}, "a"
    ) + pp.wait_attributes(sal["id"], {"registration_wait_weeks": "9", "wait_month": "2026-11"}, "b")
    assert not _official_errors(doc)
    report = client.post("/api/hsds/services", json=doc, headers=headers).json()
    assert report["status"] == "applied", report
    waits = db.exec(select(WaitTime).where(WaitTime.service_at_location_id == uuid.UUID(sal["id"]))).all()
    assert sorted(float(w.registration_weeks) for w in waits) == [4.0, 9.0]
    assert all(w.month == date(2026, 11, 1) for w in waits)


def test_pushed_wait_figures_for_an_unknown_service_are_held(client, db, catalogue):
    headers = _key(db, catalogue["org"])
    record = {
        "location_name": "Vestiging Centrum",
        "postal_code": "7511 AA",
        "city": "Enschede",
        "care_type": "basis-ggz",
        "service_name": "Behandeling angstklachten (nieuw)",
        "registration_weeks": 3,
        "treatment_weeks": 7,
        "month": "2026-10",
        "reference_date": "2026-10-31",
        "method": "gerealiseerd",
    }
    r = client.post("/api/v1/wait-times", json={"records": [record]}, headers=headers)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["status"] == "applied" and report["pending"], report
    svc = db.exec(select(Service).where(Service.name == "Behandeling angstklachten (nieuw)")).one()
    assert svc.status == "pending" and str(svc.id) in report["pending"]
    figures = client.get("/api/v1/wait-times", params={"provider": str(catalogue["org"].id)}).json()["contents"]
    assert str(svc.id) not in {f["service_id"] for f in figures}
    assert client.get(f"/api/hsds/services/{svc.id}").status_code == 404


def test_vendored_validator_checks_formats():
    v = jsonschema_rs.validator_for({"type": "string", "format": "email"}, validate_formats=True)
    assert not v.is_valid("nope") and v.is_valid("info@praktijk.example")
