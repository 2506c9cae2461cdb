"""Acceptance of issue 16 with files we had not seen (tests/imports/redteam_files.py, fictional GGZ Reggestroom):
per row the figure stored for the right location, service, group and month; held rows held; bad rows rejected in
Dutch; totals, averages and footnotes never stored as a location; nothing stored before erased; a dry run stores
nothing."""

from datetime import date

import pytest

from tests import factories
from tests.imports import redteam_files as rf
from tests.imports.helpers import D, rows
from waitinfo.imports.service import run_import

SEP, OCT, NOV, DEC = (date(2026, m, 1) for m in (9, 10, 11, 12))
HENGELO, OLDENZAAL = "Reggestroom Hengelo", "Reggestroom Oldenzaal Poortëlaan"
ANXIETY, MOOD = "Behandeling angst", "Behandeling somberheid"
SEPTEMBER = (HENGELO, ANXIETY, "angst", SEP, D(5), None, False, D(9), None, False, 40, None, None, "current", None)
SKIPPED_TOTAL = "Totaal- of gemiddelderegel ('{}') overgeslagen: dat is geen vestiging; alleen de regels per vestiging"


@pytest.fixture
def regge(db):
    """Hengelo (AGB 44441001; anxiety and mood services) and Oldenzaal (anxiety); September stored."""
    org = factories.organization(db, "GGZ Reggestroom (fictief)", kind="specialist_ggz", agb_code="44440001")
    hengelo = factories.location(db, org, "GM0164", name=HENGELO, address_1="Marktstraat 5", postal_code="7551 DR")
    hengelo.agb_code = "44441001"
    oldenzaal = factories.location(db, org, "GM0173", name=OLDENZAAL, address_1="Poortëlaan 3", postal_code="7571 EA")
    anxiety = factories.service(db, org, ANXIETY, needs=("angst",), wait_kind="ggz_specialist")
    mood = factories.service(db, org, MOOD, needs=("somberheid",), wait_kind="ggz_specialist")
    sal = factories.at_location(db, anxiety, hengelo)
    factories.at_location(db, mood, hengelo)
    factories.at_location(db, anxiety, oldenzaal)
    factories.wait(db, sal, SEP, 5, 9, "angst", waiting_count=40, method="current")
    db.flush()
    return org


def stored(db, slug: str) -> list[tuple]:
    """(location, service, group, month, reg, reg text, reg lower, treat, treat text, treat lower, waiting,
    within, outside, method, reference date)"""
    return rows(
        db,
        """
        select l.name, s.name, t.code, w.month, w.registration_weeks, w.registration_text, w.registration_lower_bound,
               w.treatment_weeks, w.treatment_text, w.treatment_lower_bound, w.waiting_count, w.intake_within_norm,
               w.intake_outside_norm, w.method, w.reference_date
        from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
        join location l on l.id = sal.location_id join service s on s.id = sal.service_id
        join organization o on o.id = s.organization_id left join taxonomy_term t on t.id = w.diagnosis_group_id
        where o.slug = :slug order by l.name, s.name, t.code, w.month""",
        slug=slug,
    )


def held(db) -> list[tuple]:
    return rows(db, "select line, reason, label from held_wait_row order by line")


def places(db) -> list[tuple]:
    return rows(db, "select name from location order by name")


def load(db, org, name: str, **kw):
    """Dry run first (must store nothing), then the real run."""
    raw = getattr(rf, name)()
    before, held_before = stored(db, org.slug), held(db)
    dry = run_import(db, organization_name_or_id=org.slug, raw=raw, source=name, dry_run=True, **kw)
    assert dry.status in ("dry_run", "unchanged", "rejected"), dry
    assert (stored(db, org.slug), held(db)) == (before, held_before)
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source=name, **kw)
    assert [(e.line, e.message) for e in report.errors] == [(e.line, e.message) for e in dry.errors]
    return report


def issues(report, kind="warnings") -> list[tuple]:
    return [(i.line, i.message) for i in getattr(report, kind)]


