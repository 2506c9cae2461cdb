"""Stored HSDS documents: served while current, rebuilt after any change, the date or a taxonomy change;
the full export streams them (also gzipped) and equals the pages; the refresh builds what is missing."""

import gzip
import json
from datetime import date, timedelta

from sqlalchemy import text
from sqlmodel import Session, select

from tests import factories as fx
from tests.api.conftest import assert_hsds
from waitinfo.core.clock import today
from waitinfo.hsds import documents
from waitinfo.hsds import repository as repo
from waitinfo.hsds.models import HsdsDocument
from waitinfo.waits.models import IntakeStop

BASE = "/api/hsds/services"


def _page(client, **params) -> dict:
    r = client.get(BASE, params={"per_page": 50, **params})
    assert r.status_code == 200, r.text
    return {d["id"]: d for d in r.json()["contents"]}


def _tamper(db, service_id, marker: str = "UIT DE OPSLAG") -> None:
    """Change the stored documents only (not their stamp): a reader that shows the marker read the store."""
    db.execute(
        text(
            "update hsds_document set summary_doc = replace(summary_doc, :name, :marker), "
            "full_doc = replace(full_doc, :name, :marker) where service_id = :id"
        ),
        {"name": "Behandeling angst", "marker": marker, "id": service_id},
    )
    db.expire_all()


def test_page_stores_documents_and_serves_them_while_current(client, db, catalogue):
    svc = catalogue["svc"]
    first = _page(client)
    assert set(first) == {str(svc.id), str(catalogue["social"].id)}
    stored = db.get(HsdsDocument, svc.id)
    assert stored is not None and stored.valid_until is None  # no intake stop ahead: only changes outdate it
    assert json.loads(stored.summary_doc) == first[str(svc.id)]
    _tamper(db, svc.id)
    assert _page(client)[str(svc.id)]["name"] == "UIT DE OPSLAG"  # current: served as stored
    assert _page(client, full="true")[str(svc.id)]["name"] == "UIT DE OPSLAG"


def test_a_new_wait_figure_makes_the_stored_document_outdated(client, db, catalogue):
    svc = catalogue["svc"]
    _page(client)
    _tamper(db, svc.id)
    fx.wait(
        db,
        catalogue["sal"],
        date(2026, 11, 1),
        1,
        2,
        diagnosis="angst",
        method="current",
        reference_date=date(2026, 11, 20),
    )
    db.expire_all()
    doc = _page(client, full="true")[str(svc.id)]
    assert doc["name"] == "Behandeling angst"  # rebuilt from the tables
    assert_hsds(doc, "compiled/service.json")
    months = {
        a["value"]
        for sal in doc["service_at_locations"]
        for a in sal["attributes"]
        if a["taxonomy_term"]["code"] == "wait_month"
    }
    assert months == {"2026-11"}
    assert json.loads(db.get(HsdsDocument, svc.id).full_doc)["name"] == "Behandeling angst"  # stored again


def test_changes_to_organisation_location_date_and_taxonomy_each_rebuild(client, db, catalogue):
    svc = catalogue["svc"]
    changes = [
        "update organization set website = 'https://nieuw.example' where id = :org",
        "update location set description = 'Nieuwe ingang' where id = :loc",
        "update hsds_document set valid_until = current_date where service_id = :svc",  # the calendar reached it
        "update taxonomy_term set updated_at = clock_timestamp() where code = 'wait_definition'",
    ]
    for change in changes:
        _page(client)
        _tamper(db, svc.id)
        assert _page(client)[str(svc.id)]["name"] == "UIT DE OPSLAG", change
        db.execute(text(change), {"org": catalogue["org"].id, "loc": catalogue["loc"].id, "svc": svc.id})
        db.expire_all()
        assert _page(client)[str(svc.id)]["name"] == "Behandeling angst", change


