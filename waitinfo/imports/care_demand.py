"""Zorgvraagtypering (the ggz care-demand typing, zorgvraagtype 1..8 and 10..21) as wait files write it, and what
it says about the service a row belongs to. One data table (`DEMAND_TYPES`); `wait_links.Links` reads it.

1-8 are non-psychotic problems of increasing severity, 10-17 psychotic problems, 18-21 cognitive (organic)
problems in older people. There is no type 9 (and 0, "variance", is no care demand)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ELDERLY_MIN_AGE = 55  # a service from this minimum age on is for older people (ouderenpsychiatrie, 60+, 65+)


@dataclass(frozen=True)
class DemandType:
    label: str  # Dutch, in reports and on the held-rows page
    needs: tuple[str, ...] = ()  # need codes of services that treat it: narrows like a diagnosis group
    levels: tuple[str, ...] = ()  # wait kinds that usually fit: a proposal to confirm, never a link by itself
    elderly: bool = False  # services for older people (minimum age >= ELDERLY_MIN_AGE) fit; narrows like needs


_MILD = DemandType("lichte niet-psychotische problematiek", levels=("poh_ggz", "ggz_basic"))
_MODERATE = DemandType("matige niet-psychotische problematiek")
_SEVERE = DemandType("ernstige niet-psychotische problematiek", levels=("ggz_specialist",))
_PSYCHOTIC = DemandType("psychotische problematiek", needs=("psychose",), levels=("ggz_specialist",))
# The needs taxonomy has no need for cognitive problems or old age: older people's services are found by age.
_COGNITIVE = DemandType("cognitieve problematiek bij ouderen", elderly=True, levels=("ggz_specialist",))

DEMAND_TYPES: dict[int, DemandType] = {
    1: _MILD,
    2: _MILD,
    3: _MODERATE,
    **dict.fromkeys(range(4, 9), _SEVERE),
    **dict.fromkeys(range(10, 18), _PSYCHOTIC),
    14: DemandType("psychotische crisis", needs=("psychose", "crisis"), levels=("ggz_specialist",)),
    16: DemandType("psychose en verslaving", needs=("psychose", "verslaving"), levels=("ggz_specialist",)),
    **dict.fromkeys(range(18, 22), _COGNITIVE),
}

_NUMBER = re.compile(
    r"(?:zorg\s*vraag\s*(?:type(?:ring)?|categorie)|zvt)?\s*(?:nr\.?|nummer)?\s*[-:.#]?\s*0*(\d{1,2})"
    r"(?!\d)(?!\s*(?:-|t/m|tot)\s*\d)",
    re.IGNORECASE,
)


def parse_demand(value) -> int | None:
    """The zorgvraagtype number of "3", "ZVT 3", "zvt11", "zorgvraagtype 11", "Zorgvraagtype 11: ...", "ZVT-03";
    None for anything else ("Kort", a range "1-8", 9, 0): such text is kept only to tell rows apart."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    m = _NUMBER.match(str(value).strip())
    if m is None:
        return None
    number = int(m[1])
    return number if number in DEMAND_TYPES else None


def demand_key(value) -> str:
    """The demand as part of a remembered link: "zvt11" for every spelling of type 11, else the text itself."""
    number = parse_demand(value)
    return f"zvt{number}" if number is not None else str(value or "").strip().lower()


def describe(number: int) -> str:
    """ "zorgvraagtype 11: psychotische problematiek" """
    return f"zorgvraagtype {number}: {DEMAND_TYPES[number].label}"