def test_vektis_comma_bom_upper_case_with_totals_and_footnote(db, regge):
    report = load(db, regge, "vektis_comma_bom")
    assert report.status == "applied", report
    assert report.errors == []
    assert stored(db, regge.slug) == [
        SEPTEMBER,
        # "4,5" / "7,5" decimal commas, "1.234" thousands, instroom binnen/buiten
        (HENGELO, ANXIETY, "angst", NOV, D(4.5), None, False, D(7.5), None, False, 1234, 10, 2, "unknown", NOV),
        (HENGELO, MOOD, "depressie", NOV, D(6), None, False, D(26), "> 26", True, 63, 8, 9, "unknown", NOV),
        # "Reggestroom Oldenzaal" + postcode 7571 EA: the provider's one location at that postcode
        (OLDENZAAL, ANXIETY, "angst", NOV, D(0.5), "<1", False, D(4), "2-4", False, 3, 1, 0, "unknown", NOV),
    ]
    warnings = issues(report)
    assert any(line == 5 and m.startswith(SKIPPED_TOTAL.format("Totaal")) for line, m in warnings)
    assert (6, "Regel zonder cijfers: overgeslagen, er is niets gewijzigd.") in warnings  # the footnote
    assert held(db) == []
    assert places(db) == [(HENGELO,), (OLDENZAAL,)]


def test_cp1252_days_toelichting_and_average_row(db, regge):
    report = load(db, regge, "cp1252_days_toelichting")
    assert report.status == "applied", report
    assert report.errors == []
    assert stored(db, regge.slug) == [
        SEPTEMBER,
        (
            HENGELO,
            MOOD,
            "depressie",
            DEC,
            D(2),
            "14 dagen",
            False,
            None,
            "n.v.t.",
            False,
            12,
            None,
            None,
            "unknown",
            DEC,
        ),
        (
            OLDENZAAL,
            ANXIETY,
            "angst",
            DEC,
            D(3),
            "21 dagen",
            False,
            D(6),
            "42 dagen",
            False,
            7,
            None,
            None,
            "unknown",
            DEC,
        ),
    ]
    warnings = issues(report)
    assert any(line == 4 and m.startswith(SKIPPED_TOTAL.format("Gemiddeld")) for line, m in warnings)
    assert (1, "Kolom 'Toelichting' is niet herkend en niet gebruikt.") in warnings
    assert report.rows_rejected == 0 and places(db) == [(HENGELO,), (OLDENZAAL,)]


def test_xlsx_title_block_merged_hidden_line_breaks_dates_serials_totals(db, regge):
    report = load(db, regge, "xlsx_title_merged_hidden")
    assert report.status == "applied", report
    assert report.errors == []
    assert stored(db, regge.slug) == [
        SEPTEMBER,
        # serial 46341 = 15-11-2026 as peildatum; method "actueel"
        (
            HENGELO,
            ANXIETY,
            "angst",
            NOV,
            D(4),
            None,
            False,
            D(8),
            None,
            False,
            None,
            None,
            None,
            "current",
            date(2026, 11, 15),
        ),
    ]
    assert held(db) == [
        (5, "service", "Reggestroom Hengelo · AGB-code 44441001 · Trauma- en stressorgerelateerde stoornissen"),
        (7, "location", "Reggestroom Oldenzaal · Angststoornissen"),  # no postcode, name differs: not guessed
    ]
    assert any(line == 8 and m.startswith(SKIPPED_TOTAL.format("Totaal")) for line, m in issues(report))
    assert places(db) == [(HENGELO,), (OLDENZAAL,)]


def test_xlsx_catch_up_with_date_serial_and_text_months(db, regge):
    report = load(db, regge, "xlsx_catch_up_dates")
    assert report.status == "applied", report
    assert [r[:5] + r[7:8] + r[10:11] + r[13:14] for r in stored(db, regge.slug)] == [
        (HENGELO, ANXIETY, "angst", date(2026, 8, 1), D(2), D(4), 10, "unknown"),
        (HENGELO, ANXIETY, "angst", SEP, D(3), D(5), 11, "current"),  # method not in the file: stays
        (HENGELO, ANXIETY, "angst", OCT, D(3), D(6), 12, "unknown"),
    ]
    # a formula cell without a calculated value (written by a program, never opened in Excel): said so, not filled
    assert issues(report, "errors") == [
        (
            5,
            'Formule zonder berekende waarde (\'=HYPERLINK("http://voorbeeld.invalid","klik")\'): open het bestand '
            "in Excel en sla het op, of plak als waarden. Deze regel is niet verwerkt.",
        )
    ]
    assert [m for _, m in issues(report) if "Opmerking" in m] == [  # twice in the header: one warning
        "Kolom 'Opmerking' is niet herkend en niet gebruikt."
    ]
    assert places(db) == [(HENGELO,), (OLDENZAAL,)]


