"""Finding 9 (exposure): /metrics only with its token; links built from the configured public address, never the
Host header; failures never show SQL or exception text to providers and API clients, only a reference."""

import pytest
from fastapi import APIRouter
from sqlalchemy.exc import IntegrityError

from tests.api.conftest import catalogue  # noqa: F401 - the small catalogue fixture
from tests.api.test_waits_and_push import _key

EVIL = {"host": "evil.example"}


def _client(db):
    from tests.conftest import _client_for

    return _client_for(db)


def test_metrics_do_not_exist_without_a_token(client):
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_bearer_token(db, configure):
    configure(METRICS_TOKEN="scrape-token-for-tests-0123456789")
    with _client(db) as c:
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.get("/metrics", headers={"Authorization": "Bearer scrape-token-for-tests-0123456789"})
        assert r.status_code == 200 and "waitinfo_http_request_duration_seconds" in r.text


@pytest.fixture
def public_site(configure):
    configure(PUBLIC_BASE_URL="https://wachttijden.twente.example")


def test_fhir_links_use_the_public_address(db, catalogue, public_site):  # noqa: F811
    with _client(db) as c:
        meta = c.get("/fhir/metadata", headers=EVIL).json()
        bundle = c.get("/fhir/HealthcareService", headers=EVIL).json()
    assert meta["implementation"]["url"] == "https://wachttijden.twente.example/fhir"
    urls = [e["fullUrl"] for e in bundle["entry"]] + [link["url"] for link in bundle["link"]]
    assert urls and all(u.startswith("https://wachttijden.twente.example/") for u in urls), urls


def test_hsds_root_and_share_link_use_the_public_address(db, catalogue, public_site):  # noqa: F811
    with _client(db) as c:
        root = c.get("/api/hsds/", headers=EVIL).json()
        handout = c.get(f"/lijst?ids={catalogue['svc'].id}", headers=EVIL).text
    assert root["openapi_url"] == "https://wachttijden.twente.example/openapi.json"
    assert "evil.example" not in handout and "https://wachttijden.twente.example/lijst?ids=" in handout


def test_default_public_address_comes_from_settings_not_the_request(db, catalogue, configure):  # noqa: F811
    configure(PUBLIC_BASE_URL=None, BASE_URL=None, HOST="127.0.0.1", PORT="8123")
    with _client(db) as c:
        assert c.get("/api/hsds/", headers=EVIL).json()["openapi_url"] == "http://127.0.0.1:8123/openapi.json"


def test_failed_import_shows_a_reference_not_sql(client, db, catalogue, monkeypatch, caplog):  # noqa: F811
    from waitinfo.imports import hsds_rows

    def broken(*args, **kwargs):
        raise IntegrityError(
            "INSERT INTO service (id, name) VALUES (%(id)s, %(name)s)", {}, Exception('duplicate key "service_pkey"')
        )

    monkeypatch.setattr(hsds_rows, "apply", broken)
    key = _key(db, catalogue["org"])
    r = client.post(
        "/api/hsds/services",
        json={"id": "6f1d3c2a-0000-4000-8000-0000000fa17d", "name": "Faalt (fictief)", "status": "active"},
        headers={"X-API-Key": key},
    )
    body = r.json()
    assert body["status"] == "failed"
    assert "INSERT" not in r.text and "service_pkey" not in r.text and "IntegrityError" not in r.text
    assert "referentie" in body["message"] and str(body["import_run_id"]) in body["message"]
    assert "INSERT INTO service" in caplog.text  # the details are in the log


def test_unexpected_errors_show_a_reference_not_the_exception(client):
    router = APIRouter()

    @router.get("/probe/kapot")
    def broken():
        raise RuntimeError("SELECT password_hash FROM app_user")

    client.app.include_router(router)
    for accept in ("text/html", "application/json"):
        r = client.get("/probe/kapot", headers={"accept": accept, "x-request-id": "ref-12345"})
        assert r.status_code == 500
        assert "SELECT" not in r.text and "password_hash" not in r.text
        assert "ref-12345" in r.text


def test_mailed_meeting_link_uses_the_public_address(demo_db, demo_client):
    """The summary mail of a closed meeting links to its report: built from settings, not from the Host header."""
    from sqlmodel import select

    from tests.auth_tools import login, make_user
    from waitinfo.accounts.models import OutboxMessage
    from waitinfo.meetings.models import Meeting

    csrf = login(demo_client, make_user(demo_db, "voorzitter-host@twente.example", "transfer"))
    meeting = demo_db.exec(select(Meeting).where(Meeting.status == "planned").order_by(Meeting.held_on)).first()
    r = demo_client.post(f"/regio/overleg/vergadering/{meeting.id}/afsluiten", data={"csrf_token": csrf}, headers=EVIL)
    assert r.status_code in (200, 303)
    mails = demo_db.exec(select(OutboxMessage).where(OutboxMessage.kind == "meeting_summary")).all()
    assert mails and all("evil.example" not in m.body for m in mails)
    assert f"http://127.0.0.1:8000/regio/overleg/vergadering/{meeting.id}/verslag" in mails[0].body
