"""Small parsers of wait-file fields: month (see `periods`), unit, place, care type -> wait kind, AGB code, house number."""

from __future__ import annotations

import re
import uuid
from datetime import date

from waitinfo.imports.normalise import NormaliseError
from waitinfo.imports.periods import parse_period
from waitinfo.imports.vocabulary import UNIT_WORDS

SPECIALIST_ORGS = ("specialist_ggz", "addiction_care")


# Echelon / segment words -> wait kind, tried in this order on the cell without spaces and punctuation ("GB-GGZ" ->
# "gbggz"): parts that occur anywhere, then whole cells. The old BGGZ products (Basis GGZ Kort/Middel/Intensief/
# Chronisch) are basic ggz; "S-GGZ", "SGGZ", "gespecialiseerde ggz", "Top GGZ" specialist; "POH-ggz" the GP practice.
ECHELON_WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("poh_ggz", ("poh", "praktijkondersteun", "huisarts"), ()),
    ("ggz_basic", ("basis", "generalist"), ("bggz", "gbggz", "ggzb", "gggz")),
    ("ggz_specialist", ("special", "topklinisch", "topggz"), ("sggz", "ggzs", "tggz")),
    ("social", ("sociaal", "wmo", "welzijn", "wijkteam"), ()),
)


ECHELON_NL = {
    "poh_ggz": "POH-ggz",
    "ggz_basic": "basis-ggz",
    "ggz_specialist": "specialistische ggz",
    "social": "sociaal",
}


def echelon_kind(care_type: str) -> str | None:
    """The wait kind an echelon or segment cell names ("GB-GGZ", "S-GGZ", "basis GGZ", "gespecialiseerde ggz",
    "POH GGZ", "Basis GGZ Kort"), or None when it names none (e.g. a service name or just "ggz")."""
    key = re.sub(r"[^a-z]", "", str(care_type or "").lower())
    for kind, parts, whole in ECHELON_WORDS:
        if key and (key in whole or any(w in key for w in parts)):
            return kind
    return None


def wait_kind_for(care_type: str, org_kind: str) -> str:
    kind = echelon_kind(care_type)
    if kind is not None:
        return kind
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


EXCEL_SHEET_NAME = 31  # Excel cuts a sheet name here: a sheet named after a location may lack its last letters


def cut_name(by_name: dict[str, list], name: str) -> uuid.UUID | None:
    """The one location whose name starts with a name cut at 31 characters (a sheet name), else None."""
    found = [ids for full, ids in by_name.items() if full.startswith(name) and len(full) > len(name)]
    return found[0][0] if len(found) == 1 and len(found[0]) == 1 else None
