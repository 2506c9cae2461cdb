"""Wait-time files in the shapes real ggz providers send (fixtures in tests/fixtures/provider_files, fictional):
per row what is stored, held or rejected, and that nothing stored before is erased or duplicated."""

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from tests import factories
from tests.imports.helpers import D, rows
from waitinfo.imports.service import run_import

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "provider_files"
OCT, NOV, DEC = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def dinkelland(db):
    """A specialist provider with two locations and two services, and one month already stored."""
    org = factories.organization(db, "GGZ Dinkelland (fictief)", kind="specialist_ggz", agb_code="22220001")
    almelo = factories.location(
        db, org, "GM0141", name="Dinkelland Almelo", address_1="Wierdensestraat 12", postal_code="7607 GH"
    )
    almelo.agb_code = "22221001"
    enschede = factories.location(
        db, org, "GM0153", name="Dinkelland Enschede", address_1="Hengelosestraat 200", postal_code="7521 AG"
    )
    anxiety = factories.service(db, org, "Behandeling angst", needs=("angst",), wait_kind="ggz_specialist")
    mood = factories.service(db, org, "Behandeling somberheid", needs=("somberheid",), wait_kind="ggz_specialist")
    sal = factories.at_location(db, anxiety, almelo)
    factories.at_location(db, mood, almelo)
    factories.at_location(db, anxiety, enschede)
    factories.wait(db, sal, OCT, 5, 9, "angst", waiting_count=40, method="current", reference_date=date(2026, 10, 1))
    db.flush()
    return org


def stored(db, slug: str) -> list[tuple]:
    """(location, service, group, month, reg, reg text, reg lower bound, treat, treat lower bound, waiting,
    within, outside, method)"""
    return rows(
        db,
        """
        select l.name, s.name, t.code, w.month, w.registration_weeks, w.registration_text,
               w.registration_lower_bound, w.treatment_weeks, w.treatment_lower_bound, w.waiting_count,
               w.intake_within_norm, w.intake_outside_norm, w.method
        from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
        join location l on l.id = sal.location_id join service s on s.id = sal.service_id
        join organization o on o.id = s.organization_id left join taxonomy_term t on t.id = w.diagnosis_group_id
        where o.slug = :slug order by l.name, s.name, t.code, w.month""",
        slug=slug,
    )


def catalogue(db, slug: str) -> list[tuple]:
    return rows(
        db,
        "select (select count(*) from location l join organization o on o.id = l.organization_id where o.slug = :s), "
        "(select count(*) from service v join organization o on o.id = v.organization_id where o.slug = :s)",
        s=slug,
    )


def messages(report, kind="warnings") -> list[tuple]:
    return [(i.line, i.message) for i in getattr(report, kind)]


