"""Ranges of months (`jul-sep 2026`) and months without a year (a `Jaar` column, or the year in the title), in long
and wide wait files (fixtures month_ranges.csv, year_month.csv, wide_months_no_year.csv in
tests/fixtures/provider_files, fictional; provider GGZ Dinkelland as in test_layouts): per row what is stored or
rejected, and that nothing stored before is erased."""

from datetime import date

from tests.imports import test_provider_files as known
from tests.imports.helpers import D
from tests.imports.test_layouts import (
    ALMELO,
    ANXIETY,
    DEC,
    ENSCHEDE,
    MOOD,
    NOV,
    OCT,
    OCTOBER,
    SEP,
    figures,
    load,
    stored,
)
from waitinfo.imports.periods import parse_period
from waitinfo.providers import registry

AUG = date(2026, 8, 1)

dinkelland = known.dinkelland
fixture, messages, catalogue = known.fixture, known.messages, known.catalogue


def test_range_spellings():
    spelled = {
        "jul-sep 2026": ("juli t/m september 2026", SEP),
        "juli t/m september 2026": ("juli t/m september 2026", SEP),
        "jul - sep 26": ("juli t/m september 2026", SEP),
        "okt-26 t/m dec-26": ("oktober t/m december 2026", DEC),
        "nov-jan 2027": ("november 2026 t/m januari 2027", date(2027, 1, 1)),
    }
    assert {t: (p.label, p.month) for t in spelled if (p := parse_period(t))} == spelled
    assert parse_period("okt-okt 2026").kind == "month"


def test_ranges_of_months_in_a_period_column(db, dinkelland):
    for name in ("month_ranges.csv", "year_month.csv", "wide_months_no_year.csv"):
        assert registry.detect_kind(fixture(name)) == "wait-times", name
    report = load(db, dinkelland, "month_ranges.csv")
    assert report.status == "applied", report
    assert (
        figures(db, dinkelland)
        == [
            (ALMELO, ANXIETY, "angst", SEP, D(4), None, False, D(8)),  # line 2: jul-sep as September
            OCTOBER[:8],
            (ALMELO, MOOD, "depressie", AUG, D(6), None, False, D(10)),  # line 3: peildatum 15-08 inside the range
            (ENSCHEDE, ANXIETY, "angst", DEC, D(2), None, False, D(5)),  # line 4: "nov - dec 26"
        ]
    )
    assert [(w.line, w.field, w.message) for w in report.warnings if w.field == "Periode"] == [
        (
            2,
            "Periode",
            "juli t/m september 2026 opgeslagen als september 2026 (de stand aan het eind van de periode; geef een "
            "peildatum als het cijfer van een andere maand is).",
        ),
        (3, "Periode", "juli t/m september 2026 opgeslagen als augustus 2026 (de maand van de peildatum)."),
        (
            4,
            "Periode",
            "november t/m december 2026 opgeslagen als december 2026 (de stand aan het eind van de periode; geef "
            "een peildatum als het cijfer van een andere maand is).",
        ),
    ]
    assert [(e.line, e.field) for e in report.errors] == [(5, "Periode")]  # "jul-sep" without a year
    assert report.errors[0].message.startswith("Periode 'jul-sep' niet begrepen")
    assert stored(db, dinkelland.slug)[1] == OCTOBER


def test_range_columns_of_a_wide_file(db, dinkelland):
    raw = (
        b"Vestiging;Diagnosegroep;Aanmeldwachttijd jul-sep 2026;Behandelwachttijd jul-sep 2026;"
        b"Aanmeldwachttijd okt t/m dec 2026;Behandelwachttijd okt t/m dec 2026\r\n"
        b"Dinkelland Almelo;Angststoornissen;4;8;6;10\r\n"
    )
    report = load(db, dinkelland, "reeksen.csv", raw=raw)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        (ALMELO, ANXIETY, "angst", SEP, D(4), None, False, D(8)),
        OCTOBER[:8],
        (ALMELO, ANXIETY, "angst", DEC, D(6), None, False, D(10)),
    ]
    assert [(w.line, w.field, w.message.split(" (")[0]) for w in report.warnings if w.field and "2026" in w.field] == [
        (2, "jul-sep 2026", "juli t/m september 2026 opgeslagen als september 2026"),
        (2, "okt t/m dec 2026", "oktober t/m december 2026 opgeslagen als december 2026"),
    ]


