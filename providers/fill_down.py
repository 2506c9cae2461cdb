"""Labels written once per block (EPD exports, practice spreadsheets): the location, and under it the service,
echelon, zorgvraagtypering or diagnosis group, only on the first row of a block with the cells below left empty,
or merged (openpyxl reads only the top-left cell of a merged range; the workbook is streamed read-only, which
does not see merged ranges, so a column's merged cells are exactly such empty cells).

A row with figures whose location cells (name, AGB-code vestiging, postcode, house number, address) are all empty
takes the location of the row above it in the same block, and its empty service/group cells the values of the
rows above it in that block. A block is contiguous: an empty row, a totals row, a title row (no figures and no
label) or a formula without value ends it. A row with its own location is never changed and starts a new block;
a row without figures is never filled. Each block is reported once."""

from __future__ import annotations

from dataclasses import dataclass, field

from waitinfo.imports.wait_checks import summary_row
from waitinfo.providers.base import ParsedFile
from waitinfo.providers.xlsx_formulas import Unevaluated

KEY = ("location_name", "location_agb", "postal_code", "house_number", "address")
LOCATION = (*KEY, "city", "organization_agb")
GROUPING = ("service_name", "care_type", "care_demand_type", "diagnosis_group")
GROUPING_NL = {
    "service_name": "aanbod",
    "care_type": "echelon",
    "care_demand_type": "zorgvraagtypering",
    "diagnosis_group": "diagnosegroep",
}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip() and value.__class__ is not Unevaluated)


@dataclass
class _Block:
    head: int  # the line that names the location
    location: dict
    grouping: dict
    lines: list[int] = field(default_factory=list)  # lines filled
    filled: set[str] = field(default_factory=set)  # grouping fields filled somewhere in the block


def fill_down(parsed: ParsedFile, rows: list[tuple[int, list]], figures: tuple[str, ...]) -> None:
    """Fill the empty location (and grouping) cells of `parsed.rows` in place; one note per block filled."""
    present = set(parsed.columns)
    if not present & set(KEY) or not parsed.rows:
        return
    position = {line: i for i, (line, _) in enumerate(rows)}
    blocks: list[_Block] = []
    block: _Block | None = None
    last = None
    for row in parsed.rows:
        values, at = row.values, position.get(row.line)
        if block is not None and (at is None or last is None or at - last > 1):
            block = None  # an empty (or skipped) row in between
        last = at
        if summary_row(values) is not None:
            block = None
            continue
        own = [f for f in KEY if not _blank(values.get(f))]
        if own:
            if any(values[f].__class__ is Unevaluated for f in own):
                block = None  # its own error; nothing to take over
                continue
            block = _Block(row.line, {f: values.get(f) for f in LOCATION}, {})
            blocks.append(block)
            _take_grouping(block, values)
            continue
        if block is None:
            continue
        if all(_blank(values.get(f)) for f in figures):
            if all(_blank(values.get(f)) for f in GROUPING):
                block = None  # a title or note row
            else:
                _take_grouping(block, values)  # a sub-heading of the block, itself not filled
            continue
        if at is not None and _summary_cell(rows[at][1], values.get("diagnosis_group")):
            block = None  # "Totaal" in a column that is not read
            continue
        for f, v in block.location.items():
            if _blank(values.get(f)) and not _blank(v):
                values[f] = v
        for f, v in block.grouping.items():
            if f in present and _blank(values.get(f)):
                values[f] = v
                block.filled.add(f)
        _take_grouping(block, values)
        if not block.lines or block.lines[-1] != row.line:
            block.lines.append(row.line)
    for b in blocks:
        if b.lines:
            parsed.notes.append((b.lines[0], _column(parsed), _note(b)))


def _take_grouping(block: _Block, values: dict) -> None:
    for f in GROUPING:
        v = values.get(f)
        if not _blank(v) and v.__class__ is not Unevaluated:
            block.grouping[f] = v


def _summary_cell(cells: list, group) -> bool:
    """A totals word in any cell but the diagnosis group ("Totaal" there is the figure of the whole service)."""
    return any(isinstance(c, str) and c != group and summary_row({"location_name": c}) for c in cells)


def _column(parsed: ParsedFile) -> str | None:
    return next((parsed.columns[f] for f in KEY if f in parsed.columns), None)


def _note(b: _Block) -> str:
    first, end = b.lines[0], b.lines[-1]
    where = f"Regel {first}" if first == end else f"Regels {first}-{end}"
    also = [GROUPING_NL[f] for f in GROUPING if f in b.filled]
    return (
        f"{where}: vestiging overgenomen van regel {b.head}"
        + (f", {' en '.join(also)} van de regel erboven" if also else "")
        + " (lege cellen onder elkaar of samengevoegde cellen)."
    )
