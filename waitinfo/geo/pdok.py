"""Adapter for PDOK Locatieserver (the Dutch public geocoder): /free?q=...&fq=type:postcode."""

import logging
import re

import httpx

from waitinfo.core.settings import get_settings

log = logging.getLogger(__name__)

POINT = re.compile(r"POINT\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)")


class GeocoderUnavailable(Exception):
    """PDOK could not be reached or answered nonsense; callers fall back to the shipped tables."""


def lookup(query: str, kind: str = "postcode") -> dict | None:
    """The best PDOK hit as {label, latitude, longitude, municipality_code, municipality_name}, or None.

    kind: "postcode", "adres" or "woonplaats" (PDOK document types).
    """
    settings = get_settings()
    params = {
        "q": query,
        "fq": f"type:{kind}",
        "rows": "1",
        "fl": "weergavenaam,centroide_ll,gemeentecode,gemeentenaam,type",
    }
    try:
        resp = httpx.get(
            settings.pdok_url.rstrip("/") + "/free",
            params=params,
            timeout=settings.http_timeout_seconds,
            headers={"Accept": "application/json"},
        )
        resp.raise_for_status()
        docs = resp.json()["response"]["docs"]
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        log.warning("PDOK Locatieserver unavailable for %r: %s", query, exc)
        raise GeocoderUnavailable(str(exc)) from exc
    if not docs:
        return None
    doc = docs[0]
    m = POINT.search(doc.get("centroide_ll") or "")
    code = str(doc.get("gemeentecode") or "").strip()
    if not m or not code:
        return None
    return {
        "label": doc.get("weergavenaam") or query,
        "longitude": float(m.group(1)),
        "latitude": float(m.group(2)),
        "municipality_code": code if code.startswith("GM") else f"GM{int(code):04d}",
        "municipality_name": doc.get("gemeentenaam"),
    }
