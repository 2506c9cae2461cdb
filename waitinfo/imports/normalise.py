"""Pure normalisation of what providers write (Dutch numbers, dates, ages, yes/no, methods) into values.

Every function returns a value or raises `NormaliseError(field, message_nl)`; the message is Dutch, says what
was wrong and keeps what the provider typed. Used by the import pipeline and by the provider portal.
Municipalities and opening hours live in sibling modules and are re-exported here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation


class NormaliseError(ValueError):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


EMPTY = {"", "-", "n.v.t.", "nvt", "n.v.t", "nvt.", "n.b.", "nb", "onbekend", "none", "null"}
NOT_APPLICABLE = {"n.v.t.", "nvt", "n.v.t", "nvt.", "n.b.", "nb", "onbekend", "-"}
ZERO = {
    "geen",
    "geen wachttijd",
    "geen wachtlijst",
    "geen wachttijden",
    "0 weken",
    "direct",
    "per direct",
    "direct plaats",
    "direct plek",
    "meteen",
    "nul",
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u00a0", " ").strip()


def is_empty(value) -> bool:
    return _text(value).lower() in EMPTY


def _decimal(text: str) -> Decimal | None:
    t = text.replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):  # 1.234,5
        t = t.replace(".", "")
    t = t.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - regex already guards
        return None


_APPROX = re.compile(r"(ca\.?|circa|ongeveer|\+/-|\+-|±|plm\.?|ongev\.?|rond|gemiddeld|gem\.)\s*(?=\d)")


def parse_weeks(value, field: str = "weken") -> tuple[Decimal | None, str | None]:
    """A wait in weeks -> (value, provider's text). `<1` -> 0.5, `2-4` -> 4, `geen` -> 0, `n.v.t.` -> None."""
    original = _text(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
        if number < 0:
            raise NormaliseError(field, f"Negatieve wachttijd '{original}' is niet mogelijk; vul 0 of meer weken in.")
        return _round(number, field, original), None
    low = original.lower()
    for suffix in (" weken", " week", " wk", "wk", "w"):
        if low.endswith(suffix) and low[: -len(suffix)].strip():
            low = low[: -len(suffix)].strip()
            break
    if low in EMPTY:
        return None, (original or None)
    if low in ZERO:
        return Decimal("0"), original
    if m := _APPROX.match(low):  # "ca. 6", "+/- 4", "ongeveer 8": the number, the provider's words kept
        number, _ = parse_weeks(low[m.end() :], field)
        return number, original
    m = re.fullmatch(r"(<|&lt;|minder dan|korter dan)\s*1", low)
    if m:
        return Decimal("0.5"), original
    m = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)\s*(?:-|–|tot|a|à)\s*(-?\d+(?:[.,]\d+)?)", low)
    if m:
        lo, hi = _decimal(m.group(1)), _decimal(m.group(2))
        if lo is None or hi is None or lo < 0 or hi < lo:
            raise NormaliseError(field, f"Bereik '{original}' klopt niet; schrijf bijvoorbeeld 2-4.")
        return _round(hi, field, original), original
    number = _decimal(low)
    if number is None:
        raise NormaliseError(field, f"'{original}' is geen aantal weken; gebruik een getal zoals 6 of 7,5.")
    if number < 0:
        raise NormaliseError(field, f"Negatieve wachttijd '{original}' is niet mogelijk; vul 0 of meer weken in.")
    return _round(number, field, original), None


_LOWER_BOUND = re.compile(
    r"(?:>=?|&gt;|≥|meer dan|langer dan|ruim|minstens|minimaal|meer als)\s*(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s*\+"
)
_VALUE_UNIT = re.compile(
    r"(.*?\d)\s*(dagen|days|dag|day|dgn|d|weken|weeks|week|wks|wkn|wk|w|maanden|months|maand|month|mnd)\.?"
)
_UNIT_OF_WORD = {  # English too: JSON feeds of international EPD vendors ("4 weeks")
    **dict.fromkeys(("dagen", "dag", "dgn", "d", "days", "day"), "days"),
    **dict.fromkeys(("weken", "week", "wkn", "wk", "w", "weeks", "wks"), "weeks"),
    **dict.fromkeys(("maanden", "maand", "mnd", "months", "month"), "months"),
}
_WEEKS_PER = {"days": Decimal(1) / Decimal(7), "weeks": Decimal(1), "months": Decimal(52) / Decimal(12)}
_UNIT_NL = {"days": "dagen", "weeks": "weken", "months": "maanden"}


def parse_wait(value, field: str = "weken", unit: str | None = None) -> tuple[Decimal | None, str | None, bool]:
    """A wait as providers write it -> (weeks, provider's text or None, lower bound). `unit` is the unit of the
    column header (days | weeks | months; None: weeks); a unit written in the cell wins. `> 26`, `>26`,
    `meer dan 26` and `26+` are lower bounds: (26, text, True), never plain 26."""
    original = _text(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if unit in (None, "weeks"):
            weeks, text = parse_weeks(value, field)
            return weeks, text, False
        number, _ = parse_weeks(value, field)
        return _to_weeks(number, unit), f"{original} {_UNIT_NL[unit]}", False
    low = re.sub(r"\s+", " ", original.lower())
    cell_unit = None
    if m := _VALUE_UNIT.fullmatch(low):
        low, cell_unit = m[1].strip(), _UNIT_OF_WORD[m[2]]
    unit = cell_unit or unit or "weeks"
    lower = False
    if m := _LOWER_BOUND.fullmatch(low):
        low, lower = m[1] or m[2], True
    number, text = parse_weeks(low, field) if low != original.lower() or unit != "weeks" else parse_weeks(value, field)
    if number is None:
        return None, text if text is None else original, False
    if unit != "weeks":
        number = _to_weeks(number, unit)
        text = original if cell_unit else f"{original} {_UNIT_NL[unit]}"
    elif lower:
        text = original
    return number, text, lower


def _to_weeks(number: Decimal | None, unit: str) -> Decimal | None:
    if number is None:
        return None
    return (number * _WEEKS_PER[unit]).quantize(Decimal("0.1"))


def _round(number: Decimal, field: str, original: str) -> Decimal:
    if number > Decimal("999"):
        raise NormaliseError(field, f"Wachttijd '{original}' weken is onwaarschijnlijk groot; controleer het getal.")
    return number.quantize(Decimal("0.1"))


def parse_int(value, field: str = "aantal", *, minimum: int | None = 0) -> int | None:
    """A whole number or None when empty; `twee` is rejected."""
    if isinstance(value, bool):
        raise NormaliseError(field, f"'{value}' is geen getal.")
    if isinstance(value, int):
        number = value
    else:
        original = _text(value)
        if original.lower() in EMPTY:
            return None
        d = _decimal(original)
        if d is None or d != d.to_integral_value():
            raise NormaliseError(field, f"'{original}' is geen geheel getal; vul een getal in zoals 12.")
        number = int(d)
    if minimum is not None and number < minimum:
        raise NormaliseError(field, f"'{number}' mag niet kleiner zijn dan {minimum}.")
    return number


EXCEL_EPOCH = date(1899, 12, 30)
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "maa": 3,
    "apr": 4,
    "mei": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


def parse_date(value, field: str = "datum") -> date | None:
    """dd-mm-yyyy, d/m/yyyy, ISO yyyy-mm-dd, `14 oktober 2026`, date/datetime cells, Excel serial numbers."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 19000101 <= value <= 20991231:
        value = str(int(value))  # 20261101 as a number cell: yyyymmdd, not an Excel serial
    original = _text(value)
    if original.lower() in EMPTY:
        return None
    if isinstance(value, (int, float)) or re.fullmatch(r"\d{5}(\.0+)?", original):
        serial = int(float(original))
        if 20000 <= serial <= 80000:  # 1954 .. 2119
            return EXCEL_EPOCH + timedelta(days=serial)
        raise NormaliseError(field, f"'{original}' is geen datum; schrijf dd-mm-jjjj.")
    text = original.split("T")[0].split(" ")[0] if re.match(r"\d{4}-\d", original) else original
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"((?:19|20)\d{2})(\d{2})(\d{2})", text):  # 20261101, as Vektis deliveries write it
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})", text):
            return date(_year(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{4}|\d{2})", text.lower()):
            if m[2] in MONTHS:
                return date(_year(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise NormaliseError(field, f"Datum '{original}' bestaat niet; controleer dag en maand.") from None
    raise NormaliseError(field, f"'{original}' is geen datum; schrijf dd-mm-jjjj, bijvoorbeeld 01-10-2026.")


def _year(text: str) -> int:
    """`26` -> 2026 (two-digit years in monthly files are this century)."""
    return int(text) + 2000 if len(text) == 2 else int(text)


def parse_age_range(value, field: str = "leeftijd") -> tuple[int | None, int | None]:
    """`18+`, `vanaf 18`, `18 - 99`, `18 jaar en ouder`, `tot 65`, `alle leeftijden` -> (minimum, maximum)."""
    original = _text(value)
    low = original.lower().replace("jaar", "").replace("en ouder", "+").replace("en older", "+").strip()
    low = re.sub(r"\s+", " ", low)
    if low in EMPTY or low in ("alle leeftijden", "iedereen", "alle"):
        return None, None
    if m := re.fullmatch(r"(?:vanaf|va\.?|v\.a\.)\s*(\d{1,3})\s*\+?", low) or re.fullmatch(r"(\d{1,3})\s*\+", low):
        return _ages(int(m[1]), None, field, original)
    if m := re.fullmatch(r"(\d{1,3})\s*(?:-|–|t/m|tot en met|tot)\s*(\d{1,3})", low):
        return _ages(int(m[1]), int(m[2]), field, original)
    if m := re.fullmatch(r"(?:tot|t/m|tot en met)\s*(\d{1,3})", low):
        return _ages(None, int(m[1]), field, original)
    if m := re.fullmatch(r"(\d{1,3})", low):
        return _ages(int(m[1]), None, field, original)
    raise NormaliseError(field, f"Leeftijd '{original}' niet begrepen; schrijf bijvoorbeeld 18+ of 18 - 65.")


def _ages(lo, hi, field, original):
    if (lo is not None and lo > 120) or (hi is not None and hi > 120) or (lo and hi and hi < lo):
        raise NormaliseError(field, f"Leeftijd '{original}' klopt niet; controleer de grenzen.")
    return lo, hi


TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel", "verplicht", "nodig"}
FALSE = {"nee", "n", "no", "false", "onwaar", "0", "niet", "geen", "niet nodig"}


def parse_bool(value, field: str = "ja/nee") -> bool | None:
    """ja/nee in any case; `ja (huisarts)` is yes; empty is None."""
    if isinstance(value, bool):
        return value
    original = _text(value)
    low = original.lower()
    if low in EMPTY:
        return None
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    first = re.split(r"[\s,(;:]+", low, maxsplit=1)[0]
    if first in ("ja", "yes", "wel"):
        return True
    if first in ("nee", "no", "geen"):
        return False
    raise NormaliseError(field, f"'{original}' is geen ja of nee.")


METHODS = {
    "realised": "realised",
    "realized": "realised",
    "gerealiseerd": "realised",
    "gerealiseerde wachttijd": "realised",
    "gerealiseerde": "realised",
    "realisatie": "realised",
    "gemiddeld": "realised",
    "gemiddelde": "realised",
    "current": "current",
    "actueel": "current",
    "actuele": "current",
    "actuele wachttijd": "current",
    "derde vrije plek": "current",
    "3e vrije plek": "current",
    "derde vrije plaats": "current",
    "3e vrije plaats": "current",
    "agenda": "current",
}


def parse_method(value, field: str = "meetmethode", default: str | None = None) -> str | None:
    """Dutch names of the NZa measurement methods -> realised | current; empty -> default."""
    original = _text(value)
    low = re.sub(r"\s+", " ", original.lower())
    if low in EMPTY:
        return default
    if low in METHODS:
        return METHODS[low]
    for key, method in METHODS.items():
        if len(key) > 5 and key in low:
            return method
    raise NormaliseError(
        field, f"Meetmethode '{original}' onbekend; kies 'gerealiseerd' of 'actueel' (derde vrije plek)."
    )


def split_list(value) -> list[str]:
    """`a, b; c` -> ['a', 'b', 'c'] (comma or semicolon lists)."""
    return [p.strip() for p in re.split(r"[;,\n]", _text(value)) if p.strip()]


POSTCODE = re.compile(r"^\s*(\d{4})\s?([A-Za-z]{2})\s*$")


def parse_keyword(value, keywords: list[tuple[str, str]], field: str, unknown: str) -> str:
    """The code of the first keyword found in the text (case-insensitive); `unknown` says what may be chosen."""
    text = "" if value is None else str(value).strip()
    for word, code in keywords:
        if word in text.lower():
            return code
    raise NormaliseError(field, unknown.format(text=text))


def parse_postcode(value, field: str = "postcode") -> str | None:
    original = _text(value)
    if not original:
        return None
    m = POSTCODE.match(original)
    if not m:
        raise NormaliseError(field, f"Postcode '{original}' klopt niet; schrijf 1234 AB.")
    return f"{m[1]} {m[2].upper()}"


# Re-exports: municipality and opening-hour parsing (kept in their own modules for size).
from waitinfo.imports.hours import parse_opening_hours  # noqa: E402
from waitinfo.imports.places import parse_service_area, resolve_municipality  # noqa: E402

__all__ = [
    "NormaliseError",
    "is_empty",
    "parse_age_range",
    "parse_bool",
    "parse_date",
    "parse_int",
    "parse_method",
    "parse_opening_hours",
    "parse_postcode",
    "parse_service_area",
    "parse_wait",
    "parse_weeks",
    "resolve_municipality",
    "split_list",
]
