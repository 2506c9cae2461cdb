"""Municipality contacts: checked in (lenient phone, http(s) links, Dutch errors), stored one per municipality and
kind, audited, read for a search only when the youth or safety block shows; the demo's are fictional."""

import re

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from waitinfo.accounts.models import AuditLog
from waitinfo.demo.contacts import contact_rows, load_contacts
from waitinfo.reference import contacts
from waitinfo.reference.models import MunicipalityContact
from waitinfo.search.schemas import Origin, ResolvedQuery, SearchParams


def youth(**kw) -> contacts.ContactIn:
    return contacts.ContactIn(kind="youth_team", **{"name": "Jeugdteam Hengelo (fictief)", **kw})


def test_phone_is_checked_leniently():
    for ok in ("088-0000201", "+31 88 000 0201", "053 - 000 00 00", "112", ""):
        assert contacts.phone_problem(ok) is None, ok
    for bad in ("bel 088-0000201", "088/0000201", "12", "0880000201 (ma-vr)", "++31880000201"):
        assert "geen telefoonnummer" in contacts.phone_problem(bad), bad


def test_input_is_trimmed_and_errors_are_dutch():
    data = youth(name="  Jeugdteam   Hengelo ", phone=" 088-0000201 ")
    assert (data.name, data.phone, data.errors) == ("Jeugdteam Hengelo", "088-0000201", {})
    bad = contacts.ContactIn(kind="gp_post", name="", phone="geen", url="javascript:alert(1)", note="x" * 301)
    assert bad.errors["name"] == "Vul de naam in, bijvoorbeeld Huisartsenpost Hengelo."
    assert "geen telefoonnummer" in bad.errors["phone"] and "niet toegestaan" in bad.errors["url"]
    assert "hooguit 300 tekens" in bad.errors["note"]
    assert contacts.ContactIn(kind="police", name="X").errors["kind"] == "Kies jeugdteam of huisartsenpost."


def test_save_update_and_remove_are_audited(db):
    row = contacts.save(db, "GM0164", youth(phone="088-0000201", url="https://www.jeugdteam.example"), actor="t")
    assert (row.municipality_code, row.kind, row.phone, row.updated_by) == ("GM0164", "youth_team", "088-0000201", "t")
    assert contacts.for_municipality(db, "GM0164") == {"youth_team": row}
    contacts.save(db, "GM0164", youth(phone="088-0000202", url="https://www.jeugdteam.example"), actor="t2")
    contacts.save(db, "GM0164", youth(phone="088-0000202", url="https://www.jeugdteam.example"), actor="t3")
    db.refresh(row)
    assert row.phone == "088-0000202" and row.updated_by == "t2"  # an unchanged save leaves no trace
    entries = db.exec(select(AuditLog).where(AuditLog.entity_type == "municipality_contact")).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].entity_id == "GM0164/youth_team"
    assert entries[1].old == {"phone": "088-0000201"} and entries[1].new == {"phone": "088-0000202"}
    assert contacts.remove(db, "GM0164", "youth_team", actor="t") is True
    assert contacts.get(db, "GM0164", "youth_team") is None
    assert contacts.remove(db, "GM0164", "youth_team", actor="t") is False


def test_bad_input_or_unknown_municipality_stores_nothing(db):
    with pytest.raises(contacts.ContactError) as exc:
        contacts.save(db, "GM0164", youth(phone="bel maar"), actor="t")
    assert set(exc.value.errors) == {"phone"}
    with pytest.raises(contacts.ContactError) as exc:
        contacts.save(db, "GM0999", youth(), actor="t")
    assert "kennen we niet" in exc.value.errors["municipality"]
    assert db.exec(select(MunicipalityContact)).all() == []
    assert db.exec(select(AuditLog).where(AuditLog.entity_type == "municipality_contact")).all() == []


def test_one_contact_per_municipality_and_kind(db):
    db.add(MunicipalityContact(municipality_code="GM0164", kind="gp_post", name="A"))
    db.flush()
    with db.begin_nested():
        db.add(MunicipalityContact(municipality_code="GM0164", kind="gp_post", name="B"))
        with pytest.raises(IntegrityError):
            db.flush()
    with db.begin_nested():
        db.add(MunicipalityContact(municipality_code="GM0164", kind="police", name="C"))
        with pytest.raises(IntegrityError):
            db.flush()


def test_overview_lists_the_14_municipalities(db):
    contacts.save(db, "GM0164", youth(), actor="t")
    rows = contacts.overview(db)
    assert len(rows) == 14 and [r.municipality.name for r in rows][:2] == ["Almelo", "Borne"]
    hengelo = next(r for r in rows if r.municipality.code == "GM0164")
    assert set(hengelo.contacts) == {"youth_team"}


def test_for_search_only_when_a_block_shows(db):
    contacts.save(db, "GM0164", youth(), actor="t")
    origin = Origin("Hengelo", "GM0164", "Hengelo", 52.2, 6.7, "municipality")

    def query(age=None, need=None, where=origin):
        return ResolvedQuery(SearchParams(gemeente="GM0164", leeftijd=age), today=None, origin=where, need_code=need)

    assert set(contacts.for_search(db, query(age=15))) == {"youth_team"}
    assert set(contacts.for_search(db, query(need="crisis"))) == {"youth_team"}
    assert contacts.for_search(db, query(age=34)) == {}
    assert contacts.for_search(db, query(age=15, where=None)) == {}


def test_demo_contacts_are_fictional_and_idempotent(db):
    rows = contact_rows([("GM0164", "Hengelo"), ("GM1735", "Hof van Twente")], today=_day())
    assert len(rows) == 4 and all(r["name"].endswith("(fictief)") for r in rows)
    assert all(re.fullmatch(r"088-0000[23]\d\d", r["phone"]) and r["url"].endswith(".example") for r in rows)
    assert load_contacts(db, _day()) == 28
    first = {(c.municipality_code, c.kind): (c.name, c.phone) for c in db.exec(select(MunicipalityContact))}
    assert load_contacts(db, _day()) == 28
    db.expire_all()
    again = {(c.municipality_code, c.kind): (c.name, c.phone) for c in db.exec(select(MunicipalityContact))}
    assert first == again and len(again) == 28 and len({p for _, p in again.values()}) == 28
    assert again[("GM0164", "youth_team")][0] == "Jeugdteam Hengelo (fictief)"


def _day():
    from waitinfo.core.clock import today

    return today()


def test_cli_set_and_list(db, monkeypatch):
    from contextlib import contextmanager

    from typer.testing import CliRunner

    from waitinfo.cli import app

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr("waitinfo.core.database.session_scope", scope)
    runner = CliRunner()
    args = ["contact", "set", "GM0164", "youth_team", "--name", "Jeugdteam Hengelo (fictief)"]
    out = runner.invoke(app, [*args, "--phone", "088-0000206", "--url", "https://www.jeugdteam-hengelo.example"])
    assert out.exit_code == 0, out.output
    row = contacts.get(db, "GM0164", "youth_team")
    assert (row.phone, row.updated_by) == ("088-0000206", "cli")
    bad = runner.invoke(app, [*args, "--phone", "bel ons"])
    assert bad.exit_code == 2 and "geen telefoonnummer" in bad.output
    db.refresh(row)
    assert row.phone == "088-0000206"  # the bad number was not stored
    listed = runner.invoke(app, ["contact", "list"]).output
    assert "GM0164 Hengelo: Jeugdteam / CJG: Jeugdteam Hengelo (fictief) (088-0000206); Huisartsenpost: –" in listed