def test_tab_practice_file_with_week_words_echelon_and_zorgvraagtypering(db):
    org = factories.organization(db, "Praktijk Zuidkamp (fictief)", kind="basic_ggz")
    loc = factories.location(db, org, "GM0153", name="Praktijk Zuidkamp", address_1="Zuidkamp 1", postal_code="7522 ZK")
    for name, kind, needs in (
        ("Basis-ggz", "ggz_basic", ("angst",)),
        ("POH-ggz", "poh_ggz", ()),
        ("Psychosezorg", "ggz_specialist", ("psychose",)),
    ):
        factories.at_location(db, factories.service(db, org, name, needs=needs, wait_kind=kind), loc)
    report = load(db, org, "tab_weeks_words")
    assert report.status == "applied", report
    assert [(r[1], r[3], r[4], r[7], r[8], r[9]) for r in stored(db, org.slug)] == [
        ("Basis-ggz", OCT, D(3), D(5), None, False),  # "3 wk", "5 weken"
        ("POH-ggz", OCT, D(1), None, "n.v.t.", False),  # "1 week"; n.v.t. stated
        ("Psychosezorg", OCT, D(8), D(26), "> 26", True),  # ZVT 11 -> the psychosis service; "8 wkn"
    ]


def test_agb_only_numbers_without_leading_zero(db, regge):
    from sqlalchemy import text

    regge.agb_code = "04440002"
    db.execute(text("update location set agb_code = '04441002' where name = :n"), {"n": OLDENZAAL})
    db.flush()
    report = load(db, regge, "agb_only_numbers")
    assert report.status == "applied", report
    assert [r[:5] + r[7:8] for r in stored(db, regge.slug) if r[3] == DEC] == [
        (OLDENZAAL, ANXIETY, None, DEC, D(5), D(9))
    ]
    assert held(db) == [(3, "location", "AGB-code 04441003")]


def test_latin1_dsm5_and_dsm4_group_names(db, regge):
    report = load(db, regge, "latin1_dsm_groups")
    assert report.status == "applied", report
    assert [r[1:5] + r[13:14] for r in stored(db, regge.slug) if r[3] == OCT] == [
        (ANXIETY, "angst", OCT, D(3), "realised"),  # "5. Angststoornissen"
        (MOOD, "bipolair", OCT, D(4), "realised"),  # "Bipolaire-stemmingsstoornissen en verwante stoornissen"
        (MOOD, "depressie", OCT, D(6), "realised"),  # "Depressieve-stemmingsstoornissen"
    ]
    # no service for these groups at Hengelo: held, with the group read right
    assert held(db) == [
        (2, "service", "Reggestroom Hengelo · Middelgebonden en verslavingsstoornissen"),
        (3, "service", "Reggestroom Hengelo · Neurocognitieve stoornissen"),
        (4, "service", "Reggestroom Hengelo · Diagnose nog niet gesteld"),
        (6, "service", "Reggestroom Hengelo · Schizofreniespectrum en andere psychotische stoornissen"),
        (9, "service", "Reggestroom Hengelo"),  # "Totaal" = the whole location: two services there
    ]
    assert issues(report, "errors") == [
        (
            10,
            "Onbekende diagnosegroep 'Angst- en dwangstoornissen'. Gebruik een hoofddiagnosegroep uit de landelijke "
            "lijst.",
        )
    ]


def test_bad_rows_rejected_in_dutch_and_good_row_stored(db, regge):
    report = load(db, regge, "upper_dates_bad_rows")
    assert report.status == "applied", report
    assert issues(report, "errors") == [
        (3, "Negatieve wachttijd '-2' is niet mogelijk; vul 0 of meer weken in."),
        (4, "'drie' is geen aantal weken; gebruik een getal zoals 6 of 7,5."),
        (5, "Onbekende diagnosegroep 'Hoofdpijn'. Gebruik een hoofddiagnosegroep uit de landelijke lijst."),
        (6, "Datum '31-02-2026' bestaat niet; controleer dag en maand."),
    ]
    assert [r[:5] + r[7:8] for r in stored(db, regge.slug)] == [
        SEPTEMBER[:5] + SEPTEMBER[7:8],
        (HENGELO, ANXIETY, "angst", DEC, D(3), D(5)),  # "01-12-26"
    ]