def test_full_export_streams_the_same_documents_as_the_pages(client, db, catalogue):
    pages = _page(client, full="true")
    _tamper(db, catalogue["svc"].id)  # the export uses the store too
    plain = client.get(BASE, params={"format": "ndjson"}, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    lines = [json.loads(x) for x in plain.text.splitlines() if x]
    assert {d["id"] for d in lines} == set(pages)
    social = str(catalogue["social"].id)
    assert next(d for d in lines if d["id"] == social) == pages[social]
    assert next(d for d in lines if d["id"] == str(catalogue["svc"].id))["name"] == "UIT DE OPSLAG"

    with client.stream("GET", BASE, params={"format": "ndjson"}, headers={"Accept-Encoding": "gzip"}) as r:
        assert r.headers["content-encoding"] == "gzip" and "Accept-Encoding" in r.headers["vary"]
        raw = b"".join(r.iter_raw())
    assert gzip.decompress(raw).decode() == plain.text


def test_export_builds_outdated_documents_on_the_way(client, db, catalogue):
    db.execute(text("delete from hsds_document"))
    lines = [json.loads(x) for x in client.get(BASE, params={"format": "ndjson"}).text.splitlines() if x]
    assert len(lines) == 2
    for doc in lines:
        assert_hsds(doc, "compiled/service.json")
    # Stored for the next reader (called directly: through the app the stream's own session, which shares the
    # test's connection, rolls its savepoint back when it closes).
    blocks = list(
        documents.stream_lines(
            db, repo.service_conditions(repo.Filters()), lambda: Session(bind=db.connection()), chunk=1
        )
    )
    assert len(blocks) == 2 and b"".join(blocks).decode().splitlines() == [
        json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in lines
    ]
    stored = {str(i) for i in db.exec(text("select service_id from hsds_document")).scalars()}
    assert stored == {d["id"] for d in lines}


def test_refresh_builds_only_missing_and_outdated_documents(db, catalogue):
    def open_session():
        return Session(bind=db.connection())

    assert documents.refresh(open_session) == 3  # every service, also the unpublished one (sync tombstones)
    assert documents.refresh(open_session) == 0
    db.execute(
        text("update hsds_document set valid_until = :d where service_id = :id"),
        {"d": today(), "id": catalogue["social"].id},
    )
    seen = []
    assert documents.refresh(open_session, progress=lambda done, total: seen.append((done, total))) == 1
    assert seen == [(1, 1)]


def test_an_intake_stop_ahead_limits_how_long_a_document_holds(client, db, catalogue):
    svc, social = catalogue["svc"], catalogue["social"]
    db.add(IntakeStop(service_id=svc.id, starts_on=today() + timedelta(days=5), reason="Vakantie"))
    stop = db.exec(select(IntakeStop).where(IntakeStop.service_id == social.id)).one()
    stop.ends_on = today() + timedelta(days=2)  # the active stop of the social service ends
    db.flush()
    db.expire_all()
    docs = _page(client)
    assert "alert" not in docs[str(svc.id)] and "Aanmeldstop" in docs[str(social.id)]["alert"]
    assert db.get(HsdsDocument, svc.id).valid_until == today() + timedelta(days=5)  # the stop starts then
    assert db.get(HsdsDocument, social.id).valid_until == today() + timedelta(days=3)  # the day after it ends


def test_minimal_export_equals_the_minimal_pages_also_for_tombstones(client, db, catalogue):
    since = db.exec(text("select clock_timestamp() - interval '1 hour'")).scalar()
    db.execute(text("update service set status = 'defunct' where id = :id"), {"id": catalogue["social"].id})
    db.expire_all()
    for params in ({}, {"modified_after": since.isoformat()}):
        page = client.get(BASE, params={"minimal": "true", "per_page": 50, **params}).json()["contents"]
        lines = [
            json.loads(x)
            for x in client.get(BASE, params={"format": "ndjson", "minimal": "true", **params}).text.splitlines()
            if x and '"deleted"' not in x
        ]
        assert lines == page and lines
    tomb = next(d for d in lines if d["id"] == str(catalogue["social"].id))
    assert tomb["status"] == "defunct" and tomb["organization_id"] == str(catalogue["other"].id)


def test_page_document_is_the_full_document_without_its_nesting(client, db, catalogue):
    from waitinfo.hsds import repository as hrepo
    from waitinfo.hsds import serialize as ser

    services = [catalogue["svc"], catalogue["social"], catalogue["hidden"]]
    related = hrepo.load_related(db, services)
    for s in services:
        assert ser.summary_of(ser.service_doc(s, related, full=True)) == ser.service_doc(s, related, full=False)
