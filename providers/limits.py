"""Limits on what a delivered table may hold, checked while reading (issue 15: a 370 KB workbook took 13 GB).

An XLSX is a zip of XML: its members' unpacked sizes and compression ratios are checked before openpyxl opens
it (read-only, streaming; defusedxml is installed so openpyxl parses with it), the shared strings are counted
by streaming, and rows, cells and cell sizes are counted while rows stream. CSV: bytes, rows and cell sizes.
Every refusal is a ReadError with a Dutch message saying what to do.
"""

from __future__ import annotations

import zipfile

from waitinfo.providers.base import ReadError


class LimitError(ReadError):
    """The delivery exceeds a limit: refused whatever its kind (kind detection does not swallow it)."""


MAX_ROWS = 100_000  # data rows of one delivery (a national monthly wait-time file has ~45,000)
MAX_CELLS = 3_000_000  # cells read from one sheet
MAX_COLUMNS = 200  # cells of one row
MAX_CELL_CHARS = 10_000  # characters in one cell
MAX_UNPACKED = 80_000_000  # bytes of all XML in a workbook, unpacked
MAX_MEMBER_RATIO = 150  # unpacked / packed bytes of one zip member above MIN_RATIO_CHECK
MIN_RATIO_CHECK = 2_000_000
MAX_SHARED_STRINGS = 300_000
MAX_CSV_BYTES = 50_000_000


def nl(n: int) -> str:
    """100000 -> '100.000' (Dutch thousands)."""
    return f"{n:_}".replace("_", ".")


SPLIT = "Lever de gegevens aan in kleinere bestanden (bijvoorbeeld per maand of per vestiging), of als CSV."


def too_many_rows(count: int) -> ReadError:
    return LimitError(
        f"Het bestand heeft meer dan {nl(MAX_ROWS)} regels; dat is te veel om in één keer in te lezen. " + SPLIT
    )


def cell_too_long(line: int) -> ReadError:
    return LimitError(
        f"Een cel in regel {line} is langer dan {nl(MAX_CELL_CHARS)} tekens; dat hoort niet in dit bestand. "
        "Controleer die regel (is er een hele tekst in één cel geplakt?) en probeer het opnieuw."
    )


def check_row(line: int, cells, cells_seen: int) -> int:
    """Raise for a row that is too wide or holds a too long cell; returns the running cell count."""
    if len(cells) > MAX_COLUMNS:
        raise LimitError(
            f"Regel {line} heeft {len(cells)} kolommen; meer dan {MAX_COLUMNS} kan waitinfo niet lezen. "
            "Verwijder lege of overbodige kolommen en probeer het opnieuw."
        )
    for c in cells:
        if c.__class__ is str and len(c) > MAX_CELL_CHARS:
            raise cell_too_long(line)
    cells_seen += len(cells)
    if cells_seen > MAX_CELLS:
        raise LimitError(f"Het bestand heeft meer dan {nl(MAX_CELLS)} cellen; dat is te veel om in te lezen. " + SPLIT)
    return cells_seen


def check_workbook(zf: zipfile.ZipFile) -> None:
    """Before openpyxl reads anything: the unpacked size, each member's compression ratio, shared strings."""
    members = zf.infolist()
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_UNPACKED:
        raise LimitError(
            f"Het Excel-bestand is uitgepakt {inflated // 1_000_000} MB groot; dat is te groot om in te lezen. " + SPLIT
        )
    for m in members:
        if m.file_size > MIN_RATIO_CHECK and m.file_size > MAX_MEMBER_RATIO * max(m.compress_size, 1):
            raise LimitError(
                "Het Excel-bestand is verdacht sterk ingepakt (een 'zipbom') en wordt niet gelezen. "
                "Sla het opnieuw op in Excel als .xlsx, of lever de gegevens aan als CSV."
            )
    if "xl/sharedStrings.xml" in zf.namelist():
        tags, tail = 0, b""
        with zf.open("xl/sharedStrings.xml") as fh:
            while chunk := fh.read(1 << 20):
                data = tail + chunk
                tags += data.count(b"si>")  # <si> and </si> (any prefix): two per string; 2 bytes can't re-match
                tail = data[-2:]
                count = tags // 2
                if count > MAX_SHARED_STRINGS:
                    raise LimitError(
                        f"Het Excel-bestand bevat meer dan {nl(MAX_SHARED_STRINGS)} verschillende teksten; dat is te "
                        "veel om in te lezen. " + SPLIT
                    )
