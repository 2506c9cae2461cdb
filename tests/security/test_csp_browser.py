"""Every HTML page works under the real Content-Security-Policy in Chromium (no bypass): no violations, htmx on."""

import pytest
from fastapi.routing import APIRoute

from tests.browser_tools import screenshot

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""
SKIP_PREFIXES = ("/api", "/fhir", "/metrics", "/healthz", "/openapi", "/docs", "/static", "/uitloggen")


def html_page_paths() -> list[str]:
    """GET pages without path parameters, as the app has them now (new pages are checked automatically)."""
    from waitinfo.web.app import create_app

    paths = set()
    for route in create_app().routes:
        if (
            isinstance(route, APIRoute)
            and "GET" in route.methods
            and "{" not in route.path
            and not route.path.startswith(SKIP_PREFIXES)
        ):
            paths.add(route.path)
    return sorted(paths | {"/bestaat-niet"})[:40]


@pytest.mark.browser
def test_pages_have_no_csp_violations(engine, browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")  # CSP enforced
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    problems = {}
    try:
        for path in html_page_paths():
            response = page.goto(live_server + path, wait_until="load")
            assert response is not None and "frame-ancestors 'none'" in response.headers["content-security-policy"]
            page.wait_for_timeout(100)
            if page.evaluate("() => document.querySelector('script[src*=htmx]') !== null"):
                assert page.evaluate("() => typeof window.htmx === 'object'"), f"htmx did not load on {path}"
                assert page.evaluate("() => htmx.config.includeIndicatorStyles === false")
            found = page.evaluate("() => window.__csp")
            if found:
                problems[path] = found
        screenshot(page, "security_csp_last_page")
    finally:
        context.close()
    assert not problems and not console, f"CSP violations: {problems} {console}"
