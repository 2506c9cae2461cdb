"""A fictional catalogue the size of the whole country, for benchmarks: `waitinfo demo --scale national`.

50,000 services, 100,000 service_at_locations and 24 months of waits (2.4 million rows) at factor 1.0,
written with COPY (psycopg 3 `cursor.copy`) from generators, so it takes minutes, not hours.

Only the 14 Twente municipalities are reference data; the rest of the country is filled with fictional
municipalities (codes GM9001.., names ending in "(fictief)", coordinates spread over the Netherlands) so
search by municipality keeps a realistic selectivity and every foreign key holds. Deterministic: one seed,
ids derived from counters. A rerun first removes the previous national rows (organisations with the slug
prefix `landelijk-` cascade to everything below them; fictional municipalities go last).

The steps live in national_places (municipalities, providers, sites), national_services (services with needs,
areas and sites) and national_waits; national_common holds the sizes, ids and the COPY writer.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.core import clock
from waitinfo.core.progress import Stages
from waitinfo.demo.national_common import MONTHS, ORGANIZATIONS, SLUG_PREFIX, Counts, Progress
from waitinfo.demo.national_places import copy_organizations, copy_sites, municipalities, plan_organizations
from waitinfo.demo.national_services import (
    copy_areas,
    copy_needs,
    copy_service_sites,
    copy_services,
    need_pools,
    plan_services,
)
from waitinfo.demo.national_waits import copy_waits

SEED = 9_2026


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
    # One generator for everything, drawn from in this order: each step's rows depend on all draws before it.
    rng = random.Random(SEED)
    today = clock.today()
    newest = clock.month_start(today)
    counts = Counts()

    ggz_needs, social_needs = need_pools(session)
    munis = municipalities(session, rng)
    orgs = plan_organizations(rng, munis, max(2, round(ORGANIZATIONS * factor)))
    counts.organizations = copy_organizations(conn, orgs, bar)
    sites, counts.locations = copy_sites(conn, orgs, munis, rng, bar)

    services = plan_services(rng, orgs, sites)
    counts.services = copy_services(conn, services, munis, rng, today, bar)
    counts.extra["service_need"] = copy_needs(conn, services, ggz_needs, social_needs, rng, bar)
    counts.extra["service_area"] = copy_areas(conn, services, munis, bar)
    sals, counts.service_at_locations = copy_service_sites(conn, services, rng, bar)
    counts.wait_times = copy_waits(conn, sals, rng, today, newest, bar)
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


def remove_national(session: Session, say: Callable[[str], None] | None = None) -> None:
    """Remove a previous national load (everything under its organisations, then the fictional municipalities)."""
    session.execute(text(f"delete from organization where slug like '{SLUG_PREFIX}%'"))
    session.execute(text("delete from place where municipality_code like 'GM9%'"))
    session.execute(text("delete from municipality where code like 'GM9%' and name like '%(fictief)'"))
