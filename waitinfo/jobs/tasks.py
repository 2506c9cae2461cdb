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


def _run_capped(args: list[str]) -> int:
    """Run `python -m waitinfo.jobs.child ARGS` (address space capped); its exit code, -1 on a timeout."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "waitinfo.jobs.child", *args],
            env=os.environ.copy(),
            timeout=JOB_TIMEOUT_SECONDS,
            capture_output=True,
            text=True,
        )
    except subprocess.TimeoutExpired:
        return -1
    if done.returncode != 0:
        log.warning("job %s: child exited %s: %s", args, done.returncode, done.stderr[-2000:])
    return done.returncode


@bp.task(name="run_upload", queue="imports")
def run_upload(upload_id: str) -> None:
    """Run the import in a child process (`python -m waitinfo.jobs.child`) whose address space is capped, so a
    hostile file can only kill its own process; the worker records the failure."""
    from waitinfo.core.database import session_scope
    from waitinfo.portal import upload

    uid = uuid.UUID(upload_id)
    _mark(uid, "running")
    code = _run_capped([upload_id])
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
    """The coordinator's 'fetch now': fetch the provider's feed and import it (a failed fetch is a failed run), in
    the same memory-capped child as uploads, so a hostile feed can only kill its own process."""
    code = _run_capped(["feed", organization_id, actor])
    if code != 0:
        log.error("feed pull for %s stopped (exit %s): too much memory, too long, or an error", organization_id, code)


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
