"""/beheer/koppelingen: only coordinators; edit a feed (secret header never shown back), pull now, run details."""

import json

import pytest
from sqlmodel import Session

from tests import factories
from tests.auth_tools import login, make_user, session_cookie
from tests.browser_tools import assert_accessible, screenshot
from tests.fixtures import WAITS
from tests.imports.helpers import import_fixture, rows
from tests.jobs_tools import run_pulls
from tests.providers.test_pull import FakeFeed
from waitinfo.core import database
from waitinfo.providers import http
from waitinfo.web.auth import SESSION_COOKIE


@pytest.fixture
def coordinator(db, client):
    user = make_user(db, "coordinator-feeds@twente.example", "coordinator")
    return login(client, user)


def test_only_coordinators(db, client):
    assert client.get("/beheer/koppelingen", follow_redirects=False).status_code in (302, 303, 401)
    login(client, make_user(db, "editor@praktijk.example", "provider"))
    assert client.get("/beheer/koppelingen").status_code == 403


def test_edit_feed_validation_and_secret_header(db, client, coordinator):
    org = factories.organization(db, "Reggedal Verslavingszorg (fictief)", slug="reggedal")
    page = client.get("/beheer/koppelingen")
    assert page.status_code == 200 and "Nog geen koppelingen" in page.text and "Reggedal" in page.text
    form = {
        "csrf_token": coordinator,
        "adapter": "hsds",
        "url": "feeds.example/services",
        "schedule": "maandelijks",
        "kind": "",
        "enabled": "on",
        "header_name": "Authorization",
        "header_value": "",
    }
    bad = client.post(f"/beheer/koppelingen/{org.id}", data=form)
    assert bad.status_code == 422
    assert "Adres &#39;feeds.example/services&#39; klopt niet" in bad.text  # keeps what was typed
    assert "geen geldige cron-regel" in bad.text
    assert "Vul zowel de naam als de waarde van de kop in" in bad.text
    form.update(url="https://feeds.example/services", schedule="0 5 2 * *", header_value="Bearer geheim-42")
    ok = client.post(f"/beheer/koppelingen/{org.id}", data=form, follow_redirects=False)
    assert ok.status_code == 303
    shown = client.get(ok.headers["location"])
    assert "De koppeling is opgeslagen." in shown.text
    assert "geheim-42" not in shown.text and "<code>Authorization</code>" in shown.text
    assert rows(db, "select adapter, url, schedule, headers::text from provider_feed") == [
        ("hsds", "https://feeds.example/services", "0 5 2 * *", json.dumps({"Authorization": "Bearer geheim-42"}))
    ]
    assert rows(db, "select action, entity_type from audit_log where entity_type = 'provider_feed'") == [
        ("update", "provider_feed")
    ]
    # Without CSRF token the change is refused.
    assert client.post(f"/beheer/koppelingen/{org.id}", data={**form, "csrf_token": "x"}).status_code == 403


def test_pull_now_and_run_detail(db, client, coordinator, monkeypatch):
    monkeypatch.setattr(http, "BACKOFF_SECONDS", 0)
    monkeypatch.setattr(http, "timeout", lambda: 0.5)
    fake = FakeFeed()
    try:
        fake.answers["/services"] = [(500, b"", 0)]
        org = factories.organization(db, "Reggedal Verslavingszorg (fictief)", slug="reggedal")
        client.post(
            f"/beheer/koppelingen/{org.id}",
            data={
                "csrf_token": coordinator,
                "adapter": "hsds",
                "url": fake.url + "/services",
                "schedule": "",
                "kind": "",
            },
        )
        result = client.post(f"/beheer/koppelingen/{org.id}/ophalen", data={"csrf_token": coordinator})
        assert result.status_code == 200 and "loopt op de achtergrond" in result.text  # a job, not the request
        assert run_pulls(db) == 1  # what the worker does
        page = client.get(f"/beheer/koppelingen/{org.id}").text
        assert "mislukt" in page.split('id="h-runs"')[1].lower()
        run_url = page.split('href="/beheer/imports/')[1].split('"')[0]
        assert "HTTP 500" in client.get(f"/beheer/imports/{run_url}").text
    finally:
        fake.close()
    report = import_fixture(db, WAITS, "Rivierland GGZ (fictief)")
    detail = client.get(f"/beheer/imports/{report.import_run_id}")
    assert detail.status_code == 200
    assert "Negatieve wachttijd &#39;-3&#39; is niet mogelijk" in detail.text
    assert "Dubbele regel: gelijk aan regel 9" in detail.text
    assert client.get("/beheer/koppelingen").text.count(WAITS) == 1


@pytest.mark.browser
def test_feeds_pages_in_chromium(page, live_server):
    with Session(database.get_engine()) as s:
        cookie = session_cookie(s, make_user(s, "coordinator-koppelingen@twente.example", "coordinator"))
        org = factories.organization(s, "Koppeltest GGZ (fictief)", slug="koppeltest")
        import_fixture(s, WAITS, org.slug)
        s.commit()
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": live_server}])
    page.goto(f"{live_server}/beheer/koppelingen")
    screenshot(page, "feeds-01-overzicht")
    assert_accessible(page)
    page.select_option("#f-aanbieder", label="Koppeltest GGZ (fictief)")
    page.click("form.inline-add button")
    page.fill("#f-url", "geen adres")
    page.click("form.narrow button[type=submit]")
    assert "klopt niet" in page.inner_text("main")
    screenshot(page, "feeds-02-fout")
    assert_accessible(page)
    page.fill("#f-url", "https://koppeltest.example/services")
    page.fill("#f-header_name", "Authorization")
    page.fill("#f-header_value", "Bearer test")
    page.click("form.narrow button[type=submit]")
    assert "De koppeling is opgeslagen." in page.inner_text("main")
    page.click(".run-list a")
    assert "Afgewezen regels en opmerkingen" in page.inner_text("main")
    screenshot(page, "feeds-03-import")
    assert_accessible(page)
