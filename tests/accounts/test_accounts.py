"""Accounts: argon2 passwords, one-time links, login/logout, reset through the outbox, rate limit, CSRF."""

import re
from datetime import timedelta

from sqlmodel import select

from tests import factories
from tests.auth_tools import anon_csrf, login, make_user
from waitinfo.accounts import service, tokens
from waitinfo.accounts.models import AuditLog, AuthToken, OutboxMessage, User
from waitinfo.accounts.passwords import hash_password, verify_password
from waitinfo.accounts.ratelimit import Limiter
from waitinfo.accounts.schemas import UserCreate
from waitinfo.core.clock import now
from waitinfo.web.auth import SESSION_COOKIE, _serializer

PASSWORD = "een lang wachtwoord"


def test_argon2_hash_and_verify():
    h = hash_password(PASSWORD)
    assert h.startswith("$argon2id$")
    assert verify_password(h, PASSWORD)
    assert not verify_password(h, "fout wachtwoord")
    assert not verify_password(None, PASSWORD)


def test_token_stores_only_hash_and_is_single_use(db):
    user = make_user(db, "a@org.example", "transfer")
    token = tokens.issue(db, user, "reset")
    row = db.exec(select(AuthToken).where(AuthToken.user_id == user.id)).one()
    assert token not in row.token_hash and len(row.token_hash) == 64
    assert tokens.consume(db, token) == user.id
    assert tokens.consume(db, token) is None


def test_token_expires(db):
    user = make_user(db, "b@org.example", "transfer")
    token = tokens.issue(db, user, "reset")
    row = tokens.find_valid(db, token)
    row.expires_at = now() - timedelta(seconds=1)
    db.flush()
    assert tokens.find_valid(db, token) is None


def test_new_token_invalidates_older(db):
    user = make_user(db, "c@org.example", "transfer")
    first = tokens.issue(db, user, "reset")
    second = tokens.issue(db, user, "reset")
    assert tokens.find_valid(db, first) is None
    assert tokens.find_valid(db, second) is not None


def test_provider_needs_organisation(db):
    try:
        service.create_user(db, UserCreate(email="p@org.example", role="provider"))
    except service.AccountError as exc:
        assert exc.field == "organization_ids"
    else:
        raise AssertionError("provider without organisation accepted")


