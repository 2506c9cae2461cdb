"""Read-only view of the outbox for the coordinator; one-time links are masked (they are someone else's key)."""

import re

from sqlmodel import Session, func, select

from waitinfo.accounts.models import OutboxMessage

_LINK = re.compile(r"(/wachtwoord-instellen/)[A-Za-z0-9_\-]+")


def mask(body: str) -> str:
    return _LINK.sub(r"\1[verborgen]", body)


def messages(session: Session, *, offset: int = 0, limit: int = 50) -> tuple[list[dict], int]:
    total = session.exec(select(func.count()).select_from(OutboxMessage)).one()
    rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.created_at.desc()).offset(offset).limit(limit))
    return [
        {
            "created_at": m.created_at,
            "kind": m.kind,
            "to": m.to_address,
            "subject": m.subject,
            "body": mask(m.body),
            "sent_at": m.sent_at,
            "error": m.error,
        }
        for m in rows
    ], total
