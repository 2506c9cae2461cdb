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
    t = r.text
    assert "Nu geen plek" in t and "Aanmeldstop" in t and "wachtlijst vol" in t
    assert "wachttijd niet gemeld" in t and "verouderd" in t
    assert t.index("Beschikbaar") < t.index("Wachttijd niet gemeld of verouderd") < t.index("Nu geen plek")
    # One row per option, 25 a page; tap-to-call phones; the count is announced.
    total = int(re.search(r'<h2 id="resultaten-kop">(\d+) resultaten', t).group(1))
    assert t.count('<li class="result') == total > 8
    assert 'id="aantal-live"' in t and 'aria-live="polite"' in t
    assert not re.search(r'class="wait-value">0 weken', t)  # missing and stale are never zero
    h = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst"}, headers={"HX-Request": "true"})
    assert h.status_code == 200 and "<html" not in h.text and h.text.strip().startswith('<section id="resultaten"')
    assert 'id="aantal-live" hx-swap-oob="true"' in h.text and f"{total} resultaten voor angst en paniek" in h.text
    assert len(r.content) < 100_000


def test_sort_and_name_search(client, known):
    by_distance = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst", "sorteer": "afstand"})
    assert '<strong aria-current="true" class="small">afstand</strong>' in by_distance.text
    found = client.get("/zoeken", params={"naam": "traag"}).text
    assert "Traag Angst Almelo" in found and "Snel Angst Almelo" not in found and "1 resultaat" in found
    none = client.get("/zoeken", params={"naam": "100%_zeker"}).text
    assert "Geen aanbod gevonden" in none and "Zonder zoeken op naam" in none


def test_errors_keep_what_was_typed(client, known):
    r = client.get("/zoeken", params={"gemeente": "Almelo", "max_wacht": "veel", "postcode": ""})
    assert "“veel” is geen aantal weken" in r.text and 'value="veel"' in r.text and 'aria-invalid="true"' in r.text
    r = client.get("/zoeken", params={"gemeente": "Almelo", "max_wacht": "6 weken"})
    assert "geen aantal weken" not in r.text and 'value="6 weken"' in r.text
    r = client.get("/zoeken", params={"gemeente": "Utrecht", "hulpvraag": "angst"})
    assert "“Utrecht” ligt niet in Twente" in r.text


def test_empty_result_suggests_what_to_change(client, known):
    r = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "wonen", "gratis": "1", "online": "1"})
    assert "Geen aanbod gevonden" in r.text
    assert "Ook aanbod dat niet gratis is" in r.text and "Alle hulpvragen" in r.text
    link = re.search(r'href="(/zoeken\?[^"]*)">Ook aanbod dat niet gratis is', r.text).group(1)
    assert "gratis" not in link.replace("&amp;", "&").split("?")[1] and "online=1" in link


def test_consult_list_and_handout(client, known):
    back = "/zoeken?gemeente=Almelo&hulpvraag=angst"
    csrf = anon_csrf(client)  # the shortlist forms carry the pre-session token
    r = client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.slow.id), "terug": back, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"{back}#r-{known.slow.id}"
    cookie = next(c for c in r.headers.get_list("set-cookie") if c.startswith(COOKIE))
    assert COOKIE in cookie and "max-age" not in cookie.lower() and "expires" not in cookie.lower()  # per session
    client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.social.id), "terug": "https://evil.example/", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert client.cookies.get(COOKIE) == f"angst:gemeente:Almelo::{known.slow.id}.{known.social.id}"
    h = client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.fast.id), "terug": back},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
    )
    assert 'aria-pressed="true"' in h.text and 'hx-swap-oob="true"' in h.text and "Mijn lijst (3)" in h.text
    client.post("/lijst/verwijderen", data={"service_id": str(known.fast.id), "terug": back, "csrf_token": csrf})
    # The header comes from the list (its consult), not from whatever is searched next.
    client.get("/zoeken", params={"gemeente": "Enschede", "hulpvraag": "geldzorgen"})
    text = client.get("/lijst").text
    assert "Traag Angst Almelo" in text and "Steun bij spanning" in text and "Snel Angst Almelo" not in text
    assert "2 adressen op voor hulp bij angst en paniek" in text and "geldzorgen" not in text.lower()
    assert "wachtlijstbemiddeling" in text and "Tijdens het wachten" in text and "<svg" in text
    main = text.split("<main")[1].split("</main>")[0]
    assert "importrun" not in main and "HSDS" not in main and "<details" not in main  # no technical data
    waiting = main.split('id="tijdens-wachten"')[1].split("</ul>")[0]
    for line in re.findall(r"<li>(.*?)</li>", waiting, re.S):  # help while waiting: a way to reach it on every line
        assert re.search(r"bel |mail naar |via |vraag uw huisarts", line), line
    share = re.search(r'id="deellink" class="share-link" readonly value="([^"]+)"', text).group(1)
    assert "ids=" in share and str(known.slow.id) not in share and len(share) < 160  # short ids
    # The share link works without the cookie (another computer).
    client.cookies.clear()
    assert share.startswith("http://127.0.0.1:8000/lijst?")  # the configured public address, not the Host header
    shared = client.get(re.sub(r"^https?://[^/]+", "", share).replace("&amp;", "&"))
    assert "Traag Angst Almelo" in shared.text and "gedeelde lijst" in shared.text


