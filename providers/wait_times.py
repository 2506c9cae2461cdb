"""Monthly wait-time file (CSV/TSV/semicolon or XLSX): one row per location, care type or service, diagnosis group
and month, in the words of the NZa/Vektis delivery, EPD exports and practice spreadsheets (see
`waitinfo.imports.vocabulary`), or wide: one column per month, quarter or week (`providers.wide_layout`). Units in
headers are recorded so waits in days or months become weeks; a unit column gives them per row."""

from waitinfo.imports.periods import month_only, title_date, title_year
from waitinfo.imports.vocabulary import FIELD_LABELS, UNIT_NL, WAIT_ALIASES, WAIT_FIGURES, header_unit
from waitinfo.providers import sheets, tabular, tidy_layout, wide_layout, workbook_sheets
from waitinfo.providers.base import ParsedFile, ReadError
from waitinfo.providers.fill_down import fill_down

NAME = "wait-times"
KIND = "wait-times"
ALIASES = WAIT_ALIASES
REQUIRED = ("location_name", "registration_weeks")  # what kind detection and the template lead with
# A row must say where (one of these) and at least one figure.
WHERE = ("location_agb", "location_name", "postal_code")
FIGURES = (
    "registration_weeks",
    "treatment_weeks",
    "total_weeks",
    "waiting_count",
    "intake_within_norm",
    "intake_outside_norm",
    "intake_stop",
)


def parse(raw: bytes, source: str = "", mapping: dict[str, str] | None = None) -> ParsedFile:
    if tabular.is_xlsx(raw):  # a workbook: every sheet with data counts (one per location or per month)
        found, left_out = sheets.read_sheets(raw, wide_layout.row_score(ALIASES, mapping))
        if len(found) > 1:
            return workbook_sheets.combine([_parse_rows(raw, s.rows, mapping, s.name) for s in found], found, left_out)
        if found:
            parsed = _parse_rows(raw, found[0].rows, mapping, found[0].name)
            if left_out:
                parsed.notes.append((None, None, workbook_sheets.read_one(found[0].name, left_out)))
            return parsed
    rows = tabular.read_rows(raw, ALIASES, mapping, row_score=wide_layout.row_score(ALIASES, mapping))
    return _parse_rows(raw, rows, mapping, None)


def _parse_rows(raw: bytes, rows: list, mapping: dict[str, str] | None, sheet: str | None) -> ParsedFile:
    """One table (a CSV file or a sheet): wide, tidy or long; `sheet`: its name, which may give the location or
    the month the sheet lacks."""
    parsed = wide_layout.parse(rows, ALIASES, mapping, KIND, sheet)  # one column per month, quarter or week
    if parsed is None:
        parsed = tidy_layout.parse(raw, rows, ALIASES, mapping, KIND)  # one figure per row: a type and a value
    if parsed is None:
        mapping = _bare_total(rows, mapping)
        parsed = tabular.read_table(raw, ALIASES, KIND, (), mapping=mapping, rows=rows)
        _header_units(parsed)
        header_at, _ = tabular.find_header(rows, ALIASES, mapping)  # the row read_table read: found once more
        _propose_by_values(parsed, rows, header_at)
        if sheet is not None:
            workbook_sheets.from_sheet_name(parsed, sheet)  # before the title's year: a sheet named `Oktober`
        _title_year(parsed, rows, header_at)
        _title_date(parsed, rows, header_at)
    elif sheet is not None:
        workbook_sheets.from_sheet_name(parsed, sheet)
    present = set(parsed.columns)
    missing = []
    if not present & set(WHERE):
        missing.append("Vestiging (of AGB-code vestiging, of Postcode)")
    if not present & set(FIGURES):
        missing.append("Aanmeldwachttijd, Behandelwachttijd of Aantal wachtenden")
    if missing:
        unknown = " ".join(note for _, _, note in parsed.notes)
        raise ReadError(
            f"De kopregel is niet gevonden of mist kolommen: {'; '.join(missing)}. Gebruik de kolomnamen van het "
            'sjabloon, of geef bij het inlezen aan welke kolom wat betekent (koppeling "Kolomnaam=veld").'
            + (f" {unknown}" if unknown else ""),
            unmapped=parsed.unmapped,
        )
    fill_down(parsed, rows, FIGURES)  # labels written once per block, or merged cells
    if "wait_unit" in present and parsed.units:
        parsed.notes.append(
            (
                None,
                parsed.columns["wait_unit"],
                f"Kolom '{parsed.columns['wait_unit']}' geeft per regel de eenheid; de eenheid in de kolomnaam geldt "
                "alleen voor regels waar die kolom leeg is.",
            )
        )
    if "total_weeks" in present and not present & {"registration_weeks", "treatment_weeks"}:
        parsed.notes.insert(0, (None, parsed.columns["total_weeks"], TOTAL_ONLY))
    return parsed


TOTAL_ONLY = (
    "Dit bestand heeft alleen een totale wachttijd. Een totale wachttijd wordt niet opgeslagen als aanmeld- of "
    "behandelwachttijd en niet gepubliceerd: de twee delen zijn er niet uit af te leiden. Voeg de kolommen "
    "'Aanmeldwachttijd' (aanmelding tot intake) en 'Behandelwachttijd' (intake tot start behandeling) toe."
)


def score(raw: bytes) -> int:
    """Kind detection: recognised headers plus period columns (a wide file names few fields)."""
    return tabular.score(raw, ALIASES, row_score=wide_layout.row_score(ALIASES))


