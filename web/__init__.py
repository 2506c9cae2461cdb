"""The web layer: FastAPI app, HTMX pages, HSDS and FHIR APIs."""
