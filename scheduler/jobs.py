"""The scheduled jobs (module-level functions, so the SQLAlchemy job store can reference them by name)."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from waitinfo.core.clock import add_months, month_start, now, today
from waitinfo.core.database import session_scope

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(hours=1)
_scheduler = None  # set by scheduler.main while this process is the leader


def set_scheduler(scheduler) -> None:
    global _scheduler
    _scheduler = scheduler


def pull_feed(organization_id: str) -> str:
    """Pull one provider's feed; a failed pull is retried once an hour later (the catalogue stays as it was)."""
    from waitinfo.imports import feeds

    with session_scope() as session:
        try:
            report = feeds.pull_now(session, uuid.UUID(organization_id), triggered_by="scheduler")
        except feeds.FeedError as exc:
            log.warning("feed for %s not pulled: %s", organization_id, exc.message)
            return "failed"
    log.info("feed %s: %s (%s)", organization_id, report.status, report.message)
    if report.status == "failed" and _scheduler is not None:
        _scheduler.add_job(
            "waitinfo.scheduler.jobs:pull_feed",
            "date",
            run_date=now() + RETRY_AFTER,
            args=[organization_id],
            id=f"retry:{organization_id}",
            replace_existing=True,
        )
    return report.status


def sync_feed_jobs() -> int:
    """One cron job per enabled feed, following its schedule; jobs of removed/disabled feeds are dropped."""
    from apscheduler.triggers.cron import CronTrigger

    from waitinfo.imports import repository

    if _scheduler is None:
        return 0
    with session_scope() as session:
        wanted = {
            f"feed:{feed.organization_id}": (str(feed.organization_id), feed.schedule)
            for feed, _org in repository.enabled_feeds(session)
        }
    for job in _scheduler.get_jobs():
        if job.id.startswith("feed:") and job.id not in wanted:
            job.remove()
    for job_id, (org_id, schedule) in wanted.items():
        try:
            trigger = CronTrigger.from_crontab(schedule, timezone="Europe/Amsterdam")
        except ValueError:
            log.warning("feed %s has an invalid schedule %r; skipped", org_id, schedule)
            continue
        existing = _scheduler.get_job(job_id)
        if existing is None or str(existing.trigger) != str(trigger):
            _scheduler.add_job(
                "waitinfo.scheduler.jobs:pull_feed", trigger, args=[org_id], id=job_id, replace_existing=True
            )
    return len(wanted)


def send_reminders() -> int:
    from waitinfo.scheduler.reminders import send_reminders as queue_due

    with session_scope() as session:
        queued = queue_due(session, today())
    log.info("%d reminder(s) queued", len(queued))
    return len(queued)


def send_mail() -> int:
    from waitinfo.accounts import outbox

    with session_scope() as session:
        return outbox.send_pending(session)


def region_snapshot(month: str | None = None) -> bool:
    """Snapshot of last month's region figures (taken early in the next month)."""
    try:
        from waitinfo.region.snapshot import take_snapshot
    except ImportError:
        log.info("region snapshot not available yet (waitinfo.region.snapshot missing); skipped")
        return False
    target = datetime.fromisoformat(month).date() if month else add_months(month_start(today()), -1)
    with session_scope() as session:
        take_snapshot(session, target)
    log.info("region snapshot for %s taken", target)
    return True


def refresh_hsds_documents() -> int:
    """Build the stored HSDS documents that are missing or out of date (waitinfo.hsds.documents)."""
    from sqlmodel import Session

    from waitinfo.core.database import get_engine
    from waitinfo.hsds.documents import refresh

    built = refresh(lambda: Session(get_engine()))
    log.info("%d HSDS document(s) built", built)
    return built


def date_driven_changes() -> int:
    """Services whose alerts, hours or availability change by the calendar today get a new last_modified."""
    from waitinfo.hsds.calendar import touch_date_driven

    with session_scope() as session:
        touched = touch_date_driven(session, today())
    log.info("%d service(s) changed by the calendar", len(touched))
    return len(touched)


def refresh_bulk_export() -> str:
    """Build the bulk downloads of the current catalogue version ahead of the first hub asking for them."""
    from waitinfo.hsds import bulk

    with session_scope() as session:
        for kind in ("zip", "ndjson"):
            found = bulk.export(session, kind)
    log.info("bulk export at version %s", found.version)
    return found.version
