"""Demo organisations and their locations (vestigingen), spread over the 14 Twente municipalities."""

import uuid

from waitinfo.catalogue.models import Location, Organization
from waitinfo.demo.common import Demo, did
from waitinfo.demo.names import (
    KIND_DESCRIPTIONS,
    MUNI,
    MUNICIPALITY_ORG_NAME,
    ORGANIZATIONS,
    PLACES,
    POSTCODE_LETTERS,
    STREETS,
)
from waitinfo.reference import data

GGZ_KINDS = ("specialist_ggz", "basic_ggz", "independent_practice", "addiction_care")
# Providers taking part in the regional programme (KPI 33): most ggz institutions and a few practices.
KPI33_KEYS = {
    "tpg",
    "reggedal",
    "lonneker",
    "esch",
    "kwadrant",
    "oosterhof",
    "angstcentrum",
    "veldhuis",
    "dinkelborgh",
    "sgnot",
    "twentekanaal",
    "reggevecht",
    "bghvt",
    "salland",
    "dinkelregge",
}
# The organisation keys measuring their waits as "current" (third free slot) instead of realised.
CURRENT_METHOD_KEYS = {"esch", "angstcentrum", "stadsweide", "onlinebasis", "lindehof", "nieuweruimte", "gokgame"}

CENTROIDS = {m["cbs_code"]: (float(m["lat"]), float(m["lon"])) for m in data.municipalities()}
MUNI_NAMES = {m["cbs_code"]: m["name"] for m in data.municipalities()}


def slugify(text: str) -> str:
    out = []
    for ch in text.lower().replace("ë", "e").replace("é", "e"):
        out.append(ch if ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def org_specs() -> list[tuple[str, str, str, list[str], bool]]:
    """All demo organisations: the named ones plus one sociaal wijkteam per municipality."""
    specs = list(ORGANIZATIONS)
    for key, code in MUNI.items():
        name = MUNICIPALITY_ORG_NAME.format(name=MUNI_NAMES[code])
        specs.append((f"gem-{key}", name, "municipality", [key], key in ("ens", "hen", "alm")))
    return specs


def demo_org_ids() -> list[uuid.UUID]:
    return [did("org", key) for key, *_ in org_specs()]


def address(demo: Demo, municipality_code: str, name: str = "") -> dict:
    """A plausible fictional street address in a real postcode area, with coordinates near the centroid.

    When the location's name mentions a place of the municipality (Dorpskamer Ootmarsum), it lies there.
    """
    rng = demo.rng
    place, areas = rng.choice(PLACES[municipality_code])
    for candidate, candidate_areas in PLACES[municipality_code]:
        if candidate in name:
            place, areas = candidate, candidate_areas
    postcode = f"{rng.choice(areas)} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    lat, lon = CENTROIDS[municipality_code]
    return {
        "address_1": f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
        "postal_code": postcode,
        "city": place,
        "municipality_code": municipality_code,
        "latitude": round(lat + rng.uniform(-0.018, 0.018), 5),
        "longitude": round(lon + rng.uniform(-0.028, 0.028), 5),
    }


def add_location(
    demo: Demo, org: dict, key: str, name: str, municipality_code: str | None, description: str = ""
) -> dict:
    """A physical location (or a virtual one when municipality_code is None) of an organisation."""
    base = {
        "address_1": None,
        "postal_code": None,
        "city": None,
        "municipality_code": None,
        "latitude": None,
        "longitude": None,
    }
    if municipality_code:
        base = address(demo, municipality_code, name)
    loc = demo.add(
        Location,
        id=did("location", org["key"], key),
        organization_id=org["id"],
        name=name,
        location_type="physical" if municipality_code else "virtual",
        description=description,
        created_at=demo.moment(700),
        updated_at=demo.moment(40),
        **base,
    )
    if municipality_code:
        demo.locations[org["id"]].append(loc)
    else:
        demo.virtual[org["id"]] = loc
    return loc


def build_organizations(demo: Demo) -> None:
    rng = demo.rng
    for index, (key, name, kind, munis, online) in enumerate(org_specs()):
        slug = slugify(name) + "-fictief"
        host = slug.removesuffix("-fictief") + ".example"
        agb = None
        if kind in GGZ_KINDS or kind in ("paramedical", "gp_care"):
            # Fictional AGB codes: the 99 range, so they can never be mistaken for a real provider's.
            agb = f"99{index:02d}{rng.randint(1000, 9999)}" if rng.random() < 0.8 or kind in GGZ_KINDS else None
        org = demo.add(
            Organization,
            id=did("org", key),
            name=f"{name} (fictief)",
            slug=slug,
            kind=kind,
            description=KIND_DESCRIPTIONS[kind] + " Fictieve organisatie voor de demonstratie.",
            website=f"https://www.{host}",
            email=f"info@{host}",
            phone=f"088-0000{index:03d}" if rng.random() < 0.85 else None,
            agb_code=agb,
            kvk_number=None,
            default_wait_method="current" if key in CURRENT_METHOD_KEYS else "realised",
            participates_kpi33=key in KPI33_KEYS,
            status="active",
            created_at=demo.moment(730 - index),
            updated_at=demo.moment(20 + index % 30),
        )
        org["key"] = key  # not a column; removed before insert
        demo.orgs.append(org)
        seen: dict[str, int] = {}
        for mkey in munis:
            code = MUNI[mkey]
            seen[code] = seen.get(code, 0) + 1
            label = MUNI_NAMES[code] if seen[code] == 1 else f"{MUNI_NAMES[code]} {seen[code]}"
            add_location(demo, org, f"{mkey}-{seen[code]}", f"{name} {label}", code)
        if online:
            add_location(demo, org, "online", f"{name} online", None, "Online en telefonisch; geen bezoekadres.")
