"""Freshness reminders: a provider whose offer or waits were last confirmed more than 30 days ago gets a
reminder, again at 60 days, and at 90 days the coordinator(s) are told. Every message goes to the outbox."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import text
from sqlmodel import Session, col, select

from waitinfo.accounts import outbox
from waitinfo.accounts.models import OutboxMessage, User, UserOrganization
from waitinfo.catalogue.models import Organization
from waitinfo.core.settings import get_settings
from waitinfo.waits.treeknorm import FRESHNESS_LABELS, freshness

log = logging.getLogger(__name__)

# (days since last confirmation, outbox kind); the issue asks for 30 and 60 days, escalation at 90.
LEVELS = ((90, "escalation_90"), (60, "reminder_60"), (30, "reminder_30"))


@dataclass
class Staleness:
    organization: Organization
    last_offer: date | None
    last_waits: date | None

    @property
    def last_confirmed(self) -> date | None:
        """The older of offer and waits: either one being old is enough for a reminder."""
        known = [d for d in (self.last_offer, self.last_waits) if d is not None]
        return min(known) if known else None


def staleness(session: Session) -> list[Staleness]:
    """Per active organisation with services: last confirmed offer (assured date) and last wait figure."""
    result = session.execute(
        text("""
        select o.id, max(s.assured_date) as last_offer,
               (select max(coalesce(w.reference_date, w.month)) from wait_time w
                  join service_at_location sal on sal.id = w.service_at_location_id
                  join service s2 on s2.id = sal.service_id where s2.organization_id = o.id) as last_waits
        from organization o join service s on s.organization_id = o.id and s.status = 'active'
        where o.status = 'active' group by o.id""")
    ).all()
    orgs = (
        {
            o.id: o
            for o in session.exec(select(Organization).where(col(Organization.id).in_([r[0] for r in result]))).all()
        }
        if result
        else {}
    )
    return [Staleness(orgs[r[0]], r[1], r[2]) for r in result]


def recipients(session: Session, org: Organization) -> list[str]:
    users = session.exec(
        select(User.email)
        .join(UserOrganization, UserOrganization.user_id == User.id)
        .where(UserOrganization.organization_id == org.id, User.active.is_(True), User.role == "provider")
    ).all()
    found = list(users) or ([org.email] if org.email else [])
    return sorted(set(found))


def coordinators(session: Session) -> list[str]:
    configured = get_settings().coordinator_email
    emails = session.exec(select(User.email).where(User.role == "coordinator", User.active.is_(True))).all()
    return sorted({*emails, *[e.strip() for e in configured.split(",") if e.strip()]})


def _already_sent(session: Session, org_id: uuid.UUID, kind: str, since: date) -> bool:
    start = datetime.combine(since, time.min, tzinfo=UTC)
    return (
        session.exec(
            select(OutboxMessage.id).where(
                OutboxMessage.organization_id == org_id, OutboxMessage.kind == kind, OutboxMessage.created_at >= start
            )
        ).first()
        is not None
    )


def send_reminders(session: Session, today: date) -> list[tuple[str, str, str]]:
    """Queue the reminders due today; each level once per stale period. Returns (org slug, kind, to)."""
    base = get_settings().public_url()
    queued: list[tuple[str, str, str]] = []
    for item in staleness(session):
        last = item.last_confirmed
        if last is None:
            continue
        age = (today - last).days
        level = next(((days, kind) for days, kind in LEVELS if age > days), None)
        if level is None:
            continue
        days, kind = level
        org = item.organization
        if _already_sent(session, org.id, kind, last):
            continue
        label = FRESHNESS_LABELS[freshness(last, today)]
        body = (
            f"Beste {org.name},\n\nDe gegevens van {org.name} in waitinfo zijn voor het laatst bevestigd op "
            f"{last:%d-%m-%Y} ({age} dagen geleden, {label}). Wachttijden en aanbod moeten minstens elke "
            f"maand worden bijgewerkt.\n\nWerk ze bij of bevestig dat ze nog kloppen: {base}/portaal\n\n"
            f"Met vriendelijke groet,\nwaitinfo Twente"
        )
        to = recipients(session, org)
        subject = f"Herinnering: werk de wachttijden en het aanbod van {org.name} bij"
        if kind == "escalation_90":
            body_c = (
                f"{org.name} heeft zijn gegevens al {age} dagen niet bevestigd (laatst op {last:%d-%m-%Y}). "
                f"De cijfers tellen niet meer mee in de rangschikking. Neem contact op met de aanbieder.\n\n"
                f"{base}/beheer"
            )
            for address in coordinators(session):
                outbox.queue(
                    session,
                    kind=kind,
                    to=address,
                    organization_id=org.id,
                    body=body_c,
                    subject=f"Escalatie: {org.name} al {age} dagen niet bijgewerkt",
                )
                queued.append((org.slug, kind, address))
        for address in to:
            outbox.queue(session, kind=kind, to=address, subject=subject, body=body, organization_id=org.id)
            queued.append((org.slug, kind, address))
        if not to and kind != "escalation_90":
            log.warning("no address for reminder to %s", org.slug)
    return queued
