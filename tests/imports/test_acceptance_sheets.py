"""Acceptance of issue 16, family 2: workbooks with several sheets. One sheet per location (the sheet name is the
location, also when Excel cut it at 31 characters) or one sheet per month (`okt 2026`), beside a `Toelichting` or
`Definities` sheet that is not read; every data sheet counts, and the report says which sheets were read and how
their rows are numbered. Nothing stored is erased; a dry run stores nothing."""

import io
from datetime import date

from tests.imports import test_acceptance_files as acceptance
from tests.imports.helpers import D
from tests.imports.test_acceptance_files import HENGELO, OLDENZAAL, held, stored
from waitinfo.imports.service import run_import

SEP, OCT, NOV = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)
ANXIETY, MOOD = "Behandeling angst", "Behandeling somberheid"
regge = acceptance.regge  # the fixture: GGZ Reggestroom with September stored


def workbook(sheets: dict[str, list[list]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def load(db, org, raw: bytes, **kw):
    before = stored(db, org.slug)
    dry = run_import(db, organization_name_or_id=org.slug, raw=raw, source="w.xlsx", dry_run=True, **kw)
    assert stored(db, org.slug) == before and held(db) == []
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source="w.xlsx", **kw)
    assert [(e.line, e.message) for e in report.errors] == [(e.line, e.message) for e in dry.errors]
    return report


def figures(db, org):
    """(location, service, group, month, reg, treat, waiting count)"""
    return [(r[0], r[1], r[2], r[3], r[4], r[7], r[10]) for r in stored(db, org.slug)]


def warnings(report):
    return [(w.line, w.message) for w in report.warnings]


def test_one_sheet_per_location_with_an_explanation_sheet(db, regge):
    header = ["Maand", "Diagnosegroep", "Aanmeldwachttijd", "Behandelwachttijd", "Aantal wachtenden"]
    raw = workbook(
        {
            "Toelichting": [["Aanmeldwachttijd: weken van aanmelding tot intake"], ["Bron: EPD"]],
            HENGELO: [
                header,
                ["okt-26", "Angst", 4, 6, 30],
                ["okt-26", "Depressie", 2, 3, None],
                ["sep-26", "Angst", 6],
            ],
            OLDENZAAL[:31]: [header, ["okt-26", "Angst", 1, 2, 5]],  # the name cut at 31 characters by Excel
            "Reggestroom Enschede": [header, ["okt-26", "Angst", 9, 9, 9], ["okt-26", "Depressie", 3, 3, 1]],
        }
    )
    report = load(db, regge, raw)
    assert report.status == "applied" and report.errors == [], report
    assert figures(db, regge) == [
        (HENGELO, ANXIETY, "angst", SEP, D(6), D(9), 40),  # only the registration wait changed
        (HENGELO, ANXIETY, "angst", OCT, D(4), D(6), 30),
        (HENGELO, MOOD, "depressie", OCT, D(2), D(3), None),
        (OLDENZAAL, ANXIETY, "angst", OCT, D(1), D(2), 5),
    ]
    # no such location: held, each line pointing at its row of the third sheet
    assert held(db) == [
        (20002, "location", "Reggestroom Enschede · Angststoornissen"),
        (20003, "location", "Reggestroom Enschede · Depressieve stemmingsstoornissen"),
    ]
    assert warnings(report)[0] == (
        None,
        f"3 bladen gelezen: '{HENGELO}', '{OLDENZAAL[:31]}' (regels vanaf 10001: regel 10005 is rij 5 van dit blad), "
        "'Reggestroom Enschede' (regels vanaf 20001: regel 20005 is rij 5 van dit blad); niet gelezen: 'Toelichting' "
        "(toelichting, geen cijfers).",
    )
    assert (None, f"Blad '{HENGELO}' heeft geen kolom Vestiging: de naam van het blad is als vestiging gebruikt.") in (
        warnings(report)
    )


def test_one_sheet_per_month_with_definitions(db, regge):
    header = ["Vestiging", "Diagnosegroep", "Aanmeldwachttijd", "Behandelwachttijd"]
    raw = workbook(
        {
            "Definities": [["Term", "Betekenis"], ["Aanmeldwachttijd", "aanmelding tot intake"]],
            "okt 2026": [header, [HENGELO, "Angst", 4, 6], [OLDENZAAL, "Angst", 2, 2]],
            "nov 2026": [header, [HENGELO, "Angst", 5, 7]],
            "sep 2026": [header, [HENGELO, "Angst", None, 8]],  # September again: only the treatment wait
        }
    )
    report = load(db, regge, raw)
    assert report.status == "applied" and report.errors == [], report
    assert figures(db, regge) == [
        (HENGELO, ANXIETY, "angst", SEP, D(5), D(8), 40),
        (HENGELO, ANXIETY, "angst", OCT, D(4), D(6), None),
        (HENGELO, ANXIETY, "angst", NOV, D(5), D(7), None),
        (OLDENZAAL, ANXIETY, "angst", OCT, D(2), D(2), None),
    ]
    assert (None, "Blad 'okt 2026': de maand komt uit de naam van het blad (2 regels).") in warnings(report)


def test_one_data_sheet_says_which_sheets_were_not_read(db, regge):
    raw = workbook(
        {
            "Wachttijden": [
                ["Vestiging", "Maand", "Diagnosegroep", "Aanmeldwachttijd", "Behandelwachttijd"],
                [HENGELO, "okt-26", "Angst", 4, 6],
            ],
            "Uitleg": [["Vestiging", "Aanmeldwachttijd"], ["naam", "weken"]],
            "Draaitabel": [["Rijlabels", "Som van Aanmeldwachttijd"], [HENGELO, 4]],
        }
    )
    report = load(db, regge, raw)
    assert report.status == "applied", report
    assert (HENGELO, ANXIETY, "angst", OCT, D(4), D(6), None) in figures(db, regge)
    assert (
        None,
        "Alleen blad 'Wachttijden' is gelezen; niet gelezen: 'Uitleg' (toelichting, geen cijfers); 'Draaitabel' "
        "(geen kopregel met wachttijdkolommen).",
    ) in warnings(report)


def test_sheets_named_after_a_month_without_a_year(db, regge):
    """'Oktober' was read as a location name; now it is the month, the year from the title (or refused)."""
    header = ["Vestiging", "Diagnosegroep", "Aanmeldwachttijd", "Behandelwachttijd"]
    raw = workbook(
        {
            "Oktober": [["Wachttijden GGZ Reggestroom 2026"], [], header, [HENGELO, "Angst", 4, 6]],
            "November": [header, [HENGELO, "Angst", 5, 7]],  # no year anywhere: refused
        }
    )
    report = load(db, regge, raw)
    assert (HENGELO, ANXIETY, "angst", OCT, D(4), D(6), None) in figures(db, regge)
    assert not any(r[3] == NOV for r in figures(db, regge)) and held(db) == []
    assert [(e.line, e.message[:30]) for e in report.errors] == [(10002, "Maand 'November' zonder jaar; ")]


def test_sheets_per_location_each_wide_by_month(db, regge):
    """A sheet per location, months as columns, the wait named in the title: no location column at all."""
    title, header = ["Aanmeldwachttijd (weken)"], ["Diagnosegroep", "okt-26", "nov-26"]
    raw = workbook(
        {
            HENGELO: [title, header, ["Angst", 4, 5], ["Depressie", 2, 3]],
            "Reggestroom Enschede": [title, header, ["Angst", 1, 1]],
        }
    )
    report = load(db, regge, raw, no_treatment_wait=True)  # this provider measures no treatment wait
    assert report.status == "applied", report
    assert [r for r in figures(db, regge) if r[3] != SEP] == [
        (HENGELO, ANXIETY, "angst", OCT, D(4), None, None),
        (HENGELO, ANXIETY, "angst", NOV, D(5), None, None),
        (HENGELO, MOOD, "depressie", OCT, D(2), None, None),
        (HENGELO, MOOD, "depressie", NOV, D(3), None, None),
    ]
    assert {(line, reason) for line, reason, _ in held(db)} == {(10003, "location")}


def test_the_row_limit_counts_all_sheets_together(db, regge, monkeypatch):
    from waitinfo.providers import limits

    monkeypatch.setattr(limits, "MAX_ROWS", 30)
    header = ["Vestiging", "Maand", "Aanmeldwachttijd", "Behandelwachttijd"]
    sheet = [header] + [[HENGELO, "okt-26", 1, 1]] * 20
    report = run_import(
        db, organization_name_or_id=regge.slug, raw=workbook({"A": sheet, "B": sheet}), source="w.xlsx", dry_run=True
    )
    assert report.status == "rejected" and "meer dan 30 regels" in report.errors[0].message
