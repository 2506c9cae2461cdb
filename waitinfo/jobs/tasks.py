"""The jobs: a portal upload (dry run or apply) in a memory-capped child process; hourly cleanup of uploads;
webhook notices every minute."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid

import procrastinate

log = logging.getLogger(__name__)
bp = procrastinate.Blueprint()

JOB_TIMEOUT_SECONDS = 600
TOO_BIG = (
    "Het verwerken van dit bestand vroeg te veel geheugen of duurde te lang; er is niets gewijzigd. "
    "Lever het bestand in kleinere delen aan, of als CSV."
)
FAILED = "Het verwerken is mislukt door een fout bij waitinfo; er is niets gewijzigd. Probeer het later opnieuw."


def _mark(upload_id: uuid.UUID, status: str) -> None:
    from waitinfo.core.database import session_scope
    from waitinfo.imports.models import ImportUpload

    with session_scope() as session:
        item = session.get(ImportUpload, upload_id)
        if item is not None and item.status == "queued":
            item.status = status
            session.add(item)


@bp.task(name="run_upload", queue="imports")
def run_upload(upload_id: str) -> None:
    """Run the import in a child process (`python -m waitinfo.jobs.child`) whose address space is capped, so a
    hostile file can only kill its own process; the worker records the failure."""
    from waitinfo.core.database import session_scope
    from waitinfo.portal import upload

    uid = uuid.UUID(upload_id)
    _mark(uid, "running")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "waitinfo.jobs.child", upload_id],
            env=os.environ.copy(),
            timeout=JOB_TIMEOUT_SECONDS,
            capture_output=True,
            text=True,
        )
        code = done.returncode
        if code != 0:
            log.warning("upload %s: child exited %s: %s", upload_id, code, done.stderr[-2000:])
    except subprocess.TimeoutExpired:
        code = -1
    if code != 0:
        with session_scope() as session:
            upload.fail(session, uid, FAILED if code == 1 else TOO_BIG)


@bp.periodic(cron="17 * * * *", periodic_id="clean_uploads")
@bp.task(name="clean_uploads", queue="imports")
def clean_uploads(timestamp: int) -> int:
    """Uploads (dry runs never applied included) older than a day are removed."""
    from waitinfo.core.database import session_scope
    from waitinfo.portal import upload

    with session_scope() as session:
        return upload.clean_old(session)


@bp.task(name="pull_feed", queue="imports")
def pull_feed(organization_id: str, actor: str) -> None:
    """The coordinator's 'fetch now': fetch the provider's feed and import it (a failed fetch is a failed run)."""
    from waitinfo.core.database import session_scope
    from waitinfo.imports import feeds

    with session_scope() as session:
        feeds.pull_now(session, uuid.UUID(organization_id), triggered_by=actor)


@bp.periodic(cron="* * * * *", periodic_id="webhooks")
@bp.task(name="send_webhooks", queue="webhooks", queueing_lock="webhooks")
def send_webhooks(timestamp: int) -> int:
    """Queue a notice of what changed for every registered webhook, then send what is due (retries follow their
    backoff): on the same task queue as the imports, so a hub hears of an applied upload within a minute."""
    from waitinfo.core.database import session_scope
    from waitinfo.webhooks.service import deliver_pending, queue_changes

    with session_scope() as session:
        queue_changes(session)
    with session_scope() as session:
        delivered = deliver_pending(session)
    log.info("%d webhook delivery(ies) sent", delivered)
    return delivered
