"""Tidy exports (BI tools, data warehouses): one figure per row, with a column that says which figure it is and a
column with its value (`Vestiging;Maand;Soort wachttijd;Wachttijd (weken)` with `Aanmeldwachttijd`,
`Behandelwachttijd`, `aanmelding`, `Wachttijd tot intake`; or `Indicator;Waarde;Eenheid` with `Aantal wachtenden`).
The rows of one location x service x group x month are put together into one row with a column per figure; the
same figure twice with different values is not stored (reported with both lines); an unknown kind of figure is
reported and not read."""

from __future__ import annotations

from waitinfo.imports.vocabulary import PART_WORDS, UNIT_NL, WAIT_ALIASES, header_unit
from waitinfo.providers import tabular
from waitinfo.providers.base import COLUMN_LABELS, ParsedFile, RawRow, ReadError
from waitinfo.providers.fill_down import fill_down

TYPE, VALUE = "_figure_type", "_figure_value"
TIDY_ALIASES = {
    TYPE: (
        "Soort wachttijd",
        "Type wachttijd",
        "Wachttijdsoort",
        "Wachttijdtype",
        "Soort",
        "Type",
        "Indicator",
        "Kenmerk",
        "Variabele",
        "Meting",
        "Prestatie-indicator",
        "Measure",
        "Metric",
    ),
    VALUE: ("Wachttijd", "Waarde", "Uitkomst", "Resultaat", "Score", "Cijfer", "Value", "Aantal", "Wachttijd in"),
}
# Kinds of figure a type cell may name: the header names of the field and the part words ("aanmelding").
FIGURE_FIELDS = (  # stop and instroom first: "Aanmeldstop" or "Intake binnen norm" is no registration wait
    "intake_stop_from",
    "intake_stop_until",
    "intake_stop_reason",
    "intake_stop",
    "intake_within_norm",
    "intake_outside_norm",
    "registration_weeks",
    "treatment_weeks",
    "total_weeks",
    "waiting_count",
)
WAITS = ("registration_weeks", "treatment_weeks", "total_weeks")
NORM_WORDS = {
    "intake_within_norm": ("Intake binnen norm", "Binnen norm", "Binnen Treeknorm"),
    "intake_outside_norm": ("Intake buiten norm", "Buiten norm", "Buiten Treeknorm"),
}
KINDS = {f: (*WAIT_ALIASES[f], *PART_WORDS.get(f, ()), *NORM_WORDS.get(f, ())) for f in FIGURE_FIELDS}


