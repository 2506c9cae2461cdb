"""Postcodes as GPs type them ("7511", "7511 AB", "7511ab"), resolved offline from the shipped PC4 table.

The table (waitinfo/reference/twente_pc4.csv) holds the 4-digit postcode areas of Twente with their municipality and
centre; positions from GeoNames (www.geonames.org, CC BY 4.0).
"""

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

POSTCODE_ANY = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


class Area(NamedTuple):
    pc4: str
    place: str
    municipality_code: str
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def areas() -> dict[str, Area]:
    text = resources.files("waitinfo.reference").joinpath("twente_pc4.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        r["pc4"]: Area(r["pc4"], r["place"], r["cbs_code"], float(r["latitude"]), float(r["longitude"])) for r in rows
    }


def split_postcode(text: str) -> tuple[str, str | None] | None:
    """'7511ab' -> ('7511', 'AB'); '7511' -> ('7511', None); None when it is no Dutch postcode."""
    m = POSTCODE_ANY.match(text or "")
    if not m or m.group(1).startswith("0"):
        return None
    return m.group(1), (m.group(2) or "").upper() or None


def area(pc4: str) -> Area | None:
    return areas().get(pc4)
