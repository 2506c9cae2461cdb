"""Offer template rows -> services with eligibility, cost, areas, needs, a location and current waits.

Record fields for `run_records(kind="offer")`: name, domain, kind, needs, age, referral, cost, area, address,
how_to_register, registration_weeks, treatment_weeks, method, assured_date, description, suitable_while_waiting.
"""

from __future__ import annotations

import re

from waitinfo.core.urls import web_url
from waitinfo.imports.catalogue_apply import Catalogue, is_virtual, short_name, split_address, wait_record
from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import (
    NormaliseError,
    parse_age_range,
    parse_bool,
    parse_date,
    parse_method,
    parse_weeks,
    resolve_municipality,
    split_list,
)

DOMAINS = {
    "ggz": "ggz",
    "geestelijke gezondheidszorg": "ggz",
    "sociaal": "social",
    "sociaal domein": "social",
    "social": "social",
    "welzijn": "social",
    "sociaal werk": "social",
}
KINDS = {
    "behandeling": "treatment",
    "groepsaanbod": "group_offer",
    "groep": "group_offer",
    "consultatie": "consultation",
    "crisis": "crisis",
    "informatie": "information",
    "e-health": "ehealth",
    "ehealth": "ehealth",
    "online": "ehealth",
    "lotgenoten": "peer_support",
    "ervaringsdeskundig": "peer_support",
    "steunpunt": "support_point",
}


def parse_cost(value) -> tuple[str, str]:
    """(cost kind, the provider's text): gratis -> free, basisverzekering -> insured, `€ 95` -> paid."""
    text = "" if value is None else str(value).strip()
    low = text.lower()
    if not low:
        return "insured", ""
    if "gratis" in low or "kosteloos" in low or low == "geen":
        return "free", text
    if "vrijwillig" in low:
        return "voluntary", text
    if "eigen bijdrage" in low:
        return "own_contribution", text
    if "verzeker" in low or "vergoed" in low or "zvw" in low or "eigen risico" in low:
        return "insured", text
    if "€" in low or re.search(r"\d", low) or "betaald" in low:
        return "paid", text
    return "insured", text


def parse_domain(value, field: str = "domain") -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        return "ggz"
    found = DOMAINS.get(text.lower())
    if found is None:
        raise NormaliseError(field, f"Domein '{text}' onbekend; kies ggz of sociaal domein.")
    return found


def parse_kind(value, field: str = "kind") -> str | None:
    text = "" if value is None else str(value).strip().lower()
    if not text:
        return None
    for word, kind in KINDS.items():
        if word in text:
            return kind
    raise NormaliseError(field, f"Soort aanbod '{value}' onbekend; kies bijvoorbeeld behandeling of groepsaanbod.")


def registration_channel(text: str) -> dict:
    low = text.strip().lower()
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", low):
        return {"email": text.strip()}
    if re.fullmatch(r"(https?://)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?", low) and "." in low:
        url = web_url(text)
        return {"url": url} if url else {}
    return {}


def location_of(ctx: Context, check: RowCheck, value) -> dict | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if is_virtual(text):
        return {"name": "Online", "location_type": "virtual", "postal_code": None}
    parts = split_address(text)
    municipality = None
    if parts["city"]:
        try:
            municipality = resolve_municipality(ctx.session, parts["city"], ctx.label("address"))
        except NormaliseError as exc:
            check.error("address", exc.message)
    name = parts["name"] or f"{short_name(ctx.organization)} {parts['city'] or parts['address_1'] or text}"
    return {
        "name": name,
        "location_type": "physical",
        "address_1": parts["address_1"],
        "postal_code": parts["postal_code"],
        "city": parts["city"],
        "municipality_code": municipality,
    }


def validate_row(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    check = RowCheck(ctx, line, values)
    name = str(values.get("name") or "").strip()
    if not name:
        check.error("name", "Naam van het aanbod ontbreekt.")
    domain = check("domain", parse_domain)
    kind = check("kind", parse_kind)
    ages = check("age", parse_age_range)
    referral = check("referral", parse_bool)
    areas = check("area", ctx.service_area, "area") if str(values.get("area") or "").strip() else None
    location = location_of(ctx, check, values.get("address"))
    registration = check("registration_weeks", parse_weeks)
    treatment = check("treatment_weeks", parse_weeks)
    method = check("method", parse_method, default=ctx.default_method)
    assured = check("assured_date", parse_date)
    while_waiting = check("suitable_while_waiting", parse_bool)
    needs = []
    for word in split_list(values.get("needs")):
        term = ctx.need(word)
        if term is None:
            check.warn(
                "needs",
                f"Hulpvraag '{word}' niet herkend; niet opgeslagen. Gebruik de hulpvragen van de "
                f"regio (bijvoorbeeld angst, somberheid, stress).",
            )
        else:
            needs.append(term)
    if not check.ok:
        return None, check
    cost, cost_text = parse_cost(values.get("cost"))
    how = str(values.get("how_to_register") or "").strip()
    service = {
        "domain": domain,
        "kind": kind,
        "minimum_age": ages[0] if ages else None,
        "maximum_age": ages[1] if ages else None,
        "referral_required": referral,
        "cost": cost,
        "cost_description": cost_text,
        "how_to_register": how,
        "assured_date": assured,
        "description": str(values.get("description") or "").strip() or None,
        "suitable_while_waiting": while_waiting,
        "online_possible": True if location and location["location_type"] == "virtual" else None,
        **registration_channel(how),
    }
    if ages and ages[0] is None:
        service["minimum_age"] = None
    has_wait = (
        registration
        and (registration[0] is not None or registration[1])
        or treatment
        and (treatment[0] is not None or treatment[1])
    )
    wait = (
        wait_record(registration or (None, None), treatment or (None, None), method, assured)
        if has_wait and location
        else None
    )
    if has_wait and not location:
        check.warn("registration_weeks", "Wachttijd niet opgeslagen: er is geen adres of 'online' opgegeven.")
    return {"name": name, "service": service, "areas": areas, "needs": needs, "location": location, "wait": wait}, check


def identity(record: dict) -> tuple:
    loc = record["location"] or {}
    return (record["name"].lower(), (loc.get("name") or "").lower(), loc.get("postal_code"))


def apply(ctx: Context, run, records: list[dict], actor: str) -> int:
    cat = Catalogue(ctx.session, actor, trusted=ctx.trusted)
    org = ctx.organization
    for r in records:
        wait_kind = (
            "social"
            if r["service"]["domain"] == "social"
            else ("ggz_specialist" if org.kind in ("specialist_ggz", "addiction_care") else "ggz_basic")
        )
        service = cat.service(org, r["name"], r["service"], create_only={"wait_kind": wait_kind})
        cat.areas(service, r["areas"])
        cat.needs(service, r["needs"])
        if r["location"]:
            sal = cat.link(service, cat.location(org, r["location"]))
            if r["wait"]:
                cat.wait(sal, r["wait"])
    cat.flush_waits(run, org.id)
    return len(records)
