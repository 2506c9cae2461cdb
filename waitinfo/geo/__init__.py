"""Geocoding (PDOK Locatieserver) and distances."""
