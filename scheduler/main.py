"""`waitinfo scheduler`: wait for leadership, then run APScheduler with its job store in PostgreSQL."""

from __future__ import annotations

import logging
import signal
import threading

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from waitinfo.core.database import database_url, get_engine
from waitinfo.scheduler import jobs
from waitinfo.scheduler.leader import LeaderLock

log = logging.getLogger("scheduler")

TIMEZONE = "Europe/Amsterdam"


def build(engine) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename="apscheduler_job")},
        executors={"default": ThreadPoolExecutor(2)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
        timezone=TIMEZONE,
    )
    return scheduler


def install_jobs(scheduler: BackgroundScheduler) -> None:
    add = scheduler.add_job
    add("waitinfo.scheduler.jobs:sync_feed_jobs", "interval", minutes=10, id="sync-feeds", replace_existing=True)
    add("waitinfo.scheduler.jobs:send_reminders", "cron", hour=7, minute=0, id="reminders", replace_existing=True)
    add("waitinfo.scheduler.jobs:send_mail", "interval", minutes=5, id="send-mail", replace_existing=True)
    add(
        "waitinfo.scheduler.jobs:region_snapshot",
        "cron",
        day=1,
        hour=3,
        minute=0,
        id="region-snapshot",
        replace_existing=True,
    )
    # Calendar-driven changes (intake stops starting/ending, hours expiring, groups starting) move last_modified
    # just after midnight, so the change feed sees them on their day; hourly as a catch-up.
    add(
        "waitinfo.scheduler.jobs:date_driven_changes",
        "cron",
        minute=1,
        id="date-driven-changes",
        replace_existing=True,
    )
    # Webhooks are a periodic task of the job queue (waitinfo.jobs.tasks.send_webhooks), not a job here.
    # Bulk downloads (zip, ndjson) rebuilt after a change, so a hub's download is a file read.
    add(
        "waitinfo.scheduler.jobs:refresh_bulk_export",
        "cron",
        minute="10,40",
        id="bulk-export",
        replace_existing=True,
    )
    # Stored HSDS documents of changed offer (or whose intake stop starts or ends today), every quarter of an hour.
    # Readers build an outdated document themselves, so this only saves them time.
    add(
        "waitinfo.scheduler.jobs:refresh_hsds_documents",
        "cron",
        minute="5,20,35,50",
        id="hsds-documents",
        replace_existing=True,
    )


def run_once() -> int:
    jobs.date_driven_changes()
    jobs.send_reminders()
    jobs.send_mail()
    jobs.region_snapshot()
    return 0


def run(once: bool = False, poll_seconds: float = 5.0) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s", force=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    lock = LeaderLock(database_url())
    if once:
        if not lock.try_acquire():
            log.info("another scheduler is the leader; nothing done")
            return 1
        try:
            return run_once()
        finally:
            lock.release()
    if not lock.wait(poll_seconds=poll_seconds, stop=stop.is_set):
        return 0
    scheduler = build(get_engine())
    jobs.set_scheduler(scheduler)
    scheduler.start(paused=True)
    install_jobs(scheduler)
    jobs.sync_feed_jobs()
    scheduler.resume()
    log.info("scheduler running as leader with %d job(s)", len(scheduler.get_jobs()))
    try:
        while not stop.wait(poll_seconds):
            if not lock.alive():
                log.error("lost the leadership lock (database connection gone); stopping")
                return 1
    finally:
        scheduler.shutdown(wait=False)
        jobs.set_scheduler(None)
        lock.release()
    return 0
