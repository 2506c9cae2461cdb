"""Adapters by name: file adapters per import kind, pull adapters per feed adapter name."""

from __future__ import annotations

import importlib
from types import ModuleType

from waitinfo.providers.base import ReadError

FILE_ADAPTERS = {
    "wait-times": "waitinfo.providers.wait_times",
    "offer": "waitinfo.providers.offer",
    "support-points": "waitinfo.providers.support_points",
    "group-offers": "waitinfo.providers.group_offers",
    "hsds": "waitinfo.providers.hsds",
}
PULL_ADAPTERS = {
    "hsds": "waitinfo.providers.hsds_pull",
    "http-csv": "waitinfo.providers.http_file",
    "http-json": "waitinfo.providers.http_file",
}
KINDS = tuple(FILE_ADAPTERS)


def file_adapter(kind: str) -> ModuleType:
    if kind not in FILE_ADAPTERS:
        raise ReadError(f"Onbekende soort bestand '{kind}'; kies uit {', '.join(KINDS)}.")
    return importlib.import_module(FILE_ADAPTERS[kind])


def pull_adapter(name: str) -> ModuleType:
    if name not in PULL_ADAPTERS:
        raise ReadError(f"Onbekende koppeling '{name}'; kies uit {', '.join(PULL_ADAPTERS)}.")
    return importlib.import_module(PULL_ADAPTERS[name])


def detect_kind(raw: bytes) -> str:
    """The kind whose headers fit the file best; JSON is HSDS."""
    from waitinfo.providers import hsds, tabular

    if hsds.looks_like(raw):
        return "hsds"
    scores = {}
    for kind in KINDS:
        if kind != "hsds":
            adapter = file_adapter(kind)  # an adapter may score its own layouts (wide wait files)
            scores[kind] = adapter.score(raw) if hasattr(adapter, "score") else tabular.score(raw, adapter.ALIASES)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 2:
        raise ReadError(
            "Het soort bestand is niet te herkennen aan de kopregel; geef --kind op "
            "(wait-times, offer, support-points, group-offers of hsds)."
        )
    return best
