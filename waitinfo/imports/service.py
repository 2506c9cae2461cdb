"""The import pipeline: parse -> validate every row -> apply accepted rows atomically -> record the run.

`run_import` takes what a provider delivered (file bytes, a pulled feed, an HSDS JSON push);
`run_records` takes rows that are already parsed (the API push of wait figures as JSON). Both return an
`ImportReport`. The caller owns the transaction (CLI/jobs: `session_scope()`, web: the request); the apply
step runs in a savepoint, so a failure rolls back everything of this run but the run is still recorded (`runs`).
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import uuid
from dataclasses import dataclass

from sqlmodel import Session

import waitinfo.models  # noqa: F401 - every table mapped (foreign keys resolve)
from waitinfo.accounts import audit
from waitinfo.catalogue.models import Organization
from waitinfo.imports import repository, runs
from waitinfo.imports.context import Context
from waitinfo.imports.models import ImportRun
from waitinfo.imports.row_checks import MAX_STORED_ISSUES, validate_all  # noqa: F401 (MAX_STORED_ISSUES: API)
from waitinfo.imports.schemas import ColumnProposal, ImportReport, RowIssue
from waitinfo.imports.wait_store import JUMP_PREFIX
from waitinfo.providers import registry
from waitinfo.providers.base import ParsedFile, RawRow, ReadError

log = logging.getLogger(__name__)


# kind -> (module with validate_row/identity, module with apply)
KIND_MODULES = {
    "wait-times": ("waitinfo.imports.validate_waits", "waitinfo.imports.apply_waits"),
    "offer": ("waitinfo.imports.offer_rows", "waitinfo.imports.offer_rows"),
    "support-points": ("waitinfo.imports.support_rows", "waitinfo.imports.support_rows"),
    "group-offers": ("waitinfo.imports.group_rows", "waitinfo.imports.group_rows"),
    "hsds": ("waitinfo.imports.hsds_rows", "waitinfo.imports.hsds_rows"),
}


def without_gc(fn):
    """Large files create many small objects that all live until the run ends: pausing the cyclic garbage
    collector meanwhile saves it from scanning them over and over (a run creates no cycles worth collecting)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


@without_gc
def run_import(
    session: Session,
    *,
    organization_name_or_id,
    raw: bytes,
    source: str,
    kind: str | None = None,
    adapter: str | None = None,
    dry_run: bool = False,
    triggered_by: str = "cli",
    actor: str = "system",
    trusted: bool = False,
    multi_organisation: bool = False,
    mapping: dict[str, str] | None = None,
    no_treatment_wait: bool = False,
    feed_id: uuid.UUID | None = None,
    confirm_jumps: bool = True,
) -> ImportReport:
    """Import one delivery. kind: wait-times | offer | support-points | group-offers | hsds (detected when None).

    The run is bound to `organization_name_or_id` (waitinfo.imports.binding): rows naming another organisation
    are rejected unless `multi_organisation` (coordinator only), which creates unknown organisations 'pending'.
    Untrusted runs (provider uploads, pushes, feeds) create new services 'pending'; `trusted` (CLI by the
    operator, the coordinator's upload) publishes them at once.

    Wait-time files: `mapping` (header -> field) confirms columns for this provider (stored unless dry run, and
    used with the mappings stored before, feed_id's first); `no_treatment_wait` confirms that the provider does
    not report a treatment wait (else a file without that column is not applied to ggz treatment services).
    `confirm_jumps=False` (the portal, until the provider ticks the box): a figure more than 3x last month's
    stops the run instead of only being reported."""
    from waitinfo.imports import feed_columns, mappings

    known_org = repository.find_organization(session, organization_name_or_id)
    stored = mappings.load(session, known_org.id, "wait-times", feed_id) if known_org else {}
    confirmed = {**stored, **(mapping or {})}
    no_treatment_wait = no_treatment_wait or mappings.NO_TREATMENT_WAIT in confirmed.values()
    headers = {h: f for h, f in confirmed.items() if f != mappings.NO_TREATMENT_WAIT}
    try:
        from waitinfo.providers import json_rows

        if adapter == "http-json" and kind != "hsds":
            kind = kind or "wait-times"
            parsed = json_rows.parse(raw, kind, mapping=headers if kind == "wait-times" else None)
        elif kind in (None, "wait-times") and raw.lstrip()[:1] in (b"{", b"[") and json_rows.is_wait_rows(raw):
            kind = "wait-times"  # a JSON file of wait records (not HSDS), uploaded or given to the CLI
            parsed = json_rows.parse(raw, kind, mapping=headers)
        else:
            kind = kind or registry.detect_kind(raw)
            parser = registry.file_adapter(kind).parse
            parsed = parser(raw, source, mapping=headers) if kind == "wait-times" else parser(raw, source)
    except ReadError as exc:
        report = runs.record_unreadable(
            session, organization_name_or_id, kind, adapter, source, raw, exc.message, dry_run, triggered_by
        )
        report.unmapped_columns = _proposals(kind, exc.unmapped)
        return feed_columns.remember(session, report)
    job = Job(
        kind=kind,
        adapter=adapter or kind,
        source=source,
        checksum=runs.checksum_of(raw, headers if kind == "wait-times" else None),
        triggered_by=triggered_by,
        actor=actor,
        trusted=trusted,
        multi_organisation=multi_organisation,
        no_treatment_wait=no_treatment_wait,
        confirm_jumps=confirm_jumps or dry_run,
    )
    report = _guarded(session, organization_name_or_id, parsed, job, dry_run)
    report.unmapped_columns = _proposals(kind, parsed.unmapped)
    feed_columns.remember(session, report, parsed.guessed if kind == "wait-times" else [])
    if not dry_run and kind == "wait-times" and (mapping or no_treatment_wait) and report.status != "failed":
        org = repository.find_organization(session, organization_name_or_id)
        if org is not None:
            confirm = dict(mapping or {})
            if no_treatment_wait:
                confirm[mappings.NO_TREATMENT_WAIT] = mappings.NO_TREATMENT_WAIT
            mappings.save(session, org.id, confirm, feed_id=feed_id, actor=actor)
    return report


