"""The session cookie after a real login: HttpOnly, SameSite=Lax, Secure behind TLS; the login page's headers."""

import pytest

from tests import factories
from tests.auth_tools import make_user
from waitinfo.accounts.passwords import hash_password
from waitinfo.core.settings import get_settings

PASSWORD = "Lang-genoeg-wachtwoord-2026!"


def _login(db, client):
    org = factories.organization(db, "Cookie Praktijk (fictief)")
    make_user(db, "cookie@praktijk.example", "provider", [org], password_hash=hash_password(PASSWORD))
    page = client.get("/inloggen")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]  # no clickjacking of the form
    form = {"email": "cookie@praktijk.example", "password": PASSWORD, "csrf_token": client.cookies["waitinfo_csrf"]}
    return client.post("/inloggen", data=form, follow_redirects=False)


def _flags(set_cookie: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in set_cookie.split(";")[1:]} | {
        part.strip().lower() for part in set_cookie.split(";")[1:] if part.strip().lower().startswith("samesite")
    }


def test_session_cookie_flags_on_plain_http(db, client):
    r = _login(db, client)
    assert r.status_code == 303
    flags = _flags(r.headers["set-cookie"])
    assert r.headers["set-cookie"].startswith("waitinfo_session=")
    assert "httponly" in flags and "samesite=lax" in flags and "path" in flags
    assert "secure" not in flags  # local http: a Secure cookie would never come back


@pytest.fixture
def secure_cookies(monkeypatch):
    monkeypatch.setenv("WAITINFO_SECURE_COOKIES", "true")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("WAITINFO_SECURE_COOKIES")
    get_settings.cache_clear()


def test_session_cookie_is_secure_behind_tls(db, secure_cookies):
    from fastapi.testclient import TestClient

    from tests.conftest import _client_for

    with _client_for(db) as c:
        c.base_url = c.base_url.copy_with(scheme="https")
        r = _login(db, c)
        assert isinstance(c, TestClient) and r.status_code == 303
        flags = _flags(r.headers["set-cookie"])
        assert {"httponly", "secure", "samesite=lax"} <= flags
        assert r.headers["strict-transport-security"].startswith("max-age=")
