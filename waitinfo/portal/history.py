"""History: the audit trail of one organisation (for its editors) or of everything (for the coordinator)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from waitinfo.accounts.models import AuditLog

ACTION_LABELS = {
    "create": "toegevoegd",
    "update": "gewijzigd",
    "delete": "verwijderd",
    "approve": "goedgekeurd",
    "reject": "afgewezen",
    "confirm": "bevestigd",
    "import": "geïmporteerd",
    "invite": "uitgenodigd",
    "set_password": "wachtwoord ingesteld",
    "propose": "voorgesteld",
}
ENTITY_LABELS = {
    "wait_time": "wachttijd",
    "service": "dienst",
    "location": "vestiging",
    "organization": "organisatie",
    "intake_stop": "aanmeldstop",
    "insurer_contract": "contract zorgverzekeraar",
    "user": "account",
    "service_at_location": "dienst op vestiging",
    "group_offer": "groepsaanbod",
    "schedule": "openingstijden",
    "municipality_contact": "contact gemeente",
}


@dataclass
class Entry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    changes: list[tuple[str, object, object]]


def _changes(old: dict | None, new: dict | None) -> list[tuple[str, object, object]]:
    keys = list(dict.fromkeys([*(old or {}), *(new or {})]))
    return [(k, (old or {}).get(k), (new or {}).get(k)) for k in keys]


def entries(
    session: Session,
    *,
    organization_id: uuid.UUID | None = None,
    entity_type: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[Entry], int]:
    """Newest first. organization_id None = all (only for the coordinator; routes check that)."""
    q = select(AuditLog)
    if organization_id is not None:
        q = q.where(AuditLog.organization_id == organization_id)
    if entity_type:
        q = q.where(AuditLog.entity_type == entity_type)
    total = session.exec(select(func.count()).select_from(q.subquery())).one()
    rows = session.exec(q.order_by(AuditLog.at.desc()).offset(offset).limit(limit)).all()
    return [
        Entry(
            r.at,
            r.actor.removeprefix("user:"),
            ACTION_LABELS.get(r.action, r.action),
            ENTITY_LABELS.get(r.entity_type, r.entity_type),
            r.entity_id,
            _changes(r.old, r.new),
        )
        for r in rows
    ], total
