"""A website-style export (fictional GGZ Reggestroom): the reference date only in the title block ("Stand per ..."),
locations named by their place ("Hengelo"), and a total headed just "Totaal (in weken)"."""

from datetime import date

import pytest

from tests.imports.helpers import D
from tests.imports.test_acceptance_files import HENGELO, OLDENZAAL, SEPTEMBER, held, issues, places, regge, stored
from waitinfo.imports.periods import title_date
from waitinfo.imports.service import run_import

__all__ = ["regge"]  # the fixture, used by name below

NOV = date(2026, 11, 1)
FILE = (
    "Wachttijden GGZ Reggestroom (fictief);;;;\n"
    "Stand per 1 november 2026;;;;\n"
    "Geëxporteerd op 02-12-2026 uit het EPD;;;;\n"
    ";;;;\n"
    "Locatie;Hoofddiagnosegroep;Wachttijd aanmelding - intake (in weken);Wachttijd intake - behandeling (in weken);"
    "Totaal (in weken)\n"
    "Hengelo;Angststoornissen;5;7;12\n"
    "Oldenzaal;Angststoornissen;3;4;9\n"
    "Enschede;Angststoornissen;2;2;4\n"
)


def run(db, org, raw: bytes, dry_run: bool = False):
    return run_import(db, organization_name_or_id=org.slug, raw=raw, source="website.csv", dry_run=dry_run)


def test_title_date_short_location_names_and_bare_total(db, regge):
    before = stored(db, regge.slug)
    dry = run(db, regge, FILE.encode("utf-8"), dry_run=True)
    assert stored(db, regge.slug) == before and dry.errors == []
    report = run(db, regge, FILE.encode("utf-8"))
    assert report.errors == []
    rows = stored(db, regge.slug)
    assert SEPTEMBER in rows  # nothing stored before is erased
    november = [r for r in rows if r[3] == NOV]
    assert [(r[0], r[2], r[4], r[7], r[14]) for r in november] == [
        (HENGELO, "angst", D(5), D(7), date(2026, 11, 1)),
        (OLDENZAAL, "angst", D(3), D(4), date(2026, 11, 1)),
    ]
    said = [m for _, m in issues(report)]
    assert any("peildatum 01-11-2026, volgens de titel 'Stand per 1 november 2026'" in m for m in said)
    assert not any("Totaal (in weken)" in m and "niet herkend" in m for m in said)  # read as the total wait
    assert any("9" in m and "totale wachttijd" in m.lower() for m in said)  # 3 + 4 is not 9: said, not stored
    # "Enschede" is none of the provider's locations (by name end or city): held, nothing created.
    assert [(line, reason) for line, reason, _ in held(db)] == [(8, "location")]
    assert "Enschede" not in [p for (p,) in places(db)]


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["Wachttijden", "Stand per 1 november 2026"], date(2026, 11, 1)),
        (["Peildatum: 01-11-2026"], date(2026, 11, 1)),
        (["Wachttijden oktober 2026 (fictief)"], "oktober 2026"),
        (["Geëxporteerd op 02-12-2026"], None),  # an export stamp is no reference date
        (["Stand per 1 november 2026", "Stand per 1 december 2026"], None),  # two dates: not guessed
        (["Wachttijden per vestiging"], None),
    ],
)
def test_title_dates(titles, expected):
    found = title_date(titles)
    assert (found[0] if found else None) == expected
