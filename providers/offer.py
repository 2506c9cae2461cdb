"""Offer template (our downloadable XLSX, or CSV): one row per service, optionally with its current waits."""

from waitinfo.providers.base import ParsedFile
from waitinfo.providers.tabular import read_table

NAME = "offer"
KIND = "offer"
ALIASES = {
    "name": ("Naam aanbod", "Naam", "Aanbod", "Titel"),
    "domain": ("Domein",),
    "kind": ("Soort aanbod", "Soort"),
    "needs": ("Hulpvragen", "Hulpvraag"),
    "age": ("Leeftijd", "Leeftijdsgrens"),
    "referral": ("Verwijzing nodig", "Verwijzing"),
    "cost": ("Kosten", "Vergoeding"),
    "area": ("Gemeenten", "Werkgebied", "Gemeente"),
    "address": ("Adres", "Locatie", "Vestiging"),
    "how_to_register": ("Aanmelden via", "Aanmelden", "Aanmelding"),
    "registration_weeks": ("Wachttijd aanmelding", "Aanmeldwachttijd"),
    "treatment_weeks": ("Wachttijd behandeling", "Behandelwachttijd"),
    "method": ("Meetmethode", "Methode"),
    "assured_date": ("Bijgewerkt op", "Peildatum", "Datum"),
    "description": ("Omschrijving", "Beschrijving"),
    "suitable_while_waiting": ("Geschikt tijdens wachten", "Overbrugging"),
}
REQUIRED = ("name",)


def parse(raw: bytes, source: str = "") -> ParsedFile:
    return read_table(raw, ALIASES, KIND, REQUIRED)
