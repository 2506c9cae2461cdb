"""The words of wait-time files as ggz providers write them (NZa transparency rules, Vektis delivery, EPD exports,
practice spreadsheets): header names per canonical field and units in headers (the names of main diagnosis groups:
`diagnosis_names`). One place, so the file reader, the template and the mapping share the same words."""

from __future__ import annotations

import re
import unicodedata

# Canonical field -> header names. Matching ignores case, accents, spacing, punctuation and bracketed units;
# the exact names are tried first, then headers that start with one of them (names of four letters or more).
WAIT_ALIASES: dict[str, tuple[str, ...]] = {
    "location_agb": (
        "AGB-code vestiging",
        "AGB vestiging",
        "Vestigingscode",
        "AGB-code locatie",
        "AGB locatie",
        "AGB-vestigingscode",
        "AGB-code",
        "AGB",
    ),
    "organization_agb": (
        "AGB-code onderneming",
        "AGB onderneming",
        "AGB-code zorgaanbieder",
        "AGB-code instelling",
        "AGB-code praktijk",
        "Ondernemingscode",
    ),
    "location_name": (
        "Vestiging",
        "Locatie",
        "Locatienaam",
        "Vestigingsnaam",
        "Naam vestiging",
        "Naam locatie",
        "Praktijk",
        "Praktijknaam",
    ),
    "address": ("Adres", "Straat en huisnummer", "Straat", "Adres vestiging"),
    "house_number": ("Huisnummer", "Huisnr", "Nr", "Huisnummer vestiging"),
    "postal_code": ("Postcode", "PC", "Postcode vestiging", "PC vestiging", "Postcode locatie"),
    "city": ("Plaats", "Woonplaats", "Gemeente", "Plaatsnaam", "Vestigingsplaats", "Plaats vestiging"),
    "care_type": (
        "Zorgvorm",
        "Soort zorg",
        "Zorgtype",
        "Segment",
        "Echelon",
        "Type zorg",
        "Ggz-segment",
        "Product",  # the old BGGZ products: Basis GGZ Kort/Middel/Intensief/Chronisch
        "BGGZ-product",
        "Zorgzwaarte",
    ),
    "service_name": ("Aanbod", "Dienst", "Zorgprogramma", "Naam aanbod", "Behandelprogramma", "Zorgaanbod"),
    "diagnosis_group": (
        "Hoofddiagnosegroep",
        "Diagnosegroep",
        "Hoofddiagnose",
        "Diagnose",
        "Stoornis",
        "Stoornisgroep",
        "DSM-5 groep",
        "DSM-5 hoofdgroep",
        "DSM-groep",
        "DSM5",
        "DSM-5",
    ),
    "care_demand_type": ("Zorgvraagtypering", "Zorgvraagtype", "ZVT", "Zorgvraagcategorie"),
    "registration_weeks": (
        "Aanmeldwachttijd",
        "Aanmeldingswachttijd",
        "Aanmeld wachttijd",
        "Wachttijd aanmelding",
        "Wachttijd tot intake",
        "Wachttijd intake",
        "Wachttijd aanmelding-intake",
        "Wachttijd aanmelding tot intake",
        "Toegangstijd",
    ),
    "treatment_weeks": (
        "Behandelwachttijd",
        "Behandelingswachttijd",
        "Behandel wachttijd",
        "Wachttijd behandeling",
        "Wachttijd na intake",
        "Wachttijd tot behandeling",
        "Wachttijd intake-behandeling",
        "Wachttijd intake tot behandeling",
        "Wachttijd tot start behandeling",
    ),
    "total_weeks": ("Totale wachttijd", "Wachttijd totaal", "Totaal wachttijd", "Totale toegangstijd"),
    "waiting_count": (
        "Aantal wachtenden",
        "Wachtenden",
        "Wachtend",
        "Aantal wachtend",
        "Aantal op wachtlijst",
        "Aantal clienten wachtend",
        "Wachtlijst aantal",
    ),
    "reference_date": ("Peildatum", "Meetdatum", "Datum", "Peilmoment", "Rapportagedatum"),
    "month": (
        "Maand",
        "Periode",
        "Rapportagemaand",
        "Verslagmaand",
        "Verslagperiode",
        "Jaar-maand",
        "Kwartaal",
        "Rapportagekwartaal",
        "Weeknummer",
        "Weeknr",
        "Rapportageweek",
    ),
    # The year of a month column without one (`Jaar;Maand` with `okt` or `10`, or month headers `jan`, `feb`).
    "year": ("Jaar", "Rapportagejaar", "Verslagjaar", "Kalenderjaar", "Jaartal"),
    # The unit of the wait figures of each row (dagen, weken, maanden); a unit in a cell itself still wins.
    "wait_unit": ("Eenheid", "Eenheid wachttijd", "Eenheid wachttijden", "Tijdseenheid", "In"),
    "method": ("Meetmethode", "Methode", "Wijze van meten", "Meetwijze", "Methode meting"),
    "intake_within_norm": (
        "Intakes binnen Treeknorm",
        "Intakes binnen norm",
        "Aantal intakes binnen",
        "Instroom binnen Treeknorm",
        "Instroom binnen norm",
        "Aantal binnen Treeknorm",
    ),
    "intake_outside_norm": (
        "Intakes buiten Treeknorm",
        "Intakes buiten norm",
        "Aantal intakes buiten",
        "Instroom buiten Treeknorm",
        "Instroom buiten norm",
        "Aantal buiten Treeknorm",
    ),
    "intake_stop_from": ("Aanmeldstop vanaf", "Aanmeldstop van", "Patientenstop vanaf"),
    "intake_stop_until": ("Aanmeldstop tot", "Aanmeldstop t/m", "Patientenstop tot"),
    "intake_stop_reason": ("Reden aanmeldstop", "Reden patientenstop", "Reden stop"),
    "intake_stop": ("Aanmeldstop", "Patientenstop", "Clientenstop", "Wachtlijststop"),
}


