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

from waitinfo.imports.wait_checks import SUMMARY_FIELDS, summary_row
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
    key, location, grouping, sums = (
        [f for f in names if f in present] for names in (KEY, LOCATION, GROUPING, SUMMARY_FIELDS)
    )
    figures = [f for f in figures if f in present]
    if not key or not parsed.rows:
        return
    if all(any(not _blank(r.values.get(f)) for f in key) for r in parsed.rows):
        return  # every row names its location (most files): nothing to do
    position = {line: i for i, (line, _) in enumerate(rows)}
    summary = _Summary()
    blocks: list[_Block] = []
    block: _Block | None = None
    last = None
    for row in parsed.rows:
        values, at = row.values, position.get(row.line)
        if block is not None and (at is None or last is None or at - last > 1):
            block = None  # an empty (or skipped) row in between
        last = at
        if any(summary(values.get(f)) for f in sums):
            block = None
            continue
        own = [f for f in key if not _blank(values.get(f))]
        if own:
            if any(values[f].__class__ is Unevaluated for f in own):
                block = None  # its own error; nothing to take over
                continue
            block = _Block(row.line, {f: values.get(f) for f in location}, {})
            blocks.append(block)
            _take_grouping(block, values, grouping)
            continue
        if block is None:
            continue
        if all(_blank(values.get(f)) for f in figures):
            if all(_blank(values.get(f)) for f in grouping):
                block = None  # a title or note row
            else:
                _take_grouping(block, values, grouping)  # a sub-heading of the block, itself not filled
            continue
        group = values.get("diagnosis_group")
        if at is not None and any(c != group and summary(c) for c in rows[at][1]):
            block = None  # "Totaal" in a column that is not read
            continue
        for f, v in block.location.items():
            if _blank(values.get(f)) and not _blank(v):
                values[f] = v
        for f, v in block.grouping.items():
            if _blank(values.get(f)):
                values[f] = v
                block.filled.add(f)
        _take_grouping(block, values, grouping)
        if not block.lines or block.lines[-1] != row.line:
            block.lines.append(row.line)
    for b in blocks:
        if b.lines:
            parsed.notes.append((b.lines[0], _column(parsed), _note(b)))


def _take_grouping(block: _Block, values: dict, grouping: list[str]) -> None:
    for f in grouping:
        v = values.get(f)
        if not _blank(v) and v.__class__ is not Unevaluated:
            block.grouping[f] = v


class _Summary(dict):
    """Whether a cell is a totals word ('Totaal', 'Gemiddeld', ...), remembered per text (cells repeat)."""

    def __call__(self, value) -> bool:
        if value.__class__ is not str and value.__class__ is not Unevaluated:
            return False
        known = self.get(value)
        if known is None:
            known = self[value] = summary_row({"location_name": value}) is not None
        return known


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
