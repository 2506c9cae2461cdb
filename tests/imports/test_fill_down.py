"""Labels written once per block (issue 16): merged location/service cells in XLSX and an EPD export with the
location only on the first row of each block. Per row: what is stored, which rows are not filled (after an empty
row, a totals row, a formula without value), that a row with its own location keeps it, nothing stored erased."""

import io

from tests.imports.test_acceptance_files import (  # noqa: F401 - `regge` is a fixture
    ANXIETY,
    HENGELO,
    MOOD,
    OLDENZAAL,
    SEPTEMBER,
    D,
    held,
    issues,
    places,
    regge,
    stored,
)
from waitinfo.imports.service import run_import
from waitinfo.providers import fill_down as fd
from waitinfo.providers.base import ParsedFile, RawRow

MISSING = "Vestiging ontbreekt: vul de naam, de AGB-code of de postcode van de vestiging in."
FORMULA = "Formule zonder berekende waarde ('{}'): open het bestand in Excel en sla het op, of plak als waarden."
MERGED = " (lege cellen onder elkaar of samengevoegde cellen)."


def merged_workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Wachttijden GGZ Reggestroom (fictief), november 2026"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["Vestiging", "Aanbod", "Diagnosegroep", "Aanmeldwachttijd", "Behandelwachttijd", "Peildatum"])
    ws.append([HENGELO, ANXIETY, "Angststoornissen", 4, 8, "01-11-2026"])  # 4
    ws.append([None, None, "PTSS", 3, 7, "01-11-2026"])  # 5
    ws.append([None, MOOD, "Depressie", 6, 10, "01-11-2026"])  # 6
    ws.append([None, None, "Bipolaire stemmingsstoornissen", 5, 9, "01-11-2026"])  # 7
    ws.merge_cells("A4:A7")
    ws.merge_cells("B4:B5")
    ws.merge_cells("B6:B7")
    ws.append(["Totaal", None, None, 5, 9, None])  # 8: skipped, ends the block
    ws.append([None, ANXIETY, "Angststoornissen", 1, 1, "01-11-2026"])  # 9: after the totals row: not filled
    ws.append([])  # 10
    ws.append([None, ANXIETY, "Angststoornissen", 3, 3, "01-11-2026"])  # 11: after an empty row: not filled
    ws.append([OLDENZAAL, ANXIETY, "Angst", 2, 6, "01-11-2026"])  # 12: own location
    ws.append([None, None, "PTSS", 3, 7, "01-11-2026"])  # 13
    ws.merge_cells("A12:A13")
    ws.merge_cells("B12:B13")
    ws.append(["=A4", ANXIETY, "ADHD", 2, 4, "01-11-2026"])  # 14: formula without a calculated value
    ws.append([None, ANXIETY, "Angststoornissen", 9, 9, "01-11-2026"])  # 15: not filled from a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


EPD_EXPORT = (
    "Vestiging;Aanbod;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Maand\r\n"
    f"{HENGELO};{ANXIETY};Angststoornissen;4;8;nov-26\r\n"  # 2
    ";;PTSS;3;7;nov-26\r\n"  # 3
    f";{MOOD};Depressie;6;10;nov-26\r\n"  # 4
    f"{OLDENZAAL};{ANXIETY};Angst;2;6;nov-26\r\n"  # 5: own location, right below a block
    ";;PTSS;3;7;nov-26\r\n"  # 6
    ";;;;;\r\n"  # 7: empty
    ";;Angst;1;1;nov-26\r\n"  # 8: after an empty row: not filled
    ";;Depressie;;;nov-26\r\n"  # 9: no figures: not filled
).encode()

NOV = SEPTEMBER[3].replace(month=11)


def load(db, org, raw: bytes, source: str):
    before = stored(db, org.slug)
    dry = run_import(db, organization_name_or_id=org.slug, raw=raw, source=source, dry_run=True)
    assert stored(db, org.slug) == before and held(db) == []
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source=source)
    assert issues(report, "errors") == issues(dry, "errors")
    return report