def test_login_logout_flow(db, client):
    csrf = anon_csrf(client)
    org = factories.organization(db)
    make_user(db, "Editor@Org.example", "provider", [org], password_hash=hash_password(PASSWORD))
    page = client.get("/inloggen?volgende=/portaal/maand")
    assert page.status_code == 200 and 'name="password"' in page.text
    r = client.post(
        "/inloggen",
        data={"email": "editor@org.example", "password": PASSWORD, "volgende": "/portaal/maand", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/portaal/maand"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    user = service.find_by_email(db, "editor@org.example")
    assert user.last_login_at is not None
    # Logging out needs the CSRF token of the session.
    assert client.post("/uitloggen", follow_redirects=False).status_code == 403
    token = _serializer().loads(client.cookies.get(SESSION_COOKIE))["csrf"]
    out = client.post("/uitloggen", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert f'{SESSION_COOKIE}=""' in out.headers["set-cookie"] or "Max-Age=0" in out.headers["set-cookie"]


def test_login_never_redirects_offsite(db, client):
    csrf = anon_csrf(client)
    make_user(db, "x@org.example", "coordinator", password_hash=hash_password(PASSWORD))
    r = client.post(
        "/inloggen",
        data={"email": "x@org.example", "password": PASSWORD, "volgende": "//evil.example/", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/beheer"


def test_wrong_password_keeps_email_and_says_so(db, client):
    make_user(db, "y@org.example", "transfer", password_hash=hash_password(PASSWORD))
    r = client.post("/inloggen", data={"email": "y@org.example", "password": "nope", "csrf_token": anon_csrf(client)})
    assert r.status_code == 400
    assert "klopt niet" in r.text and 'value="y@org.example"' in r.text


def test_login_rate_limit(db, client):
    csrf = anon_csrf(client)
    make_user(db, "z@org.example", "transfer", password_hash=hash_password(PASSWORD))
    for _ in range(5):
        form = {"email": "z@org.example", "password": "fout", "csrf_token": csrf}
        assert client.post("/inloggen", data=form).status_code == 400
    form = {"email": "z@org.example", "password": PASSWORD, "csrf_token": csrf}
    r = client.post("/inloggen", data=form, follow_redirects=False)
    assert r.status_code == 429 and "Te veel mislukte pogingen" in r.text
    assert int(r.headers["retry-after"]) > 0


def test_limiter_window_slides(db, monkeypatch):
    from datetime import timedelta

    from waitinfo.accounts import ratelimit

    start = ratelimit.now()
    t = [start]
    monkeypatch.setattr(ratelimit, "now", lambda: t[0])
    lim = Limiter("login", window=timedelta(seconds=60), per_email=2, per_address=100)
    lim.failed(db, "a@x.example", "1.2.3.4")
    lim.failed(db, "a@x.example", "1.2.3.4")
    assert lim.retry_after(db, "a@x.example", "1.2.3.4") > 0
    assert lim.retry_after(db, "b@x.example", "1.2.3.4") == 0
    t[0] = start + timedelta(seconds=61)
    assert lim.retry_after(db, "a@x.example", "1.2.3.4") == 0


def test_password_reset_through_outbox(db, client):
    csrf = anon_csrf(client)
    make_user(db, "r@org.example", "transfer", password_hash=hash_password(PASSWORD))
    r = client.post("/wachtwoord-vergeten", data={"email": "r@org.example", "csrf_token": csrf})
    assert r.status_code == 200 and "Als er een account is" in r.text
    # Unknown addresses get the same answer and no mail.
    client.post("/wachtwoord-vergeten", data={"email": "onbekend@org.example", "csrf_token": csrf})
    mails = db.exec(select(OutboxMessage).where(OutboxMessage.kind == "password_reset")).all()
    assert [m.to_address for m in mails] == ["r@org.example"]
    link = re.search(r"/wachtwoord-instellen/(\S+)", mails[0].body).group(1)
    assert client.get(f"/wachtwoord-instellen/{link}").status_code == 200
    bad = client.post(f"/wachtwoord-instellen/{link}", data={"password": "kort", "repeat": "kort", "csrf_token": csrf})
    assert bad.status_code == 400 and "minstens 10 tekens" in bad.text
    ok = client.post(
        f"/wachtwoord-instellen/{link}",
        data={"password": "nieuw wachtwoord!", "repeat": "nieuw wachtwoord!", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and SESSION_COOKIE in ok.headers["set-cookie"]
    assert service.authenticate(db, "r@org.example", "nieuw wachtwoord!") is not None
    assert client.get(f"/wachtwoord-instellen/{link}").status_code == 410


def test_csrf_rejects_forms_without_token(db, client):
    user = make_user(db, "k@org.example", "coordinator")
    token = login(client, user)
    assert client.post("/uitloggen", data={"csrf_token": "wrong"}, follow_redirects=False).status_code == 403
    r = client.post("/uitloggen", data={}, follow_redirects=False, headers={"accept": "text/html"})
    assert r.status_code == 403 and "formulier is verlopen" in r.text
    assert client.post("/uitloggen", headers={"X-CSRF-Token": token}, follow_redirects=False).status_code == 303


def test_cli_create_and_list(db, engine, monkeypatch):
    from typer.testing import CliRunner

    from waitinfo.cli import app

    runner = CliRunner()
    # The CLI commits in its own session: use unique addresses and clean up.
    r = runner.invoke(app, ["user", "create", "--email", "cli-coord@waitinfo.example", "--role", "coordinator"])
    try:
        assert r.exit_code == 0, r.output
        assert "/wachtwoord-instellen/" in r.output
        r2 = runner.invoke(
            app,
            ["user", "create", "--email", "cli-t@waitinfo.example", "--role", "transfer", "--password-stdin"],
            input="heel geheim wachtwoord\n",
        )
        assert r2.exit_code == 0, r2.output
        listing = runner.invoke(app, ["user", "list"])
        assert "cli-coord@waitinfo.example\tcoordinator\tactief, nog geen wachtwoord" in listing.output
        bad = runner.invoke(
            app,
            ["user", "create", "--email", "x@waitinfo.example", "--role", "provider", "--organization", "Bestaat Niet"],
        )
        assert bad.exit_code == 2 and "niet gevonden" in bad.output
    finally:
        from sqlmodel import Session, delete

        with Session(engine) as s:
            ids = s.exec(select(User.id).where(User.email.like("cli-%@waitinfo.example"))).all()
            s.exec(delete(AuditLog).where(AuditLog.entity_id.in_([str(i) for i in ids])))
            s.exec(delete(OutboxMessage).where(OutboxMessage.to_address.like("cli-%@waitinfo.example")))
            s.exec(delete(User).where(User.id.in_(ids)))
            s.commit()


def test_demo_users_idempotent(demo_db):
    from waitinfo.accounts.demo_users import DEMO_PASSWORD, create_demo_users
    from waitinfo.portal.access import allowed_organization_ids

    first = create_demo_users(demo_db)
    create_demo_users(demo_db)
    users = demo_db.exec(select(User).where(User.email.in_(first))).all()
    assert len(users) == 4 and all(u.email.endswith(".example") for u in users)
    editor = service.authenticate(demo_db, "editor@reggedal.example", DEMO_PASSWORD)
    assert editor is not None and len(allowed_organization_ids(demo_db, editor)) == 1


def test_reset_requests_are_limited(db, client):
    csrf = anon_csrf(client)
    make_user(db, "flood@org.example", "transfer", password_hash=hash_password(PASSWORD))
    for _ in range(5):
        r = client.post("/wachtwoord-vergeten", data={"email": "flood@org.example", "csrf_token": csrf})
        assert r.status_code == 200 and "Als er een account is" in r.text
    mails = db.exec(select(OutboxMessage).where(OutboxMessage.to_address == "flood@org.example")).all()
    assert len(mails) == 3
