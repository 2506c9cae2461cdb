"""Field checks for portal forms: the import pipeline's normalise rules when present, the same rules here otherwise."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

MAX_WEEKS = Decimal("260")


class FieldError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _normalise():
    try:
        from waitinfo.imports import normalise
    except ModuleNotFoundError:
        return None
    return normalise


def _wrap(fn, field, value):
    """Call a normalise function; turn its NormaliseError into our FieldError with its Dutch message."""
    norm = _normalise()
    try:
        return fn(value)
    except getattr(norm, "NormaliseError", ()) as exc:
        raise FieldError(field, getattr(exc, "message", None) or str(exc)) from None


def weeks(field: str, raw: str | None) -> Decimal | None:
    text = (raw or "").strip()
    if not text:
        return None
    norm = _normalise()
    if norm is not None and hasattr(norm, "parse_weeks"):
        value = _wrap(norm.parse_weeks, field, text)
        value = getattr(value, "weeks", value)  # the pipeline may return (weeks, text)
        if isinstance(value, tuple):
            value = value[0]
        return None if value is None else Decimal(str(value))
    cleaned = text.lower().replace("weken", "").replace("week", "").replace(",", ".").strip()
    cleaned = re.sub(r"^<\s*", "", cleaned)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise FieldError(field, f"'{text}' is geen aantal weken. Vul een getal in, bijvoorbeeld 6 of 6,5.") from None
    if value < 0:
        raise FieldError(field, "Een wachttijd kan niet negatief zijn.")
    if value > MAX_WEEKS:
        raise FieldError(field, f"{text} weken is meer dan vijf jaar. Controleer het getal (in weken, niet dagen).")
    return value.quantize(Decimal("0.1"))


def count(field: str, raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None
    norm = _normalise()
    if norm is not None and hasattr(norm, "parse_int"):
        return _wrap(norm.parse_int, field, text)
    if not re.fullmatch(r"\d{1,6}", text.replace(".", "")):
        raise FieldError(field, f"'{text}' is geen aantal. Vul een heel getal in (0 of meer), zonder letters.")
    return int(text.replace(".", ""))


def method(field: str, raw: str | None, default: str) -> str:
    text = (raw or "").strip()
    if not text:
        return default
    if text in ("realised", "current"):
        return text
    norm = _normalise()
    if norm is not None and hasattr(norm, "parse_method"):
        return _wrap(norm.parse_method, field, text)
    raise FieldError(field, "Kies een meetmethode: gerealiseerd of actueel.")


def day(field: str, raw: str | None, *, required: bool = False, label: str = "datum") -> date | None:
    text = (raw or "").strip()
    if not text:
        if required:
            raise FieldError(field, f"Vul de {label} in (dd-mm-jjjj).")
        return None
    for fmt in (r"(\d{4})-(\d{1,2})-(\d{1,2})", r"(\d{1,2})-(\d{1,2})-(\d{4})"):
        m = re.fullmatch(fmt, text)
        if m:
            parts = [int(p) for p in m.groups()]
            y, mo, d = parts if fmt.startswith(r"(\d{4})") else parts[::-1]
            try:
                return date(y, mo, d)
            except ValueError:
                break
    norm = _normalise()
    if norm is not None and hasattr(norm, "parse_date"):
        return _wrap(norm.parse_date, field, text)
    raise FieldError(field, f"'{text}' is geen geldige {label}. Schrijf de datum als dd-mm-jjjj.")
