"""Shared pieces of the demo generator: stable ids, the fixed demo clock and the rows collected per table."""

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from waitinfo.core.clock import add_months, month_start
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, NEEDS_TAXONOMY, stable_uuid

SEED = 2026
MONTHS = 24  # months of history: offset 0 (current month) .. 23


def did(*parts: object) -> uuid.UUID:
    """Stable id of a demo row: the same on every run and every machine."""
    return stable_uuid("demo", *parts)


def need_id(code: str) -> uuid.UUID:
    return stable_uuid("term", NEEDS_TAXONOMY, code)


def diagnosis_id(code: str) -> uuid.UUID:
    return stable_uuid("term", DIAGNOSIS_TAXONOMY, code)


def unit_id(code: str) -> uuid.UUID:
    return stable_uuid("unit", code)


def insurer_id(code: str) -> uuid.UUID:
    return stable_uuid("insurer", code)


def weeks(value: float) -> Decimal:
    """Weeks with one decimal, never negative."""
    return Decimal(str(round(max(0.0, value), 1)))


@dataclass
class Demo:
    """State of one generator run: the seeded random source, the fixed dates and the rows per table.

    Values are drawn by month offset from the newest month, never from the calendar date, so two runs give
    the same catalogue; only the dates move along with today so the data looks current.
    """

    today: date
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    rows: dict[type, list[dict]] = field(default_factory=lambda: defaultdict(list))
    # Indexes the later steps use.
    orgs: list[dict] = field(default_factory=list)
    locations: dict[uuid.UUID, list[dict]] = field(default_factory=lambda: defaultdict(list))  # by org id
    virtual: dict[uuid.UUID, dict] = field(default_factory=dict)  # org id -> virtual location
    services: list[dict] = field(default_factory=list)
    sals: dict[uuid.UUID, list[dict]] = field(default_factory=lambda: defaultdict(list))  # by service id
    service_needs: dict[uuid.UUID, list[str]] = field(default_factory=dict)

    @property
    def newest(self) -> date:
        return month_start(self.today)

    def month(self, offset: int) -> date:
        """First day of the month `offset` months before the current one."""
        return add_months(self.newest, -offset)

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def moment(self, days_ago: int = 0, hour: int = 9) -> datetime:
        return datetime.combine(self.day(days_ago), time(hour, 0), tzinfo=UTC)

    def add(self, model: type, **values) -> dict:
        self.rows[model].append(values)
        return values

    def org(self, org_id: uuid.UUID) -> dict:
        return next(o for o in self.orgs if o["id"] == org_id)


# How many months behind each organisation reports (freshness): 2 = stale, 4+ = hidden from ranking,
# None = never reported any wait. Organisations not listed are current.
REPORT_LAG: dict[str, int | None] = {
    "sgnot": None,
    "kwadrant": 2,
    "bgnt": 2,
    "kleinees": 2,
    "mwdl": 2,
    "dinkelborgh": 5,
    "wilgenhof": 4,
    "hatw": 6,
}
