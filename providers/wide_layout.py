"""Wide wait files: one column per period (`Vestiging;Diagnosegroep;jan-26;feb-26;mrt-26`, `okt 2026`, `2026-10`,
`Q3 2026`, `jul-sep 2026`, `week 40 2026`, or `jan`, `feb` with a `Jaar` column or a year in the title), per main
diagnosis group (`Vestiging;Peildatum;Angststoornissen;PTSS;ADHD`), per wait part and period or group
(`Aanmeldwachttijd jan-26`, `Angst behandeling`), or with a second header row (the month or group over
`Aanmelding` / `Behandeling`). They are reshaped into long rows, one per location x group x period, each with the
line of the original file, before the ordinary validation. What the columns are is read by `wide_columns`.

Which wait a column holds is read from, in this order: its own header, the second header row, a header cell that
names a wait (`Aanmeldwachttijd (weken)` above the row labels), the title rows above the header, and the
provider's confirmed mapping `Periodekolommen=<field>` (`Diagnosegroepkolommen=<field>` for columns per group).
When none of them says it, the file is not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from waitinfo.imports.periods import find_period, title_year
from waitinfo.imports.vocabulary import FIELD_LABELS, PART_FIELDS, UNIT_NL
from waitinfo.providers import limits
from waitinfo.providers.base import COLUMN_LABELS, ParsedFile, RawRow, ReadError
from waitinfo.providers.tabular import HEADER_SEARCH_ROWS, Aliases, header_key, match_headers, propose, unrecognised
from waitinfo.providers.wide_columns import Heading, figure_columns, part_of, row_score, unit_of
from waitinfo.providers.wide_columns import blank as _blank

__all__ = ["GROUP_COLUMNS", "PERIOD_COLUMNS", "parse", "row_score"]

PERIOD_COLUMNS = "Periodekolommen"  # the header a provider maps once to say what unnamed period columns hold
GROUP_COLUMNS = "Diagnosegroepkolommen"  # the same for columns per diagnosis group
WHERE = ("location_agb", "location_name", "postal_code")
WAITS = ("registration_weeks", "treatment_weeks", "total_weeks")  # what a header cell or title may declare
_NUMBER = re.compile(r"\s*(?:[<>]=?|meer dan)?\s*\d")


@dataclass
class _Column:
    index: int
    heading: Heading
    raw: object  # the period as the long rows carry it (the month value), or None (a group column)
    header: str  # the column as the provider named it (both header rows)
    written: str  # the period, or the group, as written in it
    part: str | None = None
    unit: str | None = None
    how: str = "de kolomkop"

    @property
    def what(self) -> str:
        """The period and/or group of the column in the provider's words (messages)."""
        period = self.heading.period.label if self.heading.period else self.heading.written
        return " ".join(w for w in (self.heading.group, period) if w)


