"""Group-offer inventory: one row per group (course, peer group, walking group), with places and start."""

from waitinfo.providers.base import ParsedFile
from waitinfo.providers.tabular import read_table

NAME = "group-offers"
KIND = "group-offers"
ALIASES = {
    "name": ("titel", "Naam", "Groep"),
    "domain_type": ("type", "domein", "soort"),
    "target_group": ("doelgroep",),
    "municipality": ("gemeente",),
    "location": ("locatie", "adres"),
    "start": ("start", "startdatum", "start datum"),
    "sessions": ("bijeenkomsten", "aantal bijeenkomsten"),
    "places_total": ("plaatsen_totaal", "plaatsen totaal", "aantal plaatsen"),
    "places_free": ("plaatsen_vrij", "vrije plaatsen", "plaatsen vrij"),
    "referral": ("verwijzing",),
    "cost": ("kosten",),
    "how_to_register": ("aanmelden",),
    "organization": ("organisatie", "aanbieder"),
}
REQUIRED = ("name", "domain_type")


def parse(raw: bytes, source: str = "") -> ParsedFile:
    return read_table(raw, ALIASES, KIND, REQUIRED)
