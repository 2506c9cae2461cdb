"""Validation of wait-time rows -> normalised wait records (one per location, care type, diagnosis group, month).

Record fields (also what `run_records(kind="wait-times")` accepts, as text or typed values):
location_name, address, postal_code, city, care_type, service_name, diagnosis_group, registration_weeks,
treatment_weeks, waiting_count, reference_date, month, method, intake_within_norm, intake_outside_norm,
intake_stop (ja/nee), intake_stop_from, intake_stop_until, intake_stop_reason.
"""

from __future__ import annotations

import re
from datetime import date

from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import (
    MONTHS,
    NormaliseError,
    parse_bool,
    parse_date,
    parse_int,
    parse_method,
    parse_postcode,
    parse_weeks,
)

SPECIALIST_ORGS = ("specialist_ggz", "addiction_care")


def wait_kind_for(care_type: str, org_kind: str) -> str:
    low = care_type.lower()
    if "poh" in low:
        return "poh_ggz"
    if "special" in low or "sggz" in low:
        return "ggz_specialist"
    if "basis" in low or "bggz" in low or "generalist" in low:
        return "ggz_basic"
    if "sociaal" in low or "wmo" in low or "welzijn" in low:
        return "social"
    if org_kind in ("social_work", "welfare", "municipality", "peer_recovery"):
        return "social"
    return "ggz_specialist" if org_kind in SPECIALIST_ORGS else "ggz_basic"


def parse_month(value, field: str = "month") -> date | None:
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value).strip().lower()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})[-/](\d{4})", text):
        year, month = (int(m[1]), int(m[2])) if len(m[1]) == 4 else (int(m[2]), int(m[1]))
        if 1 <= month <= 12:
            return date(year, month, 1)
    if m := re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{4})", text):
        if m[1] in MONTHS:
            return date(int(m[2]), MONTHS[m[1]], 1)
    try:
        return parse_date(value, field).replace(day=1)
    except NormaliseError:
        raise NormaliseError(field, f"Maand '{value}' niet begrepen; schrijf bijvoorbeeld 2026-10.") from None


def clean_city(value) -> str | None:
    text = "" if value is None else str(value).strip()
    return re.sub(r"\s*\([^)]*\)\s*$", "", text) or None


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
_LOCATION_FIELDS = ("location_name", "address", "postal_code", "city")
_SERVICE_FIELDS = ("service_name", "care_type")


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


def validate_row(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    record = _known_good(ctx, values)
    if record is not None:
        return record, RowCheck(ctx, line, values)
    return _validate(ctx, line, values)


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
    if not location_name:
        check.error("location_name", "Naam van de vestiging ontbreekt.")
    raw_city = values.get("city")
    city = ctx.memo.get(("clean_city", raw_city)) or ctx.memo.setdefault(
        ("clean_city", raw_city), clean_city(raw_city) or ""
    )
    city = city or None
    municipality = check("city", ctx.municipality, "city") if city else None
    postal_code = check("postal_code", parse_postcode)
    care_type = str(values.get("care_type") or "").strip()
    service_name = str(values.get("service_name") or "").strip() or care_type or "Behandeling"
    diagnosis = check("diagnosis_group", ctx.diagnosis_group)
    registration = check("registration_weeks", parse_weeks)
    treatment = check("treatment_weeks", parse_weeks)
    waiting = check("waiting_count", parse_int)
    reference_date = check("reference_date", parse_date)
    month = parsed_month = check("month", parse_month)
    method = check("method", parse_method, default=ctx.method_default)
    within = check("intake_within_norm", parse_int)
    outside = check("intake_outside_norm", parse_int)
    stop = check("intake_stop", parse_bool)
    stop_from = check("intake_stop_from", parse_date)
    stop_until = check("intake_stop_until", parse_date)
    if check.ok and month is None:
        if reference_date is None:
            check.error("reference_date", "Peildatum ontbreekt; vul de datum in waarop de wachttijd is bepaald.")
        else:
            month = reference_date.replace(day=1)
    if check.ok and stop_from and stop_until and stop_until < stop_from:
        check.error("intake_stop_until", f"Einde aanmeldstop {stop_until:%d-%m-%Y} ligt voor het begin.")
    if not check.ok:
        return None, check
    location = {
        "name": location_name,
        "address_1": str(values.get("address") or "").strip() or None,
        "postal_code": postal_code,
        "city": city,
        "municipality_code": municipality,
    }
    service = _service(ctx, service_name, care_type)
    try:  # remembered for `_known_good`; later rows naming this location and service share these dicts
        known = _accepted(ctx)
        location = known.locations.setdefault(tuple(map(values.get, _LOCATION_FIELDS)), location)
        known.services.setdefault(tuple(map(values.get, _SERVICE_FIELDS)), service)
        for accepted, f, value in zip(
            known.values,
            _WAIT_FIELDS,
            (
                diagnosis,
                registration,
                treatment,
                waiting,
                reference_date,
                parsed_month,
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
    ), check


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
            "treatment_weeks": treatment[0],
            "treatment_text": treatment[1],
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


def _service(ctx: Context, name: str, care_type: str) -> dict:
    """The same small dict for every row of one service (large files repeat it thousands of times)."""
    k = ("service", name, care_type)
    if k not in ctx.memo:
        ctx.memo[k] = {"name": name, "wait_kind": wait_kind_for(care_type, ctx.organization.kind)}
    return ctx.memo[k]


def identity(record: dict) -> tuple:
    loc, svc, w = record["location"], record["service"], record["wait"]
    return (loc["name"].lower(), loc["postal_code"], svc["name"].lower(), w["diagnosis_group_id"], w["month"])
