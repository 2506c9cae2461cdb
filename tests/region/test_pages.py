"""Region pages: who may see them, that they render the known figures, and that exports are safe."""

import io

from openpyxl import load_workbook

from tests import factories as f
from tests.auth_tools import login, make_user
from tests.region.builders import build_network, build_transfer

PRIVATE = [
    "/regio/transfertafel",
    "/regio/transfertafel/vergadering",
    "/regio/transfertafel.csv",
    "/regio/transfertafel.xlsx",
    "/regio/witte-vlekken",
    "/regio/witte-vlekken.csv",
    "/regio/groei",
    "/regio/groei.csv",
    "/regio/groei.xlsx",
]
COORDINATOR_ONLY = [
    "/regio/kpi",
    "/regio/kpi.csv",
    "/regio/kpi.xlsx",
    "/regio/subregios",
    "/regio/witte-vlekken/criteria",
]


def test_anonymous_is_sent_to_login(client):
    for path in PRIVATE + COORDINATOR_ONLY:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"].startswith("/inloggen?volgende="), path


def test_provider_role_is_forbidden(client, db):
    login(client, make_user(db, "aanbieder@zorg.example", "provider"))
    for path in PRIVATE + COORDINATOR_ONLY:
        assert client.get(path).status_code == 403, path


def test_transfer_member_sees_region_pages_but_not_coordinator_pages(client, db, fixed_now):
    login(client, make_user(db, "tafel@twente.example", "transfer"))
    for path in PRIVATE:
        assert client.get(path).status_code == 200, path
    for path in COORDINATOR_ONLY:
        assert client.get(path).status_code == 403, path


def test_public_pages_need_no_login(client, db, fixed_now):
    build_network(db)
    r = client.get("/steunpunten")
    assert r.status_code == 200 and "Inloophuis De Brug (fictief)" in r.text and 'href="/aanbod/' in r.text
    r = client.get("/groepsaanbod")
    assert r.status_code == 200 and "Omgaan met angst (fictief)" in r.text


def test_dashboard_shows_figures_signals_and_stop(client, db, fixed_now):
    build_transfer(db)
    login(client, make_user(db, "tafel@twente.example", "transfer"))
    r = client.get("/regio/transfertafel")
    assert r.status_code == 200
    html = r.text
    for text in (
        "Subregio Almelo",
        "GGZ Oost (fictief)",
        "Angststoornissen",
        "6 weken",
        "boven norm",
        "Wachttijd stijgt 3 maanden op rij",
        "Basis-ggz, Praktijk Licht",
        "Aanmeldstop",
        "Te veel aanmeldingen",
        "3 van 10 intakeplekken per week",
        "<svg",
    ):
        assert text in html, text
    r = client.get("/regio/transfertafel?subregio=almelo&knelpunten=true", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text and "Praktijk Licht" not in r.text
    assert "Depressieve" not in r.text
    link = html.split('<td class="trend">')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    trend = client.get(link)
    assert trend.status_code == 200 and "Wachttijd over 12 maanden" in trend.text and 'class="chart"' in trend.text
    assert client.get("/regio/transfertafel/trend?subregio=almelo&aanbieder=" + "0" * 32).status_code == 404
    meeting = client.get("/regio/transfertafel/vergadering").text
    assert "Knelpunten om te bespreken" in meeting and "Praktijk Licht (fictief)</strong>" in meeting


def test_transfer_exports(client, db, fixed_now):
    build_transfer(db)
    login(client, make_user(db, "tafel@twente.example", "transfer"))
    r = client.get("/regio/transfertafel.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Subregio;Aanbieder;Soort ggz;Aanbod;Vestiging;Hoofddiagnosegroep;Status")
    assert (
        "Subregio Almelo;GGZ Oost (fictief);specialistische ggz;Behandeling angst;GGZ Oost (fictief) Almelo;"
        "Angststoornissen;gemeld;2026-11;2026-11-10;6,0;8,0;14,0;boven Treeknorm;12"
    ) in text
    wb = load_workbook(io.BytesIO(client.get("/regio/transfertafel.xlsx").content))
    assert wb.sheetnames == ["Transfertafel"] and wb.active.max_row == 5


def test_exports_escape_formulas(client, db, fixed_now):
    """A provider name that looks like a formula must stay text in CSV and XLSX."""
    evil = f.organization(db, '=HYPERLINK("http://x.example")', slug="evil", kind="basic_ggz")
    svc = f.service(db, evil, "+Behandeling", wait_kind="ggz_basic")
    sal = f.at_location(db, svc, f.location(db, evil, "GM0141"))
    from tests.region.builders import months_back

    f.wait(db, sal, months_back(0), 2, 3)
    login(client, make_user(db, "coordinator@twente.example", "coordinator"))
    text = client.get("/regio/transfertafel.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    wb = load_workbook(io.BytesIO(client.get("/regio/transfertafel.xlsx").content))
    names = [c.value for c in wb.active["B"]]
    assert '\'=HYPERLINK("http://x.example")' in names
    kpi = load_workbook(io.BytesIO(client.get("/regio/kpi.xlsx").content))
    cells = [c.value for row in kpi["KPI 33"].iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


def test_htmx_requests_get_only_the_results_block(client, db, fixed_now):
    build_network(db)
    login(client, make_user(db, "coordinator@twente.example", "coordinator"))
    hx = {"HX-Request": "true"}
    r = client.get("/regio/witte-vlekken?gemeente=GM0141", headers=hx)
    assert r.status_code == 200 and r.text.lstrip().startswith('<div id="results">') and "Almelo" in r.text
    r = client.get("/steunpunten?gemeente=GM0147", headers=hx)
    assert r.text.lstrip().startswith('<div id="results">') and "Herstelcentrum Borne (fictief)" in r.text
    assert "Inloophuis De Brug" not in r.text and "data-markers=" in r.text
    r = client.get("/groepsaanbod?weergave=planning", headers=hx)
    assert r.text.lstrip().startswith('<div id="results">') and "december 2026" in r.text


def test_empty_states(client, db, fixed_now):
    login(client, make_user(db, "tafel@twente.example", "transfer"))
    assert "Geen wachttijden gevonden" in client.get("/regio/transfertafel").text
    assert "Geen groepsaanbod gevonden met deze keuze" in client.get("/groepsaanbod").text
    page = client.get("/steunpunten").text
    assert "0 steunpunten gevonden" in page and "Geen steunpunten in Almelo" in page


def test_group_offer_pagination(client, db, fixed_now):
    org = f.organization(db, "Welzijn Twente (fictief)", kind="welfare")
    from tests.region.builders import group_offer

    for i in range(23):
        group_offer(db, org, f"Groep {i:02d} (fictief)", "GM0141", "social_work_welfare", ongoing=True)
    first = client.get("/groepsaanbod").text
    assert "23 groepsaanbiedingen gevonden" in first and "Pagina 1 van 2" in first
    assert first.count('class="card offer"') == 20
    second = client.get("/groepsaanbod?pagina=2").text
    assert second.count('class="card offer"') == 3 and "Vorige" in second


def test_dashboard_shows_measurement_method(client, db, fixed_now):
    build_transfer(db)
    login(client, make_user(db, "tafel@twente.example", "transfer"))
    assert "gerealiseerde wachttijd" in client.get("/regio/transfertafel").text
