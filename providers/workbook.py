"""Opening an uploaded XLSX workbook safely and streaming a sheet's rows (hidden columns left out, formulas
without a calculated value kept as their text, sizes checked by providers.limits)."""

from __future__ import annotations

import io
import re
import zipfile
from contextlib import contextmanager

from waitinfo.providers import limits
from waitinfo.providers.base import ReadError

HIDDEN_COLS = re.compile(rb"<(?:\w+:)?col\b[^>]*>")


def _hidden_columns(zf: zipfile.ZipFile, path: str) -> set[int]:
    """0-based indexes of hidden columns, from the <cols> element that precedes the sheet data."""
    with zf.open(path.lstrip("/")) as fh:
        head = fh.read(200_000)
    head = head.split(b"sheetData", 1)[0]
    hidden: set[int] = set()
    for tag in HIDDEN_COLS.findall(head):
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', tag))
        if attrs.get(b"hidden") in (b"1", b"true"):
            lo, hi = int(attrs.get(b"min", b"1")), int(attrs.get(b"max", b"1"))
            hidden.update(range(lo - 1, min(hi, lo + limits.MAX_COLUMNS)))
    return hidden


def sheet_rows(zf, ws, peek: int | None, formulas: dict | None = None) -> list[tuple[int, list]]:
    """`formulas`: (row, column) -> formula of cells without a calculated value (`xlsx_formulas`), put in place
    of the empty value openpyxl reads for them."""
    hidden = _hidden_columns(zf, ws._worksheet_path)
    ws.reset_dimensions()  # never pad rows to a declared (possibly absurd) sheet size
    rows: list[tuple[int, list]] = []
    limit = peek if peek is not None else limits.MAX_ROWS + 10
    cells_seen = 0
    for idx, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if len(rows) >= limit:
            if peek is not None:
                break
            raise limits.too_many_rows(len(rows))
        cells_seen = limits.check_row(idx, row, cells_seen)
        if formulas:
            row = [formulas.get((idx, i), v) if v is None else v for i, v in enumerate(row)]
        rows.append((idx, [v for i, v in enumerate(row) if i not in hidden] if hidden else list(row)))
    while rows and all(v is None for v in rows[-1][1]):
        rows.pop()  # formatted but empty rows at the end
    return rows


@contextmanager
def open_workbook(raw: bytes):
    """(the zip, the read-only openpyxl workbook) of an XLSX that passed the size checks of providers.limits; a
    damaged file, also one whose damage surfaces while its sheets are streamed, is a Dutch ReadError."""
    import openpyxl

    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ReadError("Het Excel-bestand is beschadigd; sla het op als .xlsx en probeer het opnieuw.") from None
    with zf:
        limits.check_workbook(zf)
        try:
            wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - a damaged file fails in many ways (zlib.error, XML ParseError, ...)
            raise ReadError(
                f"Het Excel-bestand is niet te openen ({exc.__class__.__name__}); sla het op als .xlsx "
                f"en probeer het opnieuw."
            ) from None
        try:
            yield zf, wb
        except ReadError:
            raise
        except Exception as exc:  # noqa: BLE001 - damaged sheet XML surfaces while streaming
            raise ReadError(
                f"Het Excel-bestand is niet te lezen ({exc.__class__.__name__}); sla het op als .xlsx "
                f"en probeer het opnieuw."
            ) from None
        finally:
            wb.close()
