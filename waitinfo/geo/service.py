"""Geocoding for search and the portal: place table first, then the cache, then PDOK; offline-safe."""

import re

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from waitinfo.core.clock import now
from waitinfo.core.settings import get_settings
from waitinfo.geo import pdok
from waitinfo.geo.models import GeocodeCache
from waitinfo.geo.pc4 import area, split_postcode
from waitinfo.geo.schemas import TWENTE_HINT, GeoResult
from waitinfo.reference.models import Municipality, Place


def normalise_postcode(text: str) -> str | None:
    """'7607gh' / '7607 GH' / 'NL-7607-GH Almelo' -> '7607 GH'; None when the text does not start with a full
    Dutch postcode (pc4.split_postcode)."""
    return _full(split_postcode(text))


def _full(parts: tuple[str, str | None] | None) -> str | None:
    """('7607', 'GH') -> '7607 GH'; None without the letters."""
    return f"{parts[0]} {parts[1]}" if parts and parts[1] else None


def municipality_by_code_or_name(session: Session, text: str) -> Municipality | None:
    t = (text or "").strip()
    if not t:
        return None
    if re.fullmatch(r"(?i)gm\d{4}", t):
        return session.get(Municipality, t.upper())
    return (
        session.execute(
            select(Municipality).where(
                func.waitinfo_unaccent(func.lower(Municipality.name)) == func.waitinfo_unaccent(func.lower(t))
            )
        )
        .scalars()
        .first()
    )


def _place(session: Session, text: str) -> GeoResult | None:
    """A Twente place or municipality name from the shipped tables (no network)."""
    t = " ".join((text or "").split())
    muni = municipality_by_code_or_name(session, t)
    source = "municipality"
    label = muni.name if muni else ""
    if muni is None:
        row = session.execute(
            select(Place.name, Municipality)
            .join(Municipality, Municipality.code == Place.municipality_code)
            .where(func.waitinfo_unaccent(func.lower(Place.name)) == func.waitinfo_unaccent(func.lower(t)))
        ).first()
        if row is None:
            return None
        muni, source, label = row[1], "place", f"{row[0]} (gemeente {row[1].name})"
    return GeoResult(text, "found", label, muni.latitude, muni.longitude, muni.code, muni.name, source)


def _from_payload(text: str, payload: dict, source: str) -> GeoResult:
    return GeoResult(
        query=text,
        status=payload.get("status", "found"),
        label=payload.get("label", ""),
        latitude=payload.get("latitude"),
        longitude=payload.get("longitude"),
        municipality_code=payload.get("municipality_code"),
        municipality_name=payload.get("municipality_name"),
        source=source,
    )


def _with_region_check(session: Session, result: GeoResult) -> GeoResult:
    if result.status != "found":
        return result
    if session.get(Municipality, result.municipality_code or "") is None:
        where = f" ligt in {result.municipality_name}" if result.municipality_name else " ligt"
        result.status = "outside"
        result.message = f"“{result.query}”{where}, buiten Twente. {TWENTE_HINT}"
    return result


def geocode_address(session: Session, text: str) -> GeoResult:
    """Find a postcode, address or place. Never raises for bad input or an unreachable PDOK.

    Order: the shipped place/municipality table (offline), the geocode_cache table, then PDOK Locatieserver;
    answers from PDOK (also "nothing found") are cached. Does not commit (the caller owns the transaction).
    """
    raw = " ".join((text or "").split())
    if not raw:
        return GeoResult(text, "invalid", message="Vul een postcode of plaats in.")
    if len(raw) > 120:
        return GeoResult(
            text,
            "invalid",
            message="Dit is te lang voor een postcode of adres; vul een postcode "
            "(bijvoorbeeld 7607 GH) of een plaats in.",
        )
    local = _place(session, raw)
    if local is not None:
        return local
    parts = split_postcode(raw)
    postcode = _full(parts)
    if parts and postcode is None:  # four digits, perhaps with the place: the area from the shipped table
        return _pc4(session, text, parts[0]) or _unknown_pc4(text, parts[0])
    kind = "postcode" if postcode else ("adres" if re.search(r"\d", raw) else "woonplaats")
    key = f"{kind}:{(postcode or raw).lower()}"[:200]
    cached = session.get(GeocodeCache, key)
    if cached is not None:
        if cached.result is None:
            return _not_found(text, kind)
        return _with_region_check(session, _from_payload(text, cached.result, "cache"))
    # A full postcode the geocoder cannot answer now is placed at the centre of its 4-digit area.
    offline = _pc4(session, text, postcode[:4]) if postcode else None
    if not get_settings().geocoder_enabled:
        return offline or _unavailable(text, kind)
    try:
        hit = pdok.lookup(postcode.replace(" ", "") if postcode else raw, kind)
    except pdok.GeocoderUnavailable:
        return offline or _unavailable(text, kind)
    payload = None if hit is None else {**hit, "status": "found"}
    session.execute(
        insert(GeocodeCache.__table__).values(query=key, result=payload, created_at=now()).on_conflict_do_nothing()
    )
    if hit is None:
        return _not_found(text, kind)
    return _with_region_check(session, _from_payload(text, payload, "pdok"))


def _pc4(session: Session, text: str, pc4: str) -> GeoResult | None:
    """The centre of a Twente 4-digit postcode area from the shipped table (offline)."""
    hit = area(pc4)
    if hit is None:
        return None
    muni = session.get(Municipality, hit.municipality_code)
    if muni is None:
        return None
    return GeoResult(
        text, "found", f"postcode {pc4} ({hit.place})", hit.latitude, hit.longitude, muni.code, muni.name, "pc4"
    )


def _unknown_pc4(text: str, pc4: str) -> GeoResult:
    return GeoResult(
        text,
        "not_found",
        message=f"Postcode {pc4} kennen we niet als Twentse postcode. Controleer de cijfers, of kies een "
        f"gemeente. {TWENTE_HINT}",
    )


def _not_found(text: str, kind: str) -> GeoResult:
    what = "Deze postcode" if kind == "postcode" else "Dit adres of deze plaats"
    return GeoResult(
        text,
        "not_found",
        message=f"{what} (“{text.strip()}”) is niet gevonden. Controleer de "
        "spelling of kies een gemeente uit de lijst.",
    )


def _unavailable(text: str, kind: str) -> GeoResult:
    what = "de postcode" if kind == "postcode" else "het adres"
    return GeoResult(
        text,
        "unavailable",
        message=f"We konden {what} “{text.strip()}” nu niet opzoeken. "
        "Kies een gemeente of vul een Twentse plaatsnaam in.",
    )