def _with_english() -> None:
    from waitinfo.imports.vocabulary_en import ENGLISH_ALIASES

    for fieldname, names in ENGLISH_ALIASES.items():
        WAIT_ALIASES[fieldname] = (*WAIT_ALIASES[fieldname], *names)


_with_english()

# Fields that hold a wait (a unit in their header is converted to weeks).
WAIT_FIGURES = ("registration_weeks", "treatment_weeks", "total_weeks")

# What each field means, in the provider's words (dry-run proposals, template definitions, mapping list).
FIELD_LABELS = {
    "location_agb": "AGB-code vestiging",
    "organization_agb": "AGB-code onderneming",
    "location_name": "naam van de vestiging",
    "address": "adres",
    "house_number": "huisnummer",
    "postal_code": "postcode",
    "city": "plaats",
    "care_type": "zorgvorm / echelon (basis-ggz, specialistische ggz, POH-ggz)",
    "service_name": "aanbod",
    "diagnosis_group": "hoofddiagnosegroep",
    "care_demand_type": "zorgvraagtypering",
    "registration_weeks": "aanmeldwachttijd (aanmelding tot intake)",
    "treatment_weeks": "behandelwachttijd (intake tot start behandeling)",
    "total_weeks": "totale wachttijd",
    "waiting_count": "aantal wachtenden",
    "reference_date": "peildatum",
    "month": "maand (of kwartaal, reeks maanden, week)",
    "year": "jaar (bij een maand zonder jaar)",
    "wait_unit": "eenheid van de wachttijden (dagen, weken of maanden)",
    "method": "meetmethode",
    "intake_within_norm": "instroom binnen de Treeknorm",
    "intake_outside_norm": "instroom buiten de Treeknorm",
    "intake_stop": "aanmeldstop (ja/nee)",
    "intake_stop_from": "aanmeldstop vanaf",
    "intake_stop_until": "aanmeldstop tot",
    "intake_stop_reason": "reden aanmeldstop",
}

# Words that say which wait a column holds when a header names a period as well ("Aanmeldwachttijd okt-26") or
# a second header row names the part under each month ("Aanmelding", "Behandeling"). Besides these, the header
# names of the field itself count (WAIT_ALIASES); titles above the header are read with those names only.
PART_WORDS: dict[str, tuple[str, ...]] = {
    "registration_weeks": ("Aanmelding", "Aanmelden", "Aanmeld", "Tot intake", "Intake"),
    "treatment_weeks": ("Behandeling", "Behandelen", "Behandel", "Na intake", "Tot behandeling"),
    "total_weeks": ("Totaal", "Totale", "Totaal wachttijd"),
    "waiting_count": ("Wachtenden", "Wachtend"),
}
PART_FIELDS = tuple(PART_WORDS)

UNIT_WORDS = {
    "days": ("dagen", "dag", "dgn", "d", "kalenderdagen", "werkdagen", "days", "day"),
    "weeks": ("weken", "week", "wk", "wkn", "w", "weeks", "wks"),
    "months": ("maanden", "maand", "mnd", "mnd.", "m", "months"),
}
UNIT_NL = {"days": "dagen", "weeks": "weken", "months": "maanden"}
WEEKS_PER = {"days": 1 / 7, "weeks": 1, "months": 52 / 12}


def header_unit(header) -> str | None:
    """'Aanmeldwachttijd (dagen)', 'Wachttijd tot intake in dagen', '... (d)', '... [wk]' -> days | weeks |
    months; None when the header names no unit (the figure is then weeks)."""
    low = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode().lower()
    words: list[str] = []
    for inner in re.findall(r"[(\[]\s*([^)\]]*?)\s*[)\]]", low):
        words.append(re.sub(r"^(in|aantal)\s+", "", inner.strip()))
    if m := re.search(r"\b(?:in|aantal)\s+([a-z.]+)\s*$", low):
        words.append(m[1])
    if m := re.search(r"[\s_-]([a-z.]+)\s*$", re.sub(r"[(\[].*?[)\]]", "", low).strip()):
        if m[1] in ("dagen", "weken", "maanden", "days", "weeks", "months"):
            words.append(m[1])
    for word in words:
        for unit, names in UNIT_WORDS.items():
            if word.strip(" .") in names or word in names:
                return unit
    return None
