"""Practice spreadsheets in their own words (fictional GGZ Reggestroom): "ca. 6 weken", "+/- 4 wk", "geen wachtlijst",
"aanmeldstop" in a wait cell, and a "Praktijk" column beside the "Locatie" column."""

from datetime import date

import pytest

from tests.imports.helpers import D, rows
from tests.imports.test_acceptance_files import HENGELO, OLDENZAAL, SEPTEMBER, issues, regge, stored
from waitinfo.imports.normalise import parse_wait
from waitinfo.imports.service import run_import
from waitinfo.imports.vocabulary import WAIT_ALIASES
from waitinfo.providers.tabular import match_headers

__all__ = ["regge"]  # the fixture, used by name below

NOV = date(2026, 11, 1)
FILE = (
    "Praktijk;Locatie;Hoofddiagnosegroep;Wachttijd aanmelding;Wachttijd behandeling;Opmerking;Datum\n"
    "GGZ Reggestroom;Reggestroom Hengelo;Angststoornissen;ca. 6 weken;6 à 8 weken;;1-11-2026\n"
    "GGZ Reggestroom;Reggestroom Hengelo;Depressieve stemmingsstoornissen;+/- 4 wk;geen wachtlijst;;1-11-2026\n"
    "GGZ Reggestroom;Reggestroom Oldenzaal Poortëlaan;Angststoornissen;aanmeldstop;aanmeldstop;tot nader bericht;"
    "1-11-2026\n"
)


@pytest.mark.parametrize(
    ("cell", "weeks", "text"),
    [
        ("ca. 6 weken", D(6), "ca. 6 weken"),
        ("+/- 4 wk", D(4), "+/- 4 wk"),
        ("ongeveer 2 maanden", D("8.7"), "ongeveer 2 maanden"),
        ("± 3", D(3), "± 3"),
        ("geen wachtlijst", D(0), "geen wachtlijst"),
        ("per direct", D(0), "per direct"),
    ],
)
def test_approximate_and_zero_words(cell, weeks, text):
    value, said, lower = parse_wait(cell)
    assert (value, lower) == (weeks, False) and said is not None and text.split()[0] in said


def test_locatie_is_the_location_when_praktijk_stands_beside_it():
    fields = match_headers(["Praktijk", "Locatie", "Aanmeldwachttijd"], WAIT_ALIASES)
    assert fields == {1: "location_name", 2: "registration_weeks"}
    assert match_headers(["Praktijk", "Aanmeldwachttijd"], WAIT_ALIASES)[0] == "location_name"  # alone it is


def test_practice_file_in_its_own_words(db, regge):
    report = run_import(db, organization_name_or_id=regge.slug, raw=FILE.encode("utf-8"), source="praktijk.csv")
    assert report.errors == []
    november = [(r[0], r[2], r[4], r[5], r[7]) for r in stored(db, regge.slug) if r[3] == NOV]
    assert november == [
        (HENGELO, "angst", D(6), "ca. 6", D(8)),
        (HENGELO, "depressie", D(4), "+/- 4", D(0)),
    ]
    assert SEPTEMBER in stored(db, regge.slug)
    # "aanmeldstop" in both wait cells: an intake stop for Oldenzaal from the reference date, no figure stored.
    assert rows(
        db,
        "select l.name, i.starts_on, i.ends_on, i.reason from intake_stop i join service_at_location sal "
        "on sal.id = i.service_at_location_id join location l on l.id = sal.location_id",
    ) == [(OLDENZAAL, date(2026, 11, 1), None, "")]
    said = [m for _, m in issues(report)]
    assert "'aanmeldstop' gelezen als aanmeldstop (vanaf de peildatum); het wachttijdcijfer blijft staan." in said
    assert not any("'Locatie'" in m and "niet herkend" in m for m in said)


def test_a_column_of_diagnosis_groups_is_proposed_by_its_cells(db, regge):
    raw = FILE.replace("Hoofddiagnosegroep", "Wat").encode("utf-8")
    dry = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="praktijk.csv", dry_run=True)
    assert ("Wat", "diagnosis_group") in [(u.header, u.proposal) for u in dry.unmapped_columns]
    assert any("De cellen lijken een hoofddiagnosegroep: voorstel 'diagnosis_group'" in m for _, m in issues(dry))


@pytest.mark.parametrize("cell", ["20261101", 20261101, 20261101.0])
def test_vektis_dates_as_yyyymmdd(cell):
    from waitinfo.imports.normalise import parse_date

    assert parse_date(cell) == date(2026, 11, 1)
