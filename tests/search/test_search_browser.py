"""The four consult scenarios of issue 18 in Chromium (desktop and phone, with and without JavaScript), the
one-page handout (Chromium's PDF), "Nieuw consult", keyboard-only use and axe-core.

Screenshots: artifacts/screenshots/consult-*.png (kept as CI artefacts).
"""

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser_tools import SCREENSHOTS, assert_accessible, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def phone_page(browser, javascript=True):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", java_script_enabled=javascript, bypass_csp=True)
    return context, context.new_page()


def first_screen(page, name: str) -> None:
    """What the GP sees without scrolling (next to the full-page screenshot)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def add_to_list(page, n: int) -> None:
    """Press "+ Op de lijst" on the first n rows not yet on the list, waiting for the counter each time."""
    for i in range(1, n + 1):
        page.locator("#resultaten .results-list button[aria-pressed=false]").first.click()
        page.wait_for_function(f"() => document.querySelector('#lijst-teller').innerText.includes('({i})')")


def rows_text(page) -> list[str]:
    return page.locator("#resultaten .results-list > li.result").all_inner_texts()


def test_anxiety_in_almelo_to_one_page_handout(live_server, page):
    page.goto(f"{live_server}/")
    assert page.url.endswith("/zoeken")
    page.wait_for_function("() => window.htmx !== undefined")
    page.fill("#leeftijd", "34")
    page.select_option("#gemeente", label="Almelo")
    page.select_option("#hulpvraag", label="Angst en paniek")
    page.wait_for_url(re.compile(r"hulpvraag=angst"))
    page.wait_for_selector("#resultaten .result")
    heading = page.locator("#resultaten-kop").inner_text()
    assert "angst en paniek" in heading
    assert page.locator("#aantal-live").inner_text() == heading  # announced (aria-live) after the swap
    screenshot(page, "consult-01-almelo-angst-desktop")
    first_screen(page, "consult-01b-almelo-angst-first-screen")
    # Form beside the results, one row per option with its columns.
    form, results = page.locator(".search-form").bounding_box(), page.locator("#resultaten").bounding_box()
    assert form["x"] + form["width"] <= results["x"] and results["y"] < 400
    first = page.locator("#resultaten .results-list > li.result").first
    assert first.bounding_box()["height"] < 160
    for column in (".f-kind", ".f-wait", ".f-distance", ".f-referral", ".f-phone"):
        assert first.locator(column).count() == 1
    texts = rows_text(page)
    assert len(texts) <= 25 and all("Leeftijd:" in t for t in texts)
    # A practice's POH-ggz is labelled as such wherever it is.
    for t in texts:
        if "POH-ggz" in t.split("\n")[0]:
            assert "Alleen voor patiënten van" in t
    assert_accessible(page)

    # Sort on wait: the available rows' waits do not go down.
    page.get_by_role("link", name="wachttijd", exact=True).click()
    page.wait_for_url(re.compile(r"sorteer=wachttijd"))
    assert page.locator(".sort [aria-current]").inner_text() == "wachttijd"

    # Three options on the list (HTMX), then the handout.
    add_to_list(page, 3)
    page.locator("#lijst-teller").click()
    page.wait_for_selector(".handout-item")
    assert page.locator("ol.handout-list > li").count() == 3
    main = page.locator("main").inner_text()
    assert "3 adressen op voor hulp bij angst en paniek" in main
    assert "wachtlijstbemiddeling" in main and "Tijdens het wachten" in main
    assert "importrun" not in main and "HSDS" not in main
    for item in page.locator(".handout-item").all_inner_texts():
        assert "Bellen:" in item and "Adres:" in item and "Aanmelden:" in item
    assert page.locator(".handout-link svg").count() == 1  # QR code of the short link
    screenshot(page, "consult-02-handout-screen")
    assert_accessible(page)
    page.emulate_media(media="print")
    screenshot(page, "consult-03-handout-print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = pdf.pages[0].extract_text()
    assert len(pdf.pages) == 1, f"handout of three items printed on {len(pdf.pages)} pages"
    assert "Hulp die bij u past" in text and "wachtlijstbemiddeling" in text and "lijst?ids=" in text
    page.emulate_media(media="screen")

    # Nieuw consult: the next person starts with an empty list and an empty form.
    page.get_by_role("button", name=re.compile("Nieuw consult")).click()
    page.wait_for_url(re.compile(r"/zoeken$"))
    assert "Mijn lijst (0)" in page.locator("#lijst-teller").inner_text()
    assert page.locator("#leeftijd").input_value() == ""
    page.goto(f"{live_server}/lijst")
    assert "Er staat nog niets op de lijst" in page.locator("main").inner_text()


def test_five_items_fit_one_a4(live_server, page):
    page.goto(f"{live_server}/zoeken?gemeente=GM0141&hulpvraag=angst")
    page.wait_for_function("() => window.htmx !== undefined")
    add_to_list(page, 5)
    page.goto(f"{live_server}/lijst")
    assert page.locator("ol.handout-list > li").count() == 5
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    screenshot(page, "consult-04-handout-five-print")
    assert len(pdf.pages) == 1, f"five items printed on {len(pdf.pages)} pages: {pdf.pages[-1].extract_text()}"


def test_depression_in_enschede_by_postcode_on_a_phone(live_server, browser):
    context, page = phone_page(browser)
    page.goto(f"{live_server}/zoeken")
    page.fill("#postcode", "7511")
    page.select_option("#hulpvraag", label="Somberheid en depressieve klachten")
    page.wait_for_selector("#resultaten .result")
    heading = page.locator("#resultaten-kop").inner_text()
    assert "postcode 7511 (Enschede)" in heading and not heading.startswith("0 ")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("#resultaten a.tel").count() > 0  # tap to call
    screenshot(page, "consult-05-enschede-7511-phone")
    page.locator("#resultaten").scroll_into_view_if_needed()
    first_screen(page, "consult-05b-enschede-7511-phone-results")
    assert_accessible(page)
    # Typed as GPs do, with or without a space; an unknown postcode says so.
    for typed in ("7511ab", "7511 AB"):
        page.goto(f"{live_server}/zoeken?postcode={typed}&hulpvraag=somberheid")
        assert "Enschede" in page.locator("#resultaten-kop").inner_text()
    page.goto(f"{live_server}/zoeken?postcode=9999&hulpvraag=somberheid")
    assert "Postcode 9999 kennen we niet" in page.locator("#resultaten").inner_text()
    assert "0 resultaten" not in page.locator("#resultaten").inner_text()
    context.close()


def test_teenager_in_hengelo_without_javascript(live_server, nojs_page):
    page = nojs_page
    page.goto(f"{live_server}/zoeken")
    page.select_option("#gemeente", label="Hengelo")
    page.fill("#leeftijd", "15")
    page.select_option("#hulpvraag", label="Somberheid en depressieve klachten")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"leeftijd=15"))
    youth = page.locator(".youth").inner_text()
    assert "jeugdteam" in youth and "Centrum voor Jeugd en Gezin" in youth and "Hengelo" in youth
    # The municipality's youth team (demo: fictional) with a tap-to-call number and its website.
    assert "Jeugdteam Hengelo (fictief)" in youth
    assert re.fullmatch(r"tel:08800002\d\d", page.locator(".youth a.tel").get_attribute("href"))
    assert page.locator(".youth a[href^='https://']").count() == 1
    for t in rows_text(page):  # no adult-only offer
        assert "vanaf 18 jaar" not in t
    screenshot(page, "consult-06-hengelo-15-nojs")


def test_debt_stress_in_tubbergen_on_a_phone_without_javascript(live_server, browser):
    context, page = phone_page(browser, javascript=False)
    page.goto(f"{live_server}/zoeken?gemeente=GM0183&hulpvraag=geldzorgen&leeftijd=45")
    texts = rows_text(page)
    assert texts, "no offer for debt stress in Tubbergen"
    page.get_by_role("checkbox", name="sociaal domein").check()
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"niveau=sociaal"))
    assert all("sociaal domein" in t for t in rows_text(page))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # Without JavaScript the list still works: post, back to the same results.
    row = page.locator("#resultaten .results-list > li.result").first
    row_id = row.get_attribute("id")
    row.get_by_role("button", name=re.compile("Op de lijst")).click()
    page.wait_for_url(re.compile("#" + row_id))
    assert page.locator(f"#{row_id} button[aria-pressed=true]").count() == 1
    screenshot(page, "consult-07-tubbergen-geldzorgen-phone-nojs")
    context.close()


def test_crisis_shows_the_safety_block_first(live_server, page):
    page.goto(f"{live_server}/zoeken?gemeente=GM0153&hulpvraag=crisis")
    safety = page.locator(".safety")
    assert "0800-0113" in safety.inner_text() and "113" in safety.inner_text()
    assert "huisartsenpost" in safety.inner_text()
    assert "Huisartsenpost Enschede (fictief)" in safety.inner_text()  # the municipality's post, tap to call
    assert re.fullmatch(r"tel:08800003\d\d", safety.locator("a.tel").last.get_attribute("href"))
    first_result = page.locator("#resultaten .results-list").first
    assert safety.bounding_box()["y"] < first_result.bounding_box()["y"]
    screenshot(page, "consult-08-crisis")
    # A crisis service is only usable with a phone number: without one it is not among the available rows.
    available = page.locator("#resultaten .results-list").first.locator("li.result").all_inner_texts()
    for t in available:
        if "crisishulp" in t:
            assert "geen nummer bekend" not in t
    assert_accessible(page)


def test_municipality_contacts_on_screen_and_handout(live_server, page):
    """Hengelo: the youth team and the huisartsenpost on screen, the huisartsenpost on the handout."""
    page.goto(f"{live_server}/zoeken?gemeente=GM0164&hulpvraag=crisis&leeftijd=15")
    page.wait_for_function("() => window.htmx !== undefined")
    assert "Huisartsenpost Hengelo (fictief)" in page.locator(".safety").inner_text()
    assert "Jeugdteam Hengelo (fictief)" in page.locator(".youth").inner_text()
    screenshot(page, "consult-11-hengelo-15-crisis-contacts")
    assert_accessible(page)
    # The demo has no offer for a 15-year-old, so the handout is an adult's crisis list (youth on paper:
    # test_search_contacts.test_handout_names_the_contacts).
    page.goto(f"{live_server}/zoeken?gemeente=GM0164&hulpvraag=crisis")
    add_to_list(page, 1)
    page.goto(f"{live_server}/lijst")
    safety = page.locator(".safety")
    assert "Huisartsenpost Hengelo (fictief)" in safety.inner_text()
    assert "huisartsenpost-hengelo.example" in safety.inner_text()
    assert re.fullmatch(r"tel:08800003\d\d", safety.locator("a.tel").last.get_attribute("href"))
    screenshot(page, "consult-12-handout-contacts")
    assert_accessible(page)


def test_keyboard_only(live_server, page):
    page.goto(f"{live_server}/zoeken")
    page.wait_for_function("() => window.htmx !== undefined")
    page.locator("#postcode").focus()
    page.keyboard.type("7607")
    page.keyboard.press("Tab")  # gemeente
    page.keyboard.press("Tab")  # leeftijd
    page.keyboard.type("40")
    page.keyboard.press("Tab")  # hulpvraag
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator("#naam").focus()
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_selector("#resultaten .result")
    # Tab to the first "Op de lijst" button and press it.
    button = page.locator("#resultaten .results-list button[aria-pressed=false]").first
    for _ in range(200):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the first 'Op de lijst' button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#lijst-teller').innerText.includes('(1)')")
    screenshot(page, "consult-09-keyboard")


def test_detail_page_from_a_row(live_server, page):
    page.goto(f"{live_server}/zoeken?gemeente=GM0141&hulpvraag=angst&soort=groep")
    link = page.locator("#resultaten .results-list .result-title a").first
    name = link.inner_text()
    link.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == name
    text = page.locator("main").inner_text()
    assert "Groepsaanbod" in text and "Geen wachttijd van toepassing" not in text
    assert "Leeftijd" in text
    screenshot(page, "consult-10-group-detail")
    assert_accessible(page)
