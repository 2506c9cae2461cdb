"""Validation of wait-time rows -> normalised wait records (one per location, care type, diagnosis group, month).

Record fields (also what `run_records(kind="wait-times")` accepts, as text or typed values):
location_name, address, postal_code, city, care_type, service_name, diagnosis_group, registration_weeks,
treatment_weeks, waiting_count, reference_date, month, method, intake_within_norm, intake_outside_norm,
intake_stop (ja/nee), intake_stop_from, intake_stop_until, intake_stop_reason; and location_agb, house_number,
total_weeks (checked against the parts, not stored), care_demand_type.

A field that a row does not carry (no column, or an empty cell) is not "given": it never changes a stored value
(`record["given"]`, a bit per figure, tells the merge which figures the row reports).
"""

from __future__ import annotations

from waitinfo.imports import wait_records, wait_values
from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.periods import month_in_year
from waitinfo.imports.vocabulary import FIELD_LABELS
from waitinfo.imports.wait_checks import (
    check_total,
    skip_summary,
    stop_in_wait_cells,
    summary_row,
    total_only,
    unevaluated,
)
from waitinfo.imports.wait_fields import (  # noqa: F401 - re-exported (older imports name them here)
    clean_city,
    echelon_kind,
    house_number,
    parse_agb,
    parse_month,
    parse_unit,
    wait_kind_for,
)
from waitinfo.providers.xlsx_formulas import Unevaluated

# Figure -> bit of `record["given"]`; the merge changes a stored figure only when its bit is set.
GIVEN_BITS = {
    "registration_weeks": 1,
    "treatment_weeks": 2,
    "waiting_count": 4,
    "method": 8,
    "reference_date": 16,
    "intake_within_norm": 32,
    "intake_outside_norm": 64,
}
_REPORTED = ("registration_weeks", "treatment_weeks", "waiting_count", "intake_within_norm", "intake_outside_norm")
FIGURE_BITS = 1 | 2 | 4 | 32 | 64  # the bits of _REPORTED: a figure, not only when or how it was measured


def _blank(value) -> bool:
    return value is None or (value.__class__ is str and not value.strip())


_ANY_FIGURE = (*_REPORTED, "total_weeks", "intake_stop")


def validate_row(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    if Unevaluated in map(type, values.values()) and unevaluated(check := RowCheck(ctx, line, values), values):
        return None, check  # an XLSX formula without a calculated value
    if "year" in values:  # a `Jaar` column (or the title's year) beside a month without one
        month, problem = month_in_year(values.get("month"), values["year"])
        values = {**values, "month": month}
        if problem is not None:
            (check := RowCheck(ctx, line, values)).error(*problem)
            return None, check
    values, stopped = stop_in_wait_cells(values)  # "aanmeldstop" in a wait cell
    blank = [_blank(values.get(f)) for f in _ANY_FIGURE]  # (_REPORTED..., total_weeks, intake_stop)
    if all(blank):  # e.g. a template row left empty: nothing reported
        check = RowCheck(ctx, line, values)
        check.warn(None, "Regel zonder cijfers: overgeslagen, er is niets gewijzigd.")
        return None, check
    if (word := summary_row(values)) is not None:  # "Totaal" / "Gemiddeld" at the foot of an export
        return None, skip_summary(RowCheck(ctx, line, values), word)
    if all(b for f, b in zip(_ANY_FIGURE, blank, strict=True) if f != "total_weeks"):
        return None, total_only(RowCheck(ctx, line, values))
    record = None if values.get("wait_unit") else wait_records.known_good(ctx, values)
    if record is not None:
        check = RowCheck(ctx, line, values)
    else:
        record, check = wait_values.validate(ctx, line, values)
        if record is None:
            return None, check
    for fieldname, word in stopped:
        check.warn(
            fieldname, f"'{word}' gelezen als aanmeldstop (vanaf de peildatum); het wachttijdcijfer blijft staan."
        )
    given = 0
    for fieldname, bit in GIVEN_BITS.items():
        if not _blank(values.get(fieldname)):
            given |= bit
        elif fieldname in _REPORTED and fieldname in values:
            check.warn(
                fieldname,
                f"Leeg: {FIELD_LABELS[fieldname]} is voor deze regel niet gemeld; een eerder opgeslagen waarde "
                "blijft staan.",
            )
    own_agb = ctx.organization.agb_code
    if own_agb and not _blank(values.get("organization_agb")):
        try:
            row_agb = parse_agb(values["organization_agb"], "organization_agb")
        except NormaliseError as exc:
            check.error("organization_agb", exc.message)
            return None, check
        if row_agb != own_agb:
            check.error(
                "organization_agb",
                f"AGB-code onderneming {row_agb} hoort niet bij deze aanbieder (AGB-code {own_agb}); deze regel is "
                "van een andere aanbieder en is niet verwerkt.",
            )
            return None, check
    unit = record.pop("unit", None)
    if "total_weeks" in values and not _blank(values["total_weeks"]):
        check_total(ctx, check, record["wait"], values["total_weeks"], unit)
    record["given"] = given
    record["line"] = line
    if stopped and not given & FIGURE_BITS:  # only "aanmeldstop": the stop is applied, no empty figure stored
        record["stop_only"] = True
    return record, check


def identity(record: dict) -> tuple:
    loc, svc, w = record["location"], record["service"], record["wait"]
    return (
        loc["agb"] or "",
        loc["name"].lower(),
        loc["postal_code"],
        (svc["name"] or "").lower(),
        svc["demand"],
        w["diagnosis_group_id"],
        w["month"],
    )
