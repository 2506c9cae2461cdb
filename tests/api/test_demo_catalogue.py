"""The open APIs on the whole demo catalogue: ndjson streams in bounded memory; samples validate (HSDS, FHIR)."""

import json
import time
import tracemalloc

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.healthcareservice import HealthcareService
from sqlalchemy import func, select

from tests.api.conftest import assert_hsds
from waitinfo.catalogue.models import Service
from waitinfo.hsds.repository import service_public


def test_ndjson_streams_the_whole_demo_catalogue(demo_client, demo_db):
    public = demo_db.execute(select(func.count()).select_from(Service).where(service_public())).scalar_one()
    assert public > 100
    tracemalloc.start()
    started = time.perf_counter()
    lines, waits = 0, 0
    with demo_client.stream("GET", "/api/hsds/services", params={"format": "ndjson"}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
        for line in r.iter_lines():
            if not line:
                continue
            doc = json.loads(line)
            if lines % 25 == 0:
                assert_hsds(doc, "compiled/service.json")
            for sal in doc.get("service_at_locations", []):
                codes = {a["taxonomy_term"]["code"] for a in sal.get("attributes", [])}
                if "wait_month" in codes:
                    waits += 1
                    assert {"wait_method", "wait_kind", "wait_definition"} <= codes
            lines += 1
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert lines == public and waits > 0
    print(f"\nndjson: {lines} services in {elapsed:.1f} s, traced peak {peak / 1e6:.1f} MB")
    assert peak < 60 * 1024 * 1024


def test_demo_pages_validate(demo_client):
    body = demo_client.get("/api/hsds/services", params={"full": "true", "per_page": 50}).json()
    assert body["size"] == 50
    for doc in body["contents"]:
        assert_hsds(doc, "compiled/service.json")
    fhir = demo_client.get("/fhir/HealthcareService", params={"_count": 50}).json()
    Bundle.model_validate(fhir)
    for entry in fhir["entry"]:
        HealthcareService.model_validate(entry["resource"])
    figures = demo_client.get("/api/v1/wait-times", params={"per_page": 200}).json()
    assert figures["total_items"] > 0
    assert all(f["method"] in ("realised", "current") and f["definition"] for f in figures["contents"])
