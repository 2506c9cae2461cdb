"""Changes the calendar makes: an intake stop that starts or ends, opening hours that begin or expire, a group
that starts, a support point that opens or closes. Nothing is written on that day by anyone, yet what a consumer
sees changes (alerts, availability, hours); so a scheduled job moves the service's `updated_at` on that day and
HSDS `modified_after`, FHIR `_lastUpdated` / `_history`, Last-Modified and the webhooks see it.

The job is idempotent and catches up: every event of the last LOOKBACK_DAYS counts, and a service is touched only
when it was not changed since the start of the event's day (Europe/Amsterdam).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import text
from sqlmodel import Session

LOOKBACK_DAYS = 7

TOUCH = text(
    """
with ev(service_id, day) as (
  select service_id, starts_on from intake_stop where starts_on between :lo and :on
  union all
  select service_id, ends_on + 1 from intake_stop where ends_on + 1 between :lo and :on
  union all
  select coalesce(sc.service_id, sal.service_id), sc.valid_from from schedule sc
  left join service_at_location sal on sal.id = sc.service_at_location_id
  where sc.valid_from between :lo and :on
  union all
  select coalesce(sc.service_id, sal.service_id), sc.valid_to + 1 from schedule sc
  left join service_at_location sal on sal.id = sc.service_at_location_id
  where sc.valid_to + 1 between :lo and :on
  union all
  select service_id, start_date from group_offer where start_date between :lo and :on
  union all
  select service_id, opened_on from support_point where opened_on between :lo and :on
  union all
  select service_id, closed_on + 1 from support_point where closed_on + 1 between :lo and :on
), due as (
  select service_id, max(day) as day from ev where service_id is not null group by service_id
)
update service s set updated_at = clock_timestamp()
from due
where s.id = due.service_id and s.updated_at < (due.day::timestamp at time zone 'Europe/Amsterdam')
returning s.id
"""
)


def touch_date_driven(session: Session, on: date) -> list[uuid.UUID]:
    """Move updated_at of every service whose public picture changed by the calendar on or before `on` (within
    LOOKBACK_DAYS) and that was not changed since. Returns the touched service ids."""
    rows = session.execute(TOUCH, {"lo": on - timedelta(days=LOOKBACK_DAYS), "on": on}).scalars()
    return sorted(rows)
