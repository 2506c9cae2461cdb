"""Which transfer-table subregion each municipality belongs to (editable by the coordinator)."""

import uuid

from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.reference.models import Municipality
from waitinfo.region.common import municipalities, subregions


def assignments(session: Session) -> list[tuple[Municipality, uuid.UUID | None]]:
    return [(m, m.subregion_id) for m in municipalities(session)]


def assign(session: Session, choices: dict[str, str], user) -> tuple[int, dict[str, str]]:
    """Apply {municipality code: subregion id or ""}; returns (changed, errors). Nothing changes on an error."""
    valid = {str(s.id): s.id for s in subregions(session)}
    errors = {}
    plan = []
    for m in municipalities(session):
        raw = choices.get(m.code)
        if raw is None:
            continue
        if raw and raw not in valid:
            errors[m.code] = f"Kies voor {m.name} een subregio uit de lijst."
            continue
        plan.append((m, valid.get(raw)))
    if errors:
        return 0, errors
    changed = 0
    for m, sub in plan:
        if m.subregion_id != sub:
            audit.record(
                session,
                actor=user.email,
                user_id=user.id,
                action="update",
                entity_type="municipality",
                entity_id=m.code,
                old={"subregion_id": m.subregion_id},
                new={"subregion_id": sub},
            )
            m.subregion_id = sub
            changed += 1
    session.flush()
    return changed, {}
