"""Coordinator pages: invite through the outbox, roles and organisations, deactivate, audit for all, outbox viewer."""

import re

from sqlmodel import select

from tests.auth_tools import anon_csrf, login
from tests.portal.helpers import build
from waitinfo.accounts import service
from waitinfo.accounts.models import AuditLog, OutboxMessage, User
from waitinfo.accounts.passwords import hash_password


def test_invite_set_password_and_login(db, client):
    w = build(db)
    csrf = login(client, w.users["coordinator"])
    bad = client.post("/beheer/gebruikers/nieuw", data={"csrf_token": csrf, "email": "geen-adres", "role": "provider"})
    assert bad.status_code == 422 and "geldig e-mailadres" in bad.text and 'value="geen-adres"' in bad.text
    no_org = client.post(
        "/beheer/gebruikers/nieuw", data={"csrf_token": csrf, "email": "nieuw@kanaalzijde.example", "role": "provider"}
    )
    assert no_org.status_code == 422 and "minstens één organisatie" in no_org.text
    r = client.post(
        "/beheer/gebruikers/nieuw",
        data={
            "csrf_token": csrf,
            "email": "Nieuw@Kanaalzijde.example",
            "role": "provider",
            "organization_ids": str(w.own.id),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    mail = db.exec(select(OutboxMessage).where(OutboxMessage.kind == "invite")).one()
    assert mail.to_address == "nieuw@kanaalzijde.example"
    token = re.search(r"/wachtwoord-instellen/(\S+)", mail.body).group(1)
    # The coordinator's outbox viewer never shows the one-time link itself.
    outbox = client.get("/beheer/outbox")
    assert "Uitnodiging voor waitinfo Twente" in outbox.text and token not in outbox.text
    client.cookies.clear()
    done = client.post(
        f"/wachtwoord-instellen/{token}",
        data={"password": "een goed wachtwoord", "repeat": "een goed wachtwoord", "csrf_token": anon_csrf(client)},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/portaal"
    assert w.own.name in client.get("/portaal").text


def test_change_role_organisations_and_deactivate(db, client):
    w = build(db)
    editor = w.users["provider"]
    editor.password_hash = hash_password("een goed wachtwoord")
    csrf = login(client, w.users["coordinator"])
    page = client.get(f"/beheer/gebruikers/{editor.id}")
    assert page.status_code == 200 and "selected" in page.text
    r = client.post(
        f"/beheer/gebruikers/{editor.id}",
        data={
            "csrf_token": csrf,
            "role": "provider",
            "active": "on",
            "organization_ids": [str(w.own.id), str(w.other.id)],
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert {o.id for o in service.organizations_of(db, editor)} == {w.own.id, w.other.id}
    client.post(
        f"/beheer/gebruikers/{editor.id}",
        data={"csrf_token": csrf, "role": "provider", "organization_ids": str(w.own.id)},
    )
    db.refresh(editor)
    assert editor.active is False
    assert service.authenticate(db, editor.email, "een goed wachtwoord") is None
    entry = db.exec(select(AuditLog).where(AuditLog.entity_type == "user", AuditLog.action == "update")).all()[-1]
    assert entry.old["active"] is True and entry.new["active"] is False
    # A deactivated user's existing session no longer works.
    login(client, editor)
    assert client.get("/portaal", follow_redirects=False).status_code == 303


def test_coordinator_cannot_lock_self_out(db, client):
    w = build(db)
    coord = w.users["coordinator"]
    csrf = login(client, coord)
    r = client.post(f"/beheer/gebruikers/{coord.id}", data={"csrf_token": csrf, "role": "transfer", "active": "on"})
    assert r.status_code == 422 and "eigen rol" in r.text
    db.refresh(coord)
    assert coord.role == "coordinator"


def test_audit_for_all_and_history_only_own(db, client):
    w = build(db)
    pcsrf = login(client, w.users["provider"])
    client.post("/portaal/maand/bevestigen", data={"csrf_token": pcsrf})
    other = w.users["other_provider"]
    ocsrf = login(client, other)
    client.post("/portaal/maand/bevestigen", data={"csrf_token": ocsrf})
    history = client.get("/portaal/geschiedenis")
    assert "editor@heuvelrand.example" in history.text and "editor@kanaalzijde.example" not in history.text
    login(client, w.users["coordinator"])
    everything = client.get("/beheer/audit")
    assert "editor@heuvelrand.example" in everything.text and "editor@kanaalzijde.example" in everything.text
    only = client.get(f"/beheer/audit?organisatie={w.own.id}&soort=wait_time")
    assert "editor@kanaalzijde.example" in only.text and "editor@heuvelrand.example" not in only.text


def test_secure_cookie_flag(db, client, monkeypatch):
    from waitinfo.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "secure_cookies", True)
    db.add(User(email="s@org.example", role="transfer", password_hash=hash_password("een goed wachtwoord")))
    db.flush()
    form = {"email": "s@org.example", "password": "een goed wachtwoord", "csrf_token": anon_csrf(client)}
    r = client.post("/inloggen", data=form, follow_redirects=False)
    assert "Secure" in r.headers["set-cookie"] and "HttpOnly" in r.headers["set-cookie"]
