"""Group-offer inventory rows -> group-offer services (domain type, target group, start, places).

Record fields for `run_records(kind="group-offers")`: name, domain_type, target_group, municipality, location,
start, sessions, places_total, places_free, referral, cost, how_to_register, organization.
"""

from __future__ import annotations

from sqlmodel import select

from waitinfo.catalogue.details import GroupOffer
from waitinfo.imports import binding
from waitinfo.imports.catalogue_apply import Catalogue, is_virtual, split_address
from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import (
    NormaliseError,
    parse_bool,
    parse_date,
    parse_int,
    parse_keyword,
    resolve_municipality,
)
from waitinfo.imports.offer_rows import parse_cost

DOMAIN_TYPES = [
    ("institutionele", "institutional_social_base"),
    ("sociale basis", "institutional_social_base"),
    ("sociaal werk", "social_work_welfare"),
    ("welzijn", "social_work_welfare"),
    ("paramedisch", "paramedical"),
    ("ggz", "ggz"),
]
ONGOING = {"doorlopend", "continu", "steeds", "altijd", "instromen kan altijd", "wekelijks"}


def parse_domain_type(value, field: str = "domain_type") -> str:
    return parse_keyword(
        value,
        DOMAIN_TYPES,
        field,
        "Type '{text}' onbekend; kies ggz, sociaal werk en welzijn, paramedisch of institutionele sociale basis.",
    )


def validate_row(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    check = RowCheck(ctx, line, values)
    name = str(values.get("name") or "").strip()
    if not name:
        check.error("name", "Titel van het groepsaanbod ontbreekt.")
    domain_type = check("domain_type", parse_domain_type)
    municipality_text = str(values.get("municipality") or "").strip()
    municipality = check("municipality", ctx.municipality, "municipality") if municipality_text else None
    start_text = str(values.get("start") or "").strip()
    ongoing = start_text.lower() in ONGOING
    start = None if ongoing else check("start", parse_date)
    total = check("places_total", parse_int)
    free = check("places_free", parse_int)
    referral = check("referral", parse_bool)
    organization = binding.row_organization(ctx, check)
    if total is not None and free is not None and free > total:
        check.error("places_free", f"Meer vrije plaatsen ({free}) dan plaatsen in totaal ({total}).")
    location_text = str(values.get("location") or "").strip()
    location = None
    if is_virtual(location_text):
        location = {"name": "Online", "location_type": "virtual", "postal_code": None}
    elif location_text:
        parts = split_address(location_text)
        loc_municipality = municipality
        if parts["city"]:
            try:
                loc_municipality = resolve_municipality(ctx.session, parts["city"], ctx.label("location"))
            except NormaliseError as exc:
                check.error("location", exc.message)
        location = {
            "name": parts["name"] or parts["address_1"] or location_text,
            "location_type": "physical",
            "address_1": parts["address_1"],
            "postal_code": parts["postal_code"],
            "city": parts["city"],
            "municipality_code": loc_municipality,
        }
    if not check.ok:
        return None, check
    cost, cost_text = parse_cost(values.get("cost"))
    referral_text = str(values.get("referral") or "").strip()
    record = {
        "name": name,
        "organization": organization,
        "service": {
            "domain": "ggz" if domain_type == "ggz" else "social",
            "kind": "group_offer",
            "wait_kind": "none",
            "referral_required": referral,
            "referral_description": referral_text if referral else "",
            "cost": cost,
            "cost_description": cost_text,
            "how_to_register": str(values.get("how_to_register") or "").strip(),
        },
        "group_offer": {
            "domain_type": domain_type,
            "target_group": str(values.get("target_group") or "").strip(),
            "sessions": str(values.get("sessions") or "").strip(),
            "start_date": start,
            "ongoing": ongoing,
            "places_total": total,
            "places_free": free,
        },
        "location": location,
        "areas": [municipality] if municipality else None,
    }
    return record, check


def identity(record: dict) -> tuple:
    return ((record["organization"] or "").lower(), record["name"].lower())


def apply(ctx: Context, run, records: list[dict], actor: str) -> int:
    session = ctx.session
    cat = Catalogue(session, actor, trusted=ctx.trusted)
    for r in records:
        org = binding.organization_for(ctx, r["organization"], "group-offers")
        service = cat.service(org, r["name"], r["service"])
        cat.areas(service, r["areas"])
        if r["location"]:
            cat.link(service, cat.location(org, r["location"]))
        offer = session.exec(select(GroupOffer).where(GroupOffer.service_id == service.id)).first()
        if offer is None:
            offer = GroupOffer(service_id=service.id, domain_type=r["group_offer"]["domain_type"])
        for attr, value in r["group_offer"].items():
            setattr(offer, attr, value)
        session.add(offer)
        session.flush()
    return len(records)
