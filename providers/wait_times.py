"""Monthly wait-time file (CSV/TSV/semicolon or XLSX): one row per location, care type or service, diagnosis group
and month, in the words of the NZa/Vektis delivery, EPD exports and practice spreadsheets (see
`waitinfo.imports.vocabulary`). Units in headers are recorded so waits in days or months become weeks."""

from waitinfo.imports.vocabulary import FIELD_LABELS, UNIT_NL, WAIT_ALIASES, WAIT_FIGURES, header_unit
from waitinfo.providers.base import ParsedFile, ReadError
from waitinfo.providers.tabular import read_table

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
    parsed = read_table(raw, ALIASES, KIND, (), mapping=mapping)
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
    return parsed
