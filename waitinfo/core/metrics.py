"""Figures for /metrics read from the database: import runs by status, data freshness per provider.

Read at scrape time through a short cache, so a scraper every few seconds does not load the database.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import text

from waitinfo.core import clock
from waitinfo.core.database import get_engine

log = logging.getLogger(__name__)

IMPORT_RUNS_SQL = text("select status, count(*) from import_run group by status")

# Last confirmation per provider: the newest wait figure (reference date, else its month) or assured date.
FRESHNESS_SQL = text(
    """
    with waits as (
        select s.organization_id, max(coalesce(w.reference_date, w.month)) as last_wait
        from wait_time w
        join service_at_location sal on sal.id = w.service_at_location_id
        join service s on s.id = sal.service_id
        group by s.organization_id
    ), assured as (
        select organization_id, max(assured_date) as last_assured
        from service where status = 'active' group by organization_id
    )
    select o.slug, greatest(waits.last_wait, assured.last_assured) as last_confirmed
    from organization o
    left join waits on waits.organization_id = o.id
    left join assured on assured.organization_id = o.id
    where o.status = 'active'
    """
)


@dataclass
class DatabaseFigures:
    up: bool = False
    import_runs: dict[str, int] = field(default_factory=dict)
    provider_age_days: dict[str, float] = field(default_factory=dict)  # slug -> days since last confirmation


_cache: tuple[float, DatabaseFigures] | None = None
_lock = threading.Lock()


def database_figures(max_age_seconds: float = 30.0) -> DatabaseFigures:
    """The figures, at most max_age_seconds old; `up=False` (and no figures) while the database is away."""
    global _cache
    with _lock:
        if _cache is not None and time.monotonic() - _cache[0] < max_age_seconds:
            return _cache[1]
        figures = _read()
        _cache = (time.monotonic(), figures)
        return figures


def clear_cache() -> None:
    global _cache
    with _lock:
        _cache = None


def read_figures(conn, today) -> DatabaseFigures:
    """The figures read through one connection (raises when the database is away)."""
    figures = DatabaseFigures(up=True)
    figures.import_runs = {status: int(n) for status, n in conn.execute(IMPORT_RUNS_SQL)}
    for slug, last in conn.execute(FRESHNESS_SQL):
        if last is not None:
            figures.provider_age_days[slug] = float((today - last).days)
    return figures


def _read() -> DatabaseFigures:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("set local statement_timeout = '5s'"))
            return read_figures(conn, clock.today())
    except Exception as exc:  # noqa: BLE001 - a scrape must never fail because the database is away
        log.warning("metrics: database figures unavailable (%s)", exc.__class__.__name__)
        return DatabaseFigures(up=False)
