"""Chromium: log in, see what is due, do the monthly update (with a validation error), upload a file and read
its report; the coordinator's pages. Screenshots under artifacts/screenshots/portal-*.png; axe-core checks."""

import time
from datetime import date

import pytest

from tests.browser_tools import assert_accessible, screenshot
from waitinfo.accounts.demo_users import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _wait_csv(demo_engine) -> str:
    """A wait-times file for one of GGZ Reggedal's existing rows (same location, service and group), plus a bad row."""
    from sqlalchemy import text

    with demo_engine.connect() as conn:
        row = conn.execute(
            text(
                "select l.name, l.address_1, l.postal_code, l.city, s.name, t.name from wait_time w "
                "join service_at_location sal on sal.id = w.service_at_location_id join service s on s.id = sal.service_id "
                "join location l on l.id = sal.location_id join organization o on o.id = s.organization_id "
                "left join taxonomy_term t on t.id = w.diagnosis_group_id where o.slug = 'ggz-reggedal-fictief' "
                "order by l.name, s.name, t.name limit 1"
            )
        ).one()
    head = "Vestiging;Adres;Postcode;Plaats;Aanbod;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum\n"
    line = ";".join(x or "" for x in row)
    today = date.today().strftime("%d-%m-%Y")
    return head + f"{line};4;8;{today}\n{line};zes;8;{today}\n"


def _login(page, base, email, password=DEMO_PASSWORD, next_path="/portaal"):
    page.goto(f"{base}{next_path}")
    assert "/inloggen" in page.url
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture
def job_worker(live_server):
    """`waitinfo worker` on the live server's database, as `waitinfo serve` starts one."""
    import os
    import subprocess
    import sys

    from sqlalchemy.engine import make_url

    from tests.conftest import ROOT
    from waitinfo.core import database

    url = make_url(database.get_engine().url).render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WAITINFO_")}
    env["WAITINFO_DATABASE_URL"] = url
    proc = subprocess.Popen([sys.executable, "-m", "waitinfo", "worker"], cwd=ROOT, env=env)
    yield proc
    proc.terminate()
    proc.wait(timeout=30)


def test_provider_login_month_and_upload(live_server, job_worker, demo_engine, page, tmp_path):
    from playwright.sync_api import expect

    started = time.monotonic()
    _login(page, live_server, "editor@reggedal.example", "fout-wachtwoord")
    assert page.get_by_role("alert").inner_text().startswith("E-mailadres of wachtwoord klopt niet")
    assert page.get_by_label("E-mailadres").input_value() == "editor@reggedal.example"
    screenshot(page, "portal-01-login-error")
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/portaal")
    assert page.get_by_role("heading", level=1).inner_text() == "GGZ Reggedal (fictief)"
    assert page.get_by_role("heading", name="Te doen in").is_visible()
    screenshot(page, "portal-02-dashboard")
    assert_accessible(page)

    # Monthly update: one wrong value, the error sits next to the field and the typed value stays.
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Maandupdate").click()
    first = page.locator("input[name^='registration_']").first
    first.fill("zes")
    screenshot(page, "portal-03-month-form")
    assert_accessible(page)
    page.get_by_role("button", name="Cijfers opslaan").click()
    assert page.locator("#error-summary").is_visible()
    first = page.locator("input[name^='registration_']").first
    assert first.input_value() == "zes" and first.get_attribute("aria-invalid") == "true"
    screenshot(page, "portal-04-month-error")
    assert_accessible(page)
    first.fill("5,5")
    page.get_by_role("button", name="Cijfers opslaan").click()
    assert "Opgeslagen:" in page.get_by_role("status").inner_text()
    screenshot(page, "portal-05-month-saved")
    month_done = time.monotonic() - started
    assert month_done < 60, f"logging in and updating a month took {month_done:.0f} s"

    # Upload: dry run with the row-level report, then apply.
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Bestand uploaden").click()
    csv = tmp_path / "wachttijden-reggedal.csv"
    csv.write_text(_wait_csv(demo_engine), encoding="utf-8")
    page.get_by_label("Bestand", exact=True).set_input_files(str(csv))
    page.get_by_label("Soort bestand").select_option("wait-times")
    page.get_by_role("button", name="Proefverwerking starten").click()
    report = page.locator("#report")
    assert "Proefverwerking: wachttijden-reggedal.csv" in report.inner_text()
    expect(report).to_contain_text("zes", timeout=60_000)  # the worker ran the job; HTMX polled the status
    screenshot(page, "portal-06-upload-report")
    assert_accessible(page)
    page.get_by_role("button", name="goede regel(s) verwerken").click()
    assert "Verwerkt: wachttijden-reggedal.csv" in page.locator("#report").inner_text()
    expect(page.locator("#report")).to_contain_text("Klaar.", timeout=60_000)
    screenshot(page, "portal-07-upload-applied")

    # The upload matched the existing rows: no new service or location appeared.
    page.goto(f"{live_server}/portaal/aanbod")
    assert page.get_by_role("link", name="Behandeling", exact=True).count() == 0
    screenshot(page, "portal-08-offer")
    assert_accessible(page)


