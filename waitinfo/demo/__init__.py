"""Deterministic, fictional demo catalogue for all of Twente (and a national-scale one for benchmarks)."""
