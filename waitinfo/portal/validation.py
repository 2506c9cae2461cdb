"""Field checks for portal forms, with exactly the import pipeline's rules (waitinfo.imports.normalise), and the
FormResult a parsed form gives back."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from waitinfo.imports import normalise


@dataclass
class FormResult:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


class FieldError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _call(field, fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except normalise.NormaliseError as exc:
        raise FieldError(field, exc.message) from None


def weeks(field: str, raw: str | None) -> tuple[Decimal | None, str | None]:
    """(weeks, the provider's own text when it was not a plain number, e.g. '<1' or '2-4')."""
    return _call(field, normalise.parse_weeks, raw or "", field)


def count(field: str, raw: str | None) -> int | None:
    return _call(field, normalise.parse_int, raw or "", field)


def method(field: str, raw: str | None, default: str) -> str:
    return _call(field, normalise.parse_method, raw or "", field, default=default)


def day(field: str, raw: str | None, *, required: bool = False, label: str = "datum") -> date | None:
    value = _call(field, normalise.parse_date, raw or "", field)
    if value is None and required:
        raise FieldError(field, f"Vul de {label} in (dd-mm-jjjj).")
    return value


def postcode(field: str, raw: str | None) -> str | None:
    return _call(field, normalise.parse_postcode, raw or "", field)


def age_range(field: str, raw: str | None) -> tuple[int | None, int | None]:
    return _call(field, normalise.parse_age_range, raw or "", field)
