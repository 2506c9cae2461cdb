"""Providers push HSDS services and wait figures with their API key; everything goes through the import pipeline.

A key writes only for its own organisation: any service id, organization_id or nested organization in the
payload that belongs to another organisation refuses the whole push before anything is stored.
"""

import json
import uuid

from sqlmodel import Session

from waitinfo.accounts.models import ApiKey
from waitinfo.catalogue.models import Service
from waitinfo.imports.schemas import ImportReport
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
    return services


def push_services(session: Session, key: ApiKey, payload, path_id: uuid.UUID | None = None) -> ImportReport:
    services = check_services(session, payload, key.organization_id, path_id)
    raw = json.dumps(services, ensure_ascii=False, default=str).encode("utf-8")
    return run_import(
        session,
        organization_name_or_id=key.organization_id,
        raw=raw,
        source="api",
        kind="hsds",
        triggered_by="api",
        actor=f"api_key:{key.prefix}",
    )


def push_wait_records(session: Session, key: ApiKey, records: list[dict]) -> ImportReport:
    for r in records:
        _check_org(r.get("organization_id"), key.organization_id, "deze organization_id")
    clean = [{k: v for k, v in r.items() if k != "organization_id"} for r in records]
    return run_records(
        session,
        organization=key.organization_id,
        kind="wait-times",
        records=clean,
        source="api",
        triggered_by="api",
        actor=f"api_key:{key.prefix}",
    )
