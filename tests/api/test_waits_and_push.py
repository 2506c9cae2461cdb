"""Wait-time API (JSON, CSV, filters) and pushes with API keys through the import pipeline."""

import csv
import io
import uuid
from datetime import date

from sqlmodel import select

from tests.api import push_payloads as pp
from waitinfo.apikeys import service as keys
from waitinfo.catalogue.models import Location, Service
from waitinfo.imports.models import ImportRun
from waitinfo.waits.models import WaitTime


def _key(db, org=None, scopes=("read", "push"), rate=600) -> str:
    return keys.create_key(
        db, name="Test-systeem", scopes=list(scopes), organization_id=org.id if org else None, rate_per_minute=rate
    ).plaintext


def test_wait_times_json_latest_and_filters(client, catalogue):
    body = client.get("/api/v1/wait-times").json()
    assert body["total_items"] == 2  # newest per location and diagnosis group
    first = next(r for r in body["contents"] if r["service_name"] == "Behandeling angst")
    assert first["month"] == "2026-10" and first["method"] == "current" and first["reference_date"] == "2026-10-31"
    assert first["wait_kind"] == "ggz_specialist" and first["over_norm"] is True
    assert "Aanmeldwachttijd" in first["definition"] and first["agb_code"] == "94001234"
    social = next(r for r in body["contents"] if r["wait_kind"] == "social")
    assert social["treatment_weeks"] is None  # not reported, never 0
    months = client.get(
        "/api/v1/wait-times", params={"month_from": "2026-01", "month_to": "2026-12", "diagnosis_group": "angst"}
    ).json()
    assert [r["month"] for r in months["contents"]] == ["2026-09", "2026-10"]
    assert client.get("/api/v1/wait-times", params={"municipality": "GM0141"}).json()["total_items"] == 1
    assert client.get("/api/v1/wait-times", params={"subregion": "enschede-hengelo"}).json()["total_items"] == 1
    assert (
        client.get("/api/v1/wait-times", params={"provider": str(catalogue["other"].id)}).json()["contents"][0][
            "wait_kind"
        ]
        == "social"
    )
    reversed_period = client.get("/api/v1/wait-times", params={"month_from": "2026-12", "month_to": "2026-01"})
    assert reversed_period.status_code == 200 and reversed_period.json()["empty"]


