"""Issue 15, finding 1 (and 7, 9): an import is bound to its organisation; new things wait for approval.

A provider's upload naming another organisation (by id, name or slug) in its rows changes nothing of that
organisation and creates no organisation; only the coordinator imports for several organisations (and new
ones are pending); new services from provider runs are pending and public nowhere; every organisation a run
changed is audited; a rejected CLI import leaves no organisation behind.
"""

import uuid

import pytest
from sqlmodel import select

from tests.portal.helpers import build
from waitinfo.accounts.models import AuditLog
from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation
from waitinfo.imports.service import run_import
from waitinfo.portal import upload

SUPPORT = (
    "Naam,Type,Organisatie,Adres,Postcode,Gemeente,Openingstijden,Kenmerken,Bezoekers per maand,Website\n"
    "{name},Inloophuis,{org},Rondweg 8,7513 AB,Enschede,ma 10-12,gratis,10,https://evil.example\n"
)
GROUP = (
    "Titel,Type,Doelgroep,Gemeente,Locatie,Start,Bijeenkomsten,Plaatsen totaal,Plaatsen vrij,Verwijzing,Kosten,"
    "Aanmelden,Organisatie\n"
    "{name},ggz,volwassenen,Almelo,Online,doorlopend,8,10,5,nee,gratis,bellen,{org}\n"
)


def _snapshot(db, org):
    db.expire_all()
    services = db.exec(select(Service).where(Service.organization_id == org.id).order_by(Service.name)).all()
    links = db.exec(
        select(ServiceAtLocation).join(Service).where(Service.organization_id == org.id).order_by(ServiceAtLocation.id)
    ).all()
    return [(s.id, s.name, s.kind, s.url, s.status, s.updated_at) for s in services], [
        (sal.service_id, sal.location_id) for sal in links
    ]


@pytest.mark.parametrize("template", [SUPPORT, GROUP], ids=["support-points", "group-offers"])
@pytest.mark.parametrize("how", ["id", "name", "slug"])
def test_provider_upload_cannot_touch_another_organisation(db, template, how):
    w = build(db)
    ref = {"id": str(w.other.id), "name": w.other.name, "slug": w.other.slug}[how]
    before = _snapshot(db, w.other)
    orgs_before = db.exec(select(Organization.id)).all()
    raw = template.format(name=w.other_service.name, org=ref).encode()
    report = upload.run(db, w.own, raw, filename="f.csv", kind=None, dry_run=False, user=w.users["provider"])
    assert report.status == "rejected" and report.rows_applied == 0
    (error,) = report.errors
    assert error.line == 2 and error.field == "Organisatie"
    assert f"hoort bij aanbieder '{ref}'" in error.message and "eigen organisatie" in error.message
    assert _snapshot(db, w.other) == before
    assert sorted(db.exec(select(Organization.id)).all()) == sorted(orgs_before)


def test_a_row_naming_an_unknown_organisation_creates_none(db):
    w = build(db)
    raw = SUPPORT.format(name="Nieuw punt", org="Gloednieuw Collectief (fictief)").encode()
    report = upload.run(db, w.own, raw, filename="f.csv", kind=None, dry_run=False, user=w.users["provider"])
    assert report.status == "rejected"
    assert db.exec(select(Organization).where(Organization.name.like("Gloednieuw%"))).all() == []


