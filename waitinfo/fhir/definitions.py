"""The StructureDefinition of our wait-time extension, served at /fhir/StructureDefinition/wait-time."""

from datetime import UTC, datetime

from waitinfo.fhir.mapping import WAIT_EXTENSION

PUBLISHED = datetime(2026, 11, 23, tzinfo=UTC)  # version 1 of the definition

# (sub-extension, FHIR type, Dutch short description)
PARTS = [
    ("registrationWeeks", "decimal", "Aanmeldwachttijd in weken: van aanmelding tot intake."),
    ("treatmentWeeks", "decimal", "Behandelwachttijd in weken: van intake tot start behandeling."),
    ("registrationLowerBound", "boolean", "Waar: registrationWeeks is een ondergrens ('> 26' = meer dan 26 weken)."),
    ("treatmentLowerBound", "boolean", "Waar: treatmentWeeks is een ondergrens."),
    ("registrationText", "string", "De eigen tekst van de aanbieder voor de aanmeldwachttijd (bijv. '<1')."),
    ("treatmentText", "string", "De eigen tekst van de aanbieder voor de behandelwachttijd."),
    ("waitingCount", "integer", "Aantal wachtenden op de peildatum."),
    ("intakeWithinNorm", "integer", "Intakes in de laatste twee maanden binnen de Treeknorm."),
    ("intakeOutsideNorm", "integer", "Intakes in de laatste twee maanden buiten de Treeknorm."),
    ("month", "date", "De maand waarover het cijfer gaat (JJJJ-MM)."),
    (
        "method",
        "Coding",
        "Meetmethode: realised (gemiddelde gerealiseerde wachttijd over de laatste twee maanden) of "
        "current (derde vrije plek in de agenda).",
    ),
    ("referenceDate", "date", "Peildatum."),
    (
        "waitKind",
        "Coding",
        "Soort wachttijd: ggz_specialist, ggz_basic, poh_ggz of social; nooit onderling vergelijken.",
    ),
    ("definition", "string", "De precieze betekenis van deze wachttijd, in het Nederlands."),
    ("diagnosisGroup", "Coding", "Hoofddiagnosegroep waarvoor het cijfer geldt."),
    ("location", "Reference", "De locatie (Location) waar het cijfer voor geldt."),
]


def wait_time_definition() -> dict:
    elements = [
        {
            "id": "Extension",
            "path": "Extension",
            "short": "Actuele wachttijd met meetmethode, peildatum en definitie",
            "definition": "Eén wachttijdwaarneming (per locatie en hoofddiagnosegroep). Niet gemelde cijfers ontbreken; "
            "ze zijn nooit 0.",
            "min": 0,
            "max": "*",
        },
        {"id": "Extension.url", "path": "Extension.url", "fixedUri": WAIT_EXTENSION, "min": 1, "max": "1"},
        {"id": "Extension.value[x]", "path": "Extension.value[x]", "min": 0, "max": "0"},
    ]
    for name, fhir_type, text in PARTS:
        base = f"Extension.extension:{name}"
        required = name in ("month", "method", "waitKind", "definition")
        elements += [
            {
                "id": base,
                "path": "Extension.extension",
                "sliceName": name,
                "short": text,
                "definition": text,
                "min": 1 if required else 0,
                "max": "1",
            },
            {"id": f"{base}.url", "path": "Extension.extension.url", "fixedUri": name, "min": 1, "max": "1"},
            {
                "id": f"{base}.value[x]",
                "path": "Extension.extension.value[x]",
                "min": 1,
                "max": "1",
                "type": [{"code": fhir_type}],
            },
        ]
    return {
        "resourceType": "StructureDefinition",
        "id": "wait-time",
        "url": WAIT_EXTENSION,
        "version": "1",
        "name": "WaitTime",
        "title": "Wachttijd (waitinfo Twente)",
        "status": "active",
        "description": "De actuele wachttijd van een HealthcareService, met meetmethode, peildatum, soort wachttijd "
        "en definitie (NZa-transparantieregels; Treeknorm).",
        "fhirVersion": "4.0.1",
        "kind": "complex-type",
        "abstract": False,
        "context": [{"type": "element", "expression": "HealthcareService"}],
        "type": "Extension",
        "baseDefinition": "http://hl7.org/fhir/StructureDefinition/Extension",
        "derivation": "constraint",
        "differential": {"element": elements},
    }
