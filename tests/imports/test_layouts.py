"""Wait files in other layouts (fixtures in tests/fixtures/provider_files, fictional): wide files with a column per
month, quarter or week, quarters and weeks in a period column, a unit column, and a total without its parts. Per
row what is stored, held or rejected, and that nothing stored before is erased."""

import io
from datetime import date, datetime

from tests.imports import test_provider_files as known
from tests.imports.helpers import D, rows
from waitinfo.imports.service import run_import
from waitinfo.providers import registry

dinkelland = known.dinkelland  # GGZ Dinkelland: Almelo (angst, somberheid), Enschede (angst); October stored
fixture, stored, messages = known.fixture, known.stored, known.messages
AUG, SEP, OCT, NOV, DEC = (date(2026, m, 1) for m in (8, 9, 10, 11, 12))
ALMELO, ENSCHEDE = "Dinkelland Almelo", "Dinkelland Enschede"
ANXIETY, MOOD = "Behandeling angst", "Behandeling somberheid"
# What the fixture stored before every test (Almelo, anxiety, October): it must survive every file below.
OCTOBER = (ALMELO, ANXIETY, "angst", OCT, D(5), None, False, D(9), False, 40, None, None, "current")


def load(db, org, name: str, raw: bytes | None = None, **kw):
    return run_import(db, organization_name_or_id=org.slug, raw=raw or fixture(name), source=name, **kw)


def figures(db, org) -> list[tuple]:
    """(location, service, group, month, registration, its text, lower bound, treatment)"""
    return [r[:8] for r in stored(db, org.slug)]


def test_every_layout_is_recognised_as_a_wait_file():
    for name in (
        "wide_months_title.csv",
        "wide_part_pairs.csv",
        "wide_two_header_rows.csv",
        "wide_undecided.csv",
        "quarters.csv",
        "weeks.csv",
        "unit_column.csv",
        "total_only.csv",
    ):
        assert registry.detect_kind(fixture(name)) == "wait-times", name


def test_wide_months_under_a_title_become_one_row_per_month(db, dinkelland):
    refused = load(db, dinkelland, "wide_months_title.csv")  # no treatment wait column: asked first
    assert refused.status == "rejected"
    assert refused.errors[0].message.startswith("Dit wachttijdbestand heeft geen kolom met de behandelwachttijd")
    assert stored(db, dinkelland.slug) == [OCTOBER]
    report = load(db, dinkelland, "wide_months_title.csv", no_treatment_wait=True)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        # line 5: August, September, November; October left empty: the stored figure stays
        (ALMELO, ANXIETY, "angst", AUG, D(4), None, False, None),
        (ALMELO, ANXIETY, "angst", SEP, D(5), None, False, None),
        OCTOBER[:8],
        (ALMELO, ANXIETY, "angst", NOV, D(6), None, False, None),
        # line 6: "Depressie" -> the mood service; "> 26" stays a lower bound
        (ALMELO, MOOD, "depressie", AUG, D(7), None, False, None),
        (ALMELO, MOOD, "depressie", SEP, D(8), None, False, None),
        (ALMELO, MOOD, "depressie", OCT, D(9), None, False, None),
        (ALMELO, MOOD, "depressie", NOV, D(26), "> 26", True, None),
        # line 7: October "drie" rejected, the other months of the row stored
        (ENSCHEDE, ANXIETY, "angst", AUG, D(2), None, False, None),
        (ENSCHEDE, ANXIETY, "angst", SEP, D(3), None, False, None),
        (ENSCHEDE, ANXIETY, "angst", NOV, D(3), None, False, None),
    ]
    assert stored(db, dinkelland.slug)[2] == OCTOBER  # waiting count and method untouched
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (7, "okt 2026", "'drie' is geen aantal weken; gebruik een getal zoals 6 of 7,5.")
    ]
    warnings = messages(report)
    assert (
        4,
        "Kolommen per periode ('aug-26' t/m '2026-11') gelezen als: aanmeldwachttijd (aanmelding tot intake), "
        "volgens de titel 'Aanmeldwachttijd (weken) per vestiging en hoofddiagnosegroep'. Elke regel is per periode "
        "verwerkt.",
    ) in warnings
    # line 8: an unknown location is held, one held row per month, each with the original line
    assert [line for line, m in warnings if m.startswith("Nieuwe vestiging? 'Dinkelland Hengelo'")] == [8]  # once
    assert rows(db, "select line, month from held_wait_row order by month") == [
        (8, AUG),
        (8, SEP),
        (8, OCT),
        (8, NOV),
    ]
    assert known.catalogue(db, dinkelland.slug) == [(2, 2)]


