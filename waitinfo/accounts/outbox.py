"""Outgoing mail: always kept in the outbox; sent by SMTP when configured."""

import logging
import smtplib
import uuid
from email.message import EmailMessage

from sqlmodel import Session, select

from waitinfo.accounts.models import OutboxMessage
from waitinfo.core.clock import now
from waitinfo.core.settings import get_settings

log = logging.getLogger(__name__)


def queue(
    session: Session, *, kind: str, to: str, subject: str, body: str, organization_id: uuid.UUID | None = None
) -> OutboxMessage:
    """Put a message in the outbox (in the caller's transaction); `send_pending` delivers it."""
    msg = OutboxMessage(kind=kind, to_address=to, subject=subject, body=body, organization_id=organization_id)
    session.add(msg)
    return msg


def send_pending(session: Session, limit: int = 100) -> int:
    """Send unsent messages by SMTP when a host is configured; returns how many were sent."""
    settings = get_settings()
    if not settings.smtp_host:
        return 0
    pending = session.exec(
        select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.created_at).limit(limit)
    ).all()
    sent = 0
    for msg in pending:
        try:
            _deliver(msg)
            msg.sent_at = now()
            msg.error = None
            sent += 1
        except (OSError, smtplib.SMTPException) as exc:
            msg.error = f"{exc.__class__.__name__}: {exc}"[:500]
            log.warning("mail to %s not sent: %s", msg.to_address, msg.error)
    return sent


def _deliver(msg: OutboxMessage) -> None:
    settings = get_settings()
    email = EmailMessage()
    email["From"] = settings.smtp_from
    email["To"] = msg.to_address
    email["Subject"] = msg.subject
    email.set_content(msg.body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.http_timeout_seconds) as smtp:
        if settings.smtp_user:
            smtp.starttls()
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(email)
