"""Chromium: the dashboard, the support-point map (markers without tiles, popup) and the fit-gap matrix, with axe."""

import gc
import warnings

import pytest
from sqlmodel import Session

from tests.auth_tools import make_user, session_cookie
from tests.browser_tools import SCREENSHOTS, assert_accessible, screenshot
from waitinfo.core import database
from waitinfo.web.auth import SESSION_COOKIE

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _collect_live_server_leftovers():
    """Collect, after the live server has stopped, the database connections its request threads left behind.

    Without this a later, unrelated test reports their ResourceWarning at garbage collection (seen only when
    these browser tests run in the same process as database tests; cause not pinned down yet).
    """
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _top(page, name: str) -> None:
    """The first screen as a reader sees it (the full-page shot of a long list is hard to judge)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _login_as(page, live_server, role: str) -> None:
    """A user in the live server's own database, and its session cookie in the browser."""
    with Session(database.get_engine()) as s:
        cookie = session_cookie(s, make_user(s, f"{role}-browser@twente.example", role))
        s.commit()
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": live_server}])


def _map_under_real_csp(browser, live_server) -> None:
    """Leaflet draws markers and popups with the CSP enforced (the page fixture bypasses it for axe)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")  # CSP enforced
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server}/steunpunten")
        page.wait_for_selector("#kaart path.leaflet-interactive")
        page.locator("#kaart path.leaflet-interactive").first.click(force=True)
        page.locator(".leaflet-popup-content .map-popup").wait_for()
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def test_public_support_points_and_group_offers(live_server, browser, page, nojs_page):
    # The map draws markers and opens popups without any tile layer (none configured, nothing fetched).
    page.goto(f"{live_server}/steunpunten")
    page.wait_for_selector("#kaart.leaflet-container")
    markers = page.locator("#kaart path.leaflet-interactive")
    n = markers.count()
    assert n > 0, "no markers drawn"
    assert page.locator("#kaart .leaflet-tile").count() == 0
    assert page.locator("li.card.point").count() >= n  # every marker is also in the list
    markers.first.click(force=True)
    popup = page.locator(".leaflet-popup-content .map-popup")
    popup.wait_for()
    assert "Meer over dit steunpunt" in popup.inner_text()
    _top(page, "region-01-steunpunten-kaart")
    assert_accessible(page)
    # Filtering with htmx redraws the map for the chosen municipality.
    page.select_option("#gemeente", "GM0147")
    page.wait_for_url("**gemeente=GM0147**")
    page.wait_for_selector("#kaart.leaflet-container")
    assert page.locator("section.municipality").count() == 1
    # Without JavaScript the list and the filter form do the work.
    nojs_page.goto(f"{live_server}/steunpunten")
    assert nojs_page.locator("#kaart").is_hidden()
    nojs_page.select_option("#gemeente", "GM0153")
    nojs_page.click("form.filters button[type=submit]")
    assert "gemeente=GM0153" in nojs_page.url and nojs_page.locator("section.municipality").count() == 1
    _top(nojs_page, "region-02-steunpunten-zonder-js")
    _map_under_real_csp(browser, live_server)
    # Group offers: list, then the planning view of upcoming starts.
    page.goto(f"{live_server}/groepsaanbod")
    assert page.locator("li.card.offer").count() > 0
    page.check("input[name=weergave][value=planning]")
    page.wait_for_url("**weergave=planning**")
    page.wait_for_selector("table.planning")
    _top(page, "region-03-groepsaanbod-planning")
    assert_accessible(page)


def test_region_pages(live_server, page):
    _login_as(page, live_server, "coordinator")
    page.goto(f"{live_server}/regio/transfertafel?subregio=almelo")
    assert page.locator("h1").inner_text().startswith("Transfertafel")
    assert page.locator("section.subregion").count() == 1
    assert page.locator("table.dashboard th.diag").count() > 2
    assert page.locator("td.trend svg.sparkline").count() == page.locator("table.dashboard th.diag").count()
    _top(page, "region-04-transfertafel")
    assert_accessible(page)
    page.check("input[name=knelpunten]")  # htmx filter, URL stays shareable
    page.wait_for_url("**knelpunten=true**")
    rows = page.locator("table.dashboard th.diag")
    for i in range(min(rows.count(), 5)):
        assert rows.nth(i).locator("xpath=..").locator("li.signal").count() >= 1
    page.locator("td.trend a").first.click()
    page.wait_for_url("**/regio/transfertafel/trend?**")
    assert page.locator("svg.chart").is_visible()
    _top(page, "region-05-trend")
    page.goto(f"{live_server}/regio/transfertafel/vergadering?subregio=almelo&knelpunten=true")
    screenshot(page, "region-06-vergadering")  # same components as the dashboard, axe-checked there
    assert page.locator("ol.agenda li").count() >= 1

    page.goto(f"{live_server}/regio/witte-vlekken")
    matrix = page.locator("table.fitgap")
    assert matrix.locator("tbody tr").count() == 14
    assert matrix.locator("td").count() == 14 * (matrix.locator("thead th").count() - 1)
    unmet = matrix.locator("td.unmet")
    if unmet.count():
        assert "witte vlek" in unmet.first.inner_text().lower()  # said in words, not only by colour
    matrix.scroll_into_view_if_needed()
    _top(page, "region-07-witte-vlekken")
    assert_accessible(page)
    page.goto(f"{live_server}/regio/witte-vlekken/criteria")
    assert page.locator("form.criterion-form").is_visible()
    page.fill("#f-name", "Testcriterium")
    page.select_option("#f-kind", "hours_per_10k")
    page.fill("#f-minimum", "veel")
    page.click("form.criterion-form button[type=submit]")
    assert page.locator(".field-error").first.inner_text().startswith("Vul een getal in")
    assert page.locator("#f-name").input_value() == "Testcriterium"  # what was typed is kept
    screenshot(page, "region-10-criteria-fout")
    assert_accessible(page)
    page.goto(f"{live_server}/regio/subregios")
    assert page.locator("select[name^=gm_]").count() == 14
    assert_accessible(page)
    page.goto(f"{live_server}/regio/kpi")
    assert page.locator("section.kpi").count() == 7
    _top(page, "region-08-kpi")
    page.goto(f"{live_server}/regio/groei")
    assert page.locator("svg.chart").count() == 3
    screenshot(page, "region-09-groei")
    assert_accessible(page)