def _title_year(parsed: ParsedFile, rows: list[tuple[int, list]], header_at: int | None) -> None:
    """Months without a year (`okt`, `10`) and no `Jaar` column: the year of the title above the header, said once.
    Without one such rows are refused (`periods.month_in_year`)."""
    if "month" not in parsed.columns or "year" in parsed.columns:
        return
    without = [r for r in parsed.rows if month_only(r.values.get("month")) is not None]
    titles = [str(c).strip() for _, cells in rows[: header_at or 0] for c in cells if isinstance(c, str) and c.strip()]
    year = title_year(titles) if without else None
    if year is None:
        return
    for row in without:
        row.values["year"] = year
    title = next(t for t in titles if str(year) in t)
    parsed.notes.append(
        (None, parsed.columns["month"], f"Maanden zonder jaar gelezen als {year}, volgens de titel '{title}'.")
    )


def _propose_by_values(parsed: ParsedFile, rows: list[tuple[int, list]], header_at: int | None) -> None:
    """An unrecognised column whose cells are diagnosis groups ("Wat": Angststoornissen, PTSS, ...) or
    zorgvraagtypes (ZVT 3, ...) gets that meaning as its proposal in the dry run (the provider confirms it)."""
    from waitinfo.imports.care_demand import parse_demand
    from waitinfo.imports.diagnosis_names import diagnosis_code

    tests = {
        "diagnosis_group": diagnosis_code,
        # bare numbers are waits or counts far more often than zorgvraagtypes: only "ZVT 3", "zorgvraagtype 11"
        "care_demand_type": lambda c: parse_demand(c) if any(ch.isalpha() for ch in c) else None,
    }
    open_fields = [f for f in tests if f not in parsed.columns]
    if not open_fields or not parsed.unmapped:
        return
    if header_at is None:
        return
    headers = [str(c).strip() if c is not None else "" for c in rows[header_at][1]]
    read = {tabular.header_key(h) for h in parsed.columns.values()}
    for n, (header, proposal) in enumerate(parsed.unmapped):
        if proposal is not None or header not in headers or tabular.header_key(header) in read:
            continue  # proposed already, or a second column with the name of one that is read
        i = headers.index(header)
        cells = [str(c[i]).strip() for _, c in rows[header_at + 1 : header_at + 201] if i < len(c) and c[i]]
        cells = [c for c in cells if c]
        for fieldname in open_fields:
            if len(cells) >= 2 and sum(tests[fieldname](c) is not None for c in cells) >= 0.6 * len(cells):
                parsed.unmapped[n] = (header, fieldname)
                label = FIELD_LABELS[fieldname]
                parsed.notes = [
                    (line, h, note)
                    if h != header
                    else (
                        line,
                        h,
                        f"Kolom '{header}' is niet herkend en niet gebruikt. De cellen lijken een {label}: voorstel "
                        f"'{fieldname}'; bevestig dat met de koppeling {header}={fieldname}.",
                    )
                    for line, h, note in parsed.notes
                ]
                break


def _bare_total(rows: list[tuple[int, list]], mapping: dict[str, str] | None) -> dict[str, str] | None:
    """A column headed just "Totaal" with a unit ("Totaal (in weken)") beside the wait columns is the total wait:
    read as such unless the provider mapped it otherwise. Without a unit "Totaal" may be a count: not guessed."""
    header_at, found = tabular.find_header(rows, ALIASES, mapping)
    if (
        header_at is None
        or "total_weeks" in found.values()
        or not {"registration_weeks", "treatment_weeks"} & set(found.values())
    ):
        return mapping
    for i, cell in enumerate(rows[header_at][1]):
        if i not in found and tabular.header_key(cell) == "totaal" and header_unit(cell) is not None:
            if not (mapping and str(cell).strip() in mapping):
                return {**(mapping or {}), str(cell).strip(): "total_weeks"}
    return mapping


def _title_date(parsed: ParsedFile, rows: list[tuple[int, list]], header_at: int | None) -> None:
    """No date or month column: the one reference date ("Stand per 1 november 2026", "Peildatum 01-11-2026") or
    month ("Wachttijden oktober 2026") the title block names holds for every row, said once. Export stamps
    ("geëxporteerd op ...") never count; without any, rows are refused as before ("Peildatum ontbreekt")."""
    if {"reference_date", "month", "year"} & set(parsed.columns) or not parsed.rows:
        return
    titles = [str(c).strip() for _, cells in rows[: header_at or 0] for c in cells if isinstance(c, str) and c.strip()]
    found = title_date(titles)
    if found is None:
        return
    value, title = found
    fieldname = "month" if isinstance(value, str) else "reference_date"
    for row in parsed.rows:
        row.values[fieldname] = value
    what = f"de maand {value}" if fieldname == "month" else f"peildatum {value.strftime('%d-%m-%Y')}"
    parsed.notes.append(
        (None, None, f"Geen kolom met datum of maand: alle regels gelezen met {what}, volgens de titel '{title}'.")
    )


def _header_units(parsed: ParsedFile) -> None:
    for fieldname in WAIT_FIGURES:
        header = parsed.columns.get(fieldname)
        unit = header_unit(header) if header else None
        if unit and unit != "weeks":
            parsed.units[fieldname] = unit
            parsed.notes.append(
                (
                    None,
                    header,
                    f"Kolom '{header}' staat in {UNIT_NL[unit]}; omgerekend naar weken ({FIELD_LABELS[fieldname]}).",
                )
            )
