"""Chromium: /docs (Swagger UI) and /redoc (ReDoc) render from vendored files, with no request leaving the
server and no CSP violation."""

import pytest

from tests.browser_tools import screenshot

pytestmark = pytest.mark.browser


def _watch(page, live_server):
    outside, violations = [], []
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(live_server) or r.url.startswith(("data:", "blob:")) else outside.append(r.url)
        ),
    )
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return outside, violations


def test_swagger_ui_offline(page, live_server):
    outside, violations = _watch(page, live_server)
    page.goto(f"{live_server}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() > 20
    assert "HSDS" in page.inner_text("#swagger-ui")
    screenshot(page, "api-docs-01-swagger")
    assert outside == [] and violations == []


def test_redoc_offline(page, live_server):
    outside, violations = _watch(page, live_server)
    page.goto(f"{live_server}/redoc")
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_selector("text=HSDS 3.0", timeout=30_000)
    screenshot(page, "api-docs-02-redoc")
    # ReDoc's "powered by" logo points at its CDN; img-src 'self' keeps the browser from fetching it
    assert [u for u in outside if not u.endswith("/logo-mini.svg")] == []
    assert [v for v in violations if "logo-mini.svg" not in v] == []
