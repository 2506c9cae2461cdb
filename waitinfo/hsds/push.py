"""Providers push HSDS services and wait figures with their API key; everything goes through the import pipeline.

A key writes only for its own organisation: any service id, organization_id or nested organization in the
payload that belongs to another organisation refuses the whole push before anything is stored. Every pushed
service object must validate against the official HSDS 3.0 schema (`push_check`), else nothing is stored.
New services and locations a push creates are 'pending' until the coordinator approves them (never public
before); wait figures pushed for a service we did not know are thereby held too. An object pushed again exactly
as before, with nothing changed since, is `unchanged` and not rewritten (its last_modified stays).
"""

import hashlib
import json
import uuid

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.accounts.models import ApiKey
from waitinfo.catalogue.models import Location, Service, ServiceAtLocation
from waitinfo.hsds import push_check
from waitinfo.hsds.models import PushFingerprint
from waitinfo.hsds.schemas import PushReport
from waitinfo.imports.service import run_import, run_records
from waitinfo.providers.base import ReadError
from waitinfo.providers.hsds import services_of


class PushForbidden(Exception):
    """The payload touches another organisation's data."""


class PushInvalid(ValueError):
    """The payload contradicts the request (e.g. another id than the URL); the message is Dutch."""


FOREIGN = (
    "Deze API-sleutel hoort bij een andere aanbieder dan {what}. Een sleutel levert alleen aan voor de "
    "eigen organisatie."
)


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        return None


def _check_org(value, own: uuid.UUID, what: str) -> None:
    if value is not None and _as_uuid(value) != own:
        raise PushForbidden(FOREIGN.format(what=what))


def check_services(session: Session, payload, own: uuid.UUID, path_id: uuid.UUID | None = None) -> list[dict]:
    try:
        services = services_of(payload)
    except ReadError as exc:
        raise PushInvalid(exc.message) from None
    if path_id is not None and len(services) != 1:
        raise PushInvalid("Stuur bij PUT precies één service-object.")
    for svc in services:
        if not isinstance(svc, dict):
            raise PushInvalid("Elk element moet een HSDS service-object zijn.")
        if path_id is not None:
            if svc.get("id") not in (None, str(path_id)) and _as_uuid(svc.get("id")) != path_id:
                raise PushInvalid("Het id in de URL en het id in de service verschillen.")
            svc["id"] = str(path_id)
        _check_org(svc.get("organization_id"), own, "deze organization_id")
        if isinstance(svc.get("organization"), dict):
            _check_org(svc["organization"].get("id"), own, "de organisatie in deze service")
        sid = _as_uuid(svc.get("id"))
        existing = session.get(Service, sid) if sid else None
        if existing is not None and existing.organization_id != own:
            raise PushForbidden(FOREIGN.format(what=f"service {sid}"))
        for sal in svc.get("service_at_locations") or []:
            loc = (sal or {}).get("location") if isinstance(sal, dict) else None
            lid = _as_uuid(loc.get("id")) if isinstance(loc, dict) else None
            found = session.get(Location, lid) if lid else None
            if found is not None and found.organization_id != own:
                raise PushForbidden(FOREIGN.format(what=f"locatie {lid}"))
    return services


# --- what a push created -------------------------------------------------------------------------
def _ids(session: Session, org_id: uuid.UUID) -> dict[str, set[uuid.UUID]]:
    sal = select(ServiceAtLocation.id).join(Service, Service.id == ServiceAtLocation.service_id)
    return {
        "service": set(session.execute(select(Service.id).where(Service.organization_id == org_id)).scalars()),
        "location": set(session.execute(select(Location.id).where(Location.organization_id == org_id)).scalars()),
        "sal": set(session.execute(sal.where(Service.organization_id == org_id)).scalars()),
    }