def test_formula_names_rejected_and_duplicate_header_said(db, regge):
    report = load(db, regge, "csv_formula_and_duplicates")
    assert report.status == "applied", report
    assert issues(report, "errors") == [
        (  # line 4: the header's line break inside quotes takes two physical lines
            4,
            '\'=HYPERLINK("http://voorbeeld.invalid","klik")\' is een spreadsheetformule, geen naam (begint met '
            "'='); vul de naam als tekst in. Deze regel is niet verwerkt.",
        ),
        (
            5,
            "'@SUM(A1:A2)' is een spreadsheetformule, geen naam (begint met '@'); vul de naam als tekst in. Deze "
            "regel is niet verwerkt.",
        ),
    ]
    assert (
        1,
        "Kolom 'Aanmeldwachttijd' komt twee keer voor; alleen de eerste (kolom 3) is gebruikt. Geef de kolommen "
        "verschillende namen als beide iets betekenen.",
    ) in issues(report)
    assert [p.proposal for p in report.unmapped_columns] == [None]  # never "map it as the total"
    assert [r[:5] + r[7:8] for r in stored(db, regge.slug) if r[3] == NOV] == [
        (HENGELO, ANXIETY, "angst", NOV, D(4), D(6))  # the first Aanmeldwachttijd column, the header's line break
    ]
    assert held(db) == [] and places(db) == [(HENGELO,), (OLDENZAAL,)]


@pytest.mark.parametrize(
    ("cell", "word"),
    [
        ("Totaal", "Totaal"),
        ("EINDTOTAAL", "EINDTOTAAL"),
        ("Subtotaal Hengelo", "Subtotaal Hengelo"),
        ("Gem.", "Gem."),
        ("Gemiddeld over alle vestigingen", "Gemiddeld over alle vestigingen"),
        ("Alle vestigingen", "Alle vestigingen"),
        ("Reggestroom Hengelo", None),
        ("Somberheid Oost", None),
        ("Totaalzorg Twente", None),
    ],
)
def test_summary_rows_are_told_from_locations(cell, word):
    from waitinfo.imports.wait_checks import summary_row

    assert summary_row({"location_name": cell}) == word
    assert summary_row({"location_name": "Hengelo", "diagnosis_group": cell}) is None  # "Totaal" group: the service


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bipolaire-stemmingsstoornissen en verwante stoornissen", "bipolair"),
        ("Somatische-symptoomstoornis en verwante stoornissen", "somatisch"),
        ("Middelgerelateerde en verslavingsstoornissen", "verslaving"),
        ("Aan alcohol gebonden stoornissen", "verslaving"),
        ("Overige aan een middel gebonden stoornissen", "verslaving"),
        ("Andere psychotische stoornissen", "psychose"),
        ("Pervasieve stoornissen", "autisme"),
        ("Overige kindertijdstoornissen", "ontwikkeling"),
        ("Delirium, dementie en andere cognitieve stoornissen", "neurocognitief"),
        ("Andere aandoeningen en problemen die een reden voor zorg kunnen zijn", "overig"),
        ("Eliminatiestoornissen", "overig"),
        ("Trauma- en stressorgerelateerde stoornis", "trauma"),
        ("Obsessieve compulsieve stoornis", "ocd"),
        ("Aandachtstekortstoornis met hyperactiviteit (ADHD)", "adhd"),
        ("5. Angststoornissen", "angst"),
        ("05 - Depressie", "depressie"),
        ("Angst- en dwangstoornissen", None),  # two groups: asked, not guessed
    ],
)
def test_diagnosis_group_spellings(name, code):
    from waitinfo.imports.diagnosis_names import diagnosis_code

    assert diagnosis_code(name) == code


def test_postcode_alone_never_overrides_another_locations_name(db, regge):
    raw = (
        b"Vestiging;Postcode;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Maand\r\n"
        b"Reggestroom Hengelo;7571 EA;Angst;4;6;nov-26\r\n"  # Hengelo's name with Oldenzaal's postcode: held
        b";7571EA;Angst;3;5;nov-26\r\n"  # postcode only: the one location there
    )
    report = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="pc.csv")
    assert report.status == "applied", report
    assert [r[:5] for r in stored(db, regge.slug) if r[3] == NOV] == [(OLDENZAAL, ANXIETY, "angst", NOV, D(3))]
    assert held(db) == [(2, "location", "Reggestroom Hengelo · Angststoornissen")]
