"""Today and now in one place, so tests and the demo can fix the date (`frozen`)."""

from contextlib import contextmanager
from datetime import UTC, date, datetime, time

_fixed: datetime | None = None


def now() -> datetime:
    return _fixed if _fixed is not None else datetime.now(UTC)


@contextmanager
def frozen(moment: date | datetime):
    """Fix now() and today() (a date means noon UTC of that day), e.g. to test the days around a due date."""
    global _fixed
    before = _fixed
    _fixed = moment if isinstance(moment, datetime) else datetime.combine(moment, time(12), tzinfo=UTC)
    try:
        yield _fixed
    finally:
        _fixed = before


def today() -> date:
    return now().date()


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)