def test_nza_vektis_file_per_location_and_main_group_without_service_column(db, dinkelland):
    slug = dinkelland.slug
    report = run_import(db, organization_name_or_id=slug, raw=fixture("nza_vektis_2026-10.csv"), source="nza.csv")
    assert report.status == "applied", report
    assert report.errors == []
    assert stored(db, slug) == [
        # line 2: matched by AGB code, linked to the anxiety service through its needs; treatment wait not
        # changed (same), method not in the file so the stored 'current' stays
        ("Dinkelland Almelo", "Behandeling angst", "angst", OCT, D(6), None, False, D(9), False, 41, 12, 3, "current"),
        # line 3: "> 26" kept as a lower bound; new row without method: 'unknown', never guessed
        (
            "Dinkelland Almelo",
            "Behandeling somberheid",
            "depressie",
            OCT,
            D(7),
            None,
            False,
            D(26),
            True,
            63,
            8,
            9,
            "unknown",
        ),
        # line 5: "Restgroep diagnoses" (DSM-IV name) -> overig; matched by name + "7521AG"; one service there
        ("Dinkelland Enschede", "Behandeling angst", "overig", OCT, D(3), None, False, D(4), False, 5, 2, 0, "unknown"),
    ]
    warnings = messages(report)
    assert (
        4,
        "Leeg: instroom binnen de Treeknorm is voor deze regel niet gemeld; een eerder opgeslagen waarde blijft staan.",
    ) in warnings
    assert any(line == 4 and "Totale wachttijd 20" in m and "4.0 + 10.0 = 14.0" in m for line, m in warnings)
    # line 4 (PTSS) fits neither service at Almelo: held; line 6: an AGB code of no known location: held
    assert any(line == 4 and m.startswith("Koppel deze regel aan uw aanbod") for line, m in warnings)
    assert any(line == 6 and m.startswith("Nieuwe vestiging? 'Dinkelland Haaksbergen'") for line, m in warnings)
    assert catalogue(db, slug) == [(2, 2)]  # nothing created: no phantom service, no duplicate location
    assert report.rows_applied == 3
    assert "2 vastgehouden" in report.message
    # what changed in the stored month is listed per line, old -> new
    assert [c for c in messages(report, "changes") if c[1].startswith("Gewijzigd")] == [
        (
            2,
            "Gewijzigd: aanmeldwachttijd 5 -> 6; wachtenden 40 -> 41; instroom binnen norm leeg -> 12; "
            "instroom buiten norm leeg -> 3.",
        )
    ]
    # and which service each row without service column was linked to, on what ground
    assert [c for c in messages(report, "changes") if c[1].startswith("Gekoppeld")] == [
        (line, f"Gekoppeld aan aanbod '{svc}' op vestiging '{loc}' ({ground}).")
        for line, svc, loc, ground in (
            (2, "Behandeling angst", "Dinkelland Almelo", "op grond van diagnosegroep Angststoornissen"),
            (
                3,
                "Behandeling somberheid",
                "Dinkelland Almelo",
                "op grond van diagnosegroep Depressieve stemmingsstoornissen",
            ),
            (5, "Behandeling angst", "Dinkelland Enschede", "het enige passende aanbod op deze vestiging"),
        )
    ]


def test_same_month_again_changes_nothing_and_does_not_say_processed(db, dinkelland):
    slug = dinkelland.slug
    raw = fixture("nza_vektis_2026-10.csv")
    run_import(db, organization_name_or_id=slug, raw=raw, source="nza.csv")
    before = stored(db, slug)
    again = run_import(db, organization_name_or_id=slug, raw=raw + b"\r\n", source="nza-again.csv")
    assert again.status == "unchanged"
    assert "verwerkt" not in again.message
    assert again.message.startswith("Geen wijzigingen: alle 3 regel(s) gelijk aan wat al was opgeslagen")
    assert stored(db, slug) == before


def test_redelivery_without_treatment_column_never_erases_it_and_dry_run_lists_changes(db, dinkelland):
    slug = dinkelland.slug
    raw = b"AGB-code vestiging;Hoofddiagnosegroep;Aanmeldwachttijd;Peildatum\r\n22221001;Angststoornissen;8;01-10-2026\r\n"
    refused = run_import(db, organization_name_or_id=slug, raw=raw, source="r.csv")
    assert (refused.status, refused.rows_applied) == ("rejected", 0)
    assert refused.errors[0].message.startswith("Dit wachttijdbestand heeft geen kolom met de behandelwachttijd")
    dry = run_import(db, organization_name_or_id=slug, raw=raw, source="r.csv", dry_run=True, no_treatment_wait=True)
    assert dry.status == "dry_run"
    assert messages(dry, "changes")[-1] == (2, "Gewijzigd: aanmeldwachttijd 5 -> 8.")
    assert stored(db, slug)[0][4] == D(5)  # dry run stored nothing
    report = run_import(db, organization_name_or_id=slug, raw=raw, source="r.csv", no_treatment_wait=True)
    assert report.status == "applied"
    assert stored(db, slug) == [
        (
            "Dinkelland Almelo",
            "Behandeling angst",
            "angst",
            OCT,
            D(8),
            None,
            False,
            D(9),
            False,
            40,
            None,
            None,
            "current",
        )
    ]
    assert rows(db, "select new from audit_log where entity_type = 'wait_time'") == [({"registration_weeks": "8.0"},)]


