"""Wide wait files: one column per period (`Vestiging;Diagnosegroep;jan-26;feb-26;mrt-26`, `okt 2026`, `2026-10`,
`Q3 2026`, `week 40 2026`), per wait part and period (`Aanmeldwachttijd jan-26`, `Behandelwachttijd jan-26`), or
with a second header row (the month over `Aanmelding` / `Behandeling`). They are reshaped into long rows, one per
location x group x period, each with the line of the original file, before the ordinary validation.

Which wait a period column holds is read from, in this order: its own header, the second header row, a header cell
that names a wait (`Aanmeldwachttijd (weken)` above the row labels), the title rows above the header, and the
provider's confirmed mapping `Periodekolommen=<field>`. When none of them says it, the file is not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from waitinfo.imports.periods import Period, find_period
from waitinfo.imports.vocabulary import FIELD_LABELS, PART_FIELDS, PART_WORDS, UNIT_NL, WAIT_ALIASES, header_unit
from waitinfo.providers import limits
from waitinfo.providers.base import COLUMN_LABELS, ParsedFile, RawRow, ReadError
from waitinfo.providers.tabular import HEADER_SEARCH_ROWS, Aliases, header_key, match_headers, propose, unrecognised

PERIOD_COLUMNS = "Periodekolommen"  # the header a provider maps once to say what unnamed period columns hold
WHERE = ("location_agb", "location_name", "postal_code")
WAITS = ("registration_weeks", "treatment_weeks", "total_weeks")  # what a header cell or title may declare
_LONG = [(header_key(n), f) for f in PART_FIELDS for n in WAIT_ALIASES[f] if len(header_key(n)) >= 5]
_SHORT = _LONG + [(header_key(n), f) for f, names in PART_WORDS.items() for n in names]
_UNIT_IN_TEXT = re.compile(r"\b(?:in|per)\s+(dagen|weken|maanden)\b|\((dagen|weken|maanden|dgn|wk|mnd)\.?\)")
_NUMBER = re.compile(r"\s*(?:[<>]=?|meer dan)?\s*\d")
_UNIT_OF = {"dagen": "days", "dgn": "days", "weken": "weeks", "wk": "weeks", "maanden": "months", "mnd": "months"}


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


def part_of(text, short: bool = True) -> str | None:
    """The one wait part (field) a header, sub-header or title names; None when it names none or several
    (`Aanmeld- en behandelwachttijd`). Titles (`short=False`) count only full header names."""
    k = header_key(text).replace("aanmeldstop", "")
    spans = []
    for name, fieldname in _SHORT if short else _LONG:
        start = k.find(name)
        while start >= 0:
            spans.append((start, start + len(name), fieldname))
            start = k.find(name, start + 1)
    kept = {f for s, e, f in spans if not any(o[0] <= s and e <= o[1] and o[1] - o[0] > e - s for o in spans)}
    return kept.pop() if len(kept) == 1 else None


def unit_of(text) -> str | None:
    """days | weeks | months named in a header or title (`(dagen)`, `in weken`), else None."""
    unit = header_unit(text)
    if unit is None and (m := _UNIT_IN_TEXT.search(str(text or "").lower())):
        unit = _UNIT_OF[m[1] or m[2]]
    return unit


def period_columns(cells: list) -> dict[int, tuple[Period, str, str]]:
    """Column index -> (period, period as written, rest) for header cells that name a period and, besides it, at
    most a wait part and a unit (`Aanmeldwachttijd (dagen) okt-26`)."""
    found = {}
    for i, cell in enumerate(cells):
        if _blank(cell):
            continue
        hit = find_period(cell)
        if hit is not None and (not header_key(hit[2]) or part_of(hit[2]) or unit_of(hit[2])):
            found[i] = hit
    return found


def row_score(aliases: Aliases, confirmed: dict[str, str] | None = None):
    """How well a row fits as header: recognised headers plus period columns (sheet choice, kind detection)."""

    def fits(cells: list) -> int:
        periods = period_columns(cells)
        rest = [None if i in periods else c for i, c in enumerate(cells)]
        return len(match_headers(rest, aliases, confirmed)) + len(periods)

    return fits


@dataclass
class _Column:
    index: int
    period: Period
    raw: object  # the period as the long rows carry it (the month value)
    header: str  # the column as the provider named it (both header rows)
    written: str  # the period as written in it
    part: str | None = None
    unit: str | None = None
    how: str = "de kolomkop"


@dataclass
class _Group:
    raw: object
    day: object
    figures: list[tuple[int, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


def parse(rows: list[tuple[int, list]], aliases: Aliases, confirmed: dict | None, kind: str) -> ParsedFile | None:
    """The long rows of a wide file, or None when the file is not wide (read it as an ordinary table)."""
    head = rows[:HEADER_SEARCH_ROWS]
    best_long = max((len(match_headers(cells, aliases, confirmed)) for _, cells in head), default=0)
    fits = row_score(aliases, confirmed)
    pos, best = None, 0
    for p, (_, cells) in enumerate(head):
        if period_columns(cells) and fits(cells) > best:
            pos, best = p, fits(cells)
    if pos is None or best < best_long:
        return None
    return _Reader(rows, pos, aliases, confirmed or {}, kind).read()


class _Reader:
    def __init__(self, rows, pos: int, aliases: Aliases, confirmed: dict, kind: str):
        self.rows, self.pos, self.aliases, self.confirmed, self.kind = rows, pos, aliases, confirmed, kind
        self.cells = list(rows[pos][1])
        self.periods = period_columns(self.cells)
        self.first = min(self.periods)
        self.part_row, self.part_at = self._part_row()
        self.notes: list[tuple[int | None, str | None, str]] = []

    def _part_row(self) -> tuple[list, int | None]:
        """A header row right below or above the period row that names the wait part under or over each period."""
        for at in (self.pos + 1, self.pos - 1):
            if 0 <= at < len(self.rows):
                cells = list(self.rows[at][1])
                tail = [c for c in cells[self.first :] if not _blank(c)]
                if tail and all(find_period(c) is None and part_of(c) for c in tail):
                    return cells, at
        return [], None

    def _cell(self, cells: list, i: int):
        return cells[i] if i < len(cells) else None

    def read(self) -> ParsedFile | None:
        columns, ids = self._columns()
        mapping, declared = self._ids(ids)
        if mapping is None:
            return None
        self._resolve(columns, {i: (f, ids[i]) for i, f in declared.items()})
        units = self._units(columns)
        groups = self._groups(columns, mapping)
        parsed = ParsedFile(kind=self.kind, rows=[], notes=self.notes, units=units)
        parsed.columns = {f: ids[i] for i, f in mapping.items()}
        for col in columns:
            parsed.columns.setdefault(col.part, col.header)
        parsed.columns["month"] = "periode (kolomkop)"
        taken = set(mapping.values())
        for i, header in ids.items():
            if i not in mapping and i not in declared and header_key(header) not in self._ignored():
                parsed.unmapped.append((header, propose(header, self.aliases, taken)))
                parsed.notes.append((self.rows[self.pos][0], header, unrecognised(header, self.aliases, taken)))
        parsed.rows = self._long_rows(groups, mapping)
        return parsed

    def _ignored(self) -> set[str]:
        return {header_key(h) for h, f in self.confirmed.items() if f == "-"}

    def _columns(self) -> tuple[list[_Column], dict[int, str]]:
        """The period columns (a merged month cell spans the parts under it) and the other headers by column."""
        below = self.part_at == self.pos + 1
        width = max(len(self.cells), len(self.part_row))
        columns: list[_Column] = []
        ids: dict[int, str] = {}
        part_cell = None  # a part over several months (merged cell of a row above the months)
        for i in range(width):
            own, sub = self._cell(self.cells, i), self._cell(self.part_row, i)
            if below or not _blank(sub):
                part_cell = sub  # below: each column its own part; above: a merged part runs on to the right
            if i in self.periods:
                period, written, rest = self.periods[i]
                raw, header = (written, str(own).strip()) if isinstance(own, str) else (own, period.label)
                col = _Column(i, period, raw, header, written if isinstance(own, str) else period.label)
                col.part, col.unit = (part_of(rest), unit_of(rest)) if header_key(rest) else (None, None)
                col.unit = col.unit or unit_of(own)
            elif _blank(own) and below and not _blank(sub) and columns and i > self.first:
                last = columns[-1]  # a month cell merged over the parts below it
                col = _Column(i, last.period, last.raw, last.written, last.written)
            else:
                header = own if not _blank(own) else (sub if i < self.first else None)
                if not _blank(header):
                    ids[i] = str(header).strip()
                continue
            if self.part_at is not None and i >= self.first and not _blank(part_cell):
                if col.part is None:
                    col.part, col.how = part_of(part_cell), "de tweede kopregel"
                col.unit = col.unit or unit_of(part_cell)
                words = (col.header, str(part_cell).strip()) if below else (str(part_cell).strip(), col.header)
                col.header = " ".join(words)
            columns.append(col)
        return columns, ids

    def _ids(self, ids: dict[int, str]) -> tuple[dict[int, str] | None, dict[int, str]]:
        """Field per other column; cells that name a wait (`Aanmeldwachttijd (weken)`) declare what the period
        columns hold (and, when no column names the location, head the column of row labels)."""
        headers = [ids.get(i) for i in range(max(ids, default=-1) + 1)]
        mapping = match_headers(headers, self.aliases, self.confirmed)
        declared: dict[int, str] = {}
        for i, header in ids.items():
            fieldname = mapping.get(i)
            if fieldname in WAITS or (fieldname is None and part_of(header, short=False) in WAITS):
                if self._holds_figures(i):
                    return None, declared  # a wait column of its own beside period columns: read as a long file
                declared[i] = fieldname or part_of(header, short=False)
                mapping.pop(i, None)
            elif fieldname in ("month", "waiting_count"):
                mapping.pop(i)
                self.notes.append(
                    (
                        None,
                        header,
                        f"Kolom '{header}' staat naast kolommen per periode en is niet gebruikt; zet dit cijfer per "
                        "periode in een eigen kolom (bijvoorbeeld 'Wachtenden okt-26').",
                    )
                )
        if not set(mapping.values()) & set(WHERE):
            if not declared:
                return None, declared
            mapping[min(declared)] = "location_name"  # the row labels under "Aanmeldwachttijd (weken)"
        return mapping, declared

    def _holds_figures(self, i: int) -> bool:
        """Whether a column holds numbers in the first data rows (a figure column, not row labels)."""
        start = max(self.pos, self.part_at if self.part_at is not None else self.pos) + 1
        cells = (self._cell(c, i) for _, c in self.rows[start : start + 50])
        return any(isinstance(c, (int, float)) or _NUMBER.match(str(c or "")) for c in cells)

    def _resolve(self, columns: list[_Column], declared: dict[int, tuple[str, str]]) -> None:
        """The part (and unit) of every period column, or a ReadError that says how to name them."""
        title_rows = self.rows[: min(self.pos, self.part_at if self.part_at is not None else self.pos)]
        titles = [str(c).strip() for _, cells in title_rows for c in cells if isinstance(c, str) and c.strip()]
        # a title decides only when it names one wait also counting short words ("Aanmeld- en behandelwachttijd")
        by_title = {part_of(t, short=False): t for t in titles if part_of(t, short=False) == part_of(t) is not None}
        by_cell = {f: header for f, header in declared.values()}
        title_units = {unit_of(t) for t in titles} - {None}
        cell_units = {unit_of(h) for h in by_cell.values()} - {None}
        mapped = {header_key(h): f for h, f in self.confirmed.items()}.get(header_key(PERIOD_COLUMNS))
        for col in columns:
            if col.part is None and len(by_cell) == 1:
                ((col.part, header),) = by_cell.items()
                col.how = f"kolom '{header}'"
            elif col.part is None and len(by_title) == 1:
                ((col.part, title),) = by_title.items()
                col.how = f"de titel '{title}'"
            elif col.part is None and mapped in PART_FIELDS:
                col.part, col.how = mapped, f"de bevestigde koppeling {PERIOD_COLUMNS}={mapped}"
            if col.unit is None and len(cell_units | title_units) == 1:
                (col.unit,) = cell_units | title_units
        unknown = [c.header for c in columns if c.part is None]
        if unknown:
            shown = ", ".join(f"'{h}'" for h in unknown[:4]) + (" en meer" if len(unknown) > 4 else "")
            raise ReadError(
                f"Niet duidelijk welke wachttijd in de kolommen {shown} staat; er is niets gewijzigd. Noem de "
                "kolommen naar wachttijd en periode, bijvoorbeeld 'Aanmeldwachttijd okt-26' en 'Behandelwachttijd "
                "okt-26', of zet 'Aanmeldwachttijd (weken)' in een titelregel boven de kopregel. Of bevestig één "
                f'keer wat deze kolommen bevatten met de koppeling "{PERIOD_COLUMNS}=registration_weeks" (of '
                "treatment_weeks, total_weeks).",
                unmapped=[(PERIOD_COLUMNS, None)],
            )
        seen: dict[tuple, str] = {}
        for col in columns:
            k = (col.period.kind, col.period.year, col.period.number, col.part)
            if k in seen:
                raise ReadError(
                    f"De kolommen '{seen[k]}' en '{col.header}' bevatten allebei de {FIELD_LABELS[col.part]} van "
                    f"{col.period.label}; lever één kolom per wachttijd en periode. Er is niets gewijzigd."
                )
            seen[k] = col.header

    def _units(self, columns: list[_Column]) -> dict[str, str]:
        units: dict[str, str] = {}
        described: dict[str, str] = {}
        for col in columns:
            unit = col.unit or "weeks"
            if units.setdefault(col.part, unit) != unit:
                raise ReadError(
                    f"De kolommen met de {FIELD_LABELS[col.part]} staan in verschillende eenheden ("
                    f"{UNIT_NL[units[col.part]]} en {UNIT_NL[unit]}); lever ze in één eenheid. Er is niets gewijzigd."
                )
            described.setdefault(col.part, col.how)
        first, last = columns[0], columns[-1]
        parts = "; ".join(f"{FIELD_LABELS[p]}, volgens {how}" for p, how in described.items())
        self.notes.append(
            (
                self.rows[self.pos][0],
                None,
                f"Kolommen per periode ('{first.header}' t/m '{last.header}') gelezen als: {parts}. Elke regel is "
                "per periode verwerkt.",
            )
        )
        for part, unit in units.items():
            if unit != "weeks":
                self.notes.append(
                    (None, None, f"De {FIELD_LABELS[part]} staat in {UNIT_NL[unit]}; omgerekend naar weken.")
                )
        return {p: u for p, u in units.items() if u != "weeks"}

    def _groups(self, columns: list[_Column], mapping: dict[int, str]) -> list[_Group]:
        groups: dict[tuple, _Group] = {}
        own_date = "reference_date" in mapping.values()
        for col in columns:
            k = (col.period.kind, col.period.year, col.period.number)
            group = groups.get(k)
            if group is None:
                day = None if own_date else col.period.day
                group = groups[k] = _Group(col.raw, day)
                group.labels["month"] = col.written
                if day is not None:
                    group.labels["reference_date"] = col.written
            group.figures.append((col.index, col.part))
            group.labels[col.part] = col.header
        return list(groups.values())

    def _long_rows(self, groups: list[_Group], mapping: dict[int, str]) -> list[RawRow]:
        start = max(self.pos, self.part_at if self.part_at is not None else self.pos) + 1
        ids = list(mapping.items())
        out: list[RawRow] = []
        for line, cells in self.rows[start:]:
            if all(_blank(c) for c in cells):
                continue
            where = {f: self._cell(cells, i) for i, f in ids}
            emitted = False
            for group in groups:
                figures = {f: self._cell(cells, i) for i, f in group.figures}
                if all(_blank(v) for v in figures.values()):
                    continue  # a period this row reports nothing for: nothing changes
                values = {**where, "month": group.raw, **figures, COLUMN_LABELS: group.labels}
                if group.day is not None:
                    values["reference_date"] = group.day
                out.append(RawRow(line, values))
                emitted = True
            if not emitted:  # reported as a row without figures
                out.append(RawRow(line, {**where, "month": groups[0].raw}))
            if len(out) > limits.MAX_ROWS:
                raise limits.too_many_rows(len(out))
        return out
