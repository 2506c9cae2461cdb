"""Workbooks with several sheets: which sheets hold data (one sheet per location or per month), and which explain
(`Toelichting`, `Definities`, ...) and are left out. A sheet holds data when its header names at least two fields
(or period/group columns); explanation sheets are recognised by their name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from waitinfo.providers import limits
from waitinfo.providers.tabular import HEADER_SEARCH_ROWS, RowScore
from waitinfo.providers.workbook import open_workbook, sheet_rows
from waitinfo.providers.xlsx_formulas import unevaluated_cells

EXPLAINING = (
    "toelichting",
    "definitie",
    "uitleg",
    "instructie",
    "legenda",
    "bron",
    "info",
    "leesmij",
    "readme",
    "voorblad",
    "disclaimer",
    "opmerking",
    "keuzelijst",
    "lijsten",
    "sjabloon uitleg",
)
MIN_SCORE = 2


@dataclass
class Sheet:
    name: str
    position: int  # 1-based among the workbook's sheets
    score: int
    rows: list[tuple[int, list]] = field(default_factory=list)


def explains(name: str) -> bool:
    low = re.sub(r"[^a-z ]", "", name.lower()).strip()
    return any(low.startswith(w) for w in EXPLAINING)


def read_sheets(raw: bytes, fits: RowScore) -> tuple[list[Sheet], list[tuple[str, str]]]:
    """(the data sheets with their rows, the sheets left out with the reason in Dutch). A sheet that scores less
    than half of the best is left out too (a summary or pivot sheet beside the data)."""
    with open_workbook(raw) as (zf, wb):
        return _choose(zf, wb, fits)


def _choose(zf, wb, fits: RowScore) -> tuple[list[Sheet], list[tuple[str, str]]]:
    found: list[tuple[Sheet, object]] = []
    left_out: list[tuple[str, str]] = []
    for position, ws in enumerate(wb.worksheets, start=1):
        if ws.sheet_state != "visible" or not hasattr(ws, "_worksheet_path"):
            continue
        if explains(ws.title):
            left_out.append((ws.title, "toelichting, geen cijfers"))
            continue
        head = sheet_rows(zf, ws, HEADER_SEARCH_ROWS)
        found.append((Sheet(ws.title, position, max((fits(c) for _, c in head), default=0)), ws))
    best = max((s.score for s, _ in found), default=0)
    data = []
    for sheet, ws in found:
        if sheet.score < MIN_SCORE or sheet.score * 2 < best:
            left_out.append((sheet.name, "geen kopregel met wachttijdkolommen"))
            continue
        sheet.rows = sheet_rows(zf, ws, None, unevaluated_cells(zf, ws._worksheet_path))
        data.append(sheet)
        read = sum(len(s.rows) for s in data)
        if read > limits.MAX_ROWS + 10 * len(data):  # all sheets together, checked as they are read
            raise limits.too_many_rows(read)
    return data, left_out
