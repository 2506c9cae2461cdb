"""The words of wait-time files as ggz providers write them (NZa transparency rules, Vektis delivery, EPD exports,
practice spreadsheets): header names per canonical field, units in headers, and main diagnosis groups with their
short and DSM-IV-era names. One place, so the file reader, the template and the mapping share the same words."""

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


def _key(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[-_/.,:;()'\"]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


# Main diagnosis group code (reference data) -> names providers use: the DSM-5 groups as Vektis reports them
# since 2022, their short names, and the DSM-IV-era names of older EPD exports.
DIAGNOSIS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "angst": ("Angst", "Angststoornis", "Angststoornissen", "Paniekstoornis", "Fobie"),
    "depressie": (
        "Depressie",
        "Depressieve stoornissen",
        "Depressieve stemmingsstoornis",
        "Stemmingsstoornissen",
        "Stemmingsstoornis",
        "Depressieve stoornis",
    ),
    "bipolair": (
        "Bipolair",
        "Bipolaire stoornis",
        "Bipolaire stoornissen",
        "Bipolaire en verwante stoornissen",
        "Bipolaire-stemmingsstoornissen",
        "Bipolaire stemmingsstoornissen",
        "Bipolaire stemmingsstoornissen en verwante stoornissen",
    ),
    "trauma": (
        "PTSS",
        "PTSD",
        "Trauma",
        "Posttraumatische stressstoornis",
        "Trauma en stressor gerelateerde stoornissen",
        "Traumagerelateerde stoornissen",
        "Aanpassingsstoornissen",
        "Trauma- en stressorgerelateerde stoornissen",
    ),
    "ocd": (
        "OCD",
        "Dwang",
        "Dwangstoornis",
        "Dwangstoornissen",
        "Obsessief-compulsieve stoornis",
        "OCS",
        "Obsessieve-compulsieve stoornis",
        "Obsessieve-compulsieve en verwante stoornissen",
    ),
    "psychose": (
        "Psychose",
        "Psychotische stoornissen",
        "Schizofrenie",
        "Schizofrenie en andere psychotische stoornissen",
        "Schizofreniespectrumstoornissen",
        "Schizofreniespectrum- en andere psychotische stoornissen",
        "Schizofreniespectrum en andere psychotische stoornissen",
        "Andere psychotische stoornissen",
    ),
    "persoonlijkheid": ("Persoonlijkheid", "Persoonlijkheidsstoornis", "Persoonlijkheidsstoornissen"),
    "adhd": (
        "ADHD",
        "ADD",
        "Aandachtstekortstoornis",
        "Aandachtstekortstoornis met hyperactiviteit",
        "Aandachtstekortstoornissen en gedrag",
        "Aandachtstekort- en gedragsstoornissen",
    ),
    "autisme": (
        "Autisme",
        "ASS",
        "Autismespectrumstoornissen",
        "Pervasieve ontwikkelingsstoornissen",
        "PDD-NOS",
        "Pervasieve stoornissen",
        "Autismespectrumstoornis",
    ),
    "eetstoornis": (
        "Eetstoornis",
        "Eetstoornissen",
        "Voedingsstoornissen",
        "Anorexia",
        "Boulimia",
        "Voedings- en eetstoornissen",
    ),
    "verslaving": (
        "Verslaving",
        "Verslavingszorg",
        "Aan middelen gebonden stoornissen",
        "Middelgebonden stoornissen",
        "Middelengebruik",
        "Stoornissen in het gebruik van middelen",
        "Middelgebonden en verslavingsstoornissen",
        "Middelgerelateerde en verslavingsstoornissen",
        "Middelgerelateerde stoornissen",
        "Aan alcohol gebonden stoornissen",
        "Alcoholgebonden stoornissen",
        "Alcohol",
        "Overige aan een middel gebonden stoornissen",
        "Aan overige middelen gebonden stoornissen",
    ),
    "somatisch": (
        "Somatisch",
        "SOLK",
        "Somatoforme stoornissen",
        "Somatische symptoomstoornis",
        "Somatisch-symptoomstoornis",
        "Somatische-symptoomstoornis en verwante stoornissen",
        "Somatisch-symptoomstoornis en verwante stoornissen",
    ),
    "neurocognitief": (
        "Cognitieve stoornissen",
        "Neurocognitief",
        "Dementie",
        "Delirium, dementie, amnestische en andere cognitieve stoornissen",
        "Delirium, dementie en andere cognitieve stoornissen",
        "Neurocognitieve stoornissen",
    ),
    "dissociatief": ("Dissociatie", "Dissociatieve stoornis", "Dissociatieve stoornissen"),
    "slaap": ("Slaapstoornissen", "Slaapstoornis", "Slaap-waakstoornis"),
    "seksueel": ("Seksuele stoornissen", "Seksuele disfuncties", "Parafiele stoornissen", "Parafilie"),
    "gender": ("Genderdysforie", "Genderidentiteitsstoornissen", "Genderincongruentie"),
    "gedrag": (
        "Gedragsstoornissen",
        "Impulsbeheersingsstoornissen",
        "Stoornissen in de impulsbeheersing",
        "Disruptieve stoornissen",
        "Disruptieve, impulsbeheersings- en andere gedragsstoornissen",
    ),
    "ontwikkeling": (
        "Neurobiologische ontwikkelingsstoornissen",
        "Ontwikkelingsstoornissen",
        "Overige stoornissen op zuigelingenleeftijd, kinderleeftijd of adolescentie",
        "Tic-stoornissen",
        "Andere neurobiologische ontwikkelingsstoornissen",
        "Overige kindertijdstoornissen",
        "Overige stoornissen in de kindertijd",
        "Overige stoornissen op de zuigelingenleeftijd, kinderleeftijd of adolescentie",
    ),
    "overig": (
        "Overig",
        "Overige",
        "Overige stoornissen",
        "Restgroep",
        "Restgroep diagnoses",
        "Andere aandoeningen en problemen",
        "Andere problemen die een reden voor zorg kunnen zijn",
        "Overige problematiek",
        "Andere aandoeningen en problemen die een reden voor zorg kunnen zijn",
        "Andere psychische stoornissen",
        "Eliminatiestoornissen",
        "Stoornissen in de zindelijkheid",
        "Medicatiegeinduceerde bewegingsstoornissen en andere bijwerkingen van medicatie",
    ),
    "nog_niet_gesteld": (
        "Diagnose nog niet gesteld",
        "Nog geen diagnose",
        "Geen diagnose",
        "Diagnose uitgesteld",
        "Diagnose of aandoening op as I uitgesteld",
        "Diagnose onbekend",
        "Nog niet vastgesteld",
    ),
}


def _reference_names() -> dict[str, str]:
    """code -> the Dutch name of the reference list (`Trauma- en stressorgerelateerde stoornissen`)."""
    from waitinfo.reference.data import diagnosis_groups

    return {g["code"]: g["name_nl"] for g in diagnosis_groups()}


def _english_names() -> dict[str, str]:
    """English name of the reference list -> code ('Anxiety disorders': JSON feeds of international EPD vendors)."""
    from waitinfo.reference.data import diagnosis_groups

    return {g["name_en"]: g["code"] for g in diagnosis_groups() if g.get("name_en")}


DIAGNOSIS_LOOKUP: dict[str, str] = (
    {_key(name): code for code, names in DIAGNOSIS_SYNONYMS.items() for name in (code, *names)}
    | {_key(name): code for code, name in _reference_names().items()}
    | {_key(name): code for name, code in _english_names().items()}
)
GROUP_NAMES: dict[str, str] = {  # every name of a group -> code (the reader's wide layout by diagnosis group)
    name: code for code, names in DIAGNOSIS_SYNONYMS.items() for name in (code, *names)
} | {name: code for code, name in _reference_names().items()}


def _loose(text: str) -> str:
    """Spelling-tolerant key: no spaces or hyphens, singular ('stoornissen' -> 'stoornis'), 'somatische' ->
    'somatisch'; 'Bipolaire-stemmingsstoornis' and 'Bipolaire stemmingsstoornissen' meet."""
    k = _key(text).replace(" ", "")
    k = re.sub(r"stoornissen", "stoornis", k)
    return re.sub(r"(somatisch|obsessie[fv])e?", lambda m: m[1].replace("obsessiev", "obsessief"), k)


DIAGNOSIS_LOOSE: dict[str, str] = {_loose(name): code for name, code in DIAGNOSIS_LOOKUP.items()}


def diagnosis_code(text: str) -> str | None:
    """The reference code of a main diagnosis group as a provider wrote it, or None. Tolerates hyphens, spacing,
    singular/plural, a leading group number ('5. Angststoornissen', '05 - Angst') and a short name in brackets
    ('Aandachtstekortstoornis met hyperactiviteit (ADHD)')."""
    k = _key(text)
    found = DIAGNOSIS_LOOKUP.get(k) or DIAGNOSIS_LOOKUP.get(k.replace(" ", "")) or DIAGNOSIS_LOOSE.get(_loose(text))
    if found:
        return found
    numbered = re.sub(r"^\s*\d{1,2}\s*[.):-]?\s+", "", text)
    if numbered != text and numbered.strip():
        return diagnosis_code(numbered)
    if m := re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", text):
        return diagnosis_code(m[1]) or diagnosis_code(m[2])
    from waitinfo.imports.diagnosis_codes import classification_group

    return classification_group(text)  # 'F41.1' (the DSM-5 code as EPDs write it)