def _hold_new(session: Session, org_id: uuid.UUID, before: dict, report: PushReport) -> None:
    """Whatever the push created is pending: not public until approved (the request's transaction, so never
    visible in between)."""
    after = _ids(session, org_id)
    new = {kind: after[kind] - before[kind] for kind in after}
    for sid in sorted(new["service"]):
        svc = session.get(Service, sid)
        svc.status = "pending"
        session.add(svc)
    for lid in sorted(new["location"]):
        loc = session.get(Location, lid)
        loc.status = "pending"
        session.add(loc)
    session.flush()
    report.created = [str(i) for kind in ("service", "location", "sal") for i in sorted(new[kind])]
    report.pending = [str(i) for kind in ("service", "location") for i in sorted(new[kind])]


def _fingerprint(svc: dict) -> str:
    canonical = json.dumps(svc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _is_unchanged(session: Session, svc: dict, digest: str) -> bool:
    sid = _as_uuid(svc.get("id"))
    stored = session.get(PushFingerprint, sid) if sid else None
    current = session.get(Service, sid) if sid else None
    return (
        stored is not None
        and current is not None
        and stored.sha256 == digest
        and stored.service_updated_at == current.updated_at
    )


def _keep_pending(session: Session, svc: dict) -> dict:
    """A push cannot approve: a service still waiting for the coordinator stays pending whatever it says."""
    current = session.get(Service, uuid.UUID(svc["id"]))
    return {**svc, "status": "pending"} if current is not None and current.status == "pending" else svc


def push_services(session: Session, key: ApiKey, payload, path_id: uuid.UUID | None = None) -> PushReport:
    services = check_services(session, payload, key.organization_id, path_id)
    issues = push_check.check(services)
    if issues:
        return PushReport(
            status="rejected",
            rows_total=len(services),
            rows_rejected=len({i.line for i in issues}),
            errors=issues,
            message="De aanlevering voldoet niet aan HSDS 3.0; er is niets opgeslagen. Herstel de genoemde velden "
            "en stuur alles opnieuw.",
        )
    digests = {svc["id"]: _fingerprint(svc) for svc in services}
    todo = [svc for svc in services if not _is_unchanged(session, svc, digests[svc["id"]])]
    unchanged = [svc["id"] for svc in services if svc not in todo]
    if not todo:
        return PushReport(
            status="unchanged",
            rows_total=len(services),
            unchanged=unchanged,
            message="Alles was al precies zo aangeleverd; er is niets gewijzigd.",
        )
    before = _ids(session, key.organization_id)
    todo = [_keep_pending(session, svc) for svc in todo]
    raw = json.dumps(todo, ensure_ascii=False, default=str).encode("utf-8")
    report = PushReport.model_validate(
        run_import(
            session,
            organization_name_or_id=key.organization_id,
            raw=raw,
            source="api",
            kind="hsds",
            triggered_by="api",
            actor=f"api_key:{key.prefix}",
        ).model_dump()
    )
    report.rows_total = len(services)
    report.unchanged = unchanged
    if report.status != "applied":
        return report
    _hold_new(session, key.organization_id, before, report)
    rejected_lines = {e.line for e in report.errors}
    for line, svc in enumerate(todo, start=1):
        sid = uuid.UUID(svc["id"])
        current = session.get(Service, sid)
        if line in rejected_lines or current is None:
            continue
        if sid in before["service"]:
            report.changed.append(str(sid))
        session.refresh(current)  # triggers of child rows moved updated_at
        stored = session.get(PushFingerprint, sid) or PushFingerprint(service_id=sid, sha256="")
        stored.sha256, stored.service_updated_at = digests[svc["id"]], current.updated_at
        session.add(stored)
    session.flush()
    return report


def push_wait_records(session: Session, key: ApiKey, records: list[dict]) -> PushReport:
    for r in records:
        _check_org(r.get("organization_id"), key.organization_id, "deze organization_id")
    clean = [{k: v for k, v in r.items() if k != "organization_id"} for r in records]
    before = _ids(session, key.organization_id)
    report = PushReport.model_validate(
        run_records(
            session,
            organization=key.organization_id,
            kind="wait-times",
            records=clean,
            source="api",
            triggered_by="api",
            actor=f"api_key:{key.prefix}",
        ).model_dump()
    )
    if report.status == "applied":
        # Figures for a service or location we did not know: held with it until the coordinator approves.
        _hold_new(session, key.organization_id, before, report)
    return report
