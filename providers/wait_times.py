"""Monthly wait-time file (CSV/TSV/semicolon or XLSX): one row per location, care type and diagnosis group."""

from waitinfo.providers.base import ParsedFile
from waitinfo.providers.tabular import read_table

NAME = "wait-times"
KIND = "wait-times"
ALIASES = {
    "location_name": ("Vestiging", "Locatie", "Locatienaam", "Vestigingsnaam"),
    "address": ("Adres", "Straat en huisnummer", "Straat"),
    "postal_code": ("Postcode",),
    "city": ("Plaats", "Woonplaats", "Gemeente", "Plaatsnaam"),
    "care_type": ("Zorgvorm", "Soort zorg", "Zorgtype", "Segment", "Echelon"),
    "service_name": ("Aanbod", "Dienst", "Zorgprogramma", "Naam aanbod"),
    "diagnosis_group": ("Diagnosegroep", "Hoofddiagnosegroep", "Diagnose"),
    "registration_weeks": ("Aanmeldwachttijd", "Wachttijd aanmelding", "Wachttijd tot intake"),
    "treatment_weeks": ("Behandelwachttijd", "Wachttijd behandeling"),
    "waiting_count": ("Aantal wachtenden", "Wachtenden"),
    "reference_date": ("Peildatum", "Meetdatum", "Datum"),
    "month": ("Maand", "Periode"),
    "method": ("Meetmethode", "Methode", "Wijze van meten"),
    "intake_within_norm": ("Intakes binnen Treeknorm", "Intakes binnen norm", "Aantal intakes binnen"),
    "intake_outside_norm": ("Intakes buiten Treeknorm", "Intakes buiten norm", "Aantal intakes buiten"),
    "intake_stop_from": ("Aanmeldstop vanaf", "Aanmeldstop van", "Patientenstop vanaf"),
    "intake_stop_until": ("Aanmeldstop tot", "Aanmeldstop t/m", "Patientenstop tot"),
    "intake_stop_reason": ("Reden aanmeldstop", "Reden patientenstop", "Reden stop"),
    "intake_stop": ("Aanmeldstop", "Patientenstop", "Clientenstop", "Wachtlijststop"),
}
REQUIRED = ("location_name", "registration_weeks")


def parse(raw: bytes, source: str = "") -> ParsedFile:
    return read_table(raw, ALIASES, KIND, REQUIRED)
