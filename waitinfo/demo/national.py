"""A fictional catalogue the size of the whole country, for benchmarks: `waitinfo demo --scale national`.

50,000 services, 100,000 service_at_locations and 24 months of waits (2.4 million rows) at factor 1.0,
written with COPY (psycopg 3 `cursor.copy`) from generators, so it takes minutes, not hours.

Only the 14 Twente municipalities are reference data; the rest of the country is filled with fictional
municipalities (codes GM9001.., names ending in "(fictief)", coordinates spread over the Netherlands) so
search by municipality keeps a realistic selectivity and every foreign key holds. Deterministic: one seed,
ids derived from counters. A rerun first removes the previous national rows (organisations with the slug
prefix `landelijk-` cascade to everything below them; fictional municipalities go last).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.core import clock
from waitinfo.core.progress import Stages

SEED = 9_2026
MONTHS = 24
SLUG_PREFIX = "landelijk-"
FICTIONAL_CODE_FROM = 9001
FICTIONAL_MUNICIPALITIES = 341  # with the 14 Twente ones: 355, roughly the country's number
NL_POPULATION = 18_000_000
# Full size: 5,000 providers with 10 services each, each service at 2 sites.
ORGANIZATIONS = 5_000
SERVICES_PER_ORG = 10
SITES_PER_SERVICE = 2

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
SOCIAL_ORG_KINDS = {"social_work", "welfare", "peer_recovery"}
GGZ_SERVICES = [
    ("treatment", "Behandeling"),
    ("treatment", "Kortdurende behandeling"),
    ("consultation", "Consult"),
    ("group_offer", "Groepstraining"),
    ("ehealth", "Online behandeling"),
    ("crisis", "Crisisdienst"),
]
SOCIAL_SERVICES = [
    ("consultation", "Maatschappelijk werk"),
    ("group_offer", "Lotgenotengroep"),
    ("peer_support", "Ervaringsdeskundige steun"),
    ("support_point", "Inloop"),
    ("information", "Informatiepunt"),
    ("consultation", "Schuldhulp en ondersteuning"),
]
REGIONS = ["Noord", "Oost", "Zuid", "West", "Midden", "Kust", "Delta", "Heuvel", "Veen", "Rivier"]


@dataclass
class Counts:
    organizations: int = 0
    locations: int = 0
    services: int = 0
    service_at_locations: int = 0
    wait_times: int = 0
    extra: dict = field(default_factory=dict)


def nid(table: int, n: int) -> uuid.UUID:
    """Deterministic id: a table tag and a counter (version-4 bits set, so it looks like any other UUID)."""
    return uuid.UUID(int=(0x6E6C << 112) | (table << 96) | n, version=4)


Progress = Stages  # a Rich bar per stage on stderr (waitinfo.core.progress)


def _copy(
    conn, table: str, columns: list[str], rows: Iterable[tuple], total: int, progress: Progress, label: str
) -> int:
    cur = conn.cursor()
    stamps = [
        r[0]
        for r in cur.execute(
            "select column_name from information_schema.columns where table_name = %s "
            "and column_name in ('created_at', 'updated_at') and column_default is null order by column_name",
            (table,),
        )
    ]
    moment = (clock.now(),) * len(stamps)
    n = 0
    with cur.copy(f"copy {table} ({', '.join(columns + stamps)}) from stdin") as cp:
        for row in rows:
            cp.write_row(row + moment)
            n += 1
            if n % 20_000 == 0:
                progress(label, n, total)
    progress(label, n, max(n, 1), force=True)
    return n


def load_national(session: Session, progress: bool = False, factor: float = 1.0) -> str:
    """Generate and store the national catalogue (the caller commits); returns a Dutch summary.

    factor scales the number of providers (1.0: 5,000 providers, 50,000 services; 0.01 for tests).
    """
    started = time.monotonic()
    with Progress(progress) as bar:
        return _load_national(session, bar, factor, started)


def _load_national(session: Session, bar: Stages, factor: float, started: float) -> str:
    conn = session.connection().connection.driver_connection  # psycopg 3 connection inside the transaction
    remove_national(session)
    rng = random.Random(SEED)
    today = clock.today()
    newest = clock.month_start(today)
    counts = Counts()

    needs = session.execute(
        text(
            "select t.id, coalesce(t.usual_domain, 'both') from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id "
            "where x.code = 'needs' order by t.code"
        )
    ).all()
    if not needs:
        raise RuntimeError("Referentiegegevens ontbreken: voer eerst `waitinfo migrate` uit.")
    ggz_needs = [n for n, d in needs if d in ("ggz", "both")] or [n for n, _ in needs]
    social_needs = [n for n, d in needs if d in ("social", "both")] or [n for n, _ in needs]

    munis = _municipalities(session, rng)
    weights = [m[3] for m in munis]
    n_orgs = max(2, round(ORGANIZATIONS * factor))

    # --- organizations and their sites -------------------------------------------------------------------
    orgs = []  # (id, kind, home municipality index)
    kinds = [k for k, w in ORG_KINDS for _ in range(w)]
    for i in range(n_orgs):
        home = rng.choices(range(len(munis)), weights=weights)[0]
        orgs.append((nid(1, i), kinds[i % len(kinds)], home))

    def org_rows():
        for i, (oid, kind, home) in enumerate(orgs):
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

    counts.organizations = _copy(
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
        org_rows(),
        n_orgs,
        bar,
        "aanbieders",
    )

    sites: list[list[tuple[uuid.UUID, int]]] = []  # per org: (location id, municipality index)
    loc_rows = []
    n_loc = 0
    for i, (oid, _kind, home) in enumerate(orgs):
        mine = []
        for j in range(2 + (i % 3 == 0)):
            m = home if j == 0 else _neighbour(munis, home, rng)
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
    counts.locations = _copy(
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

    # --- services, needs, areas, service_at_locations --------------------------------------------------------
    services = []  # (service id, wait kind, [site ids], [municipality idx], domain)
    n_svc = 0
    for i, (oid, kind, _home) in enumerate(orgs):
        social = kind in SOCIAL_ORG_KINDS
        for k in range(SERVICES_PER_ORG):
            sid = nid(3, n_svc)
            n_svc += 1
            chosen = rng.sample(sites[i], SITES_PER_SERVICE) if len(sites[i]) >= SITES_PER_SERVICE else sites[i]
            wait_kind = (
                "social"
                if social
                else (
                    "ggz_specialist"
                    if kind in ("specialist_ggz", "addiction_care")
                    else "poh_ggz"
                    if kind == "gp_care"
                    else "ggz_basic"
                )
            )
            services.append((sid, oid, wait_kind, k, [s[0] for s in chosen], [s[1] for s in chosen], social))

    def service_rows():
        for sid, _oid, wait_kind, k, _sites, muni_idx, social in services:
            kind, label = (SOCIAL_SERVICES if social else GGZ_SERVICES)[(k + hash_int(sid)) % 6]
            town = munis[muni_idx[0]][1].replace(" (fictief)", "")
            assured = today - timedelta(days=rng.randint(0, 120))
            cost = "free" if social else ("insured" if kind != "ehealth" else rng.choice(["insured", "paid"]))
            yield (
                sid,
                _oid,
                f"{label} {town}",
                _description(label, town, social),
                "social" if social else "ggz",
                kind,
                "none" if kind in ("information", "support_point") else wait_kind,
                "active",
                "Volwassenen",
                18,
                None,
                not social and kind != "crisis",
                "",
                cost,
                "",
                ["nl"],
                "Aanmelden via de website.",
                False if kind != "ehealth" else True,
                social and k % 4 == 0,
                assured,
            )

    counts.services = _copy(
        conn,
        "service",
        [
            "id",
            "organization_id",
            "name",
            "description",
            "domain",
            "kind",
            "wait_kind",
            "status",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "referral_required",
            "referral_description",
            "cost",
            "cost_description",
            "languages",
            "how_to_register",
            "online_possible",
            "suitable_while_waiting",
            "assured_date",
        ],
        service_rows(),
        len(services),
        bar,
        "aanbod",
    )

    def need_rows():
        for sid, *_rest, social in services:
            pool = social_needs if social else ggz_needs
            for term in rng.sample(pool, min(len(pool), 1 + hash_int(sid) % 3)):
                yield (sid, term)

    counts.extra["service_need"] = _copy(
        conn, "service_need", ["service_id", "taxonomy_term_id"], need_rows(), len(services) * 2, bar, "hulpvragen"
    )

    def area_rows():
        for sid, _o, _w, _k, _s, muni_idx, _soc in services:
            for m in sorted(set(muni_idx)):
                yield (sid, munis[m][0])

    counts.extra["service_area"] = _copy(
        conn, "service_area", ["service_id", "municipality_code"], area_rows(), len(services) * 2, bar, "werkgebieden"
    )

    sals = []  # (sal id, wait kind, level)

    def sal_rows():
        n = 0
        for sid, _o, wait_kind, _k, site_ids, _m, _soc in services:
            for lid in site_ids:
                sal_id = nid(4, n)
                n += 1
                sals.append((sal_id, wait_kind, rng.uniform(1, 14)))
                yield (sal_id, sid, lid, "")

    counts.service_at_locations = _copy(
        conn,
        "service_at_location",
        ["id", "service_id", "location_id", "description"],
        sal_rows(),
        len(services) * SITES_PER_SERVICE,
        bar,
        "aanbod per vestiging",
    )

    # --- 24 months of waits per service_at_location ------------------------------------------------------------
    months = [clock.add_months(newest, -k) for k in range(MONTHS - 1, -1, -1)]

    def wait_rows() -> Iterator[tuple]:
        n = 0
        for sal_id, wait_kind, level in sals:
            reg = level
            treat = level * 1.6
            social = wait_kind in ("social", "poh_ggz")
            for month in months:
                reg = max(0.0, reg + rng.uniform(-1.0, 1.1))
                treat = max(0.0, treat + rng.uniform(-1.5, 1.6))
                yield (
                    nid(5, n),
                    sal_id,
                    month,
                    round(reg, 1),
                    None if social else round(treat, 1),
                    rng.randint(0, 120),
                    "realised",
                    min(today, month + timedelta(days=14)),
                )
                n += 1

    counts.wait_times = _copy(
        conn,
        "wait_time",
        [
            "id",
            "service_at_location_id",
            "month",
            "registration_weeks",
            "treatment_weeks",
            "waiting_count",
            "method",
            "reference_date",
        ],
        wait_rows(),
        len(sals) * MONTHS,
        bar,
        "wachttijden",
    )
    session.execute(
        text(
            "analyze organization; analyze location; analyze service; analyze service_need; "
            "analyze service_area; analyze service_at_location; analyze wait_time"
        )
    )
    seconds = time.monotonic() - started
    return (
        f"Landelijke demogegevens geladen in {seconds:.0f} s: {counts.organizations} aanbieders, "
        f"{counts.locations} vestigingen, {counts.services} aanbod, {counts.service_at_locations} aanbod per "
        f"vestiging, {counts.wait_times} wachttijdcijfers over {MONTHS} maanden, verdeeld over "
        f"{len(munis)} gemeenten (waarvan {len(munis) - 14} fictief)."
    )


def hash_int(u: uuid.UUID) -> int:
    return u.int & 0xFFFF


def _description(label: str, town: str, social: bool) -> str:
    if social:
        return (
            f"{label} in {town}: praktische steun bij geldzorgen, eenzaamheid, opvoeding en werk. "
            "Vrij toegankelijk, zonder verwijzing."
        )
    return (
        f"{label} in {town} bij angst, depressie, trauma en andere psychische klachten. "
        "Individueel of in een groep, met een vaste behandelaar."
    )


def _neighbour(munis, home: int, rng: random.Random) -> int:
    """A municipality near the home one (the home one itself for the smallest ones)."""
    lat, lon = munis[home][2]
    near = sorted(range(len(munis)), key=lambda m: (munis[m][2][0] - lat) ** 2 + (munis[m][2][1] - lon) ** 2)[:4]
    return rng.choice(near)


def _municipalities(session: Session, rng: random.Random) -> list[tuple[str, str, tuple[float, float], int]]:
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


def remove_national(session: Session, say: Callable[[str], None] | None = None) -> None:
    """Remove a previous national load (everything under its organisations, then the fictional municipalities)."""
    session.execute(text(f"delete from organization where slug like '{SLUG_PREFIX}%'"))
    session.execute(text("delete from place where municipality_code like 'GM9%'"))
    session.execute(text("delete from municipality where code like 'GM9%' and name like '%(fictief)'"))