def test_epd_export_with_twelve_title_rows_excel_dates_and_days(db, dinkelland):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Rapportage wachttijden ggz"])
    ws.append(["Gegenereerd door EPD (fictief)", datetime(2026, 11, 4, 8, 30)])
    for n in range(3, 13):  # title block of 12 rows in all
        ws.append([f"Filter {n}: alle zorgtrajecten"] if n % 3 else [])
    ws.append(
        [
            "Locatie",
            "Postcode vestiging",
            "Huisnummer",
            "Zorgvorm",
            "Stoornis",
            "Wachttijd tot intake (d)",
            "Wachttijd tot behandeling (d)",
            "Aantal wachtenden",
            "Peildatum",
        ]
    )
    ws.append(["Dinkelland Almelo (hoofdlocatie)", "7607GH", 12, "SGGZ", "Angst", 42, 63, 41, datetime(2026, 11, 3)])
    ws.append(["Dinkelland Enschede", "7521 AG", 200, "SGGZ", "Dwang", 14, 70, 5, 46329])
    buffer = io.BytesIO()
    wb.save(buffer)
    report = run_import(db, organization_name_or_id=dinkelland.slug, raw=buffer.getvalue(), source="epd.xlsx")
    assert report.status == "applied", report
    assert report.errors == []
    assert [m for _, m in messages(report) if "omgerekend" in m] == [
        "Kolom 'Wachttijd tot intake (d)' staat in dagen; omgerekend naar weken (aanmeldwachttijd (aanmelding tot "
        "intake)).",
        "Kolom 'Wachttijd tot behandeling (d)' staat in dagen; omgerekend naar weken (behandelwachttijd (intake tot "
        "start behandeling)).",
    ]
    november = [r for r in stored(db, dinkelland.slug) if r[3] == NOV]
    assert [(r[0], r[1], r[2], r[4], r[5], r[7], r[9]) for r in november] == [
        # matched by postcode + house number although the name differs; linked by need (angst)
        ("Dinkelland Almelo", "Behandeling angst", "angst", D(6), "42 dagen", D(9), 41),
        ("Dinkelland Enschede", "Behandeling angst", "ocd", D(2), "14 dagen", D(10), 5),
    ]
    assert rows(db, "select reference_date from wait_time where month = :m order by 1", m=NOV) == [
        (date(2026, 11, 3),),
        (date(2026, 11, 3),),
    ]
    assert catalogue(db, dinkelland.slug) == [(2, 2)]


def test_three_month_catch_up_with_month_spellings_and_a_jump(db, dinkelland):
    report = run_import(
        db, organization_name_or_id=dinkelland.slug, raw=fixture("catch_up_three_months.csv"), source="c.csv"
    )
    assert report.status == "applied", report
    enschede = [r for r in stored(db, dinkelland.slug) if r[0] == "Dinkelland Enschede"]
    assert [(r[3], r[4], r[9], r[12]) for r in enschede] == [
        (date(2026, 8, 1), D(2), 10, "current"),
        (date(2026, 9, 1), D(3), 11, "current"),
        (OCT, D(12), 12, "current"),
    ]
    jumps = [m for _, m in messages(report) if m.startswith("Grote sprong")]
    assert jumps == [
        "Grote sprong: aanmeldwachttijd van Dinkelland Enschede (Behandeling angst, Angststoornissen) is 12 in "
        "10-2026, tegen 3 de maand ervoor (meer dan 3 keer zo groot of klein). Controleer het cijfer (dagen of weken?)."
    ]
    assert report.message.startswith("3 regel(s) verwerkt: 3 nieuw, 0 gewijzigd")


def test_waits_in_days_are_weeks_and_said_so(db, dinkelland):
    report = run_import(db, organization_name_or_id=dinkelland.slug, raw=fixture("waits_in_days.csv"), source="d.csv")
    assert report.status == "applied", report
    december = [r for r in stored(db, dinkelland.slug) if r[3] == DEC]
    assert [(r[0], r[1], r[4], r[5], r[7]) for r in december] == [
        ("Dinkelland Almelo", "Behandeling angst", D(3), "21 dagen", D(5))
    ]
    assert any("'Behandelwachttijd in dagen' staat in dagen" in m for _, m in messages(report))