def test_own_organisation_named_in_the_row_is_fine_and_new_service_is_pending_and_private(db, client):
    w = build(db)
    raw = SUPPORT.format(name="Inloop Kanaal", org=w.own.slug).encode()
    report = upload.run(db, w.own, raw, filename="f.csv", kind=None, dry_run=False, user=w.users["provider"])
    assert report.status == "applied", report
    svc = db.exec(select(Service).where(Service.name == "Inloop Kanaal")).one()
    assert (svc.organization_id, svc.status) == (w.own.id, "pending")
    assert client.get(f"/aanbod/{svc.id}").status_code == 404
    assert "Inloop Kanaal" not in client.get("/api/hsds/services", params={"per_page": 200, "minimal": "true"}).text
    assert "Inloop Kanaal" not in client.get(f"/api/hsds/services/{svc.id}").text  # no name in a tombstone
    assert "Inloop Kanaal" not in client.get(f"/fhir/HealthcareService/{svc.id}").text
    assert "Inloop Kanaal" not in client.get("/steunpunten").text
    # Its new location waits for approval as well: public nowhere.
    (loc,) = [
        x for x in db.exec(select(Location).where(Location.organization_id == w.own.id)) if x.address_1 == "Rondweg 8"
    ]
    assert loc.status == "pending"
    assert str(loc.id) not in client.get("/api/hsds/locations", params={"per_page": 200}).text
    # A second upload cannot publish it either (an HSDS status of 'active' included).
    upload.run(db, w.own, raw, filename="f2.csv", kind=None, dry_run=False, user=w.users["provider"])
    db.refresh(svc)
    assert svc.status == "pending"


def test_coordinator_upload_publishes_new_service(db):
    w = build(db)
    raw = SUPPORT.format(name="Inloop Coord", org="").encode()
    report = upload.run(db, w.own, raw, filename="f.csv", kind=None, dry_run=False, user=w.users["coordinator"])
    assert report.status == "applied"
    assert db.exec(select(Service.status).where(Service.name == "Inloop Coord")).one() == "active"
    locs = db.exec(
        select(Location).where(Location.organization_id == w.own.id, Location.address_1 == "Rondweg 8")
    ).all()
    assert [x.status for x in locs] == ["active"]


def test_hsds_row_with_another_organisations_service_id_is_rejected(db):
    w = build(db)
    raw = f'[{{"id": "{w.other_service.id}", "name": "Overgenomen", "status": "active"}}]'.encode()
    report = upload.run(db, w.own, raw, filename="f.json", kind="hsds", dry_run=False, user=w.users["provider"])
    assert report.status == "rejected"
    assert "hoort bij een andere aanbieder" in report.errors[0].message
    db.refresh(w.other_service)
    assert w.other_service.name != "Overgenomen"


def test_multi_organisation_import_creates_pending_organisations_and_audits_each(db, client):
    w = build(db)
    raw = (
        SUPPORT.format(name="Punt Een", org=w.other.name)
        + SUPPORT.format(name="Punt Twee", org="Buurtkracht Oost (fictief)").split("\n", 1)[1]
    ).encode()
    report = run_import(
        db, organization_name_or_id=w.own.id, raw=raw, source="f.csv", trusted=True, multi_organisation=True
    )
    assert report.status == "applied" and report.rows_applied == 2
    new = db.exec(select(Organization).where(Organization.name == "Buurtkracht Oost (fictief)")).one()
    assert new.status == "pending"
    point = db.exec(select(Service).where(Service.name == "Punt Twee")).one()
    assert point.organization_id == new.id
    assert client.get(f"/aanbod/{point.id}").status_code == 404  # an unapproved organisation is public nowhere
    audited = {
        (a.organization_id, a.action, a.entity_type)
        for a in db.exec(select(AuditLog).where(AuditLog.organization_id.in_([w.own.id, w.other.id, new.id]))).all()
    }
    assert {
        (w.own.id, "import", "import_run"),
        (w.other.id, "import", "import_run"),
        (new.id, "import", "import_run"),
        (new.id, "propose", "organization"),
    } <= audited


def test_rejected_cli_import_does_not_create_its_organisation(db):
    raw = SUPPORT.format(name="", org="").encode()  # every row rejected: name missing
    name = f"Onbekend {uuid.uuid4().hex[:6]} (fictief)"
    report = run_import(db, organization_name_or_id=name, raw=raw, source="f.csv", trusted=True)
    assert report.status == "rejected" and not report.organization_created
    assert db.exec(select(Organization).where(Organization.name == name)).all() == []
