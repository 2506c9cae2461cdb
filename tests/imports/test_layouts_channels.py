"""A wide wait-time file (one column pair per month) goes the same way through every channel: the portal upload
(dry run, then apply, as the worker does it) and a feed pull of a local fake server on 127.0.0.1."""

from decimal import Decimal

import pytest
from sqlmodel import select

from tests.auth_tools import login
from tests.jobs_tools import run_jobs
from tests.portal.helpers import build
from tests.providers.test_pull import FakeFeed
from waitinfo.core.clock import add_months, month_start, today
from waitinfo.imports import feeds
from waitinfo.imports.models import ImportRun
from waitinfo.providers import http
from waitinfo.waits.models import WaitTime

MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _label(d) -> str:
    return f"{MONTHS_NL[d.month - 1]}-{d.strftime('%y')}"


def wide_file() -> tuple[bytes, list]:
    """Two months as column pairs (the month before last and last month), with a title block above."""
    months = [add_months(month_start(today()), -2), add_months(month_start(today()), -1)]
    head = ";".join(f"Aanmeldwachttijd {_label(m)};Behandelwachttijd {_label(m)}" for m in months)
    text = (
        "Wachttijden per vestiging;;;;\n"
        "Export uit het EPD, alleen fictieve gegevens;;;;\n"
        ";;;;\n"
        f"Vestiging;{head}\n"
        "Kanaalzijde GGZ (fictief) Enschede;2;6;3,5;9\n"
    )
    return text.encode("utf-8"), months


def _stored(db, sal_id) -> dict:
    waits = db.exec(select(WaitTime).where(WaitTime.service_at_location_id == sal_id)).all()
    return {w.month: (w.registration_weeks, w.treatment_weeks, w.waiting_count) for w in waits}


def test_wide_file_through_the_portal_upload(db, client):
    w = build(db)
    raw, (before_last, last) = wide_file()
    csrf = login(client, w.users["provider"])
    r = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "kind": "wait-times"},
        files={"file": ("wachttijden-breed.csv", raw, "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    dry_id = r.headers["location"].split("/portaal/upload/")[1].split("?")[0]
    assert run_jobs(db) == 1
    page = client.get(f"/portaal/upload/{dry_id}?organisatie={w.own.id}").text
    assert "Proefverwerking" in page and "niets opgeslagen" in page
    assert _stored(db, w.own_sal.id)[last] == (Decimal("3.0"), Decimal("7.0"), 12)  # the dry run changed nothing
    applied = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "upload_id": dry_id},
        follow_redirects=False,
    )
    assert applied.status_code == 303, applied.text
    assert run_jobs(db) == 1
    stored = _stored(db, w.own_sal.id)
    assert stored[before_last] == (Decimal("2.0"), Decimal("6.0"), None)
    # Last month re-delivered: both waits change, the waiting count the file does not carry stays.
    assert stored[last] == (Decimal("3.5"), Decimal("9.0"), 12)
    run = db.exec(select(ImportRun).where(ImportRun.organization_id == w.own.id)).one()
    assert run.triggered_by == "portal" and run.rows_rejected == 0
    assert _stored(db, w.other_sal.id)  # the other provider's figure is untouched
    assert len(_stored(db, w.other_sal.id)) == 1


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(http, "BACKOFF_SECONDS", 0)
    monkeypatch.setattr(http, "timeout", lambda: 0.5)
    server = FakeFeed()
    yield server
    server.close()


def test_wide_file_through_a_feed_pull(db, fake):
    w = build(db)
    raw, (before_last, last) = wide_file()
    fake.answers["/breed.csv"] = [(200, raw, 0)]
    feeds.configure(db, str(w.own.id), adapter="http-csv", url=fake.url + "/breed.csv", kind="wait-times")
    feeds.pull_now(db, w.own.id, triggered_by="test")
    stored = _stored(db, w.own_sal.id)
    assert stored[before_last] == (Decimal("2.0"), Decimal("6.0"), None)
    assert stored[last] == (Decimal("3.5"), Decimal("9.0"), 12)
    run = db.exec(select(ImportRun).where(ImportRun.organization_id == w.own.id)).one()
    assert run.status == "applied" and run.rows_rejected == 0
