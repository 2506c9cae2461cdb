"""Portal upload: dry run first (the row-level report), then apply the very same file; both as background jobs.

The request stores the file in `import_upload` and defers a job in the same transaction (waitinfo.jobs); the
worker runs the import in a process with a memory cap and stores the report; the page polls the status. The
apply step names the dry-run upload by id and only an upload of the same organisation can be applied.
"""

import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session

from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Organization
from waitinfo.core.clock import now
from waitinfo.imports.models import ImportUpload
from waitinfo.imports.schemas import ImportReport
from waitinfo.imports.service import run_import

MAX_BYTES = 5 * 1024 * 1024
KEEP_DRY_RUNS = timedelta(days=1)
KINDS = {
    "": "automatisch herkennen",
    "wait-times": "wachttijden",
    "offer": "aanbod (ons sjabloon)",
    "support-points": "steunpunten",
    "group-offers": "groepsaanbod",
    "hsds": "HSDS (JSON)",
}
GONE = "Dit bestand is niet (meer) beschikbaar. Upload het opnieuw."


class UploadError(ValueError):
    pass


def safe_name(name: str | None) -> str:
    import re

    return re.sub(r"[^\w .()-]", "_", Path(name or "upload").name)[:120] or "upload"


def queue_file(
    session: Session,
    org: Organization,
    user: User,
    raw: bytes,
    *,
    filename: str,
    kind: str,
    options: dict | None = None,
) -> ImportUpload:
    """Store a new file and defer its dry run."""
    if not raw:
        raise UploadError("Kies een bestand om te uploaden (CSV, Excel of JSON).")
    if len(raw) > MAX_BYTES:
        raise UploadError("Het bestand is groter dan 5 MB. Splits het bestand of neem contact op met de regio.")
    item = ImportUpload(
        organization_id=org.id,
        actor=f"user:{user.email}",
        trusted=user.role == "coordinator",
        filename=safe_name(filename),
        kind=kind if kind in KINDS else "",
        dry_run=True,
        content=raw,
        size=len(raw),
        options=options or None,
    )
    return _queue(session, item)


def queue_apply(
    session: Session, org: Organization, user: User, dry_run_id: str | None, *, confirm_jumps: bool = False
) -> ImportUpload:
    """Apply the file of an earlier dry run of this organisation (once), with the dry run's options;
    `confirm_jumps`: the provider checked the figures that jumped more than 3x against last month."""
    proof = _finished_dry_run(session, org, dry_run_id)
    options = {**(proof.options or {}), "confirm_jumps": confirm_jumps}
    return _queue(session, _carry_on(session, proof, org, user, dry_run=False, kind=proof.kind, options=options))


def queue_remap(
    session: Session,
    org: Organization,
    user: User,
    dry_run_id: str | None,
    mapping: dict[str, str],
    *,
    no_treatment_wait: bool = False,
) -> ImportUpload:
    """A new dry run of an earlier dry run's file with the columns the provider mapped on its report (picked
    per column from the proposals); the mapping is remembered once the file is applied."""
    proof = _finished_dry_run(session, org, dry_run_id)
    options = dict(proof.options or {})
    options["mapping"] = {**(options.get("mapping") or {}), **mapping}
    options["no_treatment_wait"] = bool(options.get("no_treatment_wait")) or no_treatment_wait
    item = _carry_on(session, proof, org, user, dry_run=True, kind=proof.kind or "wait-times", options=options)
    return _queue(session, item)


def _finished_dry_run(session: Session, org: Organization, dry_run_id: str | None) -> ImportUpload:
    """This organisation's finished dry run that still holds its file; else the Dutch 'gone' error."""
    proof = find(session, org, dry_run_id)
    if proof is None or not proof.dry_run or proof.status != "done" or proof.content is None:
        raise UploadError(GONE)
    return proof


def _carry_on(
    session: Session, proof: ImportUpload, org: Organization, user: User, *, dry_run: bool, kind: str, options: dict
) -> ImportUpload:
    """A new upload with the dry run's file; the dry run gives its file up (it is applied or re-run once)."""
    item = ImportUpload(
        organization_id=org.id,
        actor=f"user:{user.email}",
        trusted=user.role == "coordinator",
        filename=proof.filename,
        kind=kind,
        dry_run=dry_run,
        content=proof.content,
        size=proof.size,
        options=options,
    )
    proof.content = None
    session.add(proof)
    return item


def _queue(session: Session, item: ImportUpload) -> ImportUpload:
    from waitinfo.jobs.app import defer_in

    session.add(item)
    session.flush()
    defer_in(session, "run_upload", {"upload_id": str(item.id)})
    return item


def find(session: Session, org: Organization, upload_id) -> ImportUpload | None:
    try:
        item = session.get(ImportUpload, uuid.UUID(str(upload_id)))
    except ValueError:
        return None
    return item if item is not None and item.organization_id == org.id else None


def execute(session: Session, upload_id: uuid.UUID) -> ImportUpload | None:
    """The job's work: run the import of a stored upload and keep the report (the caller commits)."""
    item = session.get(ImportUpload, upload_id)
    if item is None or item.status == "done" or item.content is None:
        return item
    report = run_import(
        session,
        organization_name_or_id=item.organization_id,
        raw=item.content,
        source=item.filename,
        kind=item.kind or None,
        dry_run=item.dry_run,
        triggered_by="portal",
        actor=item.actor,
        trusted=item.trusted,
        mapping=(item.options or {}).get("mapping") or None,
        no_treatment_wait=bool((item.options or {}).get("no_treatment_wait")),
        confirm_jumps=bool((item.options or {}).get("confirm_jumps")),
    )
    finish(session, item, report)
    return item


def finish(session: Session, item: ImportUpload, report: ImportReport) -> None:
    item.report = report.model_dump(mode="json")
    item.import_run_id = report.import_run_id
    item.status = "done"
    item.finished_at = now()
    if not item.dry_run or not (report.rows_applied or report.unmapped_columns):
        item.content = None  # nothing left to apply, nor columns to map and try again
    session.add(item)
    session.flush()


def fail(session: Session, upload_id: uuid.UUID, message: str) -> None:
    item = session.get(ImportUpload, upload_id)
    if item is None:
        return
    item.status, item.content, item.finished_at = "failed", None, now()
    item.report = ImportReport(status="failed", message=message).model_dump(mode="json")
    session.add(item)
    session.flush()


def clean_old(session: Session) -> int:
    """Uploads older than a day are removed (their import runs stay)."""
    result = session.execute(delete(ImportUpload).where(ImportUpload.created_at < now() - KEEP_DRY_RUNS))
    return result.rowcount or 0


def run(
    session: Session, org: Organization, raw: bytes, *, filename: str, kind: str | None, dry_run: bool, user: User
) -> ImportReport:
    """Directly, in the caller's transaction: always against this organisation's id."""
    return run_import(
        session,
        organization_name_or_id=org.id,
        raw=raw,
        source=safe_name(filename),
        kind=kind or None,
        dry_run=dry_run,
        triggered_by="portal",
        actor=f"user:{user.email}",
        trusted=user.role == "coordinator",
    )
