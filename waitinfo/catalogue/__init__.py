"""The catalogue: organizations, locations, services, taxonomies (HSDS 3.0 aligned)."""