def test_unrecognised_columns_are_picked_in_the_dry_run(live_server, job_worker, page, tmp_path):
    """A file in the provider's own words: the dry run offers a pick list per unrecognised column (the proposal
    preselected), the dry run runs again with the choice; the held-rows page is reachable. Nothing is applied."""
    from playwright.sync_api import expect

    _login(page, live_server, "editor@esch.example")
    page.wait_for_url("**/portaal")
    csv = tmp_path / "eigen-kolommen.csv"
    csv.write_text(
        "Vestiging;Aanmeld wachttyd;Wachtduur start traject;Opmerking;Peildatum\n"
        "Onbekende vestiging;3;7;drukke maand;01-12-2026\n",
        encoding="utf-8",
    )
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Bestand uploaden").click()
    page.get_by_label("Bestand", exact=True).set_input_files(str(csv))
    page.get_by_label("Soort bestand").select_option("wait-times")
    page.get_by_role("button", name="Proefverwerking starten").click()
    form = page.locator("form.mapping-form")
    expect(form).to_be_visible(timeout=60_000)
    assert form.get_by_label("Betekenis van kolom Aanmeld wachttyd").input_value() == "registration_weeks"
    assert form.get_by_label("Betekenis van kolom Opmerking").input_value() == "-"
    screenshot(page, "portal-12-upload-columns")
    assert_accessible(page)
    form.get_by_label("Betekenis van kolom Wachtduur start traject").select_option("treatment_weeks")
    form.get_by_role("button", name="Opnieuw proberen met deze betekenissen").click()
    report = page.locator("#report")
    expect(report).to_contain_text("Onbekende vestiging", timeout=60_000)  # read now; the location is unknown
    expect(page.locator("form.mapping-form")).to_have_count(0)
    screenshot(page, "portal-13-upload-columns-mapped")
    assert_accessible(page)
    page.get_by_role("navigation", name="Portaal").get_by_role("link", name="Regels koppelen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Koppel deze regels aan uw aanbod"
    screenshot(page, "portal-14-held-rows")
    assert_accessible(page)


def test_coordinator_pages(live_server, page):
    _login(page, live_server, "coordinator@waitinfo.example", next_path="/beheer")
    page.wait_for_url("**/beheer")
    screenshot(page, "portal-09-admin")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/gebruikers")
    assert page.get_by_role("link", name="editor@reggedal.example").is_visible()
    screenshot(page, "portal-10-admin-users")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/audit")
    assert_accessible(page)
    page.goto(f"{live_server}/portaal/help")
    assert page.get_by_role("heading", name="Definities van de wachttijden").is_visible()
    screenshot(page, "portal-11-help")
    assert_accessible(page)


def test_login_works_without_javascript(live_server, nojs_page):
    _login(nojs_page, live_server, "transfer@waitinfo.example", next_path="/inloggen?volgende=/portaal/help")
    nojs_page.wait_for_url("**/portaal/help")
    assert nojs_page.get_by_role("button", name="Uitloggen").is_visible()


def test_held_rows_with_proposals(live_server, page):
    """A practice file with only a zorgvraagtypering: the held ZVT 2 rows show their proposal preselected, with the
    ground; "Alle voorstellen koppelen" links them (screenshots portal-15, portal-16, axe)."""
    from sqlmodel import Session, select

    from tests.imports.practice_regge import REGGE_FILE, regge
    from waitinfo.accounts.models import User, UserOrganization
    from waitinfo.core import database
    from waitinfo.imports.service import run_import

    with Session(database.get_engine()) as s:  # the live server's own copy of the demo database
        w = regge(s)
        editor = s.exec(select(User).where(User.email == "editor@esch.example")).one()
        s.add(UserOrganization(user_id=editor.id, organization_id=w.org.id))
        run_import(s, organization_name_or_id=w.org.slug, raw=REGGE_FILE.read_bytes(), source="regge.csv")
        s.commit()
        org_id, basic_id = w.org.id, w.basic.id
    _login(page, live_server, "editor@esch.example")
    page.wait_for_url("**/portaal*")
    page.goto(f"{live_server}/portaal/koppelen?organisatie={org_id}")
    proposed = page.get_by_label("Aanbod voor Regge Oldenzaal · zorgvraagtypering ZVT 2")
    assert proposed.input_value() == str(basic_id)
    assert proposed.locator("option:checked").inner_text() == "Basis-ggz Oldenzaal (voorstel)"
    assert page.get_by_text("Voorgesteld op grond van zorgvraagtype 2").first.is_visible()
    screenshot(page, "portal-15-held-proposals")
    assert_accessible(page)
    page.get_by_role("button", name="Alle voorstellen koppelen").click()
    assert page.get_by_role("status").inner_text().startswith("2 regel(s) gekoppeld volgens het voorstel")
    assert page.get_by_role("button", name="Alle voorstellen koppelen").count() == 0
    screenshot(page, "portal-16-held-proposals-linked")
    assert_accessible(page)
