"""Every field of one wait row read and checked from scratch into a record: the rules and messages of wait rows."""

from __future__ import annotations

from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import parse_bool, parse_date, parse_int, parse_method, parse_postcode, parse_wait
from waitinfo.imports.periods import parse_period
from waitinfo.imports.wait_checks import wait_in
from waitinfo.imports.wait_fields import clean_city, echelon_kind, house_number, parse_agb, parse_unit, wait_kind_for
from waitinfo.imports.wait_records import WaitValues, record, remember

# A name that starts like a spreadsheet formula (=HYPERLINK(...), +cmd, @SUM(...)) is never a location or service.
FORMULA_START = ("=", "+", "@")


def validate(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    """The record of a row, or None; the check holds its errors and warnings (`validate_waits.validate_row` first
    skips rows without figures and tries `wait_records.known_good`)."""
    check = RowCheck(ctx, line, values)
    location_name = str(values.get("location_name") or "").strip()
    agb = check("location_agb", parse_agb)
    raw_city = values.get("city")
    city = ctx.memo.get(("clean_city", raw_city)) or ctx.memo.setdefault(
        ("clean_city", raw_city), clean_city(raw_city) or ""
    )
    city = city or None
    municipality = check("city", ctx.municipality, "city") if city else None
    postal_code = check("postal_code", parse_postcode)
    if not (location_name or agb or postal_code) and check.ok:
        check.error(
            "location_name", "Vestiging ontbreekt: vul de naam, de AGB-code of de postcode van de vestiging in."
        )
    care_type = str(values.get("care_type") or "").strip()
    service_name = str(values.get("service_name") or "").strip() or care_type
    for fieldname, name in (("location_name", location_name), ("service_name", service_name)):
        if name.startswith(FORMULA_START):
            check.error(
                fieldname,
                f"'{name}' is een spreadsheetformule, geen naam (begint met '{name[0]}'); vul de naam als tekst in. "
                "Deze regel is niet verwerkt.",
            )
    demand = str(values.get("care_demand_type") or "").strip()
    diagnosis = check("diagnosis_group", ctx.diagnosis_group)
    row_unit = check("wait_unit", parse_unit) if values.get("wait_unit") else None
    if row_unit is None:
        registration = check("registration_weeks", parse_wait, unit=ctx.units.get("registration_weeks"))
        treatment = check("treatment_weeks", parse_wait, unit=ctx.units.get("treatment_weeks"))
    else:  # a unit of this row only: not memoised by value
        registration = wait_in(check, "registration_weeks", row_unit)
        treatment = wait_in(check, "treatment_weeks", row_unit)
    waiting = check("waiting_count", parse_int)
    reference_date = check("reference_date", parse_date)
    period = check("month", parse_period)
    method = check("method", parse_method, default=ctx.method_default)
    within = check("intake_within_norm", parse_int)
    outside = check("intake_outside_norm", parse_int)
    stop = check("intake_stop", parse_bool)
    stop_from = check("intake_stop_from", parse_date)
    stop_until = check("intake_stop_until", parse_date)
    month = None
    if check.ok and period is None:
        if reference_date is None:
            check.error("reference_date", "Peildatum ontbreekt; vul de datum in waarop de wachttijd is bepaald.")
        else:
            month = reference_date.replace(day=1)
    elif check.ok:
        month, assumed = period.stored_month(reference_date)
        said = ctx.memo.setdefault("periods said", set())
        if assumed and (period, month) not in said:  # once per period, on its first accepted row
            said.add((period, month))
            check.warn("month", assumed)
    if check.ok and stop_from and stop_until and stop_until < stop_from:
        check.error("intake_stop_until", f"Einde aanmeldstop {stop_until:%d-%m-%Y} ligt voor het begin.")
    if not check.ok:
        return None, check
    address = str(values.get("address") or "").strip() or None
    location = {
        "name": location_name,
        "address_1": address,
        "postal_code": postal_code,
        "city": city,
        "municipality_code": municipality,
        "agb": agb,
        "house_number": house_number(values.get("house_number")) or house_number(address),
    }
    service = _service(ctx, service_name, care_type, demand)
    wait = WaitValues(
        diagnosis,
        registration,
        treatment,
        waiting,
        reference_date,
        period,
        method,
        within,
        outside,
        stop,
        stop_from,
        stop_until,
    )
    # remembered for `wait_records.known_good`; later rows naming this location and service share these dicts
    location = remember(ctx, values, location, service, wait, own_unit=row_unit is not None)
    row = record(location, service, month, wait, values)
    if row_unit is not None:
        row["unit"] = row_unit  # for the total check; popped in validate_row
    if period is not None and period.kind == "week":
        row["week"] = period  # several weeks of one month: the last one is kept (row_checks)
    return row, check


def _service(ctx: Context, name: str, care_type: str, demand: str) -> dict:
    """The same small dict for every row of one service (large files repeat it thousands of times). Without a
    service or care-type column the name is None: the row is linked to the location's existing services."""
    k = ("service", name, care_type, demand)
    if k not in ctx.memo:
        ctx.memo[k] = {
            "name": name or None,
            "wait_kind": wait_kind_for(care_type, ctx.organization.kind),
            "echelon": echelon_kind(care_type),  # None: the file names no echelon (the kind is the provider's)
            "care_type": care_type,
            "demand": demand or None,
        }
    return ctx.memo[k]
