"""HSDS 3.0 completeness: per_page capped, the official parameters on every endpoint, ndjson with tombstones and
`full`, wait figures as service_at_location attributes findable by diagnosis-group term, problem+json errors,
and stored documents outdated by a new document shape. Output checked against the official schemas."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tests.api.conftest import HSDS, assert_hsds
from waitinfo.geo.models import GeocodeCache
from waitinfo.hsds import documents
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY, stable_uuid

BASE = "/api/hsds"
needs_official = pytest.mark.skipif(
    not HSDS.exists(), reason="the vendored HSDS 3.0 schemas (tests/vendor/hsds-3.0) are missing"
)


def _lines(client, path, **params) -> list[dict]:
    r = client.get(BASE + path, params={"format": "ndjson", **params})
    assert r.status_code == 200, r.text
    return [json.loads(line) for line in r.text.splitlines() if line]


def test_per_page_is_capped_not_refused_and_ignored_for_ndjson(client, catalogue):
    r = client.get(BASE + "/services", params={"per_page": 1000})
    assert r.status_code == 200 and r.json()["total_items"] == 2
    assert len(_lines(client, "/services", per_page=1000)) == 2
    assert len(_lines(client, "/service_at_locations", per_page=1)) == 2  # no paging in ndjson


@needs_official
def test_wait_attributes_link_to_the_service_at_location_and_find_by_diagnosis_group(client, catalogue):
    sal_id = str(catalogue["sal"].id)
    doc = client.get(f"{BASE}/service_at_locations/{sal_id}").json()
    assert_hsds(doc, "compiled/service_at_location.json")
    waits = [a for a in doc["attributes"] if a["link_type"] == "wait_time"]
    assert waits and {a["link_entity"] for a in waits} == {"service_at_location"}
    assert {a["link_id"] for a in waits} == {sal_id}
    group = str(stable_uuid("term", DIAGNOSIS_TAXONOMY, "angst"))
    assert group in {a["taxonomy_term_id"] for a in waits}
    assert len({a["id"] for a in waits}) == len(waits)  # ids stay unique per observation
    found = client.get(BASE + "/service_at_locations", params={"taxonomy_term_id": group}).json()["contents"]
    assert [x["id"] for x in found] == [sal_id]
    services = client.get(BASE + "/services", params={"taxonomy_term_id": group}).json()["contents"]
    assert [s["id"] for s in services] == [str(catalogue["svc"].id)]


@needs_official
def test_official_parameters(client, db, catalogue):
    # taxonomy_terms: top_only and parent_id
    terms = client.get(BASE + "/taxonomy_terms", params={"top_only": "true", "per_page": 200}).json()["contents"]
    assert terms and all("parent_id" not in t for t in terms)
    parent = stable_uuid("term", NEEDS_TAXONOMY, "angst")
    db.execute(
        text("update taxonomy_term set parent_id = :p where id = :c"),
        {"p": parent, "c": stable_uuid("term", NEEDS_TAXONOMY, "somberheid")},
    )
    children = client.get(BASE + "/taxonomy_terms", params={"parent_id": str(parent)}).json()["contents"]
    assert [t["code"] for t in children] == ["somberheid"]
    for t in children:
        assert_hsds(t, "taxonomy_term.json")
    # organizations: full_service nests the full services
    org = client.get(f"{BASE}/organizations/{catalogue['org'].id}", params={"full_service": "true"}).json()
    assert_hsds(org, "compiled/organization.json")
    assert org["services"][0]["service_at_locations"]
    listed = client.get(BASE + "/organizations", params={"full_service": "true"}).json()["contents"]
    assert any(o.get("services") for o in listed)
    # service_at_locations: postcode (coverage) and proximity
    db.add(
        GeocodeCache(
            query="postcode:7511 aa",
            result={
                "label": "7511 AA Enschede",
                "latitude": 52.22,
                "longitude": 6.89,
                "municipality_code": "GM0153",
                "municipality_name": "Enschede",
                "status": "found",
            },
        )
    )
    db.flush()
    near = client.get(BASE + "/service_at_locations", params={"postcode": "7511AA"}).json()["contents"]
    assert [x["id"] for x in near] == [str(catalogue["sal"].id)]
    far = client.get(BASE + "/service_at_locations", params={"postcode": "7511 AA", "proximity": 10})
    assert far.status_code == 200 and far.json()["contents"] == []  # the location has no coordinates
    unknown = client.get(BASE + "/service_at_locations", params={"postcode": "9999 ZZ"})
    assert unknown.status_code == 422 and unknown.headers["content-type"] == "application/problem+json"
    alone = client.get(BASE + "/service_at_locations", params={"proximity": 500})
    assert alone.status_code == 422 and "postcode" in alone.json()["detail"]


@needs_official
def test_ndjson_has_tombstones_and_full(client, db, catalogue):
    full = _lines(client, "/service_at_locations", full="true")
    assert all("service" in x for x in full)
    for x in full:
        assert_hsds(x, "compiled/service_at_location.json")
    orgs = _lines(client, "/organizations", full="true")
    assert any("services" in o for o in orgs)
    since = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    catalogue["social"].status = "defunct"  # no longer published: its service_at_location is gone for consumers
    catalogue["other"].status = "defunct"
    db.add_all([catalogue["social"], catalogue["other"]])
    db.flush()
    page = client.get(BASE + "/service_at_locations", params={"modified_after": since}).json()
    lines = _lines(client, "/service_at_locations", modified_after=since)
    tomb = {x["id"] for x in lines if x.get("deleted")}
    assert tomb == {d["id"] for d in page["deletions"]} and str(catalogue["sal2"].id) in tomb
    org_lines = _lines(client, "/organizations", modified_after=since)
    assert str(catalogue["other"].id) in {x["id"] for x in org_lines if x.get("deleted")}


def test_errors_are_problem_json_in_dutch_and_english(client, catalogue):
    r = client.get(BASE + "/services", params={"page": 0})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 422 and body["title"] == "Ongeldige parameters" and r.headers["content-language"] == "nl"
    assert body["errors"][0]["loc"] == ["query", "page"] and body["errors"][0]["msg"] == "Moet ten minste 1 zijn."
    en = client.get(BASE + "/services", params={"page": 0}, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert en.headers["content-language"] == "en" and en.json()["title"] == "Invalid parameters"
    assert en.json()["errors"][0]["msg"] == "Must be at least 1."
    missing = client.get(BASE + "/services/00000000-0000-0000-0000-000000000000", headers={"Accept-Language": "en"})
    assert missing.status_code == 404 and missing.json()["detail"].startswith("Nothing found")
    assert "Geen dienst" in missing.json()["detail_nl"]


def test_new_document_shape_outdates_stored_documents(client, db, catalogue, monkeypatch):
    client.get(BASE + "/services", params={"full": "true"})  # builds and stores the documents
    published = {catalogue["svc"].id, catalogue["social"].id}
    assert not published & set(documents.stale_ids(db))
    monkeypatch.setattr(documents, "SHAPE_VERSION", documents.SHAPE_VERSION + 1)
    assert set(documents.stale_ids(db)) >= published
