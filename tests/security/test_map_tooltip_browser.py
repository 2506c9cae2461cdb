"""Finding 6 in Chromium: a support point's name shows in the map tooltip as text, never as HTML."""

import html
import json
import re

import pytest

pytestmark = pytest.mark.browser

NAME = '<img id="xss" src="data:," onerror="window.__xss=1">Steunpunt (fictief)'


def test_tooltip_shows_the_name_as_text(live_server, page):
    marker = {
        "name": NAME,
        "lat": 52.3,
        "lon": 6.7,
        "type": "inloop",
        "organization": "Org",
        "address": "",
        "open": "",
        "anchor": "x",
    }

    def rewrite(route):
        response = route.fetch()
        body = re.sub(
            r'data-markers="[^"]*"', f'data-markers="{html.escape(json.dumps([marker]))}"', response.text(), count=1
        )
        route.fulfill(response=response, body=body)

    page.route(f"{live_server}/steunpunten", rewrite)
    page.goto(f"{live_server}/steunpunten")
    page.wait_for_selector("#kaart path.leaflet-interactive")
    page.locator("#kaart path.leaflet-interactive").first.hover(force=True)
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == NAME  # the markup is shown as characters
    assert page.locator("#xss").count() == 0 and page.evaluate("window.__xss") is None
