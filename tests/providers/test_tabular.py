"""Workbooks as providers make them: extra sheets, hidden columns, a title row, numbers as Excel serials."""

import io

import openpyxl

from tests.fixtures import GROUP_OFFERS, HSDS_FEED, OFFER, SUPPORT_POINTS, WAITS, fixture
from waitinfo.providers import offer, tabular
from waitinfo.providers.registry import detect_kind


def workbook() -> bytes:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Toelichting"
    notes.append(["Vul het tabblad Aanbod in."])
    ws = wb.create_sheet("Aanbod")
    ws.append(["Ons aanbod (fictief)"])
    ws.append(["Naam aanbod", "Interne code", "Leeftijd", "Gemeenten", "Bijgewerkt op"])
    ws.append(["Groep A", "X-1", "18+", "Almelo", 46309])
    ws.append([None, None, None, None, None])
    ws.append(["Groep B", "X-2", "vanaf 21", "heel Twente", "14-10-2026"])
    ws.column_dimensions["B"].hidden = True
    hidden = wb.create_sheet("Oud")
    hidden.append(["Naam aanbod", "Leeftijd"])
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_best_sheet_title_row_hidden_column_and_empty_row():
    parsed = offer.parse(workbook())
    assert parsed.columns == {
        "name": "Naam aanbod",
        "age": "Leeftijd",
        "area": "Gemeenten",
        "assured_date": "Bijgewerkt op",
    }
    assert [(r.line, r.values) for r in parsed.rows] == [
        (3, {"name": "Groep A", "age": "18+", "area": "Almelo", "assured_date": 46309}),
        (5, {"name": "Groep B", "age": "vanaf 21", "area": "heel Twente", "assured_date": "14-10-2026"}),
    ]


def test_kind_detection_of_every_sample():
    assert detect_kind(fixture(WAITS)) == "wait-times"
    assert detect_kind(fixture(OFFER)) == "offer"
    assert detect_kind(fixture(SUPPORT_POINTS)) == "support-points"
    assert detect_kind(fixture(GROUP_OFFERS)) == "group-offers"
    assert detect_kind(fixture(HSDS_FEED)) == "hsds"


def test_header_keys_are_flexible():
    assert tabular.header_key(" Aanmeldwachttijd (weken) ") == "aanmeldwachttijd"
    assert tabular.header_key("Wachttijd-behandeling") == "wachttijdbehandeling"
    assert tabular.decode("Hé".encode("cp1252")) == "Hé"
    assert tabular.decode(b"\xef\xbb\xbfHe") == "He"
