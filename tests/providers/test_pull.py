"""Pull adapters against a local fake server on 127.0.0.1: paging, auth header, timeout, 500, bad JSON,
non-HSDS pages, generic CSV/JSON pulls, and the `provider feed` / `pull` commands."""

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from tests import factories
from tests.fixtures import HSDS_FEED, WAITS, fixture
from tests.imports.helpers import rows
from waitinfo.cli import app
from waitinfo.imports import feeds
from waitinfo.providers import http

TOKEN = "Bearer geheim-123"


class FakeFeed:
    """A tiny HTTP server whose answers the test sets per path: (status, body bytes, delay seconds)."""

    def __init__(self):
        self.answers: dict[str, list] = {}
        self.requests: list[tuple[str, dict, dict]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.requests.append((url.path, query, dict(self.headers)))
                queue = fake.answers.get(url.path, [(404, b"{}", 0)])
                answer = queue.pop(0) if len(queue) > 1 else queue[0]
                if callable(answer):
                    answer = answer(query)
                status, body, delay = answer
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    server = FakeFeed()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def fast_http(monkeypatch):
    monkeypatch.setattr(http, "BACKOFF_SECONDS", 0.01)
    monkeypatch.setattr(http, "timeout", lambda: 0.5)


@pytest.fixture
def reggedal(db):
    return factories.organization(db, "Reggedal Verslavingszorg (fictief)", kind="addiction_care", slug="reggedal")


def hsds_pages() -> list[bytes]:
    page = json.loads(fixture(HSDS_FEED))
    first, second = page["contents"]
    return [
        json.dumps({**page, "contents": [first], "total_pages": 2, "page_number": 1}).encode(),
        json.dumps({**page, "contents": [second], "total_pages": 2, "page_number": 2}).encode(),
    ]


def service_count(db) -> int:
    return rows(
        db, "select count(*) from service s join organization o on o.id = s.organization_id where o.slug = 'reggedal'"
    )[0][0]


def test_hsds_pull_pages_with_auth_header(db, fake, reggedal):
    pages = hsds_pages()
    fake.answers["/services"] = [lambda q: (200, pages[int(q.get("page", 1)) - 1], 0)]
    feeds.configure(db, "reggedal", adapter="hsds", url=fake.url + "/services", headers=[f"Authorization: {TOKEN}"])
    report = feeds.pull_now(db, "reggedal", triggered_by="cli")
    assert (report.status, report.rows_total, report.rows_applied) == ("applied", 2, 2)
    assert [(p, q["page"]) for p, q, _ in fake.requests] == [("/services", "1"), ("/services", "2")]
    assert all(h.get("Authorization") == TOKEN for _, _, h in fake.requests)
    assert service_count(db) == 2
    assert rows(db, "select registration_weeks, treatment_weeks from wait_time") == [
        (pytest.approx(4), pytest.approx(11))
    ]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ((200, b"{}", 2.0), "Na 3 pogingen: geen antwoord binnen 0.5 seconden (time-out)."),
        ((500, b"oops", 0), "Na 3 pogingen: de server antwoordde met HTTP 500."),
        ((200, b"{not json", 0), "Geen geldige JSON ontvangen"),
        ((200, b'{"items": []}', 0), "Pagina 1 is geen HSDS 3.0-pagina (geen lijst 'contents')."),
        ((401, b"", 0), "De feed weigert toegang (HTTP 401); controleer de autorisatiekop in de koppeling."),
    ],
)
def test_failed_pull_leaves_catalogue_unchanged(db, fake, reggedal, answer, reason):
    fake.answers["/services"] = [answer]
    feeds.configure(db, "reggedal", adapter="hsds", url=fake.url + "/services")
    report = feeds.pull_now(db, "reggedal", triggered_by="scheduler")
    assert report.status == "failed"
    assert reason in report.message
    assert report.message.endswith("De catalogus is niet gewijzigd; een volgende poging volgt later.")
    assert service_count(db) == 0
    assert rows(db, "select status, triggered_by from import_run") == [("failed", "scheduler")]
    attempts = 3 if answer[0] == 500 or answer[2] else 1
    assert len(fake.requests) == attempts


