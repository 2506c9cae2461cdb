"""Postcodes as GPs type them ("7511", "7511 AB", "7511ab"), resolved offline from the shipped PC4 table.

The table (waitinfo/reference/twente_pc4.csv) holds the 4-digit postcode areas of Twente with their municipality and
centre; positions from GeoNames (www.geonames.org, CC BY 4.0).
"""

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# Four ASCII digits (never a leading 0), then optionally the two letters, written together or apart, with a
# hyphen or spaces; the letters must not run on into a word ("7511 Enschede" is the area 7511).
POSTCODE_START = re.compile(r"([1-9][0-9]{3})(?:[ \t]*-?[ \t]*([A-Z]{2})(?![A-Z0-9]))?")


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
    """The postcode a text starts with, as people type or paste it: '7511ab', '7511 AB', '7511-AB', 'NL-7511 AB',
    '7511 AB Enschede', '7511 Enschede', full-width digits -> ('7511', 'AB') or ('7511', None). None when the text
    does not start with a Dutch postcode ('75112', '0511', 'Hengelosestraat 5')."""
    t = unicodedata.normalize("NFKC", text or "").strip().upper()
    t = re.sub(r"^NL(?:[ -]+|(?=[0-9]))", "", t)
    m = POSTCODE_START.match(t)
    if not m:
        return None
    rest = t[m.end() :]
    if rest and not (rest[0].isspace() or rest[0] in ",.;"):
        return None  # more digits or letters run on: not a postcode
    return m.group(1), m.group(2)


def area(pc4: str) -> Area | None:
    return areas().get(pc4)