def test_wait_times_csv(client, catalogue):
    r = client.get("/api/v1/wait-times", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and {row["method"] for row in rows} == {"current", "realised"}
    assert all(row["definition"] and row["reference_date"] for row in rows)
    assert (
        client.get(
            "/api/v1/wait-times", params={"format": "csv"}, headers={"If-None-Match": r.headers["ETag"]}
        ).status_code
        == 304
    )


def test_push_wait_times_with_own_key(client, db, catalogue):
    org = catalogue["org"]
    key = _key(db, org)
    record = {
        "location_name": catalogue["loc"].name,
        "postal_code": "7511 AA",
        "city": "Enschede",
        "care_type": "specialistische ggz",
        "service_name": "Behandeling angst",
        "diagnosis_group": "angst",
        "registration_weeks": 2,
        "treatment_weeks": 6,
        "month": "2026-11",
        "reference_date": "2026-11-20",
        "method": "actueel",
    }
    r = client.post(
        "/api/v1/wait-times",
        json={"records": [record, {**record, "registration_weeks": "veel"}]},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["rows_total"] == 2 and report["rows_applied"] >= 1
    assert report["errors"] and report["errors"][0]["line"] == 2
    run = db.get(ImportRun, report["import_run_id"])
    assert run.triggered_by == "api" and run.organization_id == org.id
    assert db.exec(select(WaitTime).where(WaitTime.month == date(2026, 11, 1))).first() is not None
    latest = client.get("/api/v1/wait-times", params={"provider": str(org.id)}).json()["contents"]
    assert any(
        x["month"] == "2026-11" and x["method"] == "current" and x["reference_date"] == "2026-11-20" for x in latest
    )


def test_push_refused_for_foreign_organisation_and_read_only_keys(client, db, catalogue):
    own_key = _key(db, catalogue["other"])
    # a service of another organisation
    r = client.put(
        f"/api/hsds/services/{catalogue['svc'].id}",
        json={"name": "Overgenomen", "status": "active"},
        headers={"X-API-Key": own_key},
    )
    assert r.status_code == 403 and "andere aanbieder" in r.json()["detail"]
    assert db.get(Service, catalogue["svc"].id).name == "Behandeling angst"
    r = client.post(
        "/api/v1/wait-times",
        json={"records": [{"organization_id": str(catalogue["org"].id), "location_name": "x"}]},
        headers={"X-API-Key": own_key},
    )
    assert r.status_code == 403
    read_only = _key(db, None, scopes=("read",))
    assert client.post("/api/hsds/services", json={"name": "X"}, headers={"X-API-Key": read_only}).status_code == 403
    assert client.post("/api/hsds/services", json={"name": "X"}).status_code == 401
    assert (
        client.post("/api/hsds/services", json={"name": "X"}, headers={"X-API-Key": "wik_00000000_onzin"}).status_code
        == 401
    )


def test_push_hsds_service_creates_and_updates_own_service(client, db, catalogue):
    key = _key(db, catalogue["other"])
    doc = pp.service("Nieuwe inloop (fictief)", description="Open inloop.")
    r = client.post("/api/hsds/services", json=doc, headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200, r.text
    assert r.json()["rows_applied"] == 1
    created = db.exec(select(Service).where(Service.name == "Nieuwe inloop (fictief)")).one()
    assert created.organization_id == catalogue["other"].id and str(created.id) == doc["id"]
    r = client.put(
        f"/api/hsds/services/{created.id}",
        json={**doc, "description": "Nu ook op zaterdag."},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 200, r.text
    db.refresh(created)
    assert created.description == "Nu ook op zaterdag."


def test_method_and_reference_date_round_trip_push_hsds_fhir(client, db, catalogue):
    key = _key(db, catalogue["org"])
    doc = pp.service("Traumabehandeling (fictief)", city="Enschede", postal="7512 BB", loc_name="Vestiging Zuid")
    sal = doc["service_at_locations"][0]
    sal["attributes"] = pp.wait_attributes(
        sal["id"],
        {
            "registration_wait_weeks": "6",
            "treatment_wait_weeks": "11",
            "wait_method": "current",
            "reference_date": "2026-11-18",
            "wait_month": "2026-11",
            "diagnosis_group": "angst",
        },
    )
    r = client.post("/api/hsds/services", json=doc, headers={"X-API-Key": key})
    assert r.status_code == 200 and r.json()["rows_applied"] == 1, r.text
    svc = db.exec(select(Service).where(Service.name == "Traumabehandeling (fictief)")).one()
    assert svc.status == "pending"  # a pushed new service waits for the coordinator
    svc.status = "active"  # approved, and its new location too
    db.get(Location, uuid.UUID(sal["location"]["id"])).status = "active"
    db.add(svc)
    db.flush()
    hsds = client.get(f"/api/hsds/services/{svc.id}").json()
    wait = {a["taxonomy_term"]["code"]: a["value"] for a in hsds["service_at_locations"][0]["attributes"]}
    assert wait["wait_method"] == "current" and wait["reference_date"] == "2026-11-18"
    assert wait["registration_wait_weeks"] == "6" and wait["wait_kind"] == svc.wait_kind
    fhir = client.get(f"/fhir/HealthcareService/{svc.id}").json()
    parts = {p["url"]: p for p in fhir["extension"][0]["extension"]}
    assert parts["method"]["valueCoding"]["code"] == "current"
    assert parts["referenceDate"]["valueDate"] == "2026-11-18"
    figure = client.get(
        "/api/v1/wait-times", params={"provider": str(catalogue["org"].id), "month_from": "2026-11"}
    ).json()["contents"]
    assert any(f["service_name"] == "Traumabehandeling (fictief)" and f["method"] == "current" for f in figure)


def test_push_answers_rejected_report_and_id_conflict(client, db, catalogue):
    key = _key(db, catalogue["other"])
    r = client.post(
        "/api/v1/wait-times", json={"records": [{"registration_weeks": "veel"}]}, headers={"X-API-Key": key}
    )
    assert r.status_code == 200 and r.json()["status"] == "rejected" and r.json()["errors"]
    other_id = "3f0e4c1a-0000-4000-8000-000000000001"
    r = client.put(
        f"/api/hsds/services/{catalogue['social'].id}", json={"id": other_id, "name": "X"}, headers={"X-API-Key": key}
    )
    assert r.status_code == 409 and "verschillen" in r.json()["detail"]
