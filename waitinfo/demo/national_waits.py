"""National generator: 24 months of waits per service at a site, a random walk from the site's starting level."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from waitinfo.core import clock
from waitinfo.demo.national_common import MONTHS, Progress, copy_rows, nid
from waitinfo.demo.national_services import ServiceSite


def copy_waits(conn, sals: list[ServiceSite], rng: random.Random, today: date, newest: date, bar: Progress) -> int:
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

    return copy_rows(
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