def test_wide_wait_part_pairs_per_month(db, dinkelland):
    report = load(db, dinkelland, "wide_part_pairs.csv")
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        OCTOBER[:8],  # line 2, October: the same figures again, nothing changed
        (ALMELO, ANXIETY, "angst", NOV, D(6), None, False, D(10)),
        (ALMELO, MOOD, "depressie", NOV, D(7), None, False, D(12)),  # line 3: October empty, not reported
        (ENSCHEDE, ANXIETY, "angst", NOV, D(3), None, False, D(5)),  # line 4: November only
    ]
    assert [(e.line, e.field) for e in report.errors] == [(4, "Behandelwachttijd okt-26")]
    assert "Negatieve wachttijd '-4'" in report.errors[0].message
    assert not any(m.startswith("Leeg:") and line == 3 for line, m in messages(report))


def test_two_header_rows_month_over_parts_csv(db, dinkelland):
    report = load(db, dinkelland, "wide_two_header_rows.csv")
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        (ALMELO, ANXIETY, "angst", OCT, D(5), None, False, D(9)),
        (ALMELO, ANXIETY, "angst", NOV, D(8), None, False, D(11)),
        (ENSCHEDE, ANXIETY, "angst", OCT, D("0.5"), "<1", False, D(2)),
        (ENSCHEDE, ANXIETY, "angst", NOV, D(1), None, False, D(3)),
    ]
    # line numbers are those of the file (two header rows: data from line 3); October at Almelo is unchanged
    assert report.message.startswith("4 regel(s) verwerkt: 3 nieuw, 0 gewijzigd, 1 ongewijzigd")
    assert [line for line, m in messages(report, "changes")] == [3, 4]
    assert messages(report)[0][0] == 1


