"""The record a wait row becomes, and records put together from values that accepted rows of the run already gave."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from waitinfo.imports.context import Context

if TYPE_CHECKING:
    from waitinfo.imports.periods import Period

Wait = tuple[Decimal | None, str | None, bool]  # weeks, the text as written, lower bound (`normalise.parse_wait`)


class WaitValues(NamedTuple):
    """The normalised values of a row's wait fields, in the order of WAIT_FIELDS."""

    diagnosis_group: uuid.UUID | None
    registration_weeks: Wait
    treatment_weeks: Wait
    waiting_count: int | None
    reference_date: date | None
    month: Period | None  # the period as read, not yet the month it is stored as
    method: str | None
    intake_within_norm: int | None
    intake_outside_norm: int | None
    intake_stop: bool | None
    intake_stop_from: date | None
    intake_stop_until: date | None


# The fields of a row behind WaitValues, and those that make up its location and service.
WAIT_FIELDS = WaitValues._fields
LOCATION_FIELDS = ("location_name", "address", "postal_code", "city", "location_agb", "house_number")
SERVICE_FIELDS = ("service_name", "care_type", "care_demand_type")


class Accepted:
    """What accepted rows of this run looked like: per field, raw value -> normalised value; per raw location
    and service, the shared dict. Only `remember` adds to it, and only for rows `wait_values.validate` accepted."""

    def __init__(self):
        self.values: tuple[dict, ...] = tuple({} for _ in WAIT_FIELDS)
        self.locations: dict[tuple, dict] = {}
        self.services: dict[tuple, dict] = {}
        self.months: dict = {}  # reference date -> its month


def accepted(ctx: Context) -> Accepted:
    known = ctx.memo.get(Accepted)
    if known is None:
        known = ctx.memo[Accepted] = Accepted()
    return known


def known_good(ctx: Context, values: dict) -> dict | None:
    """The record of a row whose every value already occurred in an accepted row of this run, else None.

    Monthly files repeat the same locations, groups, dates and weeks on every row, so most rows are put together
    from what earlier rows gave, by lookups only (no parser, no per-field Python call); anything new or wrong
    goes through `wait_values.validate`, which owns every rule and message. The location and service dicts are
    shared by all rows that name them."""
    known = accepted(ctx)
    get = values.get
    try:
        location = known.locations[tuple(map(get, LOCATION_FIELDS))]
        service = known.services[tuple(map(get, SERVICE_FIELDS))]
        wait = WaitValues._make(map(dict.__getitem__, known.values, map(get, WAIT_FIELDS)))
    except (KeyError, TypeError):  # a value not seen in an accepted row yet, or unhashable (lists from JSON)
        return None
    period, reference_date = wait.month, wait.reference_date
    if period is None:
        if reference_date is None:
            return None
        month = known.months.get(reference_date) or known.months.setdefault(
            reference_date, reference_date.replace(day=1)
        )
    elif period.kind in ("quarter", "range") and reference_date is not None:
        return None  # the peildatum may pick the month: `wait_values.validate` decides and says so
    elif period.kind == "week":
        return None  # `wait_values.validate` marks the week (several weeks of one month: the last is kept)
    else:
        month = period.month
    if wait.intake_stop_from and wait.intake_stop_until and wait.intake_stop_until < wait.intake_stop_from:
        return None
    return record(location, service, month, wait, values)


def remember(ctx: Context, values: dict, location: dict, service: dict, wait: WaitValues, *, own_unit: bool) -> dict:
    """Keeps what an accepted row gave, for `known_good`; returns the location dict that every later row naming
    this location shares. Waits read in a unit of the row's own (`own_unit`) are not remembered."""
    try:
        known = accepted(ctx)
        location = known.locations.setdefault(tuple(map(values.get, LOCATION_FIELDS)), location)
        known.services.setdefault(tuple(map(values.get, SERVICE_FIELDS)), service)
        for seen, f, value in zip(
            _without_waits(known.values) if own_unit else known.values, WAIT_FIELDS, wait, strict=True
        ):
            seen.setdefault(values.get(f), value)
    except TypeError:  # unhashable value (lists from JSON): nothing to remember
        pass
    return location


def _without_waits(values: tuple[dict, ...]) -> tuple[dict, ...]:
    """The accepted values with fresh dicts for the waits: figures read in a row's own unit are not remembered."""
    skip = {WAIT_FIELDS.index("registration_weeks"), WAIT_FIELDS.index("treatment_weeks")}
    return tuple({} if i in skip else d for i, d in enumerate(values))


def record(location: dict, service: dict, month, wait: WaitValues, values: dict) -> dict:
    """The record of one row: `month` is the month the wait is stored as (`wait.month` is the period read)."""
    registration, treatment, stop = wait.registration_weeks, wait.treatment_weeks, wait.intake_stop
    return {
        "location": location,
        "service": service,
        "wait": {
            "month": month,
            "diagnosis_group_id": wait.diagnosis_group,
            "registration_weeks": registration[0],
            "registration_text": registration[1],
            "registration_lower_bound": registration[2],
            "treatment_weeks": treatment[0],
            "treatment_text": treatment[1],
            "treatment_lower_bound": treatment[2],
            "waiting_count": wait.waiting_count,
            "method": wait.method,
            "reference_date": wait.reference_date,
            "intake_within_norm": wait.intake_within_norm,
            "intake_outside_norm": wait.intake_outside_norm,
        },
        "intake_stop": None
        if stop is None
        else {
            "active": stop,
            "starts_on": wait.intake_stop_from or wait.reference_date or month,
            "ends_on": wait.intake_stop_until,
            "reason": str(values.get("intake_stop_reason") or "").strip(),
        },
    }
