"""FHIR R4 export: HealthcareService, Location and Organization, with the current wait as an extension."""