def test_practice_file_with_zorgvraagtypering_and_echelon(db):
    org = factories.organization(db, "Praktijk Boekelo (fictief)", kind="basic_ggz", default_wait_method="realised")
    loc = factories.location(
        db, org, "GM0153", name="Praktijk Boekelo", address_1="Boekelosestraat 1", postal_code="7548 AA"
    )
    basic = factories.service(db, org, "Basis-ggz kort", wait_kind="ggz_basic")
    poh = factories.service(db, org, "POH-ggz consult", wait_kind="poh_ggz")
    factories.at_location(db, basic, loc)
    factories.at_location(db, poh, loc)
    report = run_import(
        db, organization_name_or_id=org.slug, raw=fixture("practice_zorgvraagtypering.csv"), source="p.csv"
    )
    assert report.status == "applied", report
    assert [(r[1], r[3], r[4], r[7], r[12]) for r in stored(db, org.slug)] == [
        ("Basis-ggz kort", OCT, D(2), D(3), "realised"),  # GBGGZ -> the basic service (the provider's method)
        ("POH-ggz consult", OCT, D(1), None, "realised"),  # POH-ggz -> the POH service
    ]
    warnings = messages(report)
    assert any(line == 3 and m.startswith("Leeg: behandelwachttijd") for line, m in warnings)
    assert any(line == 4 and "regel 2" in m and m.startswith("Koppel deze regel") for line, m in warnings)
    assert catalogue(db, org.slug) == [(1, 2)]


def test_agb_only_file_keeps_location_details_and_lower_bound(db, dinkelland):
    db.execute(text("update location set agb_code = '22221002' where name = 'Dinkelland Enschede'"))
    report = run_import(
        db, organization_name_or_id=dinkelland.slug, raw=fixture("agb_only.csv"), source="a.csv", no_treatment_wait=True
    )
    assert report.status == "applied", report
    december = [r for r in stored(db, dinkelland.slug) if r[3] == DEC]
    assert [(r[0], r[1], r[4], r[5], r[6]) for r in december] == [
        ("Dinkelland Enschede", "Behandeling angst", D(26), ">26", True)
    ]
    assert any(line == 3 and "AGB-code 22221003" in m for line, m in messages(report))
    assert rows(db, "select name, address_1, postal_code, agb_code from location order by name") == [
        ("Dinkelland Almelo", "Wierdensestraat 12", "7607 GH", "22221001"),
        ("Dinkelland Enschede", "Hengelosestraat 200", "7521 AG", "22221002"),
    ]


def test_confirmed_mapping_and_no_treatment_wait_are_remembered_for_later_files(db, dinkelland):
    raw = (
        b"Vestiging;Postcode;Diagnosegroep;Aanmeldtermijn;Wachtduur tot start traject;Peildatum\r\n"
        b"Dinkelland Almelo;7607 GH;Angststoornissen;4;11;15-11-2026\r\n"
    )
    first = run_import(db, organization_name_or_id=dinkelland.slug, raw=raw, source="m.csv")
    assert first.status == "rejected"  # neither wait column recognised
    report = run_import(
        db,
        organization_name_or_id=dinkelland.slug,
        raw=raw,
        source="m.csv",
        mapping={"Aanmeldtermijn": "registration_weeks", "Wachtduur tot start traject": "treatment_weeks"},
    )
    assert report.status == "applied", report
    later = raw.replace(b"15-11-2026", b"15-12-2026").replace(b";4;11;", b";5;12;")
    again = run_import(db, organization_name_or_id=dinkelland.slug, raw=later, source="m2.csv")
    assert again.status == "applied", again
    assert [(r[3], r[4], r[7]) for r in stored(db, dinkelland.slug) if r[3] >= NOV] == [
        (NOV, D(4), D(11)),
        (DEC, D(5), D(12)),
    ]
    assert rows(db, "select header, field from column_mapping order by header") == [
        ("Aanmeldtermijn", "registration_weeks"),
        ("Wachtduur tot start traject", "treatment_weeks"),
    ]
    # the confirmation that no treatment wait is measured is remembered too
    only_registration = (
        b"AGB-code vestiging;Diagnosegroep;Aanmeldwachttijd;Peildatum\r\n22221001;Angst;6;15-01-2027\r\n"
    )
    confirmed = run_import(
        db, organization_name_or_id=dinkelland.slug, raw=only_registration, source="n.csv", no_treatment_wait=True
    )
    assert confirmed.status == "applied", confirmed
    next_month = only_registration.replace(b"15-01-2027", b"15-02-2027")
    assert run_import(db, organization_name_or_id=dinkelland.slug, raw=next_month, source="o.csv").status == "applied"


