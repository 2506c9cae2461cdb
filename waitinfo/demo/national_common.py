"""Shared pieces of the national generator: its sizes, deterministic ids and the COPY writer."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from waitinfo.core import clock
from waitinfo.core.progress import Stages

MONTHS = 24
SLUG_PREFIX = "landelijk-"
# Full size: 5,000 providers with 10 services each, each service at 2 sites.
ORGANIZATIONS = 5_000
SERVICES_PER_ORG = 10
SITES_PER_SERVICE = 2


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


def hash_int(u: uuid.UUID) -> int:
    return u.int & 0xFFFF


Progress = Stages  # a Rich bar per stage on stderr (waitinfo.core.progress)


def copy_rows(
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
