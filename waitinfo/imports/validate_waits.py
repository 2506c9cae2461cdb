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

from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import (
    NormaliseError,
    parse_bool,
    parse_date,
    parse_int,
    parse_method,
    parse_postcode,
    parse_wait,
)
from waitinfo.imports.periods import month_in_year, parse_period
from waitinfo.imports.vocabulary import FIELD_LABELS
from waitinfo.imports.wait_checks import (
    check_total,
    skip_summary,
    stop_in_wait_cells,
    summary_row,
    total_only,
    unevaluated,
    wait_in,
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

# The fields of a row that `_validate` reads through `check`, and those that make up its location and service.
_WAIT_FIELDS = (
    "diagnosis_group",
    "registration_weeks",
    "treatment_weeks",
    "waiting_count",
    "reference_date",
    "month",
    "method",
    "intake_within_norm",
    "intake_outside_norm",
    "intake_stop",
    "intake_stop_from",
    "intake_stop_until",
)
_LOCATION_FIELDS = ("location_name", "address", "postal_code", "city", "location_agb", "house_number")
_SERVICE_FIELDS = ("service_name", "care_type", "care_demand_type")

# A name that starts like a spreadsheet formula (=HYPERLINK(...), +cmd, @SUM(...)) is never a location or service.
FORMULA_START = ("=", "+", "@")

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


class _Accepted:
    """What accepted rows of this run looked like: per field, raw value -> normalised value; per raw location
    and service, the shared dict. Only `_validate` adds to it, and only for rows it accepted."""

    def __init__(self):
        self.values: tuple[dict, ...] = tuple({} for _ in _WAIT_FIELDS)
        self.locations: dict[tuple, dict] = {}
        self.services: dict[tuple, dict] = {}
        self.months: dict = {}  # reference date -> its month


def _accepted(ctx: Context) -> _Accepted:
    known = ctx.memo.get(_Accepted)
    if known is None:
        known = ctx.memo[_Accepted] = _Accepted()
    return known


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
    record = None if values.get("wait_unit") else _known_good(ctx, values)
    if record is not None:
        check = RowCheck(ctx, line, values)
    else:
        record, check = _validate(ctx, line, values)
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


def _known_good(ctx: Context, values: dict) -> dict | None:
    """The record of a row whose every value already occurred in an accepted row of this run, else None.

    Monthly files repeat the same locations, groups, dates and weeks on every row, so most rows are put together
    from what earlier rows gave, by lookups only (no parser, no per-field Python call); anything new or wrong
    goes through `_validate`, which owns every rule and message. The location and service dicts are shared by
    all rows that name them."""
    known = _accepted(ctx)
    get = values.get
    try:
        location = known.locations[tuple(map(get, _LOCATION_FIELDS))]
        service = known.services[tuple(map(get, _SERVICE_FIELDS))]
        (
            diagnosis,
            registration,
            treatment,
            waiting,
            reference_date,
            month,
            method,
            within,
            outside,
            stop,
            stop_from,
            stop_until,
        ) = map(dict.__getitem__, known.values, map(get, _WAIT_FIELDS))
    except (KeyError, TypeError):  # a value not seen in an accepted row yet, or unhashable (lists from JSON)
        return None
    if month is None:
        if reference_date is None:
            return None
        month = known.months.get(reference_date) or known.months.setdefault(
            reference_date, reference_date.replace(day=1)
        )
    elif month.kind in ("quarter", "range") and reference_date is not None:
        return None  # the peildatum may pick the month: `_validate` decides and says so
    elif month.kind == "week":
        return None  # `_validate` marks the week (several weeks of one month: the last is kept)
    else:
        month = month.month
    if stop_from and stop_until and stop_until < stop_from:
        return None
    return _record(
        location,
        service,
        month,
        diagnosis,
        registration,
        treatment,
        waiting,
        method,
        reference_date,
        within,
        outside,
        stop,
        stop_from,
        stop_until,
        values,
    )


def _validate(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
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
    try:  # remembered for `_known_good`; later rows naming this location and service share these dicts
        known = _accepted(ctx)
        location = known.locations.setdefault(tuple(map(values.get, _LOCATION_FIELDS)), location)
        known.services.setdefault(tuple(map(values.get, _SERVICE_FIELDS)), service)
        for accepted, f, value in zip(
            known.values if row_unit is None else _without_waits(known.values),
            _WAIT_FIELDS,
            (
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
            ),
            strict=True,
        ):
            accepted.setdefault(values.get(f), value)
    except TypeError:  # unhashable value (lists from JSON): nothing to remember
        pass
    record = _record(
        location,
        service,
        month,
        diagnosis,
        registration,
        treatment,
        waiting,
        method,
        reference_date,
        within,
        outside,
        stop,
        stop_from,
        stop_until,
        values,
    )
    if row_unit is not None:
        record["unit"] = row_unit  # for the total check; popped in validate_row
    if period is not None and period.kind == "week":
        record["week"] = period  # several weeks of one month: the last one is kept (row_checks)
    return record, check


def _without_waits(values: tuple[dict, ...]) -> tuple[dict, ...]:
    """The accepted values with fresh dicts for the waits: figures read in a row's own unit are not remembered."""
    skip = {_WAIT_FIELDS.index("registration_weeks"), _WAIT_FIELDS.index("treatment_weeks")}
    return tuple({} if i in skip else d for i, d in enumerate(values))


def _record(
    location: dict,
    service: dict,
    month,
    diagnosis,
    registration,
    treatment,
    waiting,
    method,
    reference_date,
    within,
    outside,
    stop,
    stop_from,
    stop_until,
    values: dict,
) -> dict:
    return {
        "location": location,
        "service": service,
        "wait": {
            "month": month,
            "diagnosis_group_id": diagnosis,
            "registration_weeks": registration[0],
            "registration_text": registration[1],
            "registration_lower_bound": registration[2],
            "treatment_weeks": treatment[0],
            "treatment_text": treatment[1],
            "treatment_lower_bound": treatment[2],
            "waiting_count": waiting,
            "method": method,
            "reference_date": reference_date,
            "intake_within_norm": within,
            "intake_outside_norm": outside,
        },
        "intake_stop": None
        if stop is None
        else {
            "active": stop,
            "starts_on": stop_from or reference_date or month,
            "ends_on": stop_until,
            "reason": str(values.get("intake_stop_reason") or "").strip(),
        },
    }


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