def test_retry_after_a_500_succeeds(db, fake, reggedal):
    pages = hsds_pages()
    ok = json.dumps({"contents": json.loads(pages[0])["contents"], "total_pages": 1}).encode()
    fake.answers["/services"] = [(503, b"", 0), (200, ok, 0)]
    feeds.configure(db, "reggedal", adapter="hsds", url=fake.url + "/services")
    assert feeds.pull_now(db, "reggedal").status == "applied"
    assert len(fake.requests) == 2


def test_second_page_broken_changes_nothing(db, fake, reggedal):
    pages = hsds_pages()
    fake.answers["/services"] = [lambda q: (200, pages[0], 0) if q.get("page") == "1" else (200, b"<html>", 0)]
    feeds.configure(db, "reggedal", adapter="hsds", url=fake.url + "/services")
    assert feeds.pull_now(db, "reggedal").status == "failed"
    assert service_count(db) == 0


def test_http_csv_and_json_pulls(db, fake):
    factories.organization(db, "Kanaalzone GGZ (fictief)", kind="specialist_ggz", slug="kanaalzone")
    fake.answers["/wachttijden.csv"] = [(200, fixture(WAITS), 0)]
    feeds.configure(db, "kanaalzone", adapter="http-csv", url=fake.url + "/wachttijden.csv")
    report = feeds.pull_now(db, "kanaalzone")
    assert (report.status, report.rows_applied, report.rows_rejected) == ("applied", 8, 2)
    records = [
        {
            "Vestiging": "Rivierland GGZ Rijssen",  # a known location (a new one would be held)
            "Plaats": "Rijssen",
            "Zorgvorm": "Basis-ggz",
            "Aanmeldwachttijd": "2",
            "Behandelwachttijd": "3",
            "Peildatum": "2026-11-01",
        }
    ]
    fake.answers["/wachttijden.json"] = [(200, json.dumps({"items": records}).encode(), 0)]
    feeds.configure(db, "kanaalzone", adapter="http-json", url=fake.url + "/wachttijden.json", kind="wait-times")
    report = feeds.pull_now(db, "kanaalzone")
    assert (report.status, report.rows_applied) == ("applied", 1)
    assert rows(db, "select count(*) from wait_time where month = '2026-11-01'") == [(1,)]


def test_feed_settings_are_validated():
    with pytest.raises(feeds.FeedError) as exc:
        feeds.validate_schedule("elke maand")
    assert "geen geldige cron-regel" in exc.value.message
    with pytest.raises(feeds.FeedError):
        feeds.parse_header("Authorization Bearer x")
    with pytest.raises(feeds.FeedError):
        feeds.validate_url("ftp://x")


def test_cli_provider_feed_and_pull(db, fake, reggedal, monkeypatch):
    from waitinfo.core import database

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr(database, "session_scope", scope)
    fake.answers["/services"] = [(200, json.dumps({"contents": [], "total_pages": 1}).encode(), 0)]
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "provider",
            "feed",
            "reggedal",
            "--adapter",
            "hsds",
            "--url",
            fake.url + "/services",
            "--header",
            f"Authorization: {TOKEN}",
            "--schedule",
            "0 5 2 * *",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert view["headers"] == ["Authorization"] and TOKEN not in result.stdout  # secret never shown back
    assert view["schedule"] == "0 5 2 * *"
    pulled = runner.invoke(app, ["pull", "--provider", "reggedal", "--json"])
    assert pulled.exit_code == 1  # an empty feed is rejected: nothing to apply
    assert json.loads(pulled.stdout)["status"] == "rejected"
    assert fake.requests[0][2]["Authorization"] == TOKEN
    assert runner.invoke(app, ["pull", "--provider", "onbekend"]).exit_code == 2
    assert runner.invoke(app, ["provider", "feed", "reggedal", "--adapter", "ftp"]).exit_code == 2