def test_separate_year_and_month_columns(db, dinkelland):
    report = load(db, dinkelland, "year_month.csv")
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        OCTOBER[:8],
        (ALMELO, ANXIETY, "angst", NOV, D(6), None, False, D(10)),  # line 2: 2026 + 11
        (ALMELO, MOOD, "depressie", OCT, D(7), None, False, D(12)),  # line 3: 2026 + okt
        (ENSCHEDE, ANXIETY, "angst", DEC, D(3), None, False, D(5)),  # line 4: 2026 + december
    ]
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (
            5,
            "Maand",
            "Maand '11' zonder jaar; deze regel is niet verwerkt. Zet het jaar bij de maand (okt-26 of 2026-10), in "
            "een kolom 'Jaar', of in een titelregel boven de kopregel (bijvoorbeeld 'Wachttijden 2026').",
        ),
        (6, "Maand", "Maand '13' niet begrepen; schrijf 1 t/m 12 of de naam (okt, oktober)."),
        (7, "Jaar", "Jaar 'zesentwintig' niet begrepen; schrijf het jaar voluit, bijvoorbeeld 2026."),
    ]
    assert stored(db, dinkelland.slug)[0] == OCTOBER


def test_month_column_without_a_year_takes_the_title_year_or_is_refused(db, dinkelland):
    body = b"Vestiging;Diagnosegroep;Maand;Aanmeldwachttijd;Behandelwachttijd\r\nDinkelland Almelo;Angst;nov;6;10\r\n"
    refused = load(db, dinkelland, "zonder.csv", raw=body)
    assert refused.status == "rejected"
    assert [(e.line, e.field, e.message[:23]) for e in refused.errors] == [(2, "Maand", "Maand 'nov' zonder jaar")]
    assert stored(db, dinkelland.slug) == [OCTOBER]
    report = load(db, dinkelland, "titel.csv", raw=b"Wachttijden 2026 (export 02-01-2027)\r\n" + body)
    assert report.status == "applied", report
    assert figures(db, dinkelland)[1:] == [(ALMELO, ANXIETY, "angst", NOV, D(6), None, False, D(10))]
    assert (None, "Maanden zonder jaar gelezen als 2026, volgens de titel 'Wachttijden 2026 (export 02-01-2027)'.") in (
        messages(report)
    )


def test_month_headers_without_a_year_take_the_title_year(db, dinkelland):
    report = load(db, dinkelland, "wide_months_no_year.csv", no_treatment_wait=True)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        OCTOBER[:8],  # line 4, okt: the same registration wait again; treatment and count kept
        (ALMELO, ANXIETY, "angst", NOV, D(6), None, False, None),
        (ALMELO, ANXIETY, "angst", DEC, D(7), None, False, None),
        (ENSCHEDE, ANXIETY, "angst", OCT, D(2), None, False, None),
        (ENSCHEDE, ANXIETY, "angst", DEC, D(3), None, False, None),  # line 5: November empty, not reported
    ]
    assert stored(db, dinkelland.slug)[0] == OCTOBER
    assert (
        3,
        "Maandkolommen zonder jaar ('okt' t/m 'dec') gelezen als 2026, volgens de titel 'Wachttijden 2026, GGZ "
        "Dinkelland (fictief)'.",
    ) in messages(report)


def test_month_headers_without_any_year_apply_nothing(db, dinkelland):
    raw = fixture("wide_months_no_year.csv").replace(b"Wachttijden 2026,", b"Wachttijden")
    for dry_run in (True, False):
        report = load(db, dinkelland, "zonder.csv", raw=raw, no_treatment_wait=True, dry_run=dry_run)
        assert report.status == "rejected"
        assert [(e.line, e.field) for e in report.errors] == [
            (4, "okt"),
            (4, "nov"),
            (4, "dec"),
            (5, "okt"),
            (5, "dec"),
        ]
        assert report.errors[0].message.startswith("Maand 'okt' zonder jaar; deze regel is niet verwerkt.")
    assert stored(db, dinkelland.slug) == [OCTOBER]


def test_month_headers_with_a_year_column(db, dinkelland):
    raw = (
        b"Vestiging;Diagnosegroep;Jaar;Aanmeldwachttijd jan;Aanmeldwachttijd feb\r\n"
        b"Dinkelland Almelo;Angst;2027;6;7\r\n"
        b"Dinkelland Enschede;Angst;;3;4\r\n"
    )
    report = load(db, dinkelland, "jaar.csv", raw=raw, no_treatment_wait=True)
    assert report.status == "applied", report
    assert figures(db, dinkelland)[1:] == [
        (ALMELO, ANXIETY, "angst", date(2027, 1, 1), D(6), None, False, None),
        (ALMELO, ANXIETY, "angst", date(2027, 2, 1), D(7), None, False, None),
    ]
    assert [(e.line, e.field) for e in report.errors] == [(3, "jan"), (3, "feb")]  # no year on line 3
    assert stored(db, dinkelland.slug)[0] == OCTOBER
