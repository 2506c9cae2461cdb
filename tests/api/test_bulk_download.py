"""Bulk download: the whole catalogue as an HSDS tabular data package (zip of CSVs + datapackage.json) and as
ndjson, rebuilt when the catalogue changes; a hub can mirror from it."""

import csv
import io
import json
import zipfile

import pytest

from tests.api.conftest import HSDS, assert_hsds


@pytest.fixture(autouse=True)
def _export_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WAITINFO_EXPORT_DIR", str(tmp_path))


def _zip(client, **headers):
    r = client.get("/api/hsds/export.zip", headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    return r, zipfile.ZipFile(io.BytesIO(r.content))


def test_zip_is_a_tabular_data_package_of_the_published_catalogue(client, catalogue):
    r, zf = _zip(client)
    package = json.loads(zf.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package" and package["licenses"][0]["name"] == "CC-BY-4.0"
    names = {res["name"] for res in package["resources"]}
    assert {"service", "organization", "location", "service_at_location", "attribute"} <= names
    for res in package["resources"]:
        rows = list(csv.DictReader(io.StringIO(zf.read(res["path"]).decode("utf-8"))))
        assert [f["name"] for f in res["schema"]["fields"]][: len(rows[0])] == list(rows[0])
        assert len({row["id"] for row in rows}) == len(rows)  # one row per id
    services = list(csv.DictReader(io.StringIO(zf.read("service.csv").decode())))
    assert {s["id"] for s in services} == {str(catalogue["svc"].id), str(catalogue["social"].id)}  # not pending
    sals = list(csv.DictReader(io.StringIO(zf.read("service_at_location.csv").decode())))
    assert {s["service_id"] for s in sals} == {str(catalogue["svc"].id), str(catalogue["social"].id)}
    waits = list(csv.DictReader(io.StringIO(zf.read("attribute.csv").decode())))
    assert any(w["link_entity"] == "service_at_location" and w["value"] == "5" for w in waits)


def test_regenerated_on_change_and_cached_until_then(client, db, catalogue):
    first, _ = _zip(client)
    again = client.get("/api/hsds/export.zip", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    catalogue["svc"].name = "Behandeling angst en paniek"
    db.add(catalogue["svc"])
    db.flush()
    changed, zf = _zip(client, **{"If-None-Match": first.headers["etag"]})
    assert changed.headers["etag"] != first.headers["etag"]
    assert "Behandeling angst en paniek" in zf.read("service.csv").decode()


@pytest.mark.skipif(not HSDS.exists(), reason="the vendored HSDS 3.0 schemas (tests/vendor/hsds-3.0) are missing")
def test_ndjson_download_mirrors_the_services(client, catalogue):
    r = client.get("/api/hsds/export.ndjson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    docs = [json.loads(line) for line in r.text.splitlines()]
    for doc in docs:
        assert_hsds(doc, "compiled/service.json")
    paged = client.get("/api/hsds/services", params={"full": "true"}).json()["contents"]
    assert {d["id"]: d for d in docs} == {d["id"]: d for d in paged}
    assert client.head("/api/hsds/export.ndjson").status_code == 200
