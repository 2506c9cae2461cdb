"""Imports write wait figures in bulk (COPY); the stored HSDS documents of the services they touch must become
outdated all the same (the statement triggers of 0500_api_sync move service.updated_at), and only those."""

from sqlmodel import Session

from tests import factories
from waitinfo.hsds import documents
from waitinfo.imports.service import run_import

HEADER = "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum"


def _csv(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


def test_new_and_corrected_months_outdate_exactly_the_touched_services(client, db, catalogue):
    org = factories.organization(
        db, "Praktijk Document (fictief)", kind="specialist_ggz", default_wait_method="current"
    )
    assert (
        run_import(
            db,
            organization_name_or_id=org.slug,
            raw=_csv("Locatie A;7607 GH;Almelo;Basis-ggz;;3;4;15-09-2026"),
            source="w.csv",
            trusted=True,  # as the operator's CLI: the new service is public at once
        ).status
        == "applied"
    )
    documents.refresh(lambda: Session(bind=db.connection()))
    assert documents.stale_ids(db) == []

    for raw in (
        _csv("Locatie A;7607 GH;Almelo;Basis-ggz;;5;4;15-10-2026"),  # a new month
        _csv("Locatie A;7607 GH;Almelo;Basis-ggz;;6;4;15-10-2026"),
    ):  # that month corrected
        assert run_import(db, organization_name_or_id=org.slug, raw=raw, source="w.csv").status == "applied"
        db.expire_all()
        stale = documents.stale_ids(db)
        assert len(stale) == 1 and stale != [catalogue["svc"].id]  # the imported service only
        page = client.get("/api/hsds/services", params={"organization_id": str(org.id), "full": "true"}).json()
        (doc,) = page["contents"]
        assert documents.stale_ids(db) == []  # the page rebuilt and stored it
        waits = {
            a["taxonomy_term"]["code"]: a["value"] for sal in doc["service_at_locations"] for a in sal["attributes"]
        }
        assert waits["wait_month"] == "2026-10"
        assert waits["registration_wait_weeks"] == ("5" if b";5;" in raw else "6")
