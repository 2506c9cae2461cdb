"""What the sheets of a workbook mean for a wait file: a sheet named after a location (no location column) gives
every row that location, a sheet named after a month (`okt 2026`, no month column) that month; several data
sheets are read together, each sheet's rows numbered on (the report says which numbers belong to which sheet)."""

from __future__ import annotations

import re

from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.periods import month_only, parse_period
from waitinfo.providers import limits
from waitinfo.providers.base import COLUMN_LABELS, ParsedFile, RawRow, ReadError

WHERE = ("location_agb", "location_name", "postal_code")
WHEN = ("month", "reference_date", "year")
# Sheet names that name neither a location nor a month (Excel's defaults and the usual titles).
GENERIC = re.compile(
    r"(blad|sheet|tabel|tab|data|export|gegevens|wachttijden?|overzicht|totaal|rapportage|resultaten?|"
    r"aanlevering|levering|invoer|werkblad)\s*\d*",
    re.IGNORECASE,
)


def _period(name: str):
    """A sheet name that is a period; a month without a year (`Oktober`) too: the year comes from a `Jaar` column
    or the title, else each row is refused with the message of `periods.month_in_year`. Never a location."""
    if month_only(name) is not None and not re.fullmatch(r"\s*\d+\s*", name):
        return name
    try:
        return parse_period(name.strip())
    except NormaliseError:
        return None


def from_sheet_name(parsed: ParsedFile, sheet: str) -> None:
    """Rows without a month take a sheet name that is a month; a sheet without any location column takes its
    name as the location (unless the name is generic, `Blad1`). Said once per sheet."""
    name = sheet.strip()
    period = _period(name)
    present = set(parsed.columns)
    if period is not None:
        filled = 0
        for row in parsed.rows:
            if all(_blank(row.values.get(f)) for f in WHEN):
                row.values["month"] = name
                _label(row, "month", name)
                filled += 1
        if filled:
            parsed.columns.setdefault("month", "bladnaam")
            parsed.notes.append(
                (
                    None,
                    None,
                    f"Blad '{name}': de maand komt uit de naam van het blad ({filled} regel{'s' if filled > 1 else ''}).",
                )
            )
    elif not present & set(WHERE) and not GENERIC.fullmatch(name):
        for row in parsed.rows:
            row.values["location_name"] = name
            _label(row, "location_name", name)
        parsed.columns["location_name"] = "bladnaam"  # each row names its own sheet (_label)
        parsed.notes.append(
            (None, None, f"Blad '{name}' heeft geen kolom Vestiging: de naam van het blad is als vestiging gebruikt.")
        )


def _label(row: RawRow, fieldname: str, sheet: str) -> None:
    """Messages about this value name the sheet, not a column (several sheets share the file's labels)."""
    labels = row.values.get(COLUMN_LABELS)
    row.values[COLUMN_LABELS] = {**(labels or {}), fieldname: f"bladnaam '{sheet}'"}


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_one(name: str, left_out: list[tuple[str, str]]) -> str:
    skipped = "; ".join(f"'{n}' ({why})" for n, why in left_out)
    return f"Alleen blad '{name}' is gelezen; niet gelezen: {skipped}."


def combine(parts: list[ParsedFile], sheets: list, left_out: list[tuple[str, str]]) -> ParsedFile:
    """One ParsedFile of several sheets: the rows of sheet k (k > 1) numbered from (k-1) x 10,000 (100,000 for
    sheets of more than 9,999 rows), so each line of the report points at one row of one sheet."""
    total = sum(len(p.rows) for p in parts)
    if total > limits.MAX_ROWS:
        raise limits.too_many_rows(total)
    longest = max((line for s in sheets for line, _ in s.rows[-1:]), default=0)
    step = 10 ** max(4, len(str(longest)))
    out = ParsedFile(kind=parts[0].kind, rows=[])
    said = []
    for k, (part, sheet) in enumerate(zip(parts, sheets, strict=True)):
        offset = k * step
        for fieldname, unit in part.units.items():
            if out.units.setdefault(fieldname, unit) != unit:
                raise ReadError(
                    f"De bladen geven de {fieldname.split('_')[0]}wachttijd in verschillende eenheden; zet alle bladen "
                    "in dezelfde eenheid (weken, dagen of maanden) en lever het bestand opnieuw aan."
                )
        for fieldname, header in part.columns.items():
            out.columns.setdefault(fieldname, header)
        out.rows += [RawRow(r.line + offset, r.values) for r in part.rows] if offset else part.rows
        out.notes += [
            (None if line is None else line + offset, f, f"Blad '{sheet.name}': {m}" if not m.startswith("Blad") else m)
            for line, f, m in part.notes
        ]
        out.unmapped += [u for u in part.unmapped if u not in out.unmapped]
        out.guessed += [g for g in part.guessed if g not in out.guessed]
        said.append(
            f"'{sheet.name}'"
            + (f" (regels vanaf {offset + 1}: regel {offset + 5} is rij 5 van dit blad)" if offset else "")
        )
    skipped = "; niet gelezen: " + "; ".join(f"'{n}' ({why})" for n, why in left_out) if left_out else ""
    out.notes.insert(0, (None, None, f"{len(parts)} bladen gelezen: {', '.join(said)}{skipped}."))
    return out
