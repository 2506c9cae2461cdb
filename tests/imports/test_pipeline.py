"""Pipeline rules: checksum, dry run, history and audited corrections, unreadable files, encodings, method,
reference date, intake counts and intake stops, run_records, and the `waitinfo import` command contract."""

import json
from contextlib import contextmanager
from datetime import date

from typer.testing import CliRunner

from tests import factories
from tests.fixtures import FIXTURES, WAITS
from tests.imports.helpers import D, import_fixture, issues, rows
from waitinfo.cli import app
from waitinfo.imports.service import run_import, run_records

HEADER = "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum"


def wait_csv(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode(encoding)


def test_same_file_again_is_unchanged(db):
    assert import_fixture(db, WAITS, "Rivierland GGZ (fictief)").status == "applied"
    before = rows(db, "select count(*), max(updated_at) from wait_time")
    again = import_fixture(db, WAITS, "rivierland-ggz-fictief")
    assert (again.status, again.rows_applied, again.errors) == ("unchanged", 0, [])
    assert again.message == "Dit bestand is al eerder ingelezen; er is niets gewijzigd."
    assert rows(db, "select count(*), max(updated_at) from wait_time") == before


def test_dry_run_reports_and_stores_nothing(db):
    report = import_fixture(db, WAITS, "Rivierland GGZ (fictief)", dry_run=True)
    assert (report.status, report.rows_applied, report.rows_rejected, report.import_run_id) == ("dry_run", 8, 2, None)
    assert len(report.errors) == 2
    assert rows(db, "select count(*) from organization where slug = 'rivierland-ggz-fictief'") == [(0,)]
    assert rows(db, "select count(*) from import_run") == [(0,)]


def test_months_append_and_a_corrected_month_is_replaced_and_audited(db):
    org = factories.organization(db, "Praktijk Test (fictief)", kind="specialist_ggz", default_wait_method="current")
    september = wait_csv("Locatie A;7607 GH;Almelo;Basis-ggz;;3;4;15-09-2026")
    october = wait_csv("Locatie A;7607 GH;Almelo;Basis-ggz;;5;4;15-10-2026")
    corrected = wait_csv("Locatie A;7607 GH;Almelo;Basis-ggz;;6;4;15-10-2026")
    for raw in (september, october, corrected):
        report = run_import(db, organization_name_or_id=org.slug, raw=raw, source="w.csv")
        assert report.status == "applied", report
    assert rows(db, "select month, registration_weeks, method, reference_date from wait_time order by month") == [
        (date(2026, 9, 1), D(3), "current", date(2026, 9, 15)),  # the organisation's default method
        (date(2026, 10, 1), D(6), "current", date(2026, 10, 15)),
    ]
    assert rows(
        db,
        "select action, old->>'registration_weeks', new->>'registration_weeks' from audit_log "
        "where entity_type = 'wait_time'",
    ) == [("update", "5.0", "6.0")]


def test_method_column_intake_counts_and_intake_stop(db):
    header = (
        "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Meetmethode;"
        "Peildatum;Intakes binnen Treeknorm;Intakes buiten Treeknorm;Aanmeldstop;Aanmeldstop vanaf;"
        "Reden aanmeldstop"
    )
    raw = wait_csv(
        "Locatie A;7607 GH;Almelo;Specialistische ggz;ADHD;8;10;derde vrije plek;01-10-2026;12;30;ja;15-09-2026;"
        "wachtlijst te lang",
        "Locatie A;7607 GH;Almelo;Specialistische ggz;Angststoornissen;2-4;geen;Gerealiseerd;01-10-2026;;;nee;;",
        "Locatie A;7607 GH;Almelo;Specialistische ggz;Zomerdip;2;2;op gevoel;01-10-2026;;;;;",
        header=header,
    )
    report = run_import(db, organization_name_or_id="Praktijk Stop (fictief)", raw=raw, source="w.csv")
    assert (report.rows_applied, report.rows_rejected) == (2, 1)
    assert issues(report) == [
        (
            4,
            "Diagnosegroep",
            "Onbekende diagnosegroep 'Zomerdip'. Gebruik een hoofddiagnosegroep uit de landelijke lijst.",
        ),
        (4, "Meetmethode", "Meetmethode 'op gevoel' onbekend; kies 'gerealiseerd' of 'actueel' (derde vrije plek)."),
    ]
    assert rows(
        db,
        "select t.code, registration_weeks, registration_text, treatment_weeks, treatment_text, method, "
        "intake_within_norm, intake_outside_norm from wait_time w join taxonomy_term t "
        "on t.id = w.diagnosis_group_id order by t.code",
    ) == [
        ("adhd", D(8), None, D(10), None, "current", 12, 30),
        ("angst", D(4), "2-4", D(0), "geen", "realised", None, None),
    ]
    assert rows(db, "select starts_on, ends_on, reason from intake_stop") == [
        (date(2026, 9, 15), None, "wachtlijst te lang")
    ]


def test_windows_1252_tab_separated_with_flexible_headers(db):
    raw = wait_csv(
        "Locatie Ä\t7551 DR\tHENGELO (OV)\tBasis-ggz\t\t1,5\t2\t2026-10-01",
        header="  VESTIGING \tpostcode\tWoonplaats\tzorg vorm\tdiagnose\tWachttijd aanmelding (wk)\t"
        "Wachttijd behandeling\tpeildatum",
        encoding="cp1252",
    )
    report = run_import(db, organization_name_or_id="Praktijk Tab (fictief)", raw=raw, source="w.tsv")
    assert (report.status, report.rows_applied) == ("applied", 1), report.errors
    assert rows(
        db,
        "select l.name, l.municipality_code, w.registration_weeks from wait_time w "
        "join service_at_location s on s.id = w.service_at_location_id "
        "join location l on l.id = s.location_id",
    ) == [("Locatie Ä", "GM0164", D("1.5"))]


def test_unreadable_file_changes_nothing(db):
    report = run_import(db, organization_name_or_id="Nieuw (fictief)", raw=b"\x00\x01\x02garbage" * 10, source="x.bin")
    assert report.status == "rejected"
    assert report.errors[0].line is None
    assert rows(db, "select count(*) from organization where name = 'Nieuw (fictief)'") == [(0,)]
    assert rows(db, "select status from import_run") == [("rejected",)]


def test_outside_twente_and_unknown_place(db):
    raw = wait_csv(
        "Locatie Z;8011 AA;Zwolle;Basis-ggz;;3;4;01-10-2026", "Locatie Q;7500 AA;Enschedee;Basis-ggz;;3;4;01-10-2026"
    )
    report = run_import(db, organization_name_or_id="Praktijk Buiten (fictief)", raw=raw, source="w.csv")
    assert report.status == "rejected"
    assert issues(report) == [
        (2, "Plaats", "'Zwolle' ligt buiten Twente; waitinfo gaat alleen over de 14 Twentse gemeenten."),
        (3, "Plaats", "Onbekende gemeente of plaats 'Enschedee'. Bedoelt u Enschede?"),
    ]


def test_run_records_for_api_push(db):
    org = factories.organization(db, "Praktijk API (fictief)")
    records = [
        {
            "location_name": "Vestiging Borne",
            "postal_code": "7622AB",
            "city": "Borne",
            "care_type": "Basis-ggz",
            "registration_weeks": 3,
            "treatment_weeks": "7,5",
            "reference_date": "2026-10-01",
            "method": "actueel",
        },
        {"location_name": "Vestiging Borne", "city": "Borne", "registration_weeks": -1, "reference_date": "2026-10-01"},
    ]
    report = run_records(
        db, organization=org, kind="wait-times", records=records, source="api", triggered_by="api", actor="api_key:abc"
    )
    assert (report.status, report.rows_applied, report.rows_rejected) == ("applied", 1, 1)
    assert issues(report) == [
        (2, "registration_weeks", "Negatieve wachttijd '-1' is niet mogelijk; vul 0 of meer weken in.")
    ]
    assert rows(db, "select registration_weeks, treatment_weeks, method from wait_time") == [
        (D(3), D("7.5"), "current")
    ]


def test_cli_import_json_and_exit_codes(db, monkeypatch, tmp_path):
    from waitinfo.core import database

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr(database, "session_scope", scope)
    runner = CliRunner()
    path = str(FIXTURES / WAITS)
    result = runner.invoke(app, ["import", path, "--provider", "Rivierland GGZ (fictief)", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {k: out[k] for k in ("status", "rows_total", "rows_applied", "rows_rejected")} == {
        "status": "applied",
        "rows_total": 11,
        "rows_applied": 8,
        "rows_rejected": 2,
    }
    assert out["errors"][0] == {
        "line": 11,
        "field": "Aanmeldwachttijd (weken)",
        "message": "Negatieve wachttijd '-3' is niet mogelijk; vul 0 of meer weken in.",
    }
    again = runner.invoke(app, ["import", path, "--provider", "rivierland-ggz-fictief", "--json"])
    assert (again.exit_code, json.loads(again.stdout)["status"]) == (0, "unchanged")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\nA;7607 GH;Almelo;Basis-ggz;;-1;2;01-10-2026\n")
    rejected = runner.invoke(app, ["import", str(bad), "--provider", "rivierland-ggz-fictief", "--json"])
    assert (rejected.exit_code, json.loads(rejected.stdout)["status"]) == (1, "rejected")
    usage = runner.invoke(app, ["import", path, "--provider", "x", "--kind", "nonsense"])
    assert usage.exit_code == 2
    assert runner.invoke(app, ["import", path]).exit_code == 2  # --provider missing
