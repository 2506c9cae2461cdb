"""Coordinator page /beheer/contacten: the 14 municipalities with their youth team and huisartsenpost; edits are
checked (Dutch errors, nothing stored) and audited; other roles may not see or change them."""

from sqlmodel import select

from tests.auth_tools import login
from tests.portal.helpers import build
from waitinfo.accounts.models import AuditLog
from waitinfo.reference import contacts
from waitinfo.reference.models import MunicipalityContact

FORM = "/beheer/contacten/GM0164/jeugdteam"


def test_coordinator_lists_and_edits(db, client):
    w = build(db)
    csrf = login(client, w.users["coordinator"])
    page = client.get("/beheer/contacten")
    assert page.status_code == 200 and page.text.count("Nog geen contact") == 28
    assert 'aria-current="page">Contacten gemeenten' in page.text and "Hof van Twente" in page.text
    assert 'name="name"' in client.get(FORM).text and "Contact verwijderen" not in client.get(FORM).text
    r = client.post(
        FORM,
        data={
            "csrf_token": csrf,
            "name": "Jeugdteam Hengelo (fictief)",
            "phone": "088-0000206",
            "url": "https://www.jeugdteam-hengelo.example",
            "note": "Ma-vr 8.30-17.00",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/beheer/contacten?melding=opgeslagen#GM0164"
    row = contacts.get(db, "GM0164", "youth_team")
    assert (row.name, row.phone, row.url, row.note) == (
        "Jeugdteam Hengelo (fictief)",
        "088-0000206",
        "https://www.jeugdteam-hengelo.example",
        "Ma-vr 8.30-17.00",
    )
    assert row.updated_by == f"user:{w.users['coordinator'].email}"
    listed = client.get("/beheer/contacten?melding=opgeslagen").text
    assert "Het contact is opgeslagen." in listed and "Jeugdteam Hengelo (fictief)" in listed
    assert listed.count("Nog geen contact") == 27
    entry = db.exec(select(AuditLog).where(AuditLog.entity_type == "municipality_contact")).one()
    assert entry.action == "create" and entry.new["phone"] == "088-0000206"
    assert "contact gemeente" in client.get("/beheer/audit").text
    edit = client.get(FORM).text
    assert 'value="088-0000206"' in edit and "Contact verwijderen" in edit
    gone = client.post(f"{FORM}/verwijderen", data={"csrf_token": csrf}, follow_redirects=False)
    assert gone.status_code == 303 and contacts.get(db, "GM0164", "youth_team") is None


def test_bad_phone_and_link_give_dutch_errors_and_store_nothing(db, client):
    w = build(db)
    csrf = login(client, w.users["coordinator"])
    r = client.post(
        "/beheer/contacten/GM0164/huisartsenpost",
        data={"csrf_token": csrf, "name": "Huisartsenpost Hengelo", "phone": "bel 088/0000", "url": "javascript:x"},
    )
    assert r.status_code == 422 and "Niet opgeslagen." in r.text
    assert "is geen telefoonnummer. Gebruik alleen cijfers, spaties, streepjes en een +" in r.text
    assert "andere soorten links (zoals javascript:) zijn niet toegestaan" in r.text
    assert 'value="bel 088/0000"' in r.text and 'aria-invalid="true"' in r.text  # what was typed stays
    empty = client.post("/beheer/contacten/GM0164/huisartsenpost", data={"csrf_token": csrf, "name": " "})
    assert empty.status_code == 422 and "Vul de naam in, bijvoorbeeld Huisartsenpost Hengelo." in empty.text
    assert db.exec(select(MunicipalityContact)).all() == []
    assert db.exec(select(AuditLog).where(AuditLog.entity_type == "municipality_contact")).all() == []
    assert client.get("/beheer/contacten/GM9999/jeugdteam").status_code == 404
    assert client.get("/beheer/contacten/GM0164/politie").status_code == 404


def test_provider_and_anonymous_are_refused(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    assert client.get("/beheer/contacten").status_code == 403
    r = client.post(FORM, data={"csrf_token": csrf, "name": "Jeugdteam", "phone": "088-0000206"})
    assert r.status_code == 403
    assert client.post(f"{FORM}/verwijderen", data={"csrf_token": csrf}).status_code == 403
    login(client, w.users["coordinator"])
    assert client.post(FORM, data={"name": "Jeugdteam"}).status_code == 403  # no CSRF token
    client.cookies.clear()
    assert client.get("/beheer/contacten", follow_redirects=False).status_code in (303, 401)
    assert db.exec(select(MunicipalityContact)).all() == []