def _proposals(kind: str | None, unmapped: list[tuple[str, str | None]]) -> list[ColumnProposal]:
    """Unrecognised columns of a wait-time file, to be mapped once (other kinds have no stored mappings)."""
    if kind != "wait-times":
        return []
    return [ColumnProposal(header=h[:200], proposal=p) for h, p in unmapped[:50]]


@without_gc
def run_records(
    session: Session,
    *,
    organization,
    kind: str,
    records: list[dict],
    source: str,
    triggered_by: str,
    actor: str,
    dry_run: bool = False,
) -> ImportReport:
    """Import already-parsed rows. Each record is a dict with the canonical field names of the kind, values
    as text or typed (see the docstring of `waitinfo.imports.validate_waits` for wait-times:
    location_name, address, postal_code, city, care_type, service_name, diagnosis_group, registration_weeks,
    treatment_weeks, waiting_count, reference_date, month, method, intake_within_norm, intake_outside_norm,
    intake_stop, intake_stop_from, intake_stop_until, intake_stop_reason). `line` in errors is the 1-based
    position in `records`. `organization` is an Organization, an id, a name or a slug."""
    import json

    parsed = ParsedFile(kind=kind, rows=[RawRow(line=i, values=dict(r)) for i, r in enumerate(records, start=1)])
    raw = json.dumps(records, sort_keys=True, default=str).encode()
    job = Job(
        kind=kind,
        adapter="api-json",
        source=source,
        checksum=runs.checksum_of(raw),
        triggered_by=triggered_by,
        actor=actor,
    )
    target = organization.id if isinstance(organization, Organization) else organization
    return _guarded(session, target, parsed, job, dry_run)


@dataclass
class Job:
    kind: str
    adapter: str
    source: str
    checksum: str
    triggered_by: str
    actor: str
    trusted: bool = False
    multi_organisation: bool = False
    no_treatment_wait: bool = True  # only wait-time files and feeds ask (pushes name their fields)
    confirm_jumps: bool = True  # False: a jump > 3x against last month stops the run (portal asks first)


def _guarded(session: Session, org_ref, parsed: ParsedFile, job: Job, dry_run: bool) -> ImportReport:
    if not dry_run:
        return _process(session, org_ref, parsed, job)
    savepoint = session.begin_nested()
    try:
        report = _process(session, org_ref, parsed, job)
    finally:
        savepoint.rollback()
    report.status = "dry_run" if report.status == "applied" else report.status
    report.import_run_id = None
    report.message = "Proefimport: er is niets opgeslagen. " + report.message
    return report


