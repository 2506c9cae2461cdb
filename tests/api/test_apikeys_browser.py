"""Chromium: the coordinator creates an API key (shown once) and revokes it; axe finds nothing serious."""

import pytest
from sqlmodel import Session

from tests.auth_tools import make_user, session_cookie
from tests.browser_tools import assert_accessible, screenshot
from waitinfo.core import database
from waitinfo.web.auth import SESSION_COOKIE

pytestmark = pytest.mark.browser


def test_create_and_revoke_key(page, live_server):
    with Session(database.get_engine()) as s:
        cookie = session_cookie(s, make_user(s, "coordinator-apikeys@twente.example", "coordinator"))
        s.commit()
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": live_server}])
    page.goto(f"{live_server}/beheer/api-sleutels")
    assert "nog geen API-sleutels" in page.inner_text("main") or page.locator("table").count() == 1
    page.fill("#f-name", "Versneld Verbinden (test)")
    page.check("input[name=scopes][value=read]")
    page.click("form.narrow button[type=submit]")
    key = page.input_value("#new-key-value")
    assert key.startswith("wik_")
    screenshot(page, "apikeys-01-nieuwe-sleutel")
    assert_accessible(page)
    page.goto(f"{live_server}/beheer/api-sleutels")
    assert key not in page.content()
    page.locator("tr", has_text="Versneld Verbinden (test)").locator("button", has_text="Intrekken").click()
    assert "De sleutel is ingetrokken" in page.inner_text("main")
    screenshot(page, "apikeys-02-ingetrokken")
    assert_accessible(page)
