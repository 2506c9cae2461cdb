"""The procrastinate App of waitinfo, and deferring a job inside the caller's database transaction."""

from __future__ import annotations

import functools
import json

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

NAMESPACE = "waitinfo"
QUEUE = "imports"

# procrastinate's own SQL function (schema applied by migration 1100_procrastinate): the job row is written in
# the same transaction as the upload it processes, so a worker never sees a job without its upload.
DEFER = text(
    "select procrastinate_defer_jobs_v1(array[row(:queue, :task, 0, null, null, cast(:args as jsonb), null)"
    "::procrastinate_job_to_defer_v1])"
)


def conninfo(url: str | None = None) -> str:
    """The libpq form of the SQLAlchemy database URL (postgresql+psycopg://... -> postgresql://...)."""
    from waitinfo.core.database import database_url

    return make_url(url or database_url()).set(drivername="postgresql").render_as_string(hide_password=False)


@functools.cache
def get_app():
    import procrastinate

    from waitinfo.jobs import tasks

    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(), min_size=1, max_size=4),
        worker_defaults={"delete_jobs": "successful"},
    )
    app.add_tasks_from(tasks.bp, namespace=NAMESPACE)
    return app


def defer_in(session: Session, task: str, args: dict, queue: str = QUEUE) -> int:
    """Queue `task` (a name in waitinfo.jobs.tasks) with `args`; committed with the caller's transaction."""
    return session.execute(
        DEFER, {"queue": queue, "task": f"{NAMESPACE}:{task}", "args": json.dumps(args)}
    ).scalar_one()[0]
