"""/beheer/koppelingen/{org}: the columns of a feed's last pull that were not recognised, picked once by the
coordinator, stored for that feed and used by the next pull (of a local fake feed on 127.0.0.1)."""

import re
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from tests.auth_tools import anon_csrf, login, session_cookie
from tests.browser_tools import assert_accessible, screenshot
from tests.imports.helpers import rows
from tests.jobs_tools import run_pulls
from tests.portal.helpers import build
from tests.providers.test_pull import FakeFeed
from waitinfo.core import database
from waitinfo.core.clock import month_start, today
from waitinfo.imports import feeds
from waitinfo.imports.models import ColumnMapping
from waitinfo.providers import http
from waitinfo.waits.models import WaitTime
from waitinfo.web.auth import SESSION_COOKIE

# "Aantal wachtnde" is a typo of a known name (proposed: waiting_count); "Opmerking" means nothing to waitinfo.
FEED_CSV = (
    "Vestiging;Aanmeldwachttijd;Behandelwachttijd;Aantal wachtnde;Opmerking;Peildatum\n"
    "Kanaalzijde GGZ (fictief) Enschede;3;7;15;drukke maand;{d}\n"
)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(http, "BACKOFF_SECONDS", 0)
    monkeypatch.setattr(http, "timeout", lambda: 0.5)
    server = FakeFeed()
    server.answers["/wachttijden.csv"] = [(200, FEED_CSV.format(d=today().strftime("%d-%m-%Y")).encode(), 0)]
    yield server
    server.close()


def _world_with_feed(db, fake):
    w = build(db)
    feed = feeds.configure(db, str(w.own.id), adapter="http-csv", url=fake.url + "/wachttijden.csv", kind="wait-times")
    return w, feed


def _this_month(db) -> WaitTime:
    return db.exec(select(WaitTime).where(WaitTime.month == month_start(today()))).one()


def _pick_list(page: str) -> str:
    return page.split('id="h-kolommen"')[1].split("</form>")[0]


