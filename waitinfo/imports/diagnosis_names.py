"""Main diagnosis groups by the names providers write (DSM-5 as Vektis reports them, short and DSM-IV-era names)."""

from __future__ import annotations

import re
import unicodedata


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
