"""Small parsers of wait-file fields: month, place, care type -> wait kind, AGB code, house number."""

from __future__ import annotations

import re
from datetime import date

from waitinfo.imports.normalise import MONTHS, NormaliseError, parse_date

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
    if m := re.fullmatch(r"([a-z]{3})[a-z]*\.?[\s'/-]*(\d{4}|\d{2})", text):  # okt-26, oktober 2026, okt '26
        if m[1] in MONTHS:
            return date(int(m[2]) + (2000 if len(m[2]) == 2 else 0), MONTHS[m[1]], 1)
    if m := re.fullmatch(r"(\d{4})(\d{2})", text) or re.fullmatch(r"(\d{4})[/.](\d{1,2})", text):  # 202610
        if 1 <= int(m[2]) <= 12:
            return date(int(m[1]), int(m[2]), 1)
    try:
        return parse_date(value, field).replace(day=1)
    except NormaliseError:
        raise NormaliseError(field, f"Maand '{value}' niet begrepen; schrijf bijvoorbeeld 2026-10.") from None


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
