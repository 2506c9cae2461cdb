"""The audit trail: every change to the catalogue (who, when, old -> new)."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from sqlmodel import Session, SQLModel

from waitinfo.accounts.models import AuditLog


def _plain(value):
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: SQLModel | dict | None, fields: Iterable[str] | None = None) -> dict | None:
    """JSON-safe dict of a row (or only `fields`), for the old/new sides of an audit entry."""
    if obj is None:
        return None
    data = obj if isinstance(obj, dict) else obj.model_dump()
    if fields is not None:
        data = {k: data.get(k) for k in fields}
    return {k: _plain(v) for k, v in data.items()}


def changed(old: dict | None, new: dict | None) -> tuple[dict | None, dict | None]:
    """Only the keys whose value differs (keeps audit entries readable)."""
    if old is None or new is None:
        return old, new
    keys = [k for k in new if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id,
    old=None,
    new=None,
    organization_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    only_changes: bool = True,
) -> AuditLog | None:
    """Add an audit entry in the caller's transaction. Returns None when an update changed nothing."""
    old_d, new_d = snapshot(old), snapshot(new)
    if only_changes and action == "update":
        old_d, new_d = changed(old_d, new_d)
        if not new_d:
            return None
    entry = AuditLog(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        old=old_d,
        new=new_d,
        organization_id=organization_id,
        user_id=user_id,
    )
    session.add(entry)
    return entry
