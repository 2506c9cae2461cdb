"""A signed-in user who opens a page of another role gets the Dutch 403 page, not a server error.

Only a real server shows this: the route's database session has ended before the error page renders.
"""

import pytest


@pytest.mark.browser
def test_forbidden_page_for_signed_in_transfer_member(live_server, page):
    page.goto(f"{live_server}/inloggen")
    page.fill("input[name=email]", "transfer@waitinfo.example")
    page.fill("input[name=password]", "demo-wachtwoord")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    response = page.goto(f"{live_server}/regio/kpi")
    assert response.status == 403
    assert "Geen toegang" in page.inner_text("main")
    assert "transfer@waitinfo.example" in page.inner_text("header")
