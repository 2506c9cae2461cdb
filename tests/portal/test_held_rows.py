"""Held wait rows in the portal: a wait file never creates a service; rows that fit no location or service wait
in "koppel deze regels aan uw aanbod" (not published) until linked; the link is remembered for later files."""

from datetime import date
from pathlib import Path

from tests import factories
from tests.auth_tools import login, make_user
from tests.imports.helpers import D, rows
from waitinfo.imports.service import run_import

NZA = Path(__file__).resolve().parent.parent / "fixtures" / "provider_files" / "nza_vektis_2026-10.csv"


def _provider(db):
    org = factories.organization(db, "GGZ Dinkelland (fictief)", kind="specialist_ggz")
    almelo = factories.location(
        db,
        org,
        "GM0141",
        name="Dinkelland Almelo",
        address_1="Wierdensestraat 12",
        postal_code="7607 GH",
        agb_code="22221001",
    )
    factories.location(
        db, org, "GM0153", name="Dinkelland Enschede", address_1="Hengelosestraat 200", postal_code="7521 AG"
    )
    anxiety = factories.service(db, org, "Behandeling angst", needs=("angst",), wait_kind="ggz_specialist")
    trauma = factories.service(db, org, "Traumabehandeling", needs=("stress",), wait_kind="ggz_specialist")
    factories.at_location(db, anxiety, almelo)
    factories.at_location(db, trauma, almelo)
    return org, almelo, trauma


def test_held_rows_are_listed_linked_and_remembered(db, client):
    org, almelo, trauma = _provider(db)
    report = run_import(db, organization_name_or_id=org.slug, raw=NZA.read_bytes(), source="nza.csv")
    assert report.status == "applied", report
    held = rows(db, "select reason, label, line from held_wait_row order by line")
    assert held == [
        # two ggz services at Almelo, neither treats depression: which one is for the provider to say
        ("service", "Dinkelland Almelo · AGB-code 22221001 · Depressieve stemmingsstoornissen", 3),
        ("service", "Dinkelland Almelo · AGB-code 22221001 · Trauma- en stressorgerelateerde stoornissen", 4),
        ("service", "Dinkelland Enschede · Overig", 5),  # no service at that location: nothing is created
        ("location", "Dinkelland Haaksbergen · AGB-code 22229999 · Angststoornissen", 6),  # nieuwe vestiging?
    ]
    provider = make_user(db, "editor@dinkelland.example", "provider", [org])
    csrf = login(client, provider)
    overview = client.get(f"/portaal/aanbod?organisatie={org.id}")
    assert "4 regel(s) uit uw wachttijdbestanden wachten op koppeling" in overview.text
    page = client.get(f"/portaal/koppelen?organisatie={org.id}")
    assert page.status_code == 200 and "Nieuwe vestiging?" in page.text and "Dinkelland Haaksbergen" in page.text
    ptss = rows(db, "select id from held_wait_row where line = 4")[0][0]
    missing = client.post(f"/portaal/koppelen/{ptss}", data={"csrf_token": csrf, "location_id": str(almelo.id)})
    assert missing.status_code == 422 and "Kies een aanbod van deze aanbieder." in missing.text
    linked = client.post(
        f"/portaal/koppelen/{ptss}",
        data={"csrf_token": csrf, "location_id": str(almelo.id), "service_id": str(trauma.id)},
        follow_redirects=False,
    )
    assert linked.status_code == 303
    assert rows(
        db,
        "select s.name, t.code, w.registration_weeks, w.treatment_weeks, w.waiting_count from wait_time w "
        "join service_at_location sal on sal.id = w.service_at_location_id join service s on s.id = sal.service_id "
        "join taxonomy_term t on t.id = w.diagnosis_group_id where t.code = 'trauma'",
    ) == [("Traumabehandeling", "trauma", D(4), D(10), 12)]
    assert rows(db, "select count(*) from held_wait_row where line = 4") == [(0,)]
    # the next month's file: the PTSS row now goes to the linked service by itself
    november = NZA.read_bytes().replace(b"01-10-2026", b"01-11-2026")
    run_import(db, organization_name_or_id=org.slug, raw=november, source="nza-nov.csv")
    assert rows(
        db,
        "select w.month from wait_time w join service_at_location sal on sal.id = w.service_at_location_id "
        "where sal.service_id = :s order by 1",
        s=trauma.id,
    ) == [(date(2026, 10, 1),), (date(2026, 11, 1),)]
    # nothing public was created by either file
    assert rows(db, "select count(*) from service where organization_id = :o", o=org.id) == [(2,)]
    assert rows(db, "select count(*) from location where organization_id = :o", o=org.id) == [(2,)]


def test_coordinator_sees_held_rows_of_every_provider(db, client):
    org, _, _ = _provider(db)
    run_import(db, organization_name_or_id=org.slug, raw=NZA.read_bytes(), source="nza.csv")
    login(client, make_user(db, "coord@waitinfo.example", "coordinator"))
    page = client.get("/beheer/koppelen")
    assert page.status_code == 200
    assert "GGZ Dinkelland (fictief)" in page.text and "Dinkelland Haaksbergen" in page.text