def test_cli_map_option_and_mapping_commands(db, dinkelland, monkeypatch, tmp_path):
    from contextlib import contextmanager

    from typer.testing import CliRunner

    from waitinfo.cli import app
    from waitinfo.core import database

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr(database, "session_scope", scope)
    runner = CliRunner()
    path = tmp_path / "praktijk.csv"
    path.write_bytes(
        b"Vestiging;Postcode;Diagnosegroep;Aanmeldtermijn;Wachttijd na intake;Peildatum\r\n"
        b"Dinkelland Almelo;7607 GH;Angst;4;11;15-11-2026\r\n"
    )
    slug = dinkelland.slug
    dry = runner.invoke(app, ["import", str(path), "--provider", slug, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Kolom 'Aanmeldtermijn' is niet herkend" in dry.output
    bad = runner.invoke(app, ["import", str(path), "--provider", slug, "--map", "Aanmeldtermijn=wachttijd"])
    assert bad.exit_code == 2 and "Onbekend veld 'wachttijd'" in bad.output
    done = runner.invoke(app, ["import", str(path), "--provider", slug, "--map", "Aanmeldtermijn=registration_weeks"])
    assert done.exit_code == 0, done.output
    assert "1 regel(s) verwerkt: 1 nieuw, 0 gewijzigd" in done.output
    listed = runner.invoke(app, ["mapping", "list", "--provider", slug])
    assert "Aanmeldtermijn=registration_weeks" in listed.output
    assert runner.invoke(app, ["mapping", "set", "pc=postal_code", "--provider", slug]).exit_code == 0
    assert runner.invoke(app, ["mapping", "delete", "Aanmeldtermijn", "--provider", slug]).exit_code == 0
    assert rows(db, "select header, field from column_mapping") == [("pc", "postal_code")]
    assert runner.invoke(app, ["mapping", "delete", "Aanmeldtermijn", "--provider", slug]).exit_code == 1


def test_agb_codes_in_fhir_and_hsds(db, dinkelland):
    from waitinfo.catalogue.models import Location
    from waitinfo.fhir.mapping import location, organization
    from waitinfo.hsds.serialize import organization_identifiers

    almelo = db.exec(select(Location).where(Location.agb_code == "22221001")).one()
    assert {"system": "http://fhir.nl/fhir/NamingSystem/agb-z", "value": "22221001"} in location(almelo, [])[
        "identifier"
    ]
    assert {"system": "http://fhir.nl/fhir/NamingSystem/agb-z", "value": "22220001"} in organization(dinkelland)[
        "identifier"
    ]
    agb = [i for i in organization_identifiers(dinkelland) if i["identifier_type"] == "AGB-code"]
    assert [i["identifier"] for i in agb] == ["22220001"]


def test_rows_of_another_onderneming_are_rejected(db, dinkelland):
    raw = fixture("nza_vektis_2026-10.csv").replace(b"22220001;;Dinkelland Enschede", b"33330001;;Dinkelland Enschede")
    report = run_import(db, organization_name_or_id=dinkelland.slug, raw=raw, source="nza.csv")
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (
            5,
            "AGB-code onderneming",
            "AGB-code onderneming 33330001 hoort niet bij deze aanbieder (AGB-code 22220001); deze regel is van een "
            "andere aanbieder en is niet verwerkt.",
        )
    ]
    assert [r[2] for r in stored(db, dinkelland.slug)] == ["angst", "depressie"]


def test_offer_file_with_an_empty_wait_cell_erases_nothing(db):
    org = factories.organization(db, "Praktijk Aanbod (fictief)", kind="basic_ggz", default_wait_method="current")
    header = (
        "Naam aanbod;Soort aanbod;Hulpvragen;Gemeenten;Adres;Wachttijd aanmelding;Wachttijd behandeling;Peildatum\n"
    )
    first = header + "Kortdurende behandeling;behandeling;angst;Almelo;Marktstraat 1, 7607 GH Almelo;3;6;14-10-2026\n"
    again = header + "Kortdurende behandeling;behandeling;angst;Almelo;Marktstraat 1, 7607 GH Almelo;4;;14-10-2026\n"
    for raw in (first, again):
        report = run_import(db, organization_name_or_id=org.slug, raw=raw.encode(), source="a.csv", kind="offer")
        assert report.status == "applied", report
    assert rows(db, "select month, registration_weeks, treatment_weeks from wait_time") == [(OCT, D(4), D(6))]