def _process(session: Session, org_ref, parsed: ParsedFile, job: Job) -> ImportReport:
    org, created = repository.get_or_create_organization(
        session, org_ref, job.kind, status="active" if job.trusted else "pending"
    )
    run = ImportRun(
        organization_id=org.id,
        adapter=job.adapter,
        kind=job.kind,
        source=job.source[:500],
        checksum=job.checksum,
        triggered_by=job.triggered_by,
        rows_total=len(parsed.rows),
    )
    session.add(run)
    session.flush()
    report = ImportReport(
        status="applied", rows_total=len(parsed.rows), import_run_id=run.id, organization_created=created
    )
    if not created and repository.last_settled_checksum(session, org.id, job.kind) == job.checksum:
        report.status = "unchanged"
        report.message = "Dit bestand is al eerder ingelezen; er is niets gewijzigd."
        return runs.finish(session, run, report, created, org)

    ctx = Context(
        session=session,
        organization=org,
        columns=parsed.columns,
        multi_organisation=job.multi_organisation,
        trusted=job.trusted,
        units=parsed.units,
        push=job.adapter == "api-json",
    )
    validator_name, applier_name = KIND_MODULES[job.kind]
    validator = importlib.import_module(validator_name)
    records, errors, warnings = validate_all(ctx, parsed, validator)
    report.errors, report.warnings = list(errors), list(warnings)
    report.issues_omitted = errors.omitted + warnings.omitted
    report.rows_rejected = len(errors.lines)
    if job.kind == "wait-times" and not job.no_treatment_wait and _treatment_wait_missing(parsed, records):
        records = []
        report.errors.insert(
            0,
            RowIssue(
                message=(
                    "Dit wachttijdbestand heeft geen kolom met de behandelwachttijd, en die is verplicht voor "
                    "ggz-behandelaanbod. Koppel de kolom die de behandelwachttijd bevat (bijvoorbeeld "
                    '--map "Wachttijd na intake=treatment_weeks"), of bevestig dat u de behandelwachttijd niet '
                    "meet (--no-treatment-wait, of het vinkje bij het uploaden)."
                )
            ),
        )
    if not records:
        report.status = "rejected"
        report.message = (
            "Het bestand bevat geen regels."
            if not parsed.rows
            else "Geen enkele regel kon worden verwerkt; er is niets gewijzigd."
        )
        return runs.finish(session, run, report, created, org)

    actor = job.actor if job.actor != "system" else f"import:{run.id}"
    savepoint = session.begin_nested()
    try:
        applied = importlib.import_module(applier_name).apply(ctx, run, records, actor)
        jumps = [n for n in ctx.notes if n.message.startswith(JUMP_PREFIX)]
        if jumps and not job.confirm_jumps:
            savepoint.rollback()
            report.status, report.rows_applied = "rejected", 0
            report.warnings.extend(jumps)
            report.message = (
                "Niet verwerkt: enkele cijfers zijn meer dan 3 keer zo groot of zo klein als vorige maand (zie de "
                "opmerkingen). Controleer ze en bevestig dat ze kloppen; er is niets gewijzigd."
            )
            return runs.finish(session, run, report, created, org)
        savepoint.commit()
    except Exception as exc:  # noqa: BLE001 - any failure must roll back this run and be recorded
        savepoint.rollback()
        # The exception (often SQL text) goes to the log only: providers and API clients get the reference.
        log.exception("import %s failed while applying: %s", run.id, exc.__class__.__name__)
        report.status = "failed"
        report.rows_applied = 0
        report.message = (
            "Verwerken mislukt door een fout aan onze kant; er is niets gewijzigd. Probeer het later opnieuw; "
            f"blijft het misgaan, noem dan referentie {run.id} aan de regiocoördinator."
        )
        return runs.finish(session, run, report, created, org)
    report.rows_applied = applied
    report.warnings.extend(ctx.notes)
    report.changes = ctx.changes
    audit.record(
        session,
        actor=actor,
        action="import",
        entity_type="import_run",
        entity_id=run.id,
        new={"kind": job.kind, "source": job.source, "rows_applied": applied, "rows_rejected": report.rows_rejected},
        organization_id=org.id,
    )
    runs.audit_other_organizations(session, ctx, run, kind=job.kind, source=job.source, actor=actor)
    runs.summarise_applied(report, applied, ctx.memo.get("written"), ctx.memo.get("held"))
    return runs.finish(session, run, report, created, org)


def _treatment_wait_missing(parsed: ParsedFile, records: list[dict]) -> bool:
    """A wait file without treatment-wait column whose rows go to ggz treatment services."""
    if "treatment_weeks" in parsed.columns or any("treatment_weeks" in r.values for r in parsed.rows[:1]):
        return False
    return any(r["service"]["wait_kind"] in ("ggz_specialist", "ggz_basic") for r in records)
