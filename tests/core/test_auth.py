"""The auth skeleton: signed cookie, login redirect for pages, 401 for APIs, role checks."""

from fastapi import APIRouter

from tests.auth_tools import login, make_user
from waitinfo.web.auth import CurrentUser, TransferMember


def _app_with_probe(client):
    router = APIRouter()

    @router.get("/probe/any")
    def any_user(user: CurrentUser):
        return {"email": user.email}

    @router.get("/probe/transfer")
    def transfer(user: TransferMember):
        return {"role": user.role}

    client.app.include_router(router)


def test_login_required_redirects_html(client):
    _app_with_probe(client)
    r = client.get("/probe/any", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/inloggen?volgende=%2Fprobe%2Fany"


def test_roles(db, client):
    _app_with_probe(client)
    user = make_user(db, "editor@aanbieder.example", "provider")
    login(client, user)
    assert client.get("/probe/any").json() == {"email": "editor@aanbieder.example"}
    r = client.get("/probe/transfer", headers={"accept": "text/html"})
    assert r.status_code == 403
    assert "Geen toegang" in r.text


def test_tampered_cookie_is_ignored(db, client):
    _app_with_probe(client)
    client.cookies.set("waitinfo_session", "not-a-valid-signature")
    r = client.get("/probe/any", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303


def test_new_password_ends_older_sessions(db, client):
    from tests.auth_tools import session_cookie
    from waitinfo.web.auth import SESSION_COOKIE

    _app_with_probe(client)
    user = make_user(db, "wissel@aanbieder.example", "provider", password_hash="$argon2id$old")
    client.cookies.set(SESSION_COOKIE, session_cookie(db, user))
    assert client.get("/probe/any").status_code == 200
    user.password_hash = "$argon2id$new"
    db.flush()
    r = client.get("/probe/any", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303


def test_header_shows_who_is_logged_in(db, client):
    from tests.auth_tools import session_cookie
    from waitinfo.web.auth import SESSION_COOKIE

    user = make_user(db, "kop@aanbieder.example", "coordinator")
    client.cookies.set(SESSION_COOKIE, session_cookie(db, user, email=user.email, role=user.role))
    html = client.get("/bestaat-niet", headers={"accept": "text/html"}).text
    assert "kop@aanbieder.example" in html and 'href="/beheer"' in html and "Uitloggen" in html
