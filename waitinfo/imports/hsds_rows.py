"""HSDS 3.0 service objects -> services, locations, areas, needs and wait observations carried as attributes.

A service keeps its id when the id is free or already ours (PUT and re-pulls update the same row). Wait
attributes (codes `aanmeldwachttijd_weken`/`registration_wait_weeks`, `behandelwachttijd_weken`/
`treatment_wait_weeks`, `waiting_count`, `wait_month`, `wait_method`, `reference_date`, `diagnosis_group`,
`intake_within_norm`, `intake_outside_norm`) on the service apply to each of its locations; on a
service_at_location only to that one. Attributes sharing a `link_id` form one observation.
"""

from __future__ import annotations

import re
import uuid

from waitinfo.catalogue.models import SERVICE_STATUSES, TaxonomyTerm
from waitinfo.core.clock import today
from waitinfo.core.urls import url_problem
from waitinfo.imports import binding
from waitinfo.imports.catalogue_apply import Catalogue
from waitinfo.imports.context import Context, RowCheck
from waitinfo.imports.normalise import (
    NormaliseError,
    parse_date,
    parse_int,
    parse_method,
    parse_postcode,
    parse_service_area,
    parse_weeks,
    resolve_municipality,
)
from waitinfo.imports.validate_waits import parse_month
from waitinfo.reference.ids import NEEDS_TAXONOMY, stable_uuid

WAIT_CODES = {
    "aanmeldwachttijd_weken": "registration",
    "registration_wait_weeks": "registration",
    "behandelwachttijd_weken": "treatment",
    "treatment_wait_weeks": "treatment",
    "wachtenden": "waiting_count",
    "aantal_wachtenden": "waiting_count",
    "waiting_count": "waiting_count",
    "wait_month": "month",
    "maand": "month",
    "wait_method": "method",
    "meetmethode": "method",
    "reference_date": "reference_date",
    "peildatum": "reference_date",
    "diagnosis_group": "diagnosis_group",
    "diagnosegroep": "diagnosis_group",
    "intake_within_norm": "intake_within_norm",
    "intake_outside_norm": "intake_outside_norm",
}


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        return None


def _term_of(ctx: Context, attr: dict) -> tuple[str, TaxonomyTerm | None]:
    """An attribute's term code: from the nested taxonomy_term, else the term its taxonomy_term_id names."""
    term = attr.get("taxonomy_term") if isinstance(attr.get("taxonomy_term"), dict) else {}
    found = None
    term_id = _uuid(attr.get("taxonomy_term_id") or term.get("id"))
    if term_id is not None:
        found = ctx.session.get(TaxonomyTerm, term_id)
    code = str(term.get("code") or attr.get("code") or (found.code if found else "") or "").lower()
    return code, found


def _needs(ctx: Context, values: dict) -> list[uuid.UUID] | None:
    """Needs as HSDS 3.0 sends them: service attributes whose term is one of our needs (by id or code); the older
    `taxonomy_terms` list is still read. None when the object names no needs at all (keep the stored ones)."""
    needs_tax = stable_uuid("taxonomy", NEEDS_TAXONOMY)
    needs, named = [], False
    for attr in values.get("attributes") or []:
        if not isinstance(attr, dict):
            continue
        code, term = _term_of(ctx, attr)
        if code in WAIT_CODES:
            continue
        if term is not None and term.taxonomy_id == needs_tax:
            needs.append(term.id)
            named = True
            continue
        nested = attr.get("taxonomy_term") if isinstance(attr.get("taxonomy_term"), dict) else {}
        found = ctx.need(code or nested.get("name") or "") if (code or nested.get("name")) else None
        if found:
            needs.append(found)
            named = True
    for term in values.get("taxonomy_terms") or []:
        found = ctx.need(term.get("code") or term.get("name") or "") if isinstance(term, dict) else None
        if found:
            needs.append(found)
            named = True
    return needs if named else None


def _waits(ctx: Context, check: RowCheck, attributes, fallback_date) -> list[dict]:
    groups: dict[tuple, dict] = {}
    for attr in attributes or []:
        if not isinstance(attr, dict):
            continue
        code, _ = _term_of(ctx, attr)
        if code in WAIT_CODES:
            # One observation: the attributes sharing link_id (and label, when several share the link_id).
            group = (str(attr.get("link_id") or ""), str(attr.get("label") or ""))
            groups.setdefault(group, {})[WAIT_CODES[code]] = attr.get("value")
    waits = []
    for values in groups.values():
        try:
            reg = parse_weeks(values.get("registration"), "aanmeldwachttijd_weken")
            treat = parse_weeks(values.get("treatment"), "behandelwachttijd_weken")
            reference = parse_date(values.get("reference_date"), "reference_date")
            month = parse_month(values.get("month"), "wait_month") or (reference or fallback_date or today())
            waits.append(
                {
                    "month": month.replace(day=1),
                    "diagnosis_group_id": ctx.diagnosis_group(values.get("diagnosis_group")),
                    "registration_weeks": reg[0],
                    "registration_text": reg[1],
                    "treatment_weeks": treat[0],
                    "treatment_text": treat[1],
                    "waiting_count": parse_int(values.get("waiting_count"), "waiting_count"),
                    "method": parse_method(values.get("method"), "wait_method", default=ctx.default_method),
                    "reference_date": reference or fallback_date,
                    "intake_within_norm": parse_int(values.get("intake_within_norm"), "intake_within_norm"),
                    "intake_outside_norm": parse_int(values.get("intake_outside_norm"), "intake_outside_norm"),
                }
            )
        except NormaliseError as exc:
            check.error(f"attributes.{exc.field}", exc.message)
    return waits


