"""Finding 6 (injection): only http(s), mailto and tel links come in or go out (portal, push, files; HTML, HSDS,
FHIR); map tooltips are text; the login and shortlist forms carry a CSRF token before any session exists."""

from pathlib import Path

import pytest
from sqlmodel import select

from tests.api.conftest import catalogue  # noqa: F401 - the small catalogue fixture
from tests.api.test_waits_and_push import _key
from tests.auth_tools import make_user
from waitinfo.accounts.passwords import hash_password
from waitinfo.catalogue.models import Service
from waitinfo.web.auth import SESSION_COOKIE

BAD_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox",
    "java\tscript:alert(1)",
    "https://",
    "file:///etc/passwd",
]
GOOD_LINKS = ["https://www.voorbeeld.nl/aanbod", "http://voorbeeld.nl", "mailto:info@voorbeeld.nl", "tel:0530000000"]


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_url_rule_refuses_other_schemes(link):
    from waitinfo.core.urls import safe_url, url_problem, web_url

    assert url_problem(link, ("http", "https", "mailto", "tel")) is not None
    assert safe_url(link) is None
    assert web_url(link) is None or web_url(link).startswith("https://")


@pytest.mark.parametrize("link", GOOD_LINKS)
def test_the_url_rule_accepts_web_mail_and_phone_links(link):
    from waitinfo.core.urls import safe_url

    assert safe_url(link) == link


def test_push_refuses_a_javascript_link(client, db, catalogue):  # noqa: F811
    key = _key(db, catalogue["org"])
    doc = {
        "id": "6f1d3c2a-0000-4000-8000-00000000a11c",  # a push needs UUID ids (official HSDS schema)
        "name": "Linkproef (fictief)",
        "status": "active",
        "url": "javascript:alert(document.cookie)",
    }
    r = client.post("/api/hsds/services", json=doc, headers={"X-API-Key": key})
    assert r.status_code in (200, 422), r.text
    assert r.json()["status"] == "rejected" and "javascript" in r.text
    assert db.exec(select(Service).where(Service.name == "Linkproef (fictief)")).first() is None


def test_stored_bad_links_are_never_published(client, db, catalogue):  # noqa: F811
    """A link stored before the rule existed: no href in HTML, no url in HSDS, no telecom in FHIR."""
    svc, org = catalogue["svc"], catalogue["org"]
    svc.url = "javascript:alert(1)"
    org.website = "data:text/html,<script>alert(2)</script>"
    db.add_all([svc, org])
    db.flush()
    html = client.get(f"/aanbod/{svc.id}", headers={"accept": "text/html"}).text
    assert "javascript:" not in html and "data:text/html" not in html
    hsds = client.get(f"/api/hsds/services/{svc.id}")
    assert hsds.status_code == 200 and hsds.json()["name"] == svc.name
    assert "javascript:" not in hsds.text and "data:text/html" not in hsds.text
    fhir = client.get(f"/fhir/HealthcareService/{svc.id}").text
    assert "javascript:" not in fhir


def test_map_tooltips_are_built_as_text():
    """Leaflet puts a tooltip string in as HTML: the name must be handed over as a text node."""
    js = (Path(__file__).resolve().parents[2] / "web" / "static" / "js" / "map.js").read_text()
    calls = [line.strip() for line in js.splitlines() if "bindTooltip(" in line or "bindPopup(" in line]
    assert calls, "map.js binds no tooltip"
    for call in calls:
        argument = call.split("(", 1)[1]
        assert argument.startswith(("text(", "popup(")), call
    assert "innerHTML" not in js


def test_login_without_the_pre_session_token_is_refused(db, client):
    """Login CSRF: another site's form logging the victim into the attacker's account."""
    make_user(db, "aanvaller@org.example", "coordinator", password_hash=hash_password("Lang-genoeg-2026!"))
    r = client.post(
        "/inloggen",
        data={"email": "aanvaller@org.example", "password": "Lang-genoeg-2026!"},
        follow_redirects=False,
    )
    assert r.status_code == 403 and "formulier is verlopen" in r.text
    assert SESSION_COOKIE not in r.headers.get("set-cookie", "")
    page = client.get("/inloggen")
    token = client.cookies.get("waitinfo_csrf")
    assert token and f'value="{token}"' in page.text
    ok = client.post(
        "/inloggen",
        data={"email": "aanvaller@org.example", "password": "Lang-genoeg-2026!", "csrf_token": token},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_shortlist_forms_need_the_token(db, client, catalogue):  # noqa: F811
    sid = str(catalogue["svc"].id)
    for path in ("/lijst/toevoegen", "/lijst/verwijderen"):
        r = client.post(path, data={"service_id": sid, "terug": "/zoeken"}, follow_redirects=False)
        assert r.status_code == 403, path
    assert client.post("/lijst/leegmaken", follow_redirects=False).status_code == 403
    page = client.get("/zoeken")
    token = client.cookies.get("waitinfo_csrf")
    assert token and page.status_code == 200
    r = client.post(
        "/lijst/toevoegen", data={"service_id": sid, "terug": "/zoeken", "csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303
