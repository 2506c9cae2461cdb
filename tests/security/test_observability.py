"""/metrics in Prometheus text format and JSON logs with the request id."""

import io
import json
import logging
from datetime import date, timedelta

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests import factories as f
from waitinfo.core import metrics
from waitinfo.core.logging import configure_logging
from waitinfo.core.settings import get_settings
from waitinfo.imports.models import ImportRun
from waitinfo.web.app import create_app


def _families(text: str) -> dict:
    return {fam.name: fam for fam in text_string_to_metric_families(text)}


TOKEN = "metrics-token-for-the-tests-0123456789"
SCRAPER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def metrics_token(monkeypatch):
    monkeypatch.setenv("WAITINFO_METRICS_TOKEN", TOKEN)
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("WAITINFO_METRICS_TOKEN")
    get_settings.cache_clear()


def test_metrics_is_prometheus_text(metrics_token, client):
    metrics.clear_cache()
    client.get("/healthz")
    client.get("/bestaat-niet")
    r = client.get("/metrics", headers=SCRAPER)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=")
    fams = _families(r.text)  # raises when the text is not valid exposition format
    hist = fams["waitinfo_http_request_duration_seconds"]
    assert hist.type == "histogram"
    routes = {s.labels["route"] for s in hist.samples if s.name.endswith("_count")}
    assert "/healthz" in routes
    assert "unmatched" in routes and "/bestaat-niet" not in routes  # raw paths never become labels
    assert fams["waitinfo_database_up"].samples[0].value == 1.0
    assert "waitinfo_import_runs" in fams and "waitinfo_provider_data_age_days" in fams


def test_metrics_figures_from_database(db):
    org = f.organization(db, "Metriekpraktijk (fictief)")
    loc = f.location(db, org)
    sal = f.at_location(db, f.service(db, org), loc)
    today = date(2026, 11, 20)
    f.wait(db, sal, date(2026, 9, 1), registration=3)
    db.add_all(
        [
            ImportRun(organization_id=org.id, adapter="csv", kind="wait-times", status="applied"),
            ImportRun(organization_id=org.id, adapter="csv", kind="wait-times", status="applied"),
            ImportRun(organization_id=org.id, adapter="csv", kind="wait-times", status="rejected"),
        ]
    )
    db.flush()
    figures = metrics.read_figures(db.connection(), today)
    assert figures.import_runs["applied"] >= 2 and figures.import_runs["rejected"] >= 1
    assert figures.provider_age_days[org.slug] == float((today - date(2026, 9, 1)).days)


def test_metrics_survive_database_outage(engine, metrics_token):
    from waitinfo.core import database

    metrics.clear_cache()
    dead = database.make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    database.set_engine(dead)
    try:
        r = TestClient(create_app()).get("/metrics", headers=SCRAPER)
        assert r.status_code == 200
        assert _families(r.text)["waitinfo_database_up"].samples[0].value == 0.0
    finally:
        database.set_engine(engine)
        dead.dispose()
        metrics.clear_cache()


def test_json_logs_carry_the_request_id(client):
    router = APIRouter()

    @router.get("/test-log")
    def logs_something():  # sync route: runs in the thread pool, the request id must follow
        logging.getLogger("waitinfo.test").warning("zoekopdracht verwerkt", extra={"results": 3})
        return {"ok": True}

    client.app.include_router(router)
    stream = io.StringIO()
    handler = configure_logging(json_lines=True, level="INFO", stream=stream)
    try:
        client.get("/test-log", headers={"X-Request-ID": "req-json-1"})
    finally:
        logging.getLogger().removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    mine = [rec for rec in lines if rec["request_id"] == "req-json-1"]
    assert {rec["logger"] for rec in mine} >= {"waitinfo.test", "waitinfo.access"}
    app_line = next(rec for rec in mine if rec["logger"] == "waitinfo.test")
    assert app_line["message"] == "zoekopdracht verwerkt" and app_line["results"] == 3
    access = next(rec for rec in mine if rec["logger"] == "waitinfo.access")
    assert access["status"] == 200 and access["route"] == "/test-log" and access["duration_ms"] >= 0
    assert all({"time", "level", "logger", "message", "request_id"} <= set(rec) for rec in lines)


def test_stale_provider_counted(db):
    org = f.organization(db, "Oude praktijk (fictief)")
    sal = f.at_location(db, f.service(db, org), f.location(db, org))
    f.wait(db, sal, date(2026, 1, 1), registration=3)
    figures = metrics.read_figures(db.connection(), date(2026, 1, 1) + timedelta(days=120))
    assert figures.provider_age_days[org.slug] == 120.0