def _location(ctx: Context, check: RowCheck, loc: dict, i: int) -> dict | None:
    name = str(loc.get("name") or "").strip()
    if not name:
        check.error(f"service_at_locations[{i}].location.name", "Locatie zonder naam.")
        return None
    kind = "virtual" if loc.get("location_type") == "virtual" else "physical"
    out = {
        "id": _uuid(loc.get("id")),
        "name": name,
        "location_type": kind,
        "postal_code": None,
        "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"),
    }
    addresses = loc.get("addresses") or []
    if kind == "physical" and addresses:
        a = addresses[0]
        try:
            out["postal_code"] = parse_postcode(a.get("postal_code"), "postal_code")
            out["municipality_code"] = resolve_municipality(ctx.session, a.get("city"), "city")
        except NormaliseError as exc:
            check.error(f"service_at_locations[{i}].location.addresses.{exc.field}", exc.message)
        out.update({"address_1": a.get("address_1"), "city": a.get("city")})
    for coord in ("latitude", "longitude"):
        if out[coord] is not None and not isinstance(out[coord], (int, float)):
            check.error(f"service_at_locations[{i}].location.{coord}", f"{coord} moet een getal zijn.")
    return out


def validate_row(ctx: Context, line: int, values: dict) -> tuple[dict | None, RowCheck]:
    check = RowCheck(ctx, line, values)
    name = str(values.get("name") or "").strip()
    if not name:
        check.error("name", "Service zonder naam; elk HSDS-service-object heeft 'name' nodig.")
    status = str(values.get("status") or "active").strip().lower()
    if status not in SERVICE_STATUSES:
        check.error("status", f"Status '{status}' onbekend; kies active, inactive, defunct of pending.")
    if url_problem(values.get("url")):
        check.error("url", url_problem(values.get("url")))
    assured = check("assured_date", parse_date)
    min_age = check("minimum_age", parse_int)
    max_age = check("maximum_age", parse_int)
    areas: list[str] | None = None
    for area in values.get("service_areas") or []:
        extent = str(area.get("extent") or "")
        codes = re.findall(r"GM\d{4}", extent)
        try:
            found = (
                [resolve_municipality(ctx.session, c, "service_areas") for c in codes]
                if codes
                else parse_service_area(ctx.session, area.get("name"), "service_areas")
            )
        except NormaliseError as exc:
            check.error("service_areas", exc.message)
            continue
        areas = (areas or []) + found
    sals = values.get("service_at_locations") or []
    locations = []
    for i, sal in enumerate(sals):
        loc = _location(ctx, check, (sal or {}).get("location") or {}, i)
        if loc:
            loc["sal_id"] = _uuid((sal or {}).get("id"))
            loc["waits"] = _waits(ctx, check, (sal or {}).get("attributes"), assured)
            locations.append(loc)
    service_waits = _waits(ctx, check, values.get("attributes"), assured)
    if service_waits and not locations:
        check.warn("attributes", "Wachttijd niet opgeslagen: deze service heeft geen locatie.")
    needs = _needs(ctx, values)
    binding.foreign_service(ctx, check, _uuid(values.get("id")))
    if not check.ok:
        return None, check
    for loc in locations:
        if not loc["waits"]:
            loc["waits"] = service_waits
    record = {
        "id": _uuid(values.get("id")),
        "name": name,
        "areas": areas,
        "needs": needs,
        "locations": locations,
        "service": {
            "status": status,
            "description": values.get("description"),
            "url": values.get("url"),
            "email": values.get("email"),
            "assured_date": assured,
            "minimum_age": min_age,
            "maximum_age": max_age,
            "eligibility_description": values.get("eligibility_description"),
        },
    }
    return record, check


def identity(record: dict) -> tuple:
    return (record["id"],) if record["id"] else (record["name"].lower(),)


def apply(ctx: Context, run, records: list[dict], actor: str) -> int:
    cat = Catalogue(ctx.session, actor, trusted=ctx.trusted)
    org = ctx.organization
    wait_kind = (
        "ggz_specialist"
        if org.kind in ("specialist_ggz", "addiction_care")
        else ("social" if org.kind in ("social_work", "welfare", "municipality") else "ggz_basic")
    )
    for r in records:
        service = cat.service(
            org,
            r["name"],
            r["service"],
            service_id=r["id"],
            create_only={"wait_kind": wait_kind, "domain": "social" if wait_kind == "social" else "ggz"},
        )
        cat.areas(service, r["areas"])
        cat.needs(service, r["needs"])
        for loc in r["locations"]:
            sal = cat.link(service, cat.location(org, loc, loc_id=loc["id"]), sal_id=loc.get("sal_id"))
            for wait in loc["waits"]:
                cat.wait(sal, wait)
    cat.flush_waits(run, org.id)
    return len(records)