def _workbook() -> bytes:
    """An Excel export: a title in days, month cells as real dates merged over 'Aanmelding' / 'Behandeling'."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Wachttijden in dagen, GGZ Dinkelland (fictief)"])
    ws.append(["Vestiging", "Diagnosegroep", datetime(2026, 12, 1), None, datetime(2027, 1, 1), None])
    ws.merge_cells("C2:D2")
    ws.merge_cells("E2:F2")
    for cell in ws[2][2:]:
        cell.number_format = "mmm-yy"
    ws.append([None, None, "Aanmelding", "Behandeling", "Aanmelding", "Behandeling"])
    ws.append([ALMELO, "Angststoornissen", 28, 63, 35, 70])
    ws.append([ENSCHEDE, "Angststoornissen", 14, None, 7, 28])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_two_header_rows_with_date_cells_and_days_in_the_title_xlsx(db, dinkelland):
    report = load(db, dinkelland, "export.xlsx", raw=_workbook())
    assert report.status == "applied", report
    jan = date(2027, 1, 1)
    assert [r for r in figures(db, dinkelland) if r[3] >= DEC] == [
        (ALMELO, ANXIETY, "angst", DEC, D(4), "28 dagen", False, D(9)),
        (ALMELO, ANXIETY, "angst", jan, D(5), "35 dagen", False, D(10)),
        (ENSCHEDE, ANXIETY, "angst", DEC, D(2), "14 dagen", False, None),  # empty treatment cell: not reported
        (ENSCHEDE, ANXIETY, "angst", jan, D(1), "7 dagen", False, D(4)),
    ]
    # a month cell that is a date is also the peildatum of its figures
    assert rows(db, "select distinct reference_date from wait_time where month >= :m order by 1", m=DEC) == [
        (date(2026, 12, 1),),
        (jan,),
    ]
    warnings = messages(report)
    assert (None, "De aanmeldwachttijd (aanmelding tot intake) staat in dagen; omgerekend naar weken.") in warnings
    assert any(line == 5 and m.startswith("Leeg: behandelwachttijd") for line, m in warnings)
    assert stored(db, dinkelland.slug)[0] == OCTOBER


def test_undecided_month_columns_apply_nothing_until_named_or_confirmed(db, dinkelland):
    dry = load(db, dinkelland, "wide_undecided.csv", dry_run=True)
    assert dry.status == "rejected"
    assert dry.errors[0].message.startswith(
        "Niet duidelijk welke wachttijd in de kolommen 'jan-27', 'feb-27', 'mrt-27' staat; er is niets gewijzigd. "
        "Noem de kolommen naar wachttijd en periode, bijvoorbeeld 'Aanmeldwachttijd okt-26'"
    )
    assert [c.header for c in dry.unmapped_columns] == ["Periodekolommen"]  # the portal offers it to be mapped
    refused = load(db, dinkelland, "wide_undecided.csv")
    assert refused.status == "rejected"
    assert stored(db, dinkelland.slug) == [OCTOBER]
    confirmed = load(
        db,
        dinkelland,
        "wide_undecided.csv",
        mapping={"Periodekolommen": "registration_weeks"},
        no_treatment_wait=True,
    )
    assert confirmed.status == "applied", confirmed
    assert [(r[0], r[3], r[4]) for r in figures(db, dinkelland) if r[3].year == 2027] == [
        (ALMELO, date(2027, 1, 1), D(6)),
        (ALMELO, date(2027, 2, 1), D(6)),
        (ALMELO, date(2027, 3, 1), D(7)),
        (ENSCHEDE, date(2027, 1, 1), D(3)),
        (ENSCHEDE, date(2027, 2, 1), D(4)),
        (ENSCHEDE, date(2027, 3, 1), D(4)),
    ]
    assert any(
        "volgens de bevestigde koppeling Periodekolommen=registration_weeks" in m for _, m in messages(confirmed)
    )
    # remembered: the next file in the same shape needs no mapping
    later = fixture("wide_undecided.csv").replace(b"jan-27;feb-27;mrt-27", b"apr-27;mei-27;jun-27")
    assert load(db, dinkelland, "later.csv", raw=later).status == "applied"
    assert stored(db, dinkelland.slug)[0] == OCTOBER


def test_quarters_in_a_period_column(db, dinkelland):
    report = load(db, dinkelland, "quarters.csv")
    assert report.status == "applied", report
    assert (
        figures(db, dinkelland)
        == [
            (ALMELO, ANXIETY, "angst", SEP, D(4), None, False, D(8)),  # Q3 without peildatum: September
            OCTOBER[:8],
            (ALMELO, MOOD, "depressie", AUG, D(6), None, False, D(10)),  # peildatum 15-08 inside the quarter
            (ENSCHEDE, ANXIETY, "angst", DEC, D(2), None, False, D(5)),  # peildatum outside: the last month
        ]
    )
    assert [(w.line, w.field, w.message) for w in report.warnings if w.field == "Kwartaal"] == [
        (
            2,
            "Kwartaal",
            "kwartaal 3 2026 opgeslagen als september 2026 (de stand aan het eind van het kwartaal; geef een "
            "peildatum als het cijfer van een andere maand is).",
        ),
        (3, "Kwartaal", "kwartaal 3 2026 opgeslagen als augustus 2026 (de maand van de peildatum)."),
        (
            4,
            "Kwartaal",
            "kwartaal 4 2026 opgeslagen als december 2026 (de laatste maand van het kwartaal); de peildatum "
            "05-01-2027 ligt buiten het kwartaal, controleer die.",
        ),
    ]
    assert [(e.line, e.field) for e in report.errors] == [(5, "Kwartaal")]
    assert report.errors[0].message.startswith("Periode 'kwartaal 5 2026' niet begrepen")


def test_quarter_columns_of_a_wide_file(db, dinkelland):
    raw = (
        b"Vestiging;Diagnosegroep;Aanmeldwachttijd Q3 2026;Behandelwachttijd Q3 2026;Aanmeldwachttijd K4 2026;"
        b"Behandelwachttijd K4 2026\r\nDinkelland Almelo;Angststoornissen;4;8;6;10\r\n"
    )
    report = load(db, dinkelland, "kwartalen.csv", raw=raw)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        (ALMELO, ANXIETY, "angst", SEP, D(4), None, False, D(8)),
        OCTOBER[:8],
        (ALMELO, ANXIETY, "angst", DEC, D(6), None, False, D(10)),
    ]
    assert [(w.line, w.field, w.message[:45]) for w in report.warnings if w.field and "Q3" in w.field] == [
        (2, "Q3 2026", "kwartaal 3 2026 opgeslagen als september 2026")
    ]


def test_weeks_are_stored_as_the_month_of_their_thursday_and_the_last_week_wins(db, dinkelland):
    report = load(db, dinkelland, "weeks.csv")
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        # weeks 40, 44 and 42 of 2026 all fall in October: week 44 (line 3) is the latest and replaces October
        (ALMELO, ANXIETY, "angst", OCT, D(6), None, False, D(9)),
        (ENSCHEDE, ANXIETY, "angst", DEC, D(3), None, False, D(4)),  # week 49: Thursday 3 December
    ]
    warnings = messages(report)
    assert (
        3,
        "week 44 2026 vervangt week 40 2026 van regel 2: per maand wordt de laatste week opgeslagen.",
    ) in warnings
    assert (
        4,
        "week 42 2026 niet opgeslagen: week 44 2026 (regel 3) is later in dezelfde maand, en per maand wordt de "
        "laatste week opgeslagen.",
    ) in warnings
    assert (5, "week 49 2026 opgeslagen als december 2026 (de maand van de donderdag).") in warnings
    assert stored(db, dinkelland.slug)[0][9:] == (40, None, None, "current")  # not in the file: kept
    assert report.errors == []


def test_unit_column_per_row(db, dinkelland):
    report = load(db, dinkelland, "unit_column.csv")
    assert report.status == "applied", report
    assert [r for r in figures(db, dinkelland) if r[3] == DEC] == [
        (ALMELO, ANXIETY, "angst", DEC, D(3), "21 dagen", False, D(5)),
        (ALMELO, MOOD, "depressie", DEC, D("8.7"), "2 maanden", False, D(13)),
        (ENSCHEDE, ANXIETY, "angst", DEC, D(3), "21 dagen", False, D(6)),  # "6 wk": the cell's own unit wins
        (ENSCHEDE, ANXIETY, "overig", DEC, D(21), None, False, D(35)),  # empty unit: the header's weeks
    ]
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (
            5,
            "Eenheid",
            "Eenheid 'uren' onbekend; schrijf dagen, weken of maanden (of dgn, wk, mnd). De wachttijden van deze "
            "regel zijn niet verwerkt.",
        )
    ]
    assert stored(db, dinkelland.slug)[0] == OCTOBER


def test_unit_column_wins_over_the_unit_in_the_header(db, dinkelland):
    raw = (
        b"Vestiging;Diagnosegroep;Aanmeldwachttijd (dagen);Behandelwachttijd (dagen);In;Peildatum\r\n"
        b"Dinkelland Almelo;Angst;3;5;weken;01-12-2026\r\n"
        b"Dinkelland Enschede;Angst;14;28;;01-12-2026\r\n"
    )
    report = load(db, dinkelland, "eenheid.csv", raw=raw)
    assert report.status == "applied", report
    assert [(r[0], r[4], r[5], r[7]) for r in figures(db, dinkelland) if r[3] == DEC] == [
        (ALMELO, D(3), None, D(5)),
        (ENSCHEDE, D(2), "14 dagen", D(4)),
    ]
    assert any(m.startswith("Kolom 'In' geeft per regel de eenheid") for _, m in messages(report))


def test_total_without_parts_is_not_stored_and_says_which_columns_to_add(db, dinkelland):
    report = load(db, dinkelland, "total_only.csv", no_treatment_wait=True)
    assert report.status == "rejected"
    assert report.warnings[0].message.startswith(
        "Dit bestand heeft alleen een totale wachttijd. Een totale wachttijd wordt niet opgeslagen als aanmeld- of "
        "behandelwachttijd"
    )
    assert "Voeg de kolommen 'Aanmeldwachttijd' (aanmelding tot intake) en 'Behandelwachttijd'" in (
        report.warnings[0].message
    )
    assert [(e.line, e.field, e.message[:50]) for e in report.errors] == [
        (2, "Totale wachttijd (weken)", "Alleen een totale wachttijd (14): die wordt niet o"),
        (3, "Totale wachttijd (weken)", "Alleen een totale wachttijd (9): die wordt niet op"),
    ]
    assert stored(db, dinkelland.slug) == [OCTOBER]


def test_cli_imports_a_wide_file_with_a_confirmed_mapping(db, dinkelland, monkeypatch, tmp_path):
    from contextlib import contextmanager

    from typer.testing import CliRunner

    from waitinfo.cli import app
    from waitinfo.core import database

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr(database, "session_scope", scope)
    path = tmp_path / "wachttijden.csv"
    path.write_bytes(fixture("wide_undecided.csv"))
    runner = CliRunner()
    refused = runner.invoke(app, ["import", str(path), "--provider", dinkelland.slug])
    assert "Niet duidelijk welke wachttijd" in refused.output
    done = runner.invoke(
        app,
        ["import", str(path), "--provider", dinkelland.slug, "--map", "Periodekolommen=registration_weeks"]
        + ["--no-treatment-wait"],
    )
    assert done.exit_code == 0, done.output
    assert "6 regel(s) verwerkt: 6 nieuw" in done.output


def test_first_header_cell_names_the_wait_over_the_row_labels(db, dinkelland):
    raw = (
        b"Behandelwachttijd (weken);oktober 2026;november 2026\r\nDinkelland Almelo;9;12\r\nDinkelland Enschede;;7\r\n"
    )
    report = load(db, dinkelland, "pivot.csv", raw=raw, no_treatment_wait=True)
    assert report.status == "applied", report
    assert stored(db, dinkelland.slug) == [
        OCTOBER,
        (ENSCHEDE, ANXIETY, None, NOV, None, None, False, D(7), False, None, None, None, "unknown"),
    ]
    warnings = messages(report)
    assert any("volgens kolom 'Behandelwachttijd (weken)'" in m for _, m in warnings)
    # Almelo has two services and the file names no group: both months held until linked
    assert [line for line, m in warnings if m.startswith("Koppel deze regel")] == [2]
    assert rows(db, "select line, month from held_wait_row order by month") == [(2, OCT), (2, NOV)]


def test_a_title_naming_both_waits_decides_nothing(db, dinkelland):
    raw = b"Aanmeld- en behandelwachttijd per vestiging\r\nVestiging;2026-10;2026-11\r\nDinkelland Almelo;6;7\r\n"
    report = load(db, dinkelland, "beide.csv", raw=raw)
    assert report.status == "rejected"
    assert report.errors[0].message.startswith("Niet duidelijk welke wachttijd in de kolommen '2026-10', '2026-11'")
    assert stored(db, dinkelland.slug) == [OCTOBER]


def test_period_spellings():
    from waitinfo.imports.periods import parse_period

    spelled = {
        "okt-26": ("month", OCT),
        "oktober 2026": ("month", OCT),
        "2026-10": ("month", OCT),
        "Q3 2026": ("quarter", SEP),
        "2026-Q3": ("quarter", SEP),
        "3e kwartaal 2026": ("quarter", SEP),
        "kwartaal 3 2026": ("quarter", SEP),
        "K3 2026": ("quarter", SEP),
        "week 40 2026": ("week", OCT),  # Thursday 1 October
        "2026-W40": ("week", OCT),
        "wk 40-2026": ("week", OCT),
        "2026-W27": ("week", date(2026, 7, 1)),  # Monday 29 June, Thursday 2 July
        "week 53 2026": ("week", DEC),
    }
    assert {text: (p.kind, p.month) for text in spelled if (p := parse_period(text))} == spelled


def test_a_wait_column_of_its_own_beside_a_dated_column_is_read_as_a_long_file(db, dinkelland):
    raw = (
        b"Vestiging;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Wachtenden per 01-11-2026;Peildatum\r\n"
        b"Dinkelland Almelo;Angst;6;10;44;01-11-2026\r\n"
    )
    report = load(db, dinkelland, "gemengd.csv", raw=raw)
    assert report.status == "applied", report
    assert [r[3:5] + r[7:8] + r[9:10] for r in stored(db, dinkelland.slug)] == [
        (OCT, D(5), D(9), 40),
        (NOV, D(6), D(10), 44),
    ]
