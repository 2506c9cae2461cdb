"""Incremental sync: a consumer mirrors the catalogue through modified_after and ends identical; ndjson streams."""

import json
from datetime import UTC, date, datetime, timedelta

from fastapi.responses import StreamingResponse

from tests import factories as fx
from tests.api.conftest import assert_hsds
from waitinfo.catalogue.models import Service

BASE = "/api/hsds"


def _all_services(client, **params) -> tuple[dict[str, dict], list[dict]]:
    out, deletions, page = {}, [], 1
    while True:
        body = client.get(BASE + "/services", params={"full": "true", "per_page": 2, "page": page, **params}).json()
        for doc in body["contents"]:
            out[doc["id"]] = doc
        deletions += body.get("deletions", [])
        if body["last_page"]:
            return out, deletions
        page += 1


def _sync(client, mirror: dict, since: datetime) -> None:
    changed, deletions = _all_services(client, modified_after=since.isoformat())
    for doc in changed.values():
        assert_hsds(doc, "compiled/service.json")
        if doc["status"] == "defunct":
            mirror.pop(doc["id"], None)
        else:
            mirror[doc["id"]] = doc
    for d in deletions:
        mirror.pop(d["id"], None)


def test_consumer_mirrors_catalogue_over_create_edit_delete(client, db, catalogue):
    mirror, _ = _all_services(client)
    assert len(mirror) == 2
    since = datetime.now(UTC) - timedelta(seconds=1)  # a consumer keeps a small overlap

    # round 1: create a service, edit one, add a wait figure to the other
    new_org = fx.organization(db, "Nieuwe Praktijk (fictief)")
    new = fx.service(db, new_org, "Nieuwe groep", needs=("somberheid",))
    fx.at_location(db, new, fx.location(db, new_org, "GM0164"))
    catalogue["svc"].description = "Aangepaste omschrijving"
    db.add(catalogue["svc"])
    fx.wait(db, catalogue["sal2"], date(2026, 11, 1), 4, None, method="current", reference_date=date(2026, 11, 20))
    db.flush()
    _sync(client, mirror, since)
    assert mirror == _all_services(client)[0]
    assert mirror[str(catalogue["svc"].id)]["description"] == "Aangepaste omschrijving"
    since2 = datetime.now(UTC) - timedelta(seconds=1)

    # round 2: delete a service for real, withdraw another (pending), rename a location
    db.delete(db.get(Service, catalogue["social"].id))
    catalogue["svc"].status = "pending"
    catalogue["loc"].name = "Nieuwe vestigingsnaam"
    db.add_all([catalogue["svc"], catalogue["loc"]])
    db.flush()
    changed, deletions = _all_services(client, modified_after=since2.isoformat())
    assert str(catalogue["social"].id) in {d["id"] for d in deletions}
    assert changed[str(catalogue["svc"].id)]["status"] == "defunct"
    _sync(client, mirror, since2)
    assert mirror == _all_services(client)[0]
    assert set(mirror) == {str(new.id)}

    # nothing changed since now: an empty page
    quiet = client.get(BASE + "/services", params={"modified_after": datetime.now(UTC).isoformat()}).json()
    assert quiet["empty"] and quiet["deletions"] == []


def test_sync_of_organizations_lists_withdrawn_and_deleted_ones(client, db, catalogue):
    since = datetime.now(UTC) - timedelta(seconds=1)
    catalogue["other"].status = "defunct"
    db.add(catalogue["other"])
    gone = fx.organization(db, "Tijdelijk (fictief)")
    db.delete(gone)
    db.flush()
    body = client.get(BASE + "/organizations", params={"modified_after": since.isoformat()}).json()
    assert {str(catalogue["other"].id), str(gone.id)} <= {d["id"] for d in body["deletions"]}
    assert str(catalogue["other"].id) not in {o["id"] for o in body["contents"]}


def test_sync_of_service_at_locations_lists_deleted_ones(client, db, catalogue):
    since = datetime.now(UTC) - timedelta(seconds=1)
    db.delete(catalogue["sal2"])
    db.flush()
    body = client.get(BASE + "/service_at_locations", params={"modified_after": since.isoformat()}).json()
    assert str(catalogue["sal2"].id) in {d["id"] for d in body["deletions"]}


def test_ndjson_is_a_streaming_response_with_every_service(client, db, catalogue):
    org = fx.organization(db, "Grote Aanbieder (fictief)")
    loc = fx.location(db, org, "GM0153")
    bulk = [Service(organization_id=org.id, name=f"Aanbod {i:03d}", description="x" * 400) for i in range(150)]
    db.add_all(bulk)
    db.flush()
    for svc in bulk[:50]:
        fx.at_location(db, svc, loc)

    from waitinfo.web.routes import api_hsds

    seen_types = []
    original = api_hsds.StreamingResponse

    class Spy(original):
        def __init__(self, *a, **kw):
            seen_types.append(type(self))
            super().__init__(*a, **kw)

    api_hsds.StreamingResponse = Spy
    try:
        lines = 0
        with client.stream("GET", BASE + "/services", params={"format": "ndjson"}) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
            assert "ETag" in r.headers and "Last-Modified" in r.headers
            for line in r.iter_lines():
                if line:
                    doc = json.loads(line)
                    if lines < 3:
                        assert_hsds(doc, "compiled/service.json")
                    lines += 1
    finally:
        api_hsds.StreamingResponse = original
    assert issubclass(seen_types[0], StreamingResponse)
    assert lines == 152  # 150 + the two public services of the catalogue fixture (memory: test_demo_catalogue)
