"""Small parsers of wait-file fields: month (see `periods`), unit, place, care type -> wait kind, AGB code, house number."""

from __future__ import annotations

import re
from datetime import date

from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.periods import parse_period
from waitinfo.imports.vocabulary import UNIT_WORDS

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
    """The month a month, quarter or week cell is stored as (without peildatum; see `periods.Period`)."""
    period = parse_period(value, field)
    return None if period is None else period.month


def parse_unit(value, field: str = "wait_unit") -> str | None:
    """`dagen`, `wk`, `mnd.` -> days | weeks | months; empty -> None (the header's unit, else weeks)."""
    text = "" if value is None else str(value).replace("\u00a0", " ").strip().lower()
    if not text:
        return None
    word = re.sub(r"^in\s+", "", text).strip(" .()[]")
    for unit, names in UNIT_WORDS.items():
        if word in names or word.rstrip(".") in names:
            return unit
    raise NormaliseError(
        field,
        f"Eenheid '{value}' onbekend; schrijf dagen, weken of maanden (of dgn, wk, mnd). De wachttijden van deze "
        "regel zijn niet verwerkt.",
    )


def clean_city(value) -> str | None:
    text = "" if value is None else str(value).strip()
    return re.sub(r"\s*\([^)]*\)\s*$", "", text) or None


def parse_agb(value, field: str = "location_agb") -> str | None:
    """An AGB code: 8 digits (Excel may drop the leading zero of a number cell)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s.-]", "", str(value))
    if not text:
        return None
    if not text.isdigit() or len(text) > 8 or len(text) < 7:
        raise NormaliseError(field, f"AGB-code '{value}' klopt niet; een AGB-code heeft 8 cijfers.")
    return text.zfill(8)


def house_number(value) -> str | None:
    """The house number (with addition) of `Stationsplein 12a` or `12 A` -> '12A'; None when there is none."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    m = re.search(r"(?:^|\s)(\d{1,5})\s*-?\s*([a-zA-Z]{0,2})\s*$", str(value).strip())
    return f"{m[1]}{m[2].upper()}" if m else None