def test_new_consult_clears_the_list(client, known):
    csrf = anon_csrf(client)
    client.post(
        "/lijst/toevoegen",
        data={"service_id": str(known.slow.id), "terug": "/zoeken?gemeente=Almelo", "csrf_token": csrf},
    )
    assert "Mijn lijst (1)" in client.get("/zoeken").text
    assert client.post("/consult/nieuw", follow_redirects=False).status_code == 403  # the form carries the token
    r = client.post("/consult/nieuw", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/zoeken"
    dropped = [c for c in r.headers.get_list("set-cookie") if "Max-Age=0" in c]
    assert any(c.startswith(COOKIE) for c in dropped) and any(c.startswith("waitinfo_lijst") for c in dropped)
    assert "Mijn lijst (0)" in client.get("/zoeken").text
    assert "Er staat nog niets op de lijst" in client.get("/lijst").text


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
    assert "de groep begint op" in group and "Geen wachttijd van toepassing" not in group
    assert "Alleen voor patiënten van Huisartsenpraktijk Zuid (fictief)" in client.get(f"/aanbod/{known.poh.id}").text
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


def test_crisis_safety_block_on_screen_and_handout(client, known):
    csrf = anon_csrf(client)  # before the first page sets a token of its own
    r = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "crisis"}).text
    assert r.index('class="safety"') < r.index('id="resultaten-kop"') + 2000
    assert "0800-0113" in r and 'href="tel:113"' in r and "huisartsenpost voor Almelo" in r
    client.post(
        "/lijst/toevoegen",
        data={
            "service_id": str(known.point.id),
            "terug": "/zoeken?gemeente=GM0141&hulpvraag=crisis",
            "csrf_token": csrf,
        },
    )
    handout = client.get("/lijst").text
    assert 'class="safety"' in handout and "0800-0113" in handout
    assert 'class="safety"' not in client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst"}).text


def test_youth_block_and_age_error(client, known):
    r = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst", "leeftijd": "15"}).text
    assert "jeugdteam of het Centrum voor Jeugd en Gezin (CJG) van de gemeente Almelo" in r
    assert "Snel Angst Almelo" not in r  # adult only (minimum age 18)
    bad = client.get("/zoeken", params={"gemeente": "Almelo", "leeftijd": "vijftien"}).text
    assert "“vijftien” is geen leeftijd" in bad and 'value="vijftien"' in bad
    typed = client.get("/zoeken", params={"gemeente": "Almelo", "hulpvraag": "angst", "leeftijd": "15 jaar"}).text
    assert "jeugdteam of het Centrum voor Jeugd en Gezin" in typed and "geen leeftijd" not in typed
    assert 'value="15 jaar"' in typed  # what was typed stays in the field


def test_postcode_as_typed(client, known):
    for typed in ("7607", "7607 GH", "7607gh"):
        r = client.get("/zoeken", params={"postcode": typed, "hulpvraag": "angst"}).text
        assert "bij postcode 7607 (Almelo)" in r, typed
    unknown = client.get("/zoeken", params={"postcode": "9999", "hulpvraag": "angst"}).text
    assert "Postcode 9999 kennen we niet" in unknown and "0 resultaten" not in unknown


def test_teenager_handout_keeps_the_consult_age(client, known):
    back = "/zoeken?gemeente=GM0141&hulpvraag=angst&leeftijd=15"
    client.post(
        "/lijst/toevoegen", data={"service_id": str(known.social.id), "terug": back, "csrf_token": anon_csrf(client)}
    )
    handout = client.get("/lijst").text
    assert "jeugdteam" in handout and "van de gemeente Almelo" in handout
    share = re.search(r'id="deellink" class="share-link" readonly value="([^"]+)"', handout).group(1)
    assert "leeftijd" not in share  # no personal data in the link


def test_more_than_five_items_asks_to_shorten(client, known):
    back = "/zoeken?gemeente=GM0141&hulpvraag=angst"
    csrf = anon_csrf(client)
    for svc in (known.fast, known.slow, known.far, known.stale, known.social, known.poh):
        client.post("/lijst/toevoegen", data={"service_id": str(svc.id), "terug": back, "csrf_token": csrf})
    text = client.get("/lijst").text
    assert "Er staan 6 adressen op de lijst. Op één A4 passen er vijf" in text
    assert text.count('<li class="handout-item"') == 6
