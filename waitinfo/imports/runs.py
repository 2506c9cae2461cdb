"""Recording an import run: the delivery's checksum, the run's status and message, its row issues and audit entries."""

from __future__ import annotations

import hashlib
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.catalogue.models import Organization
from waitinfo.core.clock import now
from waitinfo.imports import repository
from waitinfo.imports.models import ImportRowError, ImportRun
from waitinfo.imports.row_checks import MAX_STORED_ISSUES
from waitinfo.imports.schemas import ImportReport, RowIssue

if TYPE_CHECKING:
    from waitinfo.imports.context import Context


def checksum_of(raw: bytes, mapping: dict[str, str] | None = None) -> str:
    """sha256 of the delivery; with confirmed column mappings, of the delivery as read with them (the same file
    read with a new mapping is not 'unchanged': the column mapped since is read this time)."""
    digest = hashlib.sha256(raw)
    if mapping:
        digest.update(repr(sorted(mapping.items())).encode())
    return digest.hexdigest()


def summarise_applied(report: ImportReport, applied: int, written, held: int | None) -> None:
    """Status and message of a run whose rows were applied; `written` and `held` are what the wait merge counted
    (None for other kinds)."""
    if written is None:
        parts = [f"{applied} regel(s) verwerkt"]
    elif written.new or written.changed:
        parts = [f"{applied} regel(s) verwerkt: {written.new} nieuw, {written.changed} gewijzigd"]
        if written.unchanged:
            parts.append(f"{written.unchanged} ongewijzigd")
    else:  # nothing useful happened: never "verwerkt"
        report.status = "unchanged"
        report.rows_applied = 0
        parts = [
            "Geen wijzigingen: "
            + (
                f"alle {written.unchanged} regel(s) gelijk aan wat al was opgeslagen"
                if written.unchanged
                else "geen enkele regel opgeslagen"
            )
        ]
    if held:
        parts.append(f"{held} vastgehouden (niet gekoppeld aan een vestiging of aanbod)")
    if report.rows_rejected:
        parts.append(f"{report.rows_rejected} afgewezen")
    if report.warnings:
        parts.append(f"{len(report.warnings)} opmerking(en)")
    report.message = ", ".join(parts) + "."


def audit_other_organizations(
    session: Session, ctx: Context, run: ImportRun, *, kind: str, source: str, actor: str
) -> None:
    """Every organisation a (coordinator's multi-organisation) run changed gets its own audit entry."""
    for org in ctx.created_organizations:
        audit.record(
            session,
            actor=actor,
            action="propose",
            entity_type="organization",
            entity_id=org.id,
            new={"name": org.name, "status": org.status, "import_run": str(run.id)},
            organization_id=org.id,
        )
    for org_id, count in ctx.touched.items():
        if org_id == ctx.organization.id:
            continue
        audit.record(
            session,
            actor=actor,
            action="import",
            entity_type="import_run",
            entity_id=run.id,
            new={"kind": kind, "source": source, "rows_applied": count},
            organization_id=org_id,
        )


def finish(session: Session, run: ImportRun, report: ImportReport, created: bool, org: Organization) -> ImportReport:
    """The run settled: status, message and row issues stored (at most MAX_STORED_ISSUES each, the rest counted)."""
    if created and report.status in ("rejected", "failed"):
        # A delivery that changed nothing leaves no organisation behind (the run is kept, without it).
        run.organization_id = None
        session.add(run)
        session.flush()
        session.delete(org)
        session.flush()
        created = report.organization_created = False
    if created:
        report.message = (f"Nieuwe aanbieder '{org.name}' aangemaakt. " + report.message).strip()
    report.issues_omitted += max(0, len(report.errors) - MAX_STORED_ISSUES) + max(
        0, len(report.warnings) - MAX_STORED_ISSUES
    )
    report.errors, report.warnings = report.errors[:MAX_STORED_ISSUES], report.warnings[:MAX_STORED_ISSUES]
    if report.issues_omitted:
        more = f"Er zijn nog {report.issues_omitted} meldingen die niet worden getoond."
        report.message = f"{report.message} {more}".strip()
    run.status = report.status
    run.rows_applied, run.rows_rejected, run.message = report.rows_applied, report.rows_rejected, report.message
    run.finished_at = now()
    issues = [("error", e) for e in report.errors] + [("warning", w) for w in report.warnings]
    if issues:
        session.execute(
            insert(ImportRowError),
            [
                {
                    "id": uuid.uuid4(),
                    "import_run_id": run.id,
                    "line": i.line,
                    "field": i.field,
                    "message": i.message,
                    "severity": severity,
                }
                for severity, i in issues
            ],
        )
    session.add(run)
    session.flush()
    return report


def record_unreadable(
    session: Session, org_ref, kind, adapter, source, raw, message, dry_run, triggered_by
) -> ImportReport:
    """A delivery that cannot be read changes nothing; the run is recorded (unless dry run) as rejected."""
    report = ImportReport(
        status="rejected",
        errors=[RowIssue(line=None, field=None, message=message)],
        message=f"Het bestand kon niet worden gelezen; er is niets gewijzigd. {message}",
    )
    if dry_run:
        return report
    org = repository.find_organization(session, org_ref)
    run = ImportRun(
        organization_id=org.id if org else None,
        adapter=adapter or kind or "onbekend",
        kind=kind or "onbekend",
        source=source[:500],
        checksum=checksum_of(raw),
        triggered_by=triggered_by,
        status="rejected",
        message=report.message,
        finished_at=now(),
    )
    session.add(run)
    session.flush()
    session.add(ImportRowError(import_run_id=run.id, message=message))
    session.flush()
    report.import_run_id = run.id
    return report


def record_failed_pull(
    session: Session, org: Organization, *, adapter: str, kind: str, source: str, message: str, triggered_by: str
) -> ImportReport:
    """A feed that could not be fetched or read: a failed run with the reason; the catalogue is unchanged."""
    run = ImportRun(
        organization_id=org.id,
        adapter=adapter,
        kind=kind,
        source=source[:500],
        triggered_by=triggered_by,
        status="failed",
        message=message,
        finished_at=now(),
    )
    session.add(run)
    session.flush()
    session.add(ImportRowError(import_run_id=run.id, message=message))
    session.flush()
    return ImportReport(status="failed", errors=[RowIssue(message=message)], import_run_id=run.id, message=message)
