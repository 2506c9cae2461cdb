"""National generator: the fictional rest of the country's municipalities, and the providers with their sites."""

from __future__ import annotations

import random
import uuid

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.demo.national_common import SLUG_PREFIX, Progress, copy_rows, nid

FICTIONAL_CODE_FROM = 9001
FICTIONAL_MUNICIPALITIES = 341  # with the 14 Twente ones: 355, roughly the country's number
NL_POPULATION = 18_000_000

ORG_KINDS = [
    ("specialist_ggz", 3),
    ("basic_ggz", 4),
    ("independent_practice", 6),
    ("addiction_care", 1),
    ("social_work", 3),
    ("welfare", 3),
    ("peer_recovery", 1),
    ("gp_care", 2),
    ("paramedical", 1),
]
REGIONS = ["Noord", "Oost", "Zuid", "West", "Midden", "Kust", "Delta", "Heuvel", "Veen", "Rivier"]

Municipality = tuple[str, str, tuple[float, float], int]  # code, name, (lat, lon), population
Org = tuple[uuid.UUID, str, int]  # id, kind, index of its home municipality
Site = tuple[uuid.UUID, int]  # location id, municipality index


def municipalities(session: Session, rng: random.Random) -> list[Municipality]:
    """Twente's 14 (reference data) plus the fictional rest of the country: (code, name, (lat, lon), population)."""
    twente = [
        (c, n, (lat, lon), p)
        for c, n, lat, lon, p in session.execute(
            text(
                "select code, name, latitude, longitude, population from municipality where code not like 'GM9%' "
                "order by code"
            )
        ).all()
    ]
    rest = NL_POPULATION - sum(m[3] for m in twente)
    fictional = []
    for k in range(FICTIONAL_MUNICIPALITIES):
        code = f"GM{FICTIONAL_CODE_FROM + k}"
        name = f"{REGIONS[k % len(REGIONS)]}dorp {k + 1:03d} (fictief)"
        lat, lon = round(rng.uniform(51.35, 53.35), 4), round(rng.uniform(3.7, 7.0), 4)
        fictional.append((code, name, (lat, lon), 0))
    pops = [rng.uniform(0.2, 3.0) for _ in fictional]
    scale = rest / sum(pops)
    fictional = [(c, n, ll, int(p * scale)) for (c, n, ll, _), p in zip(fictional, pops, strict=True)]
    session.execute(
        text("insert into municipality (code, name, population, latitude, longitude) values (:c, :n, :p, :lat, :lon)"),
        [{"c": c, "n": n, "p": p, "lat": ll[0], "lon": ll[1]} for c, n, ll, p in fictional],
    )
    session.execute(
        text("insert into place (name, municipality_code) values (:n, :c) on conflict do nothing"),
        [{"n": n, "c": c} for c, n, _ll, _p in fictional],
    )
    return twente + fictional


def neighbour(munis: list[Municipality], home: int, rng: random.Random) -> int:
    """A municipality near the home one (the home one itself for the smallest ones)."""
    lat, lon = munis[home][2]
    near = sorted(range(len(munis)), key=lambda m: (munis[m][2][0] - lat) ** 2 + (munis[m][2][1] - lon) ** 2)[:4]
    return rng.choice(near)


def plan_organizations(rng: random.Random, munis: list[Municipality], n_orgs: int) -> list[Org]:
    """Providers by kind in a fixed rotation, each at home in a municipality drawn by population."""
    weights = [m[3] for m in munis]
    kinds = [k for k, w in ORG_KINDS for _ in range(w)]
    orgs = []
    for i in range(n_orgs):
        home = rng.choices(range(len(munis)), weights=weights)[0]
        orgs.append((nid(1, i), kinds[i % len(kinds)], home))
    return orgs


def _org_rows(orgs: list[Org]):
    for i, (oid, kind, _home) in enumerate(orgs):
        region = REGIONS[i % len(REGIONS)]
        name = f"Zorggroep {region} {i + 1:04d} (fictief)"
        yield (
            oid,
            name,
            f"{SLUG_PREFIX}{i + 1:04d}",
            kind,
            "Fictieve aanbieder voor de landelijke benchmark.",
            f"https://aanbieder{i + 1:04d}.example",
            f"info@aanbieder{i + 1:04d}.example",
            "realised",
            False,
            "active",
        )


def copy_organizations(conn, orgs: list[Org], bar: Progress) -> int:
    return copy_rows(
        conn,
        "organization",
        [
            "id",
            "name",
            "slug",
            "kind",
            "description",
            "website",
            "email",
            "default_wait_method",
            "participates_kpi33",
            "status",
        ],
        _org_rows(orgs),
        len(orgs),
        bar,
        "aanbieders",
    )


def copy_sites(
    conn, orgs: list[Org], munis: list[Municipality], rng: random.Random, bar: Progress
) -> tuple[list[list[Site]], int]:
    """Two or three sites per provider (home and nearby municipalities); returns the sites per provider and count."""
    sites: list[list[Site]] = []
    loc_rows = []
    n_loc = 0
    for i, (oid, _kind, home) in enumerate(orgs):
        mine = []
        for j in range(2 + (i % 3 == 0)):
            m = home if j == 0 else neighbour(munis, home, rng)
            code, name, (lat, lon), _pop = munis[m]
            lid = nid(2, n_loc)
            n_loc += 1
            loc_rows.append(
                (
                    lid,
                    oid,
                    f"Vestiging {name} {j + 1}",
                    "physical",
                    f"Voorbeeldstraat {rng.randint(1, 200)}",
                    f"{rng.randint(1000, 9999)} {chr(65 + rng.randint(0, 25))}{chr(65 + rng.randint(0, 25))}",
                    name.replace(" (fictief)", ""),
                    code,
                    round(lat + rng.uniform(-0.03, 0.03), 6),
                    round(lon + rng.uniform(-0.04, 0.04), 6),
                    "",
                )
            )
            mine.append((lid, m))
        sites.append(mine)
    count = copy_rows(
        conn,
        "location",
        [
            "id",
            "organization_id",
            "name",
            "location_type",
            "address_1",
            "postal_code",
            "city",
            "municipality_code",
            "latitude",
            "longitude",
            "description",
        ],
        loc_rows,
        len(loc_rows),
        bar,
        "vestigingen",
    )
    return sites, count