def test_coordinator_maps_columns_of_a_feed_and_the_next_pull_uses_them(db, client, fake):
    w, feed = _world_with_feed(db, fake)
    csrf = login(client, w.users["coordinator"])
    before = client.get(f"/beheer/koppelingen/{w.own.id}").text
    assert "Nog niet opgehaald" in before.split('id="h-kolommen"')[1]
    assert client.post(f"/beheer/koppelingen/{w.own.id}/ophalen", data={"csrf_token": csrf}).status_code == 200
    assert run_pulls(db) == 1
    assert _this_month(db).waiting_count is None  # the column was not recognised: not read
    form = _pick_list(client.get(f"/beheer/koppelingen/{w.own.id}").text)
    assert re.findall(r'name="kolom" value="([^"]+)"', form) == ["Aantal wachtnde", "Opmerking"]
    assert re.search(r'<option value="waiting_count" selected>[^<]*\(voorstel\)', form)  # the proposal, chosen
    assert '<option value="" selected>nog niet kiezen' in form  # no guess for "Opmerking": nothing chosen
    assert ">niet gebruiken</option>" in form

    saved = client.post(
        f"/beheer/koppelingen/{w.own.id}/kolommen",
        data={"csrf_token": csrf, "kolom": ["Aantal wachtnde", "Opmerking"], "veld": ["waiting_count", "-"]},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and "melding=kolommen" in saved.headers["location"]
    stored = db.exec(select(ColumnMapping).order_by(ColumnMapping.header)).all()
    assert [(m.header, m.field, m.feed_id, m.confirmed_by) for m in stored] == [
        ("Aantal wachtnde", "waiting_count", feed.id, "user:coord@waitinfo.example"),
        ("Opmerking", "-", feed.id, "user:coord@waitinfo.example"),
    ]
    assert rows(db, "select action, new::text from audit_log where entity_type = 'column_mapping'") == [
        ("update", '{"Aantal wachtnde": "waiting_count", "Opmerking": "-"}')
    ]
    page = client.get(saved.headers["location"]).text
    assert "De kolomkoppelingen zijn opgeslagen." in page
    assert "niet herkend" not in _pick_list(page)  # now stored, editable and removable
    assert page.count('name="verwijderen"') == 2

    # Pull again: the very same file is read with the mapping (not "unchanged") and the figure is stored.
    client.post(f"/beheer/koppelingen/{w.own.id}/ophalen", data={"csrf_token": csrf})
    assert run_pulls(db) == 1
    assert rows(db, "select status from import_run order by started_at") == [("applied",), ("applied",)]
    wait = _this_month(db)
    assert (wait.registration_weeks, wait.treatment_weeks, wait.waiting_count) == (Decimal("3.0"), Decimal("7.0"), 15)
    assert rows(db, "select unmapped_columns::text from import_run order by started_at")[-1] == (None,)

    # Removed again: only that mapping of this feed goes, audited.
    client.post(
        f"/beheer/koppelingen/{w.own.id}/kolommen",
        data={
            "csrf_token": csrf,
            "kolom": ["Aantal wachtnde", "Opmerking"],
            "veld": ["waiting_count", "-"],
            "verwijderen": "Opmerking",
        },
    )
    assert rows(db, "select header, field from column_mapping") == [("Aantal wachtnde", "waiting_count")]
    assert rows(db, "select new::text from audit_log where entity_type = 'column_mapping' order by at")[-1] == (
        '{"Opmerking": null}',
    )


def test_save_and_pull_now_in_one_step(db, client, fake):
    w, feed = _world_with_feed(db, fake)
    csrf = login(client, w.users["coordinator"])
    feeds.pull_now(db, w.own.id)
    r = client.post(
        f"/beheer/koppelingen/{w.own.id}/kolommen",
        data={
            "csrf_token": csrf,
            "kolom": ["Aantal wachtnde", "Opmerking"],
            "veld": ["waiting_count", ""],
            "ophalen": "1",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and "melding=ophalen" in r.headers["location"]
    assert rows(db, "select header, feed_id from column_mapping") == [("Aantal wachtnde", feed.id)]  # "" not chosen
    assert run_pulls(db) == 1
    assert _this_month(db).waiting_count == 15
    form = _pick_list(client.get(f"/beheer/koppelingen/{w.own.id}").text)
    assert re.findall(r'name="kolom" value="([^"]+)"', form) == ["Opmerking", "Aantal wachtnde"]


def test_columns_recognised_with_low_confidence_are_shown_to_confirm(db, client, fake):
    """'Behandelwachttijd in dagen' is read as the treatment wait (a known name it starts with): shown to confirm."""
    w, feed = _world_with_feed(db, fake)
    raw = (
        "Vestiging;Aanmeldwachttijd;Behandelwachttijd in dagen;Peildatum\nKanaalzijde GGZ (fictief) Enschede;3;49;{d}\n"
    )
    fake.answers["/laag.csv"] = [(200, raw.format(d=today().strftime("%d-%m-%Y")).encode(), 0)]
    feeds.configure(db, str(w.own.id), url=fake.url + "/laag.csv")
    csrf = login(client, w.users["coordinator"])
    report = feeds.pull_now(db, w.own.id)
    assert report.unmapped_columns == []  # the portal's dry run does not ask about it
    assert _this_month(db).treatment_weeks == Decimal("7.0")  # 49 days
    form = _pick_list(client.get(f"/beheer/koppelingen/{w.own.id}").text)
    assert re.findall(r'name="kolom" value="([^"]+)"', form) == ["Behandelwachttijd in dagen"]
    assert "herkend, niet zeker: controleer" in form
    assert re.search(r'<option value="treatment_weeks" selected>', form)
    run_page = client.get(f"/beheer/imports/{report.import_run_id}").text
    assert "<code>Behandelwachttijd in dagen</code>, gelezen als: " in run_page
    client.post(
        f"/beheer/koppelingen/{w.own.id}/kolommen",
        data={"csrf_token": csrf, "kolom": "Behandelwachttijd in dagen", "veld": "treatment_weeks", "ophalen": "1"},
    )
    assert rows(db, "select header, field, feed_id from column_mapping") == [
        ("Behandelwachttijd in dagen", "treatment_weeks", feed.id)
    ]
    assert run_pulls(db) == 1
    assert rows(db, "select unmapped_columns::text from import_run order by started_at")[-1] == (None,)
    assert "niet zeker" not in _pick_list(client.get(f"/beheer/koppelingen/{w.own.id}").text)
    assert _this_month(db).treatment_weeks == Decimal("7.0")  # still read as days


def test_unknown_field_is_refused_in_dutch_and_nothing_is_stored(db, client, fake):
    w, _ = _world_with_feed(db, fake)
    csrf = login(client, w.users["coordinator"])
    feeds.pull_now(db, w.own.id)
    r = client.post(
        f"/beheer/koppelingen/{w.own.id}/kolommen",
        data={"csrf_token": csrf, "kolom": ["Aantal wachtnde", "Opmerking"], "veld": ["waiting_count", "wachtlijst_x"]},
    )
    assert r.status_code == 422
    assert "Kolom &#39;Opmerking&#39;: &#39;wachtlijst_x&#39; is geen betekenis die waitinfo kent" in r.text
    assert "Niet opgeslagen." in r.text and 'aria-invalid="true"' in r.text
    assert rows(db, "select count(*) from column_mapping") == [(0,)]
    assert rows(db, "select count(*) from audit_log where entity_type = 'column_mapping'") == [(0,)]


def test_providers_and_strangers_cannot_map_feed_columns(db, client, fake):
    w, _ = _world_with_feed(db, fake)
    data = {"kolom": "Opmerking", "veld": "-"}
    anon = client.post(
        f"/beheer/koppelingen/{w.own.id}/kolommen",
        data={**data, "csrf_token": anon_csrf(client)},
        follow_redirects=False,
    )
    assert anon.status_code in (302, 303, 401)
    csrf = login(client, w.users["provider"])  # the provider of this very organisation
    assert client.post(f"/beheer/koppelingen/{w.own.id}/kolommen", data={**data, "csrf_token": csrf}).status_code == 403
    csrf = login(client, w.users["coordinator"])
    assert client.post(f"/beheer/koppelingen/{w.own.id}/kolommen", data={**data, "csrf_token": "x"}).status_code == 403
    assert rows(db, "select count(*) from column_mapping") == [(0,)]


@pytest.mark.browser
def test_feed_column_pick_list_in_chromium(page, live_server, fake):
    with Session(database.get_engine()) as s:
        w, _ = _world_with_feed(s, fake)
        feeds.pull_now(s, w.own.id)
        cookie = session_cookie(s, w.users["coordinator"])
        org_id = w.own.id
        s.commit()
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": live_server}])
    page.goto(f"{live_server}/beheer/koppelingen/{org_id}#h-kolommen")
    assert page.input_value("#kv-1") == "waiting_count"
    screenshot(page, "feeds-04-kolommen")
    assert_accessible(page)
    page.select_option("#kv-2", "-")
    page.click("text=Alleen opslaan")
    assert "De kolomkoppelingen zijn opgeslagen." in page.inner_text("main")
    assert page.input_value("#ks-2") == "-"
    screenshot(page, "feeds-05-kolommen-opgeslagen")
    assert_accessible(page)
