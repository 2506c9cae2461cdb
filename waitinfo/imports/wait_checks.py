"""Checks of the wait figures of one row that need more than a parser: the total against its parts, a total
without parts, and waits in a unit the row names itself (a unit column)."""

from __future__ import annotations

import re
from functools import lru_cache

from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import NormaliseError, parse_wait
from waitinfo.providers.xlsx_formulas import Unevaluated

# A totals or average line at the foot of an export ("Totaal", "Gemiddeld", "Eindtotaal", "Alle vestigingen"):
# a sum over rows, not a location. Read where a row names its location or service (never in the diagnosis group,
# where "Totaal" means the figure of the whole service).
SUMMARY_WORDS = re.compile(
    r"(?:sub|eind|grand\s*)?tota(?:al|len|l)(?:\s*generaal)?|gemiddelde?|gem\.?|mediaan|som|average|mean|"
    r"overall|alle\s+(?:vestigingen|locaties|praktijken)"
)
SUMMARY_FIELDS = ("location_name", "location_agb", "organization_agb", "postal_code", "service_name", "care_type")


def summary_row(values: dict) -> str | None:
    """The word of a totals/average row ('Totaal', 'Subtotaal Hengelo', 'Gemiddeld: ...'), or None."""
    for fieldname in SUMMARY_FIELDS:
        value = values.get(fieldname)
        if value.__class__ is str and _is_summary(value):
            return value.strip()
    return None


@lru_cache(maxsize=8192)  # a file names the same few hundred locations and services on every row
def _is_summary(value: str) -> bool:
    text = value.replace("\u00a0", " ").strip().lower().lstrip("*¹²³ ")
    if not text:
        return False
    first = re.split(r"[\s:(]+", text, maxsplit=1)[0].strip(" .-")
    return bool(
        SUMMARY_WORDS.fullmatch(text.strip(" .:")) or (first not in ("som", "gem") and SUMMARY_WORDS.fullmatch(first))
    )


def unevaluated(check: RowCheck, values: dict) -> bool:
    """Whether a cell of the row is an XLSX formula without a calculated value (read as empty otherwise): each such
    cell is an error of the row, which is not applied."""
    found = False
    for fieldname, value in values.items():
        if value.__class__ is Unevaluated and fieldname != "intake_stop_reason":
            found = True
            check.error(
                fieldname,
                f"Formule zonder berekende waarde ('{value}'): open het bestand in Excel en sla het op, of plak als "
                "waarden. Deze regel is niet verwerkt.",
            )
    return found


def skip_summary(check: RowCheck, word: str) -> RowCheck:
    check.warn(
        None,
        f"Totaal- of gemiddelderegel ('{word}') overgeslagen: dat is geen vestiging; alleen de regels per vestiging "
        "worden opgeslagen.",
    )
    return check


def total_only(check: RowCheck) -> RowCheck:
    """A row whose only figure is a total: not applied (a total is never stored as one of its parts)."""
    check.error(
        "total_weeks",
        f"Alleen een totale wachttijd ({check.raw('total_weeks')}): die wordt niet opgeslagen als aanmeld- of "
        "behandelwachttijd. Vul de aanmeldwachttijd (aanmelding tot intake) en de behandelwachttijd (intake tot "
        "start behandeling) in; deze regel is niet verwerkt.",
    )
    return check


def check_total(ctx: Context, check: RowCheck, wait: dict, raw, unit: str | None) -> None:
    """A total next to both parts must be their sum (within a week or 10%); else the row gets a warning."""
    try:
        total = parse_wait(raw, "total_weeks", unit or ctx.units.get("total_weeks"))[0]
    except NormaliseError as exc:
        check.warn("total_weeks", exc.message + " De totale wachttijd is niet gebruikt.")
        return
    reg, treat = wait["registration_weeks"], wait["treatment_weeks"]
    if total is None:
        return
    if reg is None or treat is None:
        check.warn(
            "total_weeks",
            f"Totale wachttijd {total} weken is niet opgeslagen: alleen aanmeld- en behandelwachttijd apart worden "
            "gepubliceerd.",
        )
        return
    if abs(reg + treat - total) > max(1, total / 10):
        check.warn(
            "total_weeks",
            f"Totale wachttijd {total} weken klopt niet met aanmeld- plus behandelwachttijd ({reg} + {treat} = "
            f"{reg + treat} weken); controleer de cijfers.",
        )


def wait_in(check: RowCheck, fieldname: str, unit: str) -> tuple:
    """A wait of a row that names its own unit (a unit column); a unit in the cell itself still wins."""
    try:
        return parse_wait(check.raw(fieldname), fieldname, unit)
    except NormaliseError as exc:
        check.error(fieldname, exc.message)
        return None


# A wait cell that says the intake is closed ("aanmeldstop", "wachtlijst gesloten"): an intake stop for the row,
# not a wrong number. The wait stays as stored (the cell reports no figure).
STOP_WORDS = {
    "aanmeldstop",
    "aanmeld stop",
    "intakestop",
    "wachtlijststop",
    "clientenstop",
    "cliëntenstop",
    "patientenstop",
    "patiëntenstop",
    "gesloten",
    "wachtlijst gesloten",
    "geen aanmelding mogelijk",
    "geen aanmeldingen",
    "stop",
}


def stop_in_wait_cells(values: dict) -> tuple[dict, list[tuple[str, str]]]:
    """(the row's values with stop words taken out of the wait cells and `intake_stop` set, [(field, word)])."""
    found = []
    for f in ("registration_weeks", "treatment_weeks"):
        v = values.get(f)
        if v.__class__ is str and v[:1].isalpha() and " ".join(v.lower().split()).strip(" .!") in STOP_WORDS:
            found.append((f, v.strip()))
    if not found:
        return values, []
    values = {k: v for k, v in values.items() if k not in {f for f, _ in found}}
    if not str(values.get("intake_stop") or "").strip():
        values["intake_stop"] = "ja"
    return values, found