def test_merged_location_and_service_cells_are_filled_within_their_block(db, regge):  # noqa: F811
    report = load(db, regge, merged_workbook(), "samengevoegd.xlsx")
    assert report.status == "applied", report
    assert [r[:5] + r[7:8] for r in stored(db, regge.slug)] == [
        (HENGELO, ANXIETY, "angst", SEPTEMBER[3], D(5), D(9)),  # stored before: kept
        (HENGELO, ANXIETY, "angst", NOV, D(4), D(8)),
        (HENGELO, ANXIETY, "trauma", NOV, D(3), D(7)),  # row 5: location and service from row 4
        (HENGELO, MOOD, "bipolair", NOV, D(5), D(9)),  # row 7: location from row 4, service from row 6
        (HENGELO, MOOD, "depressie", NOV, D(6), D(10)),  # row 6: own service, location from row 4
        (OLDENZAAL, ANXIETY, "angst", NOV, D(2), D(6)),  # row 12: its own location
        (OLDENZAAL, ANXIETY, "trauma", NOV, D(3), D(7)),  # row 13: Oldenzaal, not Hengelo
    ]
    errors = issues(report, "errors")
    assert errors == [
        (9, MISSING),
        (11, MISSING),
        (14, FORMULA.format("=A4") + " Deze regel is niet verwerkt."),
        (15, MISSING),
    ]
    warnings = issues(report)
    assert (5, "Regels 5-7: vestiging overgenomen van regel 4, aanbod van de regel erboven" + MERGED) in warnings
    assert (13, "Regel 13: vestiging overgenomen van regel 12, aanbod van de regel erboven" + MERGED) in warnings
    assert sum("overgenomen" in m for _, m in warnings) == 2  # once per block
    assert held(db) == [] and places(db) == [(HENGELO,), (OLDENZAAL,)]


def test_epd_export_with_the_location_on_the_first_row_of_each_block(db, regge):  # noqa: F811
    report = load(db, regge, EPD_EXPORT, "epd.csv")
    assert report.status == "applied", report
    assert [r[:5] + r[7:8] for r in stored(db, regge.slug) if r[3] == NOV] == [
        (HENGELO, ANXIETY, "angst", NOV, D(4), D(8)),
        (HENGELO, ANXIETY, "trauma", NOV, D(3), D(7)),  # line 3
        (HENGELO, MOOD, "depressie", NOV, D(6), D(10)),  # line 4: own service kept
        (OLDENZAAL, ANXIETY, "angst", NOV, D(2), D(6)),  # line 5: untouched
        (OLDENZAAL, ANXIETY, "trauma", NOV, D(3), D(7)),  # line 6
    ]
    assert stored(db, regge.slug)[0] == SEPTEMBER
    assert issues(report, "errors") == [(8, MISSING)]
    warnings = issues(report)
    assert (3, "Regels 3-4: vestiging overgenomen van regel 2, aanbod van de regel erboven" + MERGED) in warnings
    assert (6, "Regel 6: vestiging overgenomen van regel 5, aanbod van de regel erboven" + MERGED) in warnings
    assert (9, "Regel zonder cijfers: overgeslagen, er is niets gewijzigd.") in warnings


def _parsed(*rows: dict) -> tuple[ParsedFile, list]:
    parsed = ParsedFile("wait-times", [RawRow(i + 2, dict(v)) for i, v in enumerate(rows)])
    parsed.columns = {"location_name": "Vestiging", "diagnosis_group": "Diagnosegroep", "registration_weeks": "W"}
    raw = [(1, ["Vestiging", "Regio", "Diagnosegroep", "W"])] + [
        (i + 2, [v.get("location_name"), v.get("region"), v.get("diagnosis_group"), v.get("registration_weeks")])
        for i, v in enumerate(rows)
    ]
    return parsed, raw


def test_fill_down_never_crosses_a_title_row_or_a_totals_word_in_another_column():
    parsed, raw = _parsed(
        {"location_name": "A", "diagnosis_group": "Angst", "registration_weeks": "3"},
        {"location_name": None, "diagnosis_group": "Totaal", "registration_weeks": "4"},  # "Totaal" group: filled
        {"location_name": None, "region": "Totaal", "diagnosis_group": None, "registration_weeks": "5"},
        {"location_name": "B", "diagnosis_group": "Angst", "registration_weeks": "3"},
        {"location_name": None, "diagnosis_group": None, "registration_weeks": None},  # a title in another column
        {"location_name": None, "diagnosis_group": "PTSS", "registration_weeks": "6"},
    )
    fd.fill_down(parsed, raw, ("registration_weeks",))
    assert [(r.line, r.values["location_name"], r.values["diagnosis_group"]) for r in parsed.rows] == [
        (2, "A", "Angst"),
        (3, "A", "Totaal"),
        (4, None, None),
        (5, "B", "Angst"),
        (6, None, None),
        (7, None, "PTSS"),
    ]