@dataclass
class _Group:
    raw: object
    day: object
    heading: Heading
    figures: list[tuple[int, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


def parse(
    rows: list[tuple[int, list]], aliases: Aliases, confirmed: dict | None, kind: str, sheet: str | None = None
) -> ParsedFile | None:
    """The long rows of a wide file, or None when the file is not wide (read it as an ordinary table). `sheet`: the
    name of the workbook sheet, which may name the location a sheet has no column for (`workbook_sheets`)."""
    head = rows[:HEADER_SEARCH_ROWS]
    best_long = max((len(match_headers(cells, aliases, confirmed)) for _, cells in head), default=0)
    fits = row_score(aliases, confirmed)
    pos, best = None, 0
    for p, (_, cells) in enumerate(head):
        if figure_columns(cells) and fits(cells) > best:
            pos, best = p, fits(cells)
    if pos is None or best < best_long:
        return None
    reader = _Reader(rows, pos, aliases, confirmed or {}, kind)
    reader.sheet = sheet
    return reader.read()


class _Reader:
    def __init__(self, rows, pos: int, aliases: Aliases, confirmed: dict, kind: str):
        self.rows, self.pos, self.aliases, self.confirmed, self.kind = rows, pos, aliases, confirmed, kind
        self.cells = list(rows[pos][1])
        self.headings = figure_columns(self.cells)
        self.first = min(self.headings)
        self.by_group = any(h.group for h in self.headings.values())
        self.by_period = any(h.period or h.month for h in self.headings.values())
        self.part_row, self.part_at = self._part_row()
        title_rows = self.rows[: min(self.pos, self.part_at if self.part_at is not None else self.pos)]
        self.titles = [str(c).strip() for _, cells in title_rows for c in cells if isinstance(c, str) and c.strip()]
        self.notes: list[tuple[int | None, str | None, str]] = []
        self.sheet: str | None = None

    @property
    def noun(self) -> str:
        return " en ".join(w for w, on in (("diagnosegroep", self.by_group), ("periode", self.by_period)) if on)

    def _part_row(self) -> tuple[list, int | None]:
        """A header row right below or above the header row that names the wait part under or over each column."""
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
        if self.by_period:
            parsed.columns["month"] = "periode (kolomkop)"
        if self.by_group:
            parsed.columns["diagnosis_group"] = "diagnosegroep (kolomkop)"
        taken = set(mapping.values())
        said: set[str] = set()  # a column name that occurs twice is reported once
        for i, header in ids.items():
            k = header_key(header)
            if i not in mapping and i not in declared and k not in self._ignored() and not (k in said and k):
                said.add(k)
                parsed.unmapped.append((header, propose(header, self.aliases, taken)))
                parsed.notes.append((self.rows[self.pos][0], header, unrecognised(header, self.aliases, taken)))
        parsed.rows = self._long_rows(groups, mapping)
        return parsed

    def _ignored(self) -> set[str]:
        return {header_key(h) for h, f in self.confirmed.items() if f == "-"}

    def _columns(self) -> tuple[list[_Column], dict[int, str]]:
        """The figure columns (a merged month or group cell spans the parts under it) and the other headers."""
        below = self.part_at == self.pos + 1
        width = max(len(self.cells), len(self.part_row))
        columns: list[_Column] = []
        ids: dict[int, str] = {}
        part_cell = None  # a part over several months (merged cell of a row above the months)
        for i in range(width):
            own, sub = self._cell(self.cells, i), self._cell(self.part_row, i)
            if below or not _blank(sub):
                part_cell = sub  # below: each column its own part; above: a merged part runs on to the right
            if i in self.headings:
                h = self.headings[i]
                text = isinstance(own, str)
                raw = (h.written if text else own) if h.period else h.written or None
                written = (h.written if text else h.period.label) if h.period else h.written or str(own).strip()
                col = _Column(i, h, raw, str(own).strip() if text else h.period.label, written, h.part)
                if header_key(h.rest):
                    col.part, col.unit = col.part or part_of(h.rest), unit_of(h.rest)
                col.unit = col.unit or unit_of(own)
            elif _blank(own) and below and not _blank(sub) and columns and i > self.first:
                last = columns[-1]  # a month or group cell merged over the parts below it
                col = _Column(i, last.heading, last.raw, last.written, last.written, last.heading.part)
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
        """Field per other column; cells that name a wait (`Aanmeldwachttijd (weken)`) declare what the figure
        columns hold (and, when no column names the location, head the column of row labels)."""
        headers = [ids.get(i) for i in range(max(ids, default=-1) + 1)]
        mapping = match_headers(headers, self.aliases, self.confirmed)
        declared: dict[int, str] = {}
        if self.by_group and "diagnosis_group" in mapping.values():
            return None, declared  # a group column of its own: the group names in the header are something else
        unused = ("month", "waiting_count") if self.by_period else ("waiting_count",)
        for i, header in ids.items():
            fieldname = mapping.get(i)
            if fieldname in WAITS or (fieldname is None and part_of(header, short=False) in WAITS):
                if self._holds_figures(i):
                    return None, declared  # a wait column of its own beside figure columns: read as a long file
                declared[i] = fieldname or part_of(header, short=False)
                mapping.pop(i, None)
            elif fieldname in unused:
                mapping.pop(i)
                self.notes.append(
                    (
                        None,
                        header,
                        f"Kolom '{header}' staat naast kolommen per {self.noun} en is niet gebruikt; zet dit cijfer "
                        f"per {self.noun} in een eigen kolom (bijvoorbeeld 'Wachtenden "
                        f"{'okt-26' if self.by_period else 'Angststoornissen'}').",
                    )
                )
        if not set(mapping.values()) & set(WHERE):
            if not declared and self.sheet is not None and mapping:
                return mapping, declared  # the sheet's name is the location (`workbook_sheets.from_sheet_name`)
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
        """The part (and unit) of every figure column, or a ReadError that says how to name them."""
        titles = self.titles
        # a title decides only when it names one wait also counting short words ("Aanmeld- en behandelwachttijd")
        by_title = {part_of(t, short=False): t for t in titles if part_of(t, short=False) == part_of(t) is not None}
        by_cell = {f: header for f, header in declared.values()}
        title_units = {unit_of(t) for t in titles} - {None}
        cell_units = {unit_of(h) for h in by_cell.values()} - {None}
        confirmed = {header_key(h): f for h, f in self.confirmed.items()}
        name = GROUP_COLUMNS if self.by_group else PERIOD_COLUMNS
        mapped = confirmed.get(header_key(name))
        for col in columns:
            if col.part is None and len(by_cell) == 1:
                ((col.part, header),) = by_cell.items()
                col.how = f"kolom '{header}'"
            elif col.part is None and len(by_title) == 1:
                ((col.part, title),) = by_title.items()
                col.how = f"de titel '{title}'"
            elif col.part is None and mapped in PART_FIELDS:
                col.part, col.how = mapped, f"de bevestigde koppeling {name}={mapped}"
            if col.unit is None and len(cell_units | title_units) == 1:
                (col.unit,) = cell_units | title_units
        unknown = [c.header for c in columns if c.part is None]
        if unknown:
            shown = ", ".join(f"'{h}'" for h in unknown[:4]) + (" en meer" if len(unknown) > 4 else "")
            example = "Angststoornissen" if self.by_group else "okt-26"
            raise ReadError(
                f"Niet duidelijk welke wachttijd in de kolommen {shown} staat; er is niets gewijzigd. Noem de "
                f"kolommen naar wachttijd en {self.noun}, bijvoorbeeld 'Aanmeldwachttijd {example}' en "
                f"'Behandelwachttijd {example}', of zet 'Aanmeldwachttijd (weken)' in een titelregel boven de "
                f'kopregel. Of bevestig één keer wat deze kolommen bevatten met de koppeling "{name}='
                'registration_weeks" (of treatment_weeks, total_weeks).',
                unmapped=[(name, None)],
            )
        seen: dict[tuple, str] = {}
        for col in columns:
            k = (col.heading.key, col.part)
            if k in seen:
                raise ReadError(
                    f"De kolommen '{seen[k]}' en '{col.header}' bevatten allebei de {FIELD_LABELS[col.part]} van "
                    f"{col.what}; lever één kolom per wachttijd en {self.noun}. Er is niets gewijzigd."
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
                f"Kolommen per {self.noun} ('{first.header}' t/m '{last.header}') gelezen als: {parts}. Elke regel is "
                f"per {self.noun} verwerkt.",
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
            group = groups.get(col.heading.key)
            if group is None:
                day = None if own_date or col.heading.period is None else col.heading.period.day
                group = groups[col.heading.key] = _Group(col.raw, day, col.heading)
                if col.raw is not None:
                    group.labels["month"] = col.heading.written if col.heading.group else col.written
                if col.heading.group:
                    group.labels["diagnosis_group"] = col.header
                if day is not None:
                    group.labels["reference_date"] = col.written
            group.figures.append((col.index, col.part))
            group.labels[col.part] = col.header
        return list(groups.values())

    def _year(self, mapping: dict[int, str]) -> int | None:
        """The title's year for month columns without one, when no column gives the year (said once)."""
        if not any(h.month for h in self.headings.values()) or "year" in mapping.values():
            return None
        year = title_year(self.titles)
        if year is not None:
            months = [h.written for h in self.headings.values() if h.month]
            title = next(t for t in self.titles if str(year) in t)
            self.notes.append(
                (
                    self.rows[self.pos][0],
                    None,
                    f"Maandkolommen zonder jaar ('{months[0]}' t/m '{months[-1]}') gelezen als {year}, volgens de "
                    f"titel '{title}'.",
                )
            )
        return year

    def _long_rows(self, groups: list[_Group], mapping: dict[int, str]) -> list[RawRow]:
        start = max(self.pos, self.part_at if self.part_at is not None else self.pos) + 1
        ids = list(mapping.items())
        year = self._year(mapping)
        extra = {"year": year} if year is not None else {}
        out: list[RawRow] = []
        for line, cells in self.rows[start:]:
            if all(_blank(c) for c in cells):
                continue
            where = {f: self._cell(cells, i) for i, f in ids}
            emitted = False
            for group in groups:
                figures = {f: self._cell(cells, i) for i, f in group.figures}
                if all(_blank(v) for v in figures.values()):
                    continue  # a period or group this row reports nothing for: nothing changes
                values = {**where, **extra, **figures, COLUMN_LABELS: group.labels}
                if group.raw is not None:
                    values["month"] = group.raw
                if group.heading.group:
                    values["diagnosis_group"] = group.heading.group
                if group.day is not None:
                    values["reference_date"] = group.day
                out.append(RawRow(line, values))
                emitted = True
            if not emitted:  # reported as a row without figures
                out.append(RawRow(line, {**where, **({"month": groups[0].raw} if groups[0].raw is not None else {})}))
            if len(out) > limits.MAX_ROWS:
                raise limits.too_many_rows(len(out))
        return out
