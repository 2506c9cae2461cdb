"""English header and key names of wait-time files and JSON feeds (`registrationWaitWeeks`, `treatment_wait_days`,
`location`, `diagnosisGroup`), appended to the Dutch ones of `vocabulary.WAIT_ALIASES` (the Dutch name stays the
first, shown in messages). Keys are read word by word (`providers.json_rows.key_words`), so camelCase and
snake_case meet these names; a unit at the end (`days`, `weeks`, `months`) is a unit, not part of the name."""

from __future__ import annotations

ENGLISH_ALIASES: dict[str, tuple[str, ...]] = {
    "location_agb": ("Location AGB", "Location AGB code", "AGB location", "Site AGB"),
    "organization_agb": ("Organization AGB", "Organisation AGB", "Provider AGB"),
    "location_name": ("Location", "Location name", "Site", "Site name", "Practice"),
    "address": ("Address", "Street address", "Location address"),
    "house_number": ("House number", "Location house number"),
    "postal_code": ("Postal code", "Zip code", "Zipcode", "Location postal code", "Location postcode"),
    "city": ("City", "Location city", "Town"),
    "care_type": ("Care type", "Care level", "Level of care"),
    "service_name": ("Service", "Service name", "Programme", "Program", "Care programme"),
    "diagnosis_group": ("Diagnosis group", "Main diagnosis group", "Diagnosis", "Disorder group"),
    "care_demand_type": ("Care demand type", "Care demand"),
    "registration_weeks": (
        "Registration wait",
        "Registration waiting time",
        "Wait registration",
        "Intake wait",
        "Wait to intake",
        "Wait until intake",
        "Access time",
        "Access wait",
    ),
    "treatment_weeks": (
        "Treatment wait",
        "Treatment waiting time",
        "Wait treatment",
        "Wait after intake",
        "Wait to treatment",
        "Wait until treatment",
    ),
    "total_weeks": ("Total wait", "Total waiting time"),
    "waiting_count": ("Waiting count", "Number waiting", "Waiting list count", "Waitlist count", "Patients waiting"),
    "reference_date": ("Reference date", "Measurement date", "Measured on", "Date"),
    "month": ("Month", "Period", "Reporting month", "Reporting period", "Quarter"),
    "year": ("Year", "Reporting year"),
    "wait_unit": ("Unit", "Wait unit", "Time unit"),
    "method": ("Method", "Measurement method"),
    "intake_within_norm": ("Intakes within norm", "Within norm", "Intakes within standard"),
    "intake_outside_norm": ("Intakes outside norm", "Outside norm", "Intakes outside standard"),
    "intake_stop_from": ("Intake stop from", "Registration stop from"),
    "intake_stop_until": ("Intake stop until", "Registration stop until"),
    "intake_stop_reason": ("Intake stop reason", "Registration stop reason"),
    "intake_stop": ("Intake stop", "Registration stop", "Waitlist closed"),
}
