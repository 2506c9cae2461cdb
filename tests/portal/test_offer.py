"""Offer edits: live at once and audited; new services/organisations pending until the coordinator approves."""

from datetime import timedelta

from sqlmodel import select

from tests.auth_tools import login
from tests.portal.helpers import build
from waitinfo.accounts.models import AuditLog, UserOrganization
from waitinfo.catalogue.models import Location, Organization, Schedule, Service
from waitinfo.core.clock import today
from waitinfo.waits.models import Insurer, InsurerContract, IntakeStop


def _service_form(csrf, **over):
    data = {
        "csrf_token": csrf,
        "name": "Groepstraining Piekeren",
        "kind": "group_offer",
        "wait_kind": "ggz_basic",
        "cost": "insured",
        "minimum_age": "18",
        "maximum_age": "",
        "how_to_register": "Via de huisarts",
        "places_total": "12",
        "places_free": "4",
        "opening_hours": "di 19:00-21:00",
    }
    data.update(over)
    return data


def test_edit_existing_service_goes_live_and_is_audited(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    page = client.get(f"/portaal/aanbod/dienst/{w.own_service.id}")
    assert page.status_code == 200 and w.own_service.name in page.text
    r = client.post(
        f"/portaal/aanbod/dienst/{w.own_service.id}",
        data=_service_form(
            csrf,
            name="Behandeling angst",
            kind="treatment",
            locations=str(w.own_location.id),
            areas=["GM0153", "GM0141"],
        ),
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    db.refresh(w.own_service)
    assert w.own_service.name == "Behandeling angst" and w.own_service.status == "active"
    entry = db.exec(select(AuditLog).where(AuditLog.entity_type == "service", AuditLog.action == "update")).one()
    assert entry.old["name"].startswith("Behandeling Kanaalzijde") and entry.new["name"] == "Behandeling angst"
    assert entry.new["areas"] == ["GM0141", "GM0153"]
    slots = db.exec(select(Schedule).where(Schedule.service_id == w.own_service.id)).all()
    assert [(x.byday, x.opens_at.hour, x.closes_at.hour) for x in slots] == [("TU", 19, 21)]
    assert entry.new["opening_hours"] == "di 19:00-21:00"
    history = client.get("/portaal/geschiedenis")
    assert "Behandeling angst" in history.text and "editor@kanaalzijde.example" in history.text


def test_service_validation_keeps_input(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    r = client.post(
        f"/portaal/aanbod/dienst/{w.own_service.id}",
        data=_service_form(csrf, name="Nieuwe naam", minimum_age="achttien", places_free="20"),
    )
    assert r.status_code == 422
    assert 'value="achttien"' in r.text and 'value="Nieuwe naam"' in r.text
    assert "vrije plaatsen" in r.text.lower()
    db.refresh(w.own_service)
    assert w.own_service.name != "Nieuwe naam"


def test_new_service_pending_until_approved(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    r = client.post("/portaal/aanbod/nieuwe-dienst", data=_service_form(csrf), follow_redirects=False)
    assert r.status_code == 303
    svc = db.exec(select(Service).where(Service.name == "Groepstraining Piekeren")).one()
    assert svc.status == "pending" and svc.organization_id == w.own.id
    coord = w.users["coordinator"]
    ccsrf = login(client, coord)
    approvals = client.get("/beheer/goedkeuren")
    assert "Groepstraining Piekeren" in approvals.text
    r = client.post(
        f"/beheer/goedkeuren/service/{svc.id}",
        data={"csrf_token": ccsrf, "besluit": "goedkeuren"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    db.refresh(svc)
    assert svc.status == "active"
    entry = db.exec(select(AuditLog).where(AuditLog.action == "approve")).one()
    assert entry.actor == "user:coord@waitinfo.example" and entry.organization_id == w.own.id


def test_new_organisation_pending_and_rejectable(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    r = client.post(
        "/portaal/aanbod/nieuwe-organisatie",
        data={"csrf_token": csrf, "name": "Dorpskamer Oost (fictief)", "kind": "welfare"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    org = db.exec(select(Organization).where(Organization.name == "Dorpskamer Oost (fictief)")).one()
    assert org.status == "pending"
    assert db.get(UserOrganization, (w.users["provider"].id, org.id)) is not None
    ccsrf = login(client, w.users["coordinator"])
    client.post(f"/beheer/goedkeuren/organization/{org.id}", data={"csrf_token": ccsrf, "besluit": "afwijzen"})
    db.refresh(org)
    assert org.status == "defunct"


def test_provider_cannot_approve(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    client.post("/portaal/aanbod/nieuwe-dienst", data=_service_form(csrf))
    svc = db.exec(select(Service).where(Service.name == "Groepstraining Piekeren")).one()
    r = client.post(f"/beheer/goedkeuren/service/{svc.id}", data={"csrf_token": csrf, "besluit": "goedkeuren"})
    assert r.status_code == 403
    db.refresh(svc)
    assert svc.status == "pending"


def test_location_geocoded_from_postcode(db, client, monkeypatch):
    w = build(db)
    csrf = login(client, w.users["provider"])
    from waitinfo.geo.schemas import GeoResult

    def fake(session, text):
        return GeoResult(
            text,
            "found",
            label="7607 GH Almelo",
            latitude=52.35,
            longitude=6.66,
            municipality_code="GM0141",
            municipality_name="Almelo",
            source="test",
        )

    monkeypatch.setattr("waitinfo.geo.service.geocode_address", fake)
    r = client.post(
        "/portaal/aanbod/nieuwe-vestiging",
        data={
            "csrf_token": csrf,
            "name": "Vestiging Centrum",
            "location_type": "physical",
            "address_1": "Marktstraat 1",
            "postal_code": "7607gh",
            "city": "Almelo",
            "agb_code": "2222 1001",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    loc = db.exec(select(Location).where(Location.name == "Vestiging Centrum")).one()
    assert loc.postal_code == "7607 GH" and loc.municipality_code == "GM0141" and loc.latitude == 52.35
    # A provider's new location waits for the coordinator, like a new service: public nowhere until approved.
    assert loc.status == "pending"
    assert str(loc.id) not in client.get("/api/hsds/locations", params={"per_page": 200}).text
    assert loc.agb_code == "22221001"  # the vestiging AGB code: wait files are matched on it
    wrong = client.post(
        "/portaal/aanbod/nieuwe-vestiging",
        data={"csrf_token": csrf, "name": "Y", "postal_code": "7607 GH", "agb_code": "12ab"},
    )
    assert wrong.status_code == 422 and "een AGB-code heeft 8 cijfers" in wrong.text
    bad = client.post("/portaal/aanbod/nieuwe-vestiging", data={"csrf_token": csrf, "name": "X", "postal_code": "76"})
    assert bad.status_code == 422 and 'value="76"' in bad.text


def test_intake_stop_add_and_end(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    bad = client.post(
        "/portaal/aanbod/aanmeldstop",
        data={
            "csrf_token": csrf,
            "service_id": str(w.own_service.id),
            "starts_on": today().isoformat(),
            "ends_on": (today() - timedelta(days=5)).isoformat(),
            "reason": "",
        },
    )
    assert bad.status_code == 422 and "vóór de begindatum" in bad.text and "reden" in bad.text.lower()
    r = client.post(
        "/portaal/aanbod/aanmeldstop",
        data={
            "csrf_token": csrf,
            "service_id": str(w.own_service.id),
            "location_id": str(w.own_location.id),
            "starts_on": today().isoformat(),
            "ends_on": "",
            "reason": "Wachtlijst te lang",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    stop = db.exec(select(IntakeStop)).one()
    assert stop.service_at_location_id == w.own_sal.id and stop.ends_on is None
    dash = client.get("/portaal")
    assert "aanmeldstop" in dash.text
    client.post(f"/portaal/aanbod/aanmeldstop/{stop.id}/beeindigen", data={"csrf_token": csrf})
    db.refresh(stop)
    assert stop.ends_on == today()
    # A stop on another provider's service is refused.
    r = client.post(
        "/portaal/aanbod/aanmeldstop",
        data={
            "csrf_token": csrf,
            "service_id": str(w.other_service.id),
            "starts_on": today().isoformat(),
            "reason": "x",
        },
    )
    assert r.status_code == 422 and db.exec(select(IntakeStop)).one() == stop


def test_profile_method_and_contracts(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    r = client.post(
        "/portaal/aanbod/profiel",
        data={
            "csrf_token": csrf,
            "default_wait_method": "current",
            "contract_vgz": "on",
            "contract_menzis": "on",
            "ceiling_menzis": "on",
            "ceiling_cz": "on",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    db.refresh(w.own)
    assert w.own.default_wait_method == "current"
    rows = db.exec(select(InsurerContract, Insurer).join(Insurer)).all()
    got = {i.code: (c.year, c.ceiling_reached) for c, i in rows}
    assert got == {"vgz": (today().year, False), "menzis": (today().year, True)}
    # The monthly update now defaults to the profile's method.
    assert 'value="current" selected' in client.get("/portaal/maand").text
    client.post(
        "/portaal/aanbod/profiel", data={"csrf_token": csrf, "default_wait_method": "current", "contract_vgz": "on"}
    )
    assert {i.code for _, i in db.exec(select(InsurerContract, Insurer).join(Insurer)).all()} == {"vgz"}
    assert db.exec(select(AuditLog).where(AuditLog.entity_type == "insurer_contract")).all()
