"""Chromium: prepare, hold and close a meeting from its agenda; the next agenda starts from its actions. Axe-clean."""

import gc
import re
import warnings

import pytest
from sqlmodel import Session, select

from tests.auth_tools import make_user, session_cookie
from tests.browser_tools import SCREENSHOTS, assert_accessible, screenshot
from waitinfo.catalogue.models import Organization
from waitinfo.core import database
from waitinfo.demo.common import did
from waitinfo.web.auth import SESSION_COOKIE

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _collect_live_server_leftovers():
    """As in tests/region/test_browser.py: collect the live server's leftover connections after it stopped."""
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _top(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _login_as(page, live_server, role: str, org_key: str | None = None) -> None:
    with Session(database.get_engine()) as s:
        orgs = [s.exec(select(Organization).where(Organization.id == did("org", org_key))).one()] if org_key else []
        cookie = session_cookie(s, make_user(s, f"{role}-meeting@twente.example", role, orgs))
        s.commit()
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": live_server}])


def _pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def test_prepare_hold_and_close_a_meeting(live_server, page):
    _login_as(page, live_server, "transfer")
    page.goto(f"{live_server}/regio/overleg")
    almelo = page.locator("#sub-almelo")
    assert almelo.locator("h2").inner_text() == "Subregio Almelo"
    _top(page, "meetings-01-overzicht")
    assert_accessible(page)

    almelo.locator(".meeting-list a").first.click()  # the coming meeting
    page.wait_for_url("**/regio/overleg/vergadering/**")
    agenda_url = page.url
    assert page.locator(".notice.warn", has_text="Voorlopige agenda").is_visible()
    _top(page, "meetings-02-agenda-voorlopig")
    assert_accessible(page)

    page.click("text=Agenda voorbereiden")
    assert page.locator("[role=status]").inner_text().startswith("De agenda is voorbereid")
    rows = page.locator("table.bottlenecks tbody tr")
    assert rows.count() >= 3
    assert rows.first.locator("td").first.inner_text() == "1"
    statuses = set(page.locator("table.bottlenecks .badge[class*=bn-]").all_inner_texts())
    assert {"Nieuw", "Verbeterd"} <= statuses
    assert page.locator("ol.matches li").count() >= 1  # offers matched to requests
    page.click("text=Vergadering starten")
    assert "De vergadering is gestart" in page.locator("[role=status]").inner_text()

    carried = page.locator("#acties tbody tr")
    open_before = carried.count()
    assert open_before >= 1
    carried.first.locator("button", has_text="Gereed").click()
    assert page.locator("#acties tbody tr").first.locator(".badge", has_text="gereed").is_visible()

    page.select_option("#act-kind", "action")
    page.fill("#act-text", "Cliënt met BSN 123456782 als eerste plaatsen")
    page.click("form.action-form button[type=submit]")
    assert "burgerservicenummer" in page.locator("#act-text-error").inner_text()
    assert page.locator("#act-text").input_value() == "Cliënt met BSN 123456782 als eerste plaatsen"
    page.locator("#act-text").scroll_into_view_if_needed()
    _top(page, "meetings-03-persoonsgegevens-geweigerd")
    assert_accessible(page)

    page.fill("#act-text", "Wachtlijst angst: groepsaanbod voorleggen aan de verwijzers")
    page.select_option("#act-owner_organization_id", label="GGZ Reggedal (fictief)")
    page.fill("#act-due_on", "2030-01-15")
    page.select_option("#act-bottleneck_key", index=1)
    page.click("form.action-form button[type=submit]")
    assert "De actie is vastgelegd" in page.locator("[role=status]").inner_text()
    assert page.locator("#besluiten ul.decisions li", has_text="groepsaanbod voorleggen").is_visible()
    screenshot(page, "meetings-04-agenda-tijdens-vergadering")
    page.locator("#besluiten").screenshot(path=str(SCREENSHOTS / "meetings-04b-besluiten-en-acties.png"))

    page.emulate_media(media="print")
    pages = _pdf_pages(page)
    screenshot(page, "meetings-05-agenda-afdruk")
    page.emulate_media(media="screen")
    print(f"agenda of {rows.count()} bottlenecks prints on {pages} A4 pages")
    assert pages <= 5, f"the agenda prints on {pages} A4 pages"

    page.click("text=Afsluiten en verslag mailen")
    assert "verslag staat in de outbox" in page.locator("[role=status]").inner_text()
    page.click("text=Verslag (afdrukken)")
    assert page.locator("h1").inner_text().startswith("Verslag transfertafel")
    assert page.locator("text=groepsaanbod voorleggen").is_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    screenshot(page, "meetings-06-verslag-afdruk")
    assert _pdf_pages(page) <= 3
    page.emulate_media(media="screen")

    # The next meeting starts from what was agreed: the new action is on its agenda.
    page.goto(f"{live_server}/regio/overleg")
    page.locator("#sub-almelo .meeting-list a").first.click()
    page.wait_for_url("**/regio/overleg/vergadering/**")
    assert page.url != agenda_url
    assert page.locator("#acties tbody tr", has_text="groepsaanbod voorleggen").is_visible()
    _top(page, "meetings-07-volgende-agenda")
    assert_accessible(page)


def test_provider_capacity_and_exchange(live_server, page, browser):
    _login_as(page, live_server, "provider", "reggedal")
    page.goto(f"{live_server}/portaal/capaciteit")
    assert page.locator("h1").inner_text() == "Capaciteit en transfervragen"
    page.click("text=Capaciteit aanbieden")
    assert page.locator(".privacy-warning").is_visible()
    page.fill("#f-title", "Groep piekeren")
    page.select_option("#f-need_code", "angst")
    page.fill("#f-places", "6")
    page.fill("#f-ends_on", "2030-02-01")
    page.fill("#f-contact", "Aanmelden via jan.devries@gmail.com")
    page.click("form.capacity-form button[type=submit]")
    assert "e-mailadres buiten de domeinen" in page.locator("#f-contact-error").inner_text()
    assert page.locator("#f-title").input_value() == "Groep piekeren"
    _top(page, "meetings-08-aanbod-persoonsgegevens")
    assert_accessible(page)
    page.fill("#f-contact", "Aanmeldteam, info@ggz-reggedal.example")
    page.click("form.capacity-form button[type=submit]")
    assert "Het aanbod is opgeslagen" in page.locator("[role=status]").inner_text()
    _top(page, "meetings-09-portaal-capaciteit")
    assert_accessible(page)

    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", bypass_csp=True)
    try:
        tp = other.new_page()
        _login_as(tp, live_server, "transfer")
        tp.goto(f"{live_server}/regio/capaciteit?subregio=almelo")
        assert tp.locator("ol.matches li").count() >= 1
        _top(tp, "meetings-10-capaciteit-matches")
        assert_accessible(tp)
    finally:
        other.close()


def test_effect_for_the_coordinator_and_the_shared_screen(live_server, page):
    _login_as(page, live_server, "coordinator")
    page.goto(f"{live_server}/regio/kpi")
    page.click("text=effect van de transfertafels")
    page.wait_for_url("**/regio/overleg/effect")
    almelo = page.locator("section.card", has_text="Subregio Almelo")
    assert almelo.locator(".effect-figures dd").first.inner_text() == "2"  # two demo meetings held
    assert almelo.locator("tbody tr").count() >= 3  # bottlenecks discussed, then and now
    _top(page, "meetings-11-effect")
    assert_accessible(page)

    page.goto(f"{live_server}/regio/overleg")
    page.locator("#sub-almelo .meeting-list a").first.click()
    page.click("text=Grote tekst (gedeeld scherm)")
    page.wait_for_url("**scherm=groot**")
    size = page.evaluate("getComputedStyle(document.querySelector('.agenda-page')).fontSize")
    assert size == "20px"
    page.locator("#knelpunten").scroll_into_view_if_needed()
    _top(page, "meetings-12-gedeeld-scherm")
    assert_accessible(page)
