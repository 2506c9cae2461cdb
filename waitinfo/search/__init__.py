"""Referrer search: find help by municipality and need, with honest wait figures."""
