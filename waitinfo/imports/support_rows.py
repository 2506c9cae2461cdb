"""Support-point inventory rows -> support-point services (type, characteristics, opening hours, visitors).

Record fields for `run_records(kind="support-points")`: name, point_type, organization, address, postal_code,
city, opening_hours, characteristics, visitors_per_month, website.
"""

from __future__ import annotations

from sqlmodel import select

from waitinfo.catalogue.details import SupportPoint
from waitinfo.core.urls import web_url
from waitinfo.imports import binding
from waitinfo.imports.catalogue_apply import Catalogue
from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import (
    parse_int,
    parse_keyword,
    parse_opening_hours,
    parse_postcode,
    split_list,
)
from waitinfo.imports.places import municipality_names

POINT_TYPES = [
    ("herstel", "recovery_centre"),
    ("zelfregie", "recovery_centre"),
    ("inloop", "walk_in"),
    ("respijt", "respite_house"),
    ("dorpskamer", "village_room"),
    ("huiskamer", "village_room"),
    ("buurtkamer", "village_room"),
    ("digitaal", "digital"),
    ("online", "digital"),
]
CHARACTERISTICS = [
    ("geen verwijzing", "no_referral"),
    ("zonder verwijzing", "no_referral"),
    ("gratis", "free"),
    ("heel twente", "open_all_twente"),
    ("alle twentenaren", "open_all_twente"),
    ("ervaringsdeskundig", "peer_workers"),
    ("anoniem", "anonymous"),
    ("toegankelijk", "accessible"),
    ("rolstoel", "accessible"),
]


def parse_point_type(value, field: str = "point_type") -> str:
    return parse_keyword(
        value,
        POINT_TYPES,
        field,
        "Soort steunpunt '{text}' onbekend; kies zelfregie- en "
        "herstelcentrum, inloophuis, respijthuis, dorpskamer of digitaal "
        "steunpunt.",
    )


def validate_row(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    check = RowCheck(ctx, line, values)
    name = str(values.get("name") or "").strip()
    if not name:
        check.error("name", "Naam van het steunpunt ontbreekt.")
    point_type = check("point_type", parse_point_type)
    address = str(values.get("address") or "").strip()
    postal_code = check("postal_code", parse_postcode)
    city = str(values.get("city") or "").strip()
    municipality = check("city", ctx.municipality, "city") if city else None
    visitors = check("visitors_per_month", parse_int)
    organization = binding.row_organization(ctx, check)
    characteristics = []
    for word in split_list(values.get("characteristics")):
        code = next((c for w, c in CHARACTERISTICS if w in word.lower()), None)
        if code is None:
            check.warn("characteristics", f"Kenmerk '{word}' niet herkend; niet opgeslagen.")
        elif code not in characteristics:
            characteristics.append(code)
    if check.ok and point_type != "digital" and not (address or city):
        check.error("address", "Adres en gemeente ontbreken; alleen een digitaal steunpunt kan zonder adres.")
    if not check.ok:
        return None, check
    hours_text = str(values.get("opening_hours") or "").strip()
    slots = parse_opening_hours(hours_text)
    if hours_text and slots is None:
        check.warn(
            "opening_hours", f"Openingstijden '{hours_text}' niet eenduidig te lezen; getoond zoals aangeleverd."
        )
    website = web_url(str(values.get("website") or ""))
    if address or city:
        location = {
            "name": name,
            "location_type": "physical",
            "address_1": address or None,
            "postal_code": postal_code,
            "city": city or None,
            "municipality_code": municipality,
        }
    else:
        location = {"name": "Online", "location_type": "virtual", "postal_code": None}
    record = {
        "name": name,
        "organization": organization,
        "service": {
            "domain": "social",
            "kind": "support_point",
            "wait_kind": "none",
            "url": website,
            "referral_required": False if "no_referral" in characteristics else None,
            "cost": "free" if "free" in characteristics else None,
            "minimum_age": 18,
            "online_possible": True if point_type == "digital" else None,
        },
        "support_point": {
            "point_type": point_type,
            "characteristics": characteristics,
            "visitors_per_month": visitors,
            "opening_hours_text": hours_text,
        },
        "slots": slots,
        "hours_text": hours_text,
        "location": location,
        "open_all": "open_all_twente" in characteristics or point_type == "digital",
    }
    return record, check


def identity(record: dict) -> tuple:
    return ((record["organization"] or "").lower(), record["name"].lower())


def apply(ctx: Context, run, records: list[dict], actor: str) -> int:
    session = ctx.session
    cat = Catalogue(session, actor, trusted=ctx.trusted)
    all_codes = sorted(municipality_names(session))
    for r in records:
        org = binding.organization_for(ctx, r["organization"], "support-points")
        service = cat.service(org, r["name"], r["service"])
        location = cat.location(org, r["location"])
        cat.link(service, location)
        codes = all_codes if r["open_all"] or not location.municipality_code else [location.municipality_code]
        cat.areas(service, codes)
        cat.schedules(service, r["slots"], r["hours_text"])
        point = session.exec(select(SupportPoint).where(SupportPoint.service_id == service.id)).first()
        if point is None:
            point = SupportPoint(service_id=service.id, point_type=r["support_point"]["point_type"])
        for attr, value in r["support_point"].items():
            setattr(point, attr, value)
        session.add(point)
        session.flush()
    return len(records)
