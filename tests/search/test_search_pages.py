"""Search, detail and handout pages over HTTP (no JS): HTMX block, errors, shortlist cookie, definitions."""

import re
from datetime import date, timedelta

from tests import factories as f
from tests.auth_tools import anon_csrf
from waitinfo.core.clock import add_months, month_start, today
from waitinfo.search.shortlist import COOKIE


def test_home_leads_to_search(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/zoeken"


def test_empty_search_page_invites(client):
    r = client.get("/zoeken")
    assert r.status_code == 200
    assert "Kies een gemeente" in r.text and 'role="search"' in r.text
    assert 'hx-push-url="true"' in r.text and 'id="resultaten"' in r.text


def test_results_page_and_htmx_block(client, known):
    r = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst"})
    assert r.status_code == 200
    assert "<html" in r.text and "Snel Angst Almelo" in r.text
    last = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst", "pagina": "2"}).text
    assert "Aanmeldstop" in last and "wachtlijst vol" in last and "Pagina 2 van 2" in last
    assert "geen gegevens" in r.text + last and "verouderd" in r.text + last
    # Every shown wait has its definition next to it (keyboard and tap: <details>).
    assert r.text.count('class="wait wait-figures') + r.text.count('class="wait wait-no_data') == r.text.count(
        "wait-definition"
    )
    assert not re.search(r'class="wait-value">0 weken', r.text)  # missing and stale are never zero
    h = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst"}, headers={"HX-Request": "true"})
    assert h.status_code == 200 and "<html" not in h.text and h.text.strip().startswith('<section id="resultaten"')
    assert len(r.content) < 100_000


def test_errors_keep_what_was_typed(client, known):
    r = client.get("/zoeken", params={"gemeente": "Almelo", "max_wacht": "veel", "postcode": ""})
    assert "“veel” is geen aantal weken" in r.text and 'value="veel"' in r.text and 'aria-invalid="true"' in r.text
    r = client.get("/zoeken", params={"gemeente": "Utrecht", "hulpvraag": "angst"})
    assert "“Utrecht” ligt niet in Twente" in r.text


def test_empty_result_suggests_what_to_change(client, known):
    r = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "wonen", "gratis": "1", "online": "1"})
    assert "Geen aanbod gevonden" in r.text
    assert "Ook aanbod dat niet gratis is" in r.text and "Alle hulpvragen" in r.text
    link = re.search(r'href="(/zoeken\?[^"]*)">Ook aanbod dat niet gratis is', r.text).group(1)
    assert "gratis" not in link.replace("&amp;", "&").split("?")[1] and "online=1" in link


def test_shortlist_cookie_and_handout(client, known):
    back = "/zoeken?gemeente=Almelo&hulpvraag=angst"
    csrf = anon_csrf(client)  # the shortlist forms carry the pre-session token
    r = client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.slow.id), "terug": back, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"{back}#r-{known.slow.id}"
    client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.social.id), "terug": "https://evil.example/", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert client.cookies.get(COOKIE) == f"{known.slow.id}.{known.social.id}"
    h = client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.fast.id), "terug": back},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
    )
    assert 'aria-pressed="true"' in h.text and 'hx-swap-oob="true"' in h.text and "Mijn lijst (3)" in h.text
    client.post("/lijst/verwijderen", data={"service_id": str(known.fast.id), "terug": back, "csrf_token": csrf})
    page = client.get("/lijst", params={"hulpvraag": "angst", "gemeente": "GM0141"})
    text = page.text
    assert "Traag Angst Almelo" in text and "Steun bij spanning" in text and "Snel Angst Almelo" not in text
    assert "wachtlijstbemiddeling" in text and "Tijdens het wachten" in text
    assert text.count("<details") >= 2 and '<details class="definition wait-definition" open>' in text
    share = re.search(r'id="deellink" class="share-link" readonly value="([^"]+)"', text).group(1)
    assert str(known.slow.id) in share and "ids=" in share
    # The share link works without the cookie (another computer).
    client.cookies.clear()
    assert share.startswith("http://127.0.0.1:8000/lijst?")  # the configured public address, not the Host header
    shared = client.get(re.sub(r"^https?://[^/]+", "", share).replace("&amp;", "&"))
    assert "Traag Angst Almelo" in shared.text and "gedeelde lijst" in shared.text


def test_empty_handout(client):
    r = client.get("/lijst")
    assert r.status_code == 200 and "Er staat nog niets op de lijst" in r.text


def test_service_detail(client, known, db):
    from waitinfo.catalogue.models import Schedule

    sal = f.at_location(db, known.org_fast and known.fast, f.location(db, f.organization(db, "Extra (fictief)")))
    start = add_months(month_start(today()), -13)
    for i in range(12):
        if i != 5:  # a missing month is a gap, never zero
            f.wait(db, sal, add_months(start, i), 2 + i * 0.5, 6 + i, method="current")
    db.add(
        Schedule(
            service_at_location_id=sal.id,
            byday="MO,WE",
            opens_at=__import__("datetime").time(9),
            closes_at=__import__("datetime").time(17),
        )
    )
    db.flush()
    r = client.get(f"/aanbod/{known.fast.id}", params={"terug": "/zoeken?gemeente=Almelo"})
    assert r.status_code == 200
    t = r.text
    assert "<svg" in t and "Treeknorm aanmelding" in t and "Treeknorm behandeling" in t
    assert "maandag, woensdag 09:00–17:00" in t
    assert "Contract VGZ" in t and "omzetplafond bereikt" in t
    assert "Terug naar de zoekresultaten" in t and "laatst gewijzigd" in t
    assert t.count("wait-definition") >= 2
    stopped = client.get(f"/aanbod/{known.stopped.id}").text
    assert "Aanmeldstop" in stopped and "wachtlijst vol" in stopped
    group = client.get(f"/aanbod/{known.group.id}").text
    assert "Vrije plaatsen" in group and "<strong>4</strong> van 12" in group
    assert client.get("/aanbod/niet-een-id").status_code == 404
    assert client.get("/aanbod/00000000-0000-0000-0000-000000000000").status_code == 404


def test_postcode_search_uses_geocoder(client, known, monkeypatch):
    from waitinfo.geo import pdok

    monkeypatch.setattr(
        pdok,
        "lookup",
        lambda q, kind: {
            "label": "7607GH Almelo",
            "latitude": 52.35,
            "longitude": 6.67,
            "municipality_code": "GM0141",
            "municipality_name": "Almelo",
        },
    )
    r = client.get("/zoeken", params={"postcode": "7607 GH", "hulpvraag": "angst"})
    assert "bij 7607GH Almelo" in r.text and "Snel Angst Almelo" in r.text
    monkeypatch.setattr(
        pdok,
        "lookup",
        lambda q, kind: {
            "label": "1012AB Amsterdam",
            "latitude": 52.37,
            "longitude": 4.89,
            "municipality_code": "GM0363",
            "municipality_name": "Amsterdam",
        },
    )
    r = client.get("/zoeken", params={"postcode": "1012 AB"})
    assert "buiten Twente" in r.text and 'value="1012 AB"' in r.text


def test_stale_date_helpers():
    assert today() - timedelta(days=1) < today() and isinstance(date.today(), date)