def parse(raw: bytes, rows: list[tuple[int, list]], aliases, mapping, kind: str) -> ParsedFile | None:
    """The combined rows of a tidy file, or None when the file is not tidy (no type and value column, or columns
    of its own per figure)."""
    extended = {**aliases, **TIDY_ALIASES}
    _, found = tabular.find_header(rows, extended, mapping)
    fields = set(found.values())
    if not {TYPE, VALUE} <= fields or fields & set(FIGURE_FIELDS):
        return None
    parsed = tabular.read_table(raw, extended, kind, (), mapping=mapping, rows=rows)
    keys = [f for f in parsed.columns if f not in (TYPE, VALUE, "wait_unit")]
    _labels_once(parsed, keys)
    fill_down(parsed, rows, (VALUE,))  # a location written once above its figures, the rest filled in
    value_header = parsed.columns[VALUE]
    unit = header_unit(value_header)
    groups: dict[tuple, dict] = {}
    seen: dict[tuple, tuple[int, object]] = {}  # (group, field) -> (line, value)
    conflicts: set[tuple] = set()
    for row in parsed.rows:
        v = row.values
        kind_text = str(v.get(TYPE) or "").strip()
        value = v.get(VALUE)
        if value is None or not str(value).strip():
            continue
        if not kind_text:
            parsed.notes.append(
                (
                    row.line,
                    parsed.columns[TYPE],
                    "Soort ontbreekt: niet duidelijk welk cijfer dit is; deze regel is niet gebruikt.",
                )
            )
            continue
        fieldname = _figure(kind_text)
        if fieldname is None:
            parsed.notes.append((row.line, parsed.columns[TYPE], _unknown(kind_text)))
            continue
        row_unit = str(v.get("wait_unit") or "").strip() or _unit_word(kind_text)  # "Aanmeldwachttijd in dagen"
        if fieldname in WAITS and row_unit and isinstance(value, int | float | str) and not _has_unit(value):
            value = f"{value} {row_unit}"  # a unit in the cell wins over the header's (normalise.parse_wait)
        group = tuple(str(v.get(k)) if v.get(k) is not None else "" for k in keys)
        combined = groups.setdefault(group, {"line": row.line, "values": {k: v.get(k) for k in keys}, "labels": {}})
        if (group, fieldname) in seen:
            first_line, first = seen[(group, fieldname)]
            if str(first).strip() != str(value).strip() and (group, fieldname) not in conflicts:
                conflicts.add((group, fieldname))
                combined["values"].pop(fieldname, None)
                parsed.notes.append(
                    (row.line, parsed.columns[TYPE], _conflict(kind_text, first_line, first, row.line, value))
                )
            continue
        seen[(group, fieldname)] = (row.line, value)
        combined["values"][fieldname] = value
        combined["labels"][fieldname] = f"{value_header} ({kind_text}, regel {row.line})"
    parsed.rows = [
        RawRow(g["line"], {**g["values"], COLUMN_LABELS: {**_plain(parsed.columns), **g["labels"]}})
        for g in groups.values()
    ]
    for fieldname in FIGURE_FIELDS:
        parsed.columns.setdefault(fieldname, value_header)
    if unit and unit != "weeks":
        parsed.units.update({f: unit for f in WAITS})
    parsed.columns.pop(TYPE), parsed.columns.pop(VALUE)
    parsed.columns.pop("wait_unit", None)  # applied to each value above
    if not parsed.rows:
        raise ReadError(
            f"Geen enkel cijfer herkend in kolom '{value_header}': de soort (bijvoorbeeld Aanmeldwachttijd, "
            "Behandelwachttijd, Aantal wachtenden) ontbreekt of is niet herkend."
        )
    return parsed


def _labels_once(parsed: ParsedFile, keys: list[str]) -> None:
    """A row with only a kind and a value directly under another row (no empty row between) belongs to the same
    location, group and month: the labels are written once, on the first row of the block."""
    prev, block = None, []
    for row in parsed.rows:
        v = row.values
        if (
            prev is not None
            and row.line == prev.line + 1
            and all(_blank(v.get(k)) for k in keys)
            and not _blank(v.get(VALUE))
        ):
            v.update({k: prev.values.get(k) for k in keys})
            block.append(row.line)
        elif block:
            _said(parsed, block)
            block = []
        prev = row
    if block:
        _said(parsed, block)


def _said(parsed: ParsedFile, lines: list[int]) -> None:
    span = f"Regel {lines[0]}" if len(lines) == 1 else f"Regels {lines[0]}-{lines[-1]}"
    parsed.notes.append(
        (
            lines[0],
            parsed.columns[TYPE],
            f"{span}: alle labels overgenomen van regel {lines[0] - 1} (één cijfer per "
            "regel, de labels alleen op de eerste regel).",
        )
    )


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(columns: dict[str, str]) -> dict[str, str]:
    return {f: h for f, h in columns.items() if f not in (TYPE, VALUE)}


def _figure(text: str) -> str | None:
    found = tabular.match_headers([text], KINDS)
    return next(iter(found.values()), None)


def _unit_word(kind_text: str) -> str:
    unit = header_unit(kind_text)
    return UNIT_NL[unit] if unit and unit != "weeks" else ""


def _has_unit(value) -> bool:
    return isinstance(value, str) and any(c.isalpha() for c in value)


def _unknown(text: str) -> str:
    return (
        f"Soort '{text}' is niet herkend; deze regel is niet gebruikt. Bekend zijn onder meer Aanmeldwachttijd, "
        "Behandelwachttijd, Totale wachttijd, Aantal wachtenden, Instroom binnen/buiten Treeknorm."
    )


def _conflict(text: str, first_line: int, first, line: int, value) -> str:
    return (
        f"'{text}' staat twee keer in het bestand voor dezelfde vestiging, groep en maand, met verschillende waarden "
        f"(regel {first_line}: {first}, regel {line}: {value}). Dit cijfer is niet opgeslagen; een eerder "
        "opgeslagen waarde blijft staan. Lever het één keer aan."
    )
