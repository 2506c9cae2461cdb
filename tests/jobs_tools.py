"""Run the queued background jobs of a test's own transaction in-process (what a worker would do).

The upload route defers its job in the request's transaction (waitinfo.jobs.app.defer_in); a test that runs
in a rolled-back transaction executes those jobs here with the same session. tests/jobs/test_worker.py runs
a real procrastinate worker against a committed database.
"""

import uuid

from sqlalchemy import text

from waitinfo.portal import upload


def queued(db, task: str = "waitinfo:run_upload") -> list[dict]:
    rows = db.execute(
        text("select id, args from procrastinate_jobs where task_name = :t and status = 'todo' order by id"),
        {"t": task},
    ).all()
    return [{"id": r[0], **r[1]} for r in rows]


def run_jobs(db) -> int:
    """Execute every queued upload job (as the job's child process would) and mark it succeeded."""
    jobs = queued(db)
    for job in jobs:
        upload.execute(db, uuid.UUID(job["upload_id"]))
        _done(db, job)
    return len(jobs)


def run_pulls(db) -> int:
    """Execute every queued 'fetch now' job of the coordinator."""
    from waitinfo.imports import feeds

    jobs = queued(db, "waitinfo:pull_feed")
    for job in jobs:
        feeds.pull_now(db, uuid.UUID(job["organization_id"]), triggered_by=job["actor"])
        _done(db, job)
    return len(jobs)


def _done(db, job: dict) -> None:
    db.execute(text("update procrastinate_jobs set status = 'succeeded' where id = :i"), {"i": job["id"]})
    db.flush()
