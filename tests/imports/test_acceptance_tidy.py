"""Acceptance of issue 16, family 1: tidy exports (one figure per row, a column that says which figure and one with
its value). The rows of one location x group x month become one figure set; a figure given twice with different
values is not stored and both lines are named; an unknown kind of figure is reported; nothing stored is erased."""

from datetime import date

from tests.imports import test_acceptance_files as acceptance
from tests.imports.helpers import D
from tests.imports.test_acceptance_files import HENGELO, OLDENZAAL, held, stored
from waitinfo.imports.service import run_import

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
ANXIETY, MOOD = "Behandeling angst", "Behandeling somberheid"
regge = acceptance.regge  # the fixture: GGZ Reggestroom with September stored


def load(db, org, text: str):
    raw = text.encode()
    before = stored(db, org.slug)
    dry = run_import(db, organization_name_or_id=org.slug, raw=raw, source="tidy.csv", dry_run=True)
    assert stored(db, org.slug) == before and held(db) == []
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source="tidy.csv")
    assert [(e.line, e.message) for e in report.errors] == [(e.line, e.message) for e in dry.errors]
    return report


def figures(db, org):
    """(location, service, group, month, reg, reg text, treat, treat text, waiting count)"""
    return [(r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[8], r[10]) for r in stored(db, org.slug)]


def test_type_and_weeks_columns_are_combined_per_location_group_and_month(db, regge):
    report = load(
        db,
        regge,
        "Vestiging;Maand;Hoofddiagnosegroep;Soort wachttijd;Wachttijd (weken)\n"
        f"{HENGELO};okt-26;Angststoornissen;Aanmeldwachttijd;4\n"
        f"{HENGELO};okt-26;Angststoornissen;Behandelwachttijd;7\n"
        f"{HENGELO};okt-26;Angststoornissen;Totale wachttijd;11\n"
        f"{HENGELO};okt-26;Depressie;aanmelding;3\n"
        f"{HENGELO};okt-26;Depressie;behandeling;5\n"
        f"{OLDENZAAL};okt-26;Angst;Wachttijd tot intake;2\n"
        f"{OLDENZAAL};okt-26;Angst;Wachttijd na intake;> 26\n"
        f"{HENGELO};sep-26;Angststoornissen;Aanmeldwachttijd;6\n",  # September again: only this figure
    )
    assert report.status == "applied" and report.errors == [], report
    assert figures(db, regge) == [
        (HENGELO, ANXIETY, "angst", SEP, D(6), None, D(9), None, 40),  # treatment wait and count kept
        (HENGELO, ANXIETY, "angst", OCT, D(4), None, D(7), None, None),
        (HENGELO, MOOD, "depressie", OCT, D(3), None, D(5), None, None),
        (OLDENZAAL, ANXIETY, "angst", OCT, D(2), None, D(26), "> 26", None),
    ]


def test_indicator_value_unit_with_waiting_count_conflict_and_unknown_kind(db, regge):
    report = load(
        db,
        regge,
        "Vestiging;Peildatum;Diagnosegroep;Indicator;Waarde;Eenheid\n"
        f"{HENGELO};01-10-2026;Angst;Wachttijd tot intake;21;dagen\n"
        f"{HENGELO};01-10-2026;Angst;Wachttijd tot behandeling;6;weken\n"
        f"{HENGELO};01-10-2026;Angst;Aantal wachtenden;33;\n"
        f"{HENGELO};01-10-2026;Angst;No-show percentage;4;%\n"
        f"{HENGELO};01-10-2026;Depressie;Aanmeldwachttijd;2;weken\n"
        f"{HENGELO};01-10-2026;Depressie;Aanmeldwachttijd;3;weken\n"  # conflicting duplicate: not stored
        f"{HENGELO};01-10-2026;Depressie;Behandelwachttijd;1;maanden\n",
    )
    assert report.status == "applied", report
    peil = date(2026, 10, 1)
    assert [r[:11] + r[14:] for r in stored(db, regge.slug)] == [
        acceptance.SEPTEMBER[:11] + (None,),
        (HENGELO, ANXIETY, "angst", OCT, D(3), "21 dagen", False, D(6), None, False, 33, peil),
        (HENGELO, MOOD, "depressie", OCT, None, None, False, D(4.3), "1 maanden", False, None, peil),
    ]
    warnings = [(w.line, w.message) for w in report.warnings]
    assert any(line == 5 and m.startswith("Soort 'No-show percentage' is niet herkend") for line, m in warnings)
    assert any(
        line == 7 and "(regel 6: 2 weken, regel 7: 3 weken). Dit cijfer is niet opgeslagen" in m for line, m in warnings
    )


def test_unit_in_the_kind_and_an_intake_stop_are_not_read_as_the_registration_wait(db, regge):
    """'Aanmeldstop' starts like 'Aanmelding' and was read as a second registration wait; 'Aanmeldwachttijd in dagen'
    lost its unit (21 weeks stored)."""
    report = load(
        db,
        regge,
        "Vestiging;Maand;Diagnosegroep;Indicator;Waarde\n"
        f"{HENGELO};okt-26;Angst;Aanmeldwachttijd in dagen;21\n"
        f"{HENGELO};okt-26;Angst;Behandelwachttijd (weken);4\n"
        f"{HENGELO};okt-26;Angst;Aanmeldstop;ja\n",
    )
    assert report.status == "applied" and report.errors == [], report
    assert (HENGELO, ANXIETY, "angst", OCT, D(3), "21 dagen", D(4), None, None) in figures(db, regge)
    assert not any("twee keer" in w.message for w in report.warnings)


def test_xlsx_tidy_with_title_days_labels_once_and_a_totals_row(db, regge):
    from tests.imports.test_acceptance_sheets import workbook

    raw = workbook(
        {
            "Export": [
                ["Wachttijdrapportage oktober 2026"],
                [],
                ["Vestiging", "Maand", "Diagnosegroep", "Soort wachttijd", "Wachttijd (dagen)"],
                [HENGELO, "okt-26", "Angst", "Aanmeldwachttijd", 28],
                [None, None, None, "Behandelwachttijd", 14],  # labels only on the first row of the block
                ["Totaal", None, None, "Aanmeldwachttijd", 20],
            ]
        }
    )
    before = stored(db, regge.slug)
    run_import(db, organization_name_or_id=regge.slug, raw=raw, source="t.xlsx", dry_run=True)
    assert stored(db, regge.slug) == before
    report = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="t.xlsx")
    assert report.status == "applied" and report.errors == [], report
    assert (HENGELO, ANXIETY, "angst", OCT, D(4), "28 dagen", D(2), "14 dagen", None) in figures(db, regge)
    assert any(w.line == 5 and "alle labels overgenomen van regel 4" in w.message for w in report.warnings)
    assert any(w.line == 6 and "Totaal- of gemiddelderegel" in w.message for w in report.warnings)
