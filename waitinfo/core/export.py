"""CSV and XLSX exports that are safe to open in a spreadsheet (no formula injection)."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise cells a spreadsheet would run as a formula: prefix with a quote. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, date, datetime)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence], delimiter: str = ";") -> bytes:
    """UTF-8 with BOM and `;` separator, so Dutch Excel opens it correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(safe_cell(v)) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_value(v):
    if isinstance(v, Decimal) or isinstance(v, float):
        return str(v).replace(".", ",")
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def xlsx_bytes(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence]]]) -> bytes:
    """An XLSX workbook with one sheet per entry {title: (header, rows)}; text cells never become formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title=title[:31])
        ws.append([str(h) for h in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            values = [safe_cell(v) for v in row]
            ws.append([float(v) if isinstance(v, Decimal) else v for v in values])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, even when it looks like one
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
