"""Finding 4 (sessions): logout and a new password end sessions on the server; a cookie forged with the signing
key alone is worthless; production refuses a default or short key; cookies are Secure whenever HSTS is sent."""

import re

import pytest
from sqlmodel import select

from tests import factories
from tests.auth_tools import make_user
from waitinfo.accounts.models import OutboxMessage
from waitinfo.accounts.passwords import hash_password
from waitinfo.web.auth import SESSION_COOKIE, _serializer, session_cookie_value

PASSWORD = "Lang-genoeg-wachtwoord-2026!"
NEW_PASSWORD = "Een-ander-wachtwoord-2026!"


def _form_login(client, email: str, password: str = PASSWORD):
    client.get("/inloggen")  # the login form sets its pre-session CSRF cookie
    token = client.cookies.get("waitinfo_csrf", "")
    return client.post(
        "/inloggen", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )


def _portal_status(client, cookie: str) -> int:
    client.cookies.clear()  # only this cookie, not one the server set earlier
    client.cookies.set(SESSION_COOKIE, cookie)
    return client.get("/portaal", headers={"accept": "text/html"}, follow_redirects=False).status_code


def _editor(db):
    org = factories.organization(db, "Sessie Praktijk (fictief)")
    return make_user(db, "sessie@praktijk.example", "provider", [org], password_hash=hash_password(PASSWORD))


def test_logout_ends_the_session_on_the_server(db, client):
    _editor(db)
    assert _form_login(client, "sessie@praktijk.example").status_code == 303
    cookie = client.cookies.get(SESSION_COOKIE)
    assert _portal_status(client, cookie) == 200
    csrf = _serializer().loads(cookie)["csrf"]
    assert client.post("/uitloggen", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    # The browser forgot the cookie; a copy kept by someone else must not work either.
    assert _portal_status(client, cookie) == 303


def test_new_password_ends_every_session(db, client):
    user = _editor(db)
    _form_login(client, "sessie@praktijk.example")
    first = client.cookies.get(SESSION_COOKIE)
    client.cookies.clear()
    _form_login(client, "sessie@praktijk.example")
    second = client.cookies.get(SESSION_COOKIE)
    assert _portal_status(client, first) == 200 and _portal_status(client, second) == 200
    client.cookies.clear()
    client.get("/wachtwoord-vergeten")
    client.post(
        "/wachtwoord-vergeten", data={"email": user.email, "csrf_token": client.cookies.get("waitinfo_csrf", "")}
    )
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.to_address == user.email)).one()
    link = re.search(r"/wachtwoord-instellen/(\S+)", mail.body).group(1)
    done = client.post(
        f"/wachtwoord-instellen/{link}",
        data={"password": NEW_PASSWORD, "repeat": NEW_PASSWORD, "csrf_token": client.cookies.get("waitinfo_csrf", "")},
        follow_redirects=False,
    )
    assert done.status_code == 303
    fresh = client.cookies.get(SESSION_COOKIE)
    assert _portal_status(client, first) == 303 and _portal_status(client, second) == 303
    assert _portal_status(client, fresh) == 200


def test_cookie_forged_with_the_signing_key_is_refused(db, client):
    """Whoever knows (or guesses) the signing key can sign any user id; without a live session row that's nothing."""
    coordinator = make_user(db, "coord-sessie@waitinfo.example", "coordinator", password_hash=hash_password(PASSWORD))
    forged = session_cookie_value(coordinator.id, email=coordinator.email, role="coordinator")
    assert _portal_status(client, forged) == 303
    invented = session_cookie_value(coordinator.id, sid="made-up-session-token")
    assert _portal_status(client, invented) == 303


def test_disabled_account_loses_its_sessions(db, client):
    from waitinfo.accounts import service
    from waitinfo.accounts.schemas import UserUpdate

    user = _editor(db)
    admin = make_user(db, "beheer-sessie@waitinfo.example", "coordinator")
    _form_login(client, "sessie@praktijk.example")
    cookie = client.cookies.get(SESSION_COOKIE)
    orgs = [o.id for o in service.organizations_of(db, user)]
    service.update_user(db, user, UserUpdate(role="provider", active=False, organization_ids=orgs), actor=admin)
    user.active = True  # even when switched on again, the old session stays over
    db.flush()
    assert _portal_status(client, cookie) == 303


@pytest.mark.parametrize(
    ("env", "key", "refused"),
    [
        ({"ENV": "production"}, None, True),  # the default key
        ({"ENV": "production"}, "short-but-not-default", True),
        ({"ENV": None}, None, True),  # a configured database without WAITINFO_ENV counts as production
        ({"ENV": "production"}, "x" * 32, False),
        ({"ENV": "development"}, None, False),
    ],
)
def test_production_refuses_a_default_or_short_secret_key(configure, env, key, refused):
    from waitinfo.web.app import UnsafeConfiguration, create_app

    configure(DATABASE_URL="postgresql://waitinfo@db.example/waitinfo", SECRET_KEY=key, **env)
    if refused:
        with pytest.raises(UnsafeConfiguration, match="WAITINFO_SECRET_KEY"):
            create_app()
    else:
        assert create_app() is not None


def test_embedded_database_needs_no_key(configure):
    """`make run`, `make test` and the demo: no database URL, no key."""
    from waitinfo.web.app import create_app

    configure(ENV=None, DATABASE_URL=None, SECRET_KEY=None)
    assert create_app() is not None


def test_cookies_are_secure_whenever_hsts_is_sent(db):
    """Behind TLS (https scheme, e.g. from X-Forwarded-Proto) HSTS is sent; the session cookie must be Secure too,
    without a second setting."""
    from tests.conftest import _client_for

    _editor(db)
    with _client_for(db) as c:
        c.base_url = c.base_url.copy_with(scheme="https")
        page = c.get("/inloggen")
        assert page.headers["strict-transport-security"].startswith("max-age=")
        r = c.post(
            "/inloggen",
            data={
                "email": "sessie@praktijk.example",
                "password": PASSWORD,
                "csrf_token": c.cookies.get("waitinfo_csrf", ""),
            },
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["strict-transport-security"].startswith("max-age=")
        for cookie in r.headers.get_list("set-cookie") + page.headers.get_list("set-cookie"):
            flags = {p.strip().lower() for p in cookie.split(";")[1:]}
            assert "secure" in flags, cookie


def test_serve_refuses_to_start_in_production_with_the_default_key(configure):
    from typer.testing import CliRunner

    from waitinfo.cli import app

    configure(ENV="production", DATABASE_URL="postgresql://waitinfo@db.example/waitinfo", SECRET_KEY=None)
    r = CliRunner().invoke(app, ["serve"])
    assert r.exit_code == 2 and "WAITINFO_SECRET_KEY" in r.output
