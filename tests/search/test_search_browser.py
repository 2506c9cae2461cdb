"""The referrer flow in Chromium, with and without JavaScript: search, narrow, open, shortlist, print.

Screenshots: artifacts/screenshots/search-NN-*.png (kept as CI artefacts).
"""

import re

import pytest

from tests.browser_tools import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def assert_every_wait_defined(page):
    """Every wait figure (and every "geen gegevens") has its definition next to it."""
    waits = page.locator(".wait.wait-figures, .wait.wait-no_data")
    assert waits.count() > 0
    for i in range(waits.count()):
        assert waits.nth(i).locator("details.wait-definition").count() == 1, f"wait {i} has no definition"


def test_referrer_flow_with_javascript(live_server, page):
    page.goto(f"{live_server}/")
    assert page.url.endswith("/zoeken")
    page.wait_for_function("() => window.htmx !== undefined")
    page.select_option("#gemeente", label="Almelo")
    page.select_option("#hulpvraag", label="Angst en paniek")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"hulpvraag=angst"))
    page.wait_for_selector("#resultaten .result")
    assert "angst en paniek" in page.locator("#resultaten-kop").inner_text()
    assert page.locator(".alternatives-notice").count() == 1  # ggz waits over the norm: alternatives in view
    assert page.locator("#alternatieven").count() == 1 and page.locator("#tijdens-wachten").count() == 1
    assert_every_wait_defined(page)
    screenshot(page, "search-01-almelo-angst")
    assert_accessible(page)

    # Narrow to "geen verwijzing nodig": HTMX swaps the results in place and pushes the URL.
    page.get_by_label("geen verwijzing nodig").check()
    page.wait_for_url(re.compile(r"zonder_verwijzing=1"))
    page.wait_for_load_state("networkidle")
    referral = page.locator("#resultaten .facts").all_inner_texts()
    assert referral and all("geen verwijzing nodig" in t for t in referral)
    # A definition opens by keyboard (no tooltip): focus the summary and press Enter.
    summary = page.locator("details.wait-definition summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.wait-definition").first.get_attribute("open") is not None
    screenshot(page, "search-02-geen-verwijzing")

    # Open a result with wait figures: the detail page with the history chart and the Treeknorm lines.
    first = page.locator("#resultaten .results-list .result", has=page.locator(".wait-figures")).first.locator(
        ".result-title a"
    )
    first_name = first.inner_text()
    first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == first_name
    page.get_by_role("button", name=re.compile("Op de lijst zetten")).click()
    page.wait_for_selector("button[aria-pressed=true]")
    assert_every_wait_defined(page)
    assert page.locator("svg.chart").count() >= 1 and "norm" in page.locator("svg.chart").first.inner_html()
    screenshot(page, "search-03-detail")
    assert_accessible(page)
    page.go_back()
    page.wait_for_selector("#resultaten .result")
    page.wait_for_function("() => window.htmx !== undefined")
    assert "Mijn lijst (1)" in page.locator("#lijst-teller").inner_text()  # never a stale cached page

    # Add a second one from the results (HTMX: button and counter update in place).
    buttons = page.locator("#resultaten .results-list button[aria-pressed=false]")
    buttons.first.click()
    page.wait_for_function("() => document.querySelector('#lijst-teller').innerText.includes('(2)')")
    page.locator("#lijst-teller").click()
    page.wait_for_selector("h1")
    items = page.locator(".handout-item h3")
    assert page.locator("ol.handout-list > li").count() == 2
    assert first_name in " ".join(items.all_inner_texts())
    assert "wachtlijstbemiddeling" in page.content()
    assert page.locator("#deellink").input_value().count("-") >= 8  # share link carries the two ids
    screenshot(page, "search-04-handout")
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible() and not page.locator(".handout-actions").is_visible()
    for details in page.locator("ol.handout-list details.wait-definition").all():
        assert details.get_attribute("open") is not None  # definitions printed, not hidden behind a tap
    screenshot(page, "search-05-handout-print")


def test_referrer_flow_without_javascript(live_server, nojs_page):
    page = nojs_page
    page.goto(f"{live_server}/zoeken")
    page.select_option("#gemeente", label="Almelo")
    page.select_option("#hulpvraag", label="Angst en paniek")
    page.get_by_label("geen verwijzing nodig").check()
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"zonder_verwijzing=1"))
    assert page.locator("#resultaten .result").count() > 0
    referral = page.locator("#resultaten .results-list .facts").all_inner_texts()
    assert all("geen verwijzing nodig" in t for t in referral)
    assert_every_wait_defined(page)
    screenshot(page, "search-06-nojs-results")
    # Definitions open by tap/click without JavaScript (<details>).
    page.locator("details.wait-definition summary").first.click()
    assert page.locator("details.wait-definition").first.get_attribute("open") is not None

    cards = page.locator("#resultaten .results-list .result")
    ids = [cards.nth(i).get_attribute("id") for i in range(2)]
    names = [page.locator(f"#{i} .result-title a").inner_text() for i in ids]
    for card_id in ids:  # the form posts, the server sets the cookie and sends us back to the same results
        page.locator(f"#{card_id}").get_by_role("button", name=re.compile("Op de lijst zetten")).click()
        page.wait_for_url(re.compile(r"zonder_verwijzing=1.*#" + card_id))
        assert page.locator(f"#{card_id} button[aria-pressed=true]").count() == 1
    page.locator(f"#{ids[0]} .result-title a").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == names[0]
    page.get_by_role("link", name=re.compile("Terug naar de zoekresultaten")).click()
    assert "Mijn lijst (2)" in page.locator("#lijst-teller").inner_text()
    page.locator("#lijst-teller").click()
    page.wait_for_selector(".handout-item")
    got = " ".join(page.locator(".handout-item h3").all_inner_texts())
    assert page.locator("ol.handout-list > li").count() == 2 and all(n in got for n in names)
    assert "wachtlijstbemiddeling" in page.content()
    screenshot(page, "search-07-nojs-handout")
    page.emulate_media(media="print")
    screenshot(page, "search-08-nojs-handout-print")


def test_mobile_layout_and_page_weight(live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    page.goto(f"{live_server}/zoeken?gemeente=GM0141&hulpvraag=angst")
    page.wait_for_load_state("networkidle")
    own = sum(n for url, n in sizes.items() if "/static/vendor/" not in url)
    vendored = sum(n for url, n in sizes.items() if "/static/vendor/" in url)
    print(f"page weight: {own} bytes own (HTML, CSS, JS) + {vendored} bytes vendored htmx (uncompressed)")
    assert own < 60_000, f"page weight {own} bytes without the shared vendored htmx"
    assert own + vendored < 110_000
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "no horizontal scrolling on a phone"
    screenshot(page, "search-09-mobile")
    assert_accessible(page)
    context.close()
