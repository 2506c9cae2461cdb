"""Support-point inventory (laagdrempelige steunpunten): one row per support point, any organisation."""

from waitinfo.providers.base import ParsedFile
from waitinfo.providers.tabular import read_table

NAME = "support-points"
KIND = "support-points"
ALIASES = {
    "name": ("Naam", "Steunpunt", "Naam steunpunt"),
    "point_type": ("Type", "Soort", "Soort steunpunt"),
    "organization": ("Organisatie", "Aanbieder"),
    "address": ("Adres",),
    "postal_code": ("Postcode",),
    "city": ("Gemeente", "Plaats", "Woonplaats"),
    "opening_hours": ("Openingstijden", "Open"),
    "characteristics": ("Kenmerken",),
    "visitors_per_month": ("Bezoekers per maand", "Bezoekers"),
    "website": ("Website", "Url"),
}
REQUIRED = ("name", "point_type")


def parse(raw: bytes, source: str = "") -> ParsedFile:
    return read_table(raw, ALIASES, KIND, REQUIRED)
