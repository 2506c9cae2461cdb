"""Issue 15, finding 2: no file can take the site down. A small XLSX that unpacks to millions of cells (or
shared strings) is refused quickly with bounded memory and a Dutch message; a 5 MB CSV of bad rows stores at
most MAX_STORED_ISSUES error rows and counts the rest; rows, cells and cell sizes are limited while reading."""

import io
import resource
import time
import zipfile

import openpyxl.xml
import psutil
import pytest
from sqlmodel import func, select

from tests import factories
from waitinfo.imports.models import ImportRowError
from waitinfo.imports.service import MAX_STORED_ISSUES, run_import
from waitinfo.providers import limits, tabular
from waitinfo.providers.base import ReadError

HEADER = "Vestiging;Postcode;Plaats;Aanmeldwachttijd;Behandelwachttijd;Peildatum"
CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WB = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WB_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(sheet_rows, strings=("Vestiging",), dimension="A1:F1") -> bytes:
    """A minimal XLSX written by hand, so a test can build what Excel never would (streamed into the zip)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("xl/workbook.xml", WB)
        zf.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with zf.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(f'<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">'.encode())
            for s in strings:
                fh.write(f"<si><t>{s}</t></si>".encode())
            fh.write(b"</sst>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(f'<worksheet {NS}><dimension ref="{dimension}"/><sheetData>'.encode())
            for chunk in sheet_rows:
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def million_cells():
    cells = b"".join(b'<c t="s"><v>0</v></c>' for _ in range(100))
    for r in range(1, 40_001):  # 4 million cells
        yield b'<row r="%d">' % r + cells + b"</row>"


def _rss_peak_growth(fn):
    before = psutil.Process().memory_info().rss
    start = time.monotonic()
    try:
        fn()
    finally:
        elapsed = time.monotonic() - start
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before, elapsed


@pytest.fixture
def org(db):
    return factories.organization(db, "Bommen Test (fictief)", kind="specialist_ggz")


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_xlsx_bomb_of_millions_of_cells_is_refused_quickly(db, org):
    raw = workbook(million_cells(), dimension="A1:XFD1048576")
    assert len(raw) < 400_000  # a few hundred KB on the wire
    reports = []
    growth, elapsed = _rss_peak_growth(
        lambda: reports.append(run_import(db, organization_name_or_id=org.id, raw=raw, source="bom.xlsx"))
    )
    (report,) = reports
    assert report.status == "rejected"
    assert "zipbom" in report.message or "te groot" in report.message or "te veel" in report.message
    assert elapsed < 10 and growth < 200 * 1024 * 1024


def test_xlsx_of_too_many_cells_is_refused_while_streaming(monkeypatch):
    monkeypatch.setattr(limits, "MAX_MEMBER_RATIO", 10**9)  # past the zip checks: the streaming limit holds
    monkeypatch.setattr(limits, "MAX_UNPACKED", 10**12)
    monkeypatch.setattr(limits, "MAX_CELLS", 200_000)
    raw = workbook(million_cells())
    with pytest.raises(ReadError, match="cellen|regels|kolommen"):
        tabular.read_xlsx(raw, {"location_name": ("Vestiging",)})


def test_xlsx_with_too_many_shared_strings_is_refused():
    raw = workbook([], strings=[f"s{i}" for i in range(limits.MAX_SHARED_STRINGS + 5)])
    with pytest.raises(ReadError, match="verschillende teksten"):
        tabular.read_xlsx(raw, {"location_name": ("Vestiging",)})


def test_csv_limits_rows_and_cell_size(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    rows = "\n".join(f"A{i};7607 GH;Almelo;4;8;01-10-2026" for i in range(100))
    with pytest.raises(ReadError, match="meer dan 50 regels"):
        tabular.read_csv(f"{HEADER}\n{rows}\n".encode())
    with pytest.raises(ReadError, match="langer dan 10.000 tekens"):
        tabular.read_csv(f"{HEADER}\nA;{'x' * 20_000};Almelo;4;8;01-10-2026\n".encode())


def test_5mb_csv_of_bad_rows_stores_at_most_n_errors(db, org):
    bad = "Vestiging A;7607 GH;Almelo;veel;heel veel;gisteren\n"
    raw = (HEADER + "\n" + bad * (5_000_000 // len(bad))).encode()
    assert len(raw) > 4_900_000
    report = run_import(db, organization_name_or_id=org.id, raw=raw, source="fout.csv")
    assert report.status == "rejected" and report.rows_rejected > 90_000
    assert len(report.errors) == MAX_STORED_ISSUES and report.issues_omitted > 100_000
    assert "nog" in report.message and "meldingen" in report.message
    stored = db.exec(
        select(func.count()).select_from(ImportRowError).where(ImportRowError.import_run_id == report.import_run_id)
    ).one()
    assert stored <= 2 * MAX_STORED_ISSUES


def test_json_deliveries_are_limited_too(db, org, monkeypatch):
    deep = b"[" * 100_000 + b"]" * 100_000
    report = run_import(db, organization_name_or_id=org.id, raw=deep, source="diep.json", kind="hsds")
    assert report.status == "rejected" and "te diep genest" in report.message
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    many = b"[" + b",".join(b'{"name": "Dienst %d"}' % i for i in range(5)) + b"]"
    report = run_import(db, organization_name_or_id=org.id, raw=many, source="veel.json", kind="hsds")
    assert report.status == "rejected" and "meer dan 3 regels" in report.message
