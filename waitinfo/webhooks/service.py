"""Webhooks: signed notices of changed catalogue ids to the URL an API client registered.

Plain functions, so the scheduler calls them now and a task queue can wrap them later:
`queue_changes(session)` turns what changed since each subscription's last check into one pending delivery,
`deliver_pending(session)` sends what is due, `send_webhook(delivery_id)` sends one delivery.

Delivery is at least once: a receiver keys on `Webhook-Id` (the delivery id) and treats the ids as "fetch again".
Signature: `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`.
Failed deliveries are retried with backoff (1 min, 5 min, 30 min, 2 h, 6 h, 12 h) and then marked failed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import not_, select
from sqlmodel import Session

from waitinfo.accounts.models import ApiKey
from waitinfo.catalogue.models import Location, Organization, Service
from waitinfo.core.clock import now
from waitinfo.hsds import repository as repo
from waitinfo.hsds.models import Deletion
from waitinfo.webhooks.models import WebhookDelivery, WebhookSubscription

BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=6), timedelta(hours=12)]  # fmt: skip
MAX_ATTEMPTS = len(BACKOFF) + 1
OVERLAP = timedelta(seconds=60)  # a transaction that committed late is still seen (at least once)
MAX_IDS = 5000  # per delivery and kind; more: "full": true, fetch with modified_after
MAX_SUBSCRIPTIONS = 5
TIMEOUT = 10.0


class WebhookError(ValueError):
    """A registration that cannot be accepted; the message is Dutch."""


def check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or len(url) > 2000:
        raise WebhookError("Geef een volledige URL die met https:// begint, bijv. https://hub.example/waitinfo.")
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.scheme == "http" and not local:
        raise WebhookError("Gebruik https:// (http:// alleen voor localhost bij het testen).")
    return url


def register(session: Session, key: ApiKey, url: str) -> tuple[WebhookSubscription, str]:
    url = check_url(url)
    existing = subscriptions(session, key)
    if len(existing) >= MAX_SUBSCRIPTIONS:
        raise WebhookError(f"Een API-sleutel heeft ten hoogste {MAX_SUBSCRIPTIONS} webhooks; verwijder er eerst een.")
    secret = "whsec_" + secrets.token_urlsafe(32)
    sub = WebhookSubscription(api_key_id=key.id, url=url, secret=secret, checked_until=now())
    session.add(sub)
    session.flush()
    return sub, secret


def subscriptions(session: Session, key: ApiKey) -> list[WebhookSubscription]:
    q = select(WebhookSubscription).where(WebhookSubscription.api_key_id == key.id)
    return list(session.execute(q.order_by(WebhookSubscription.created_at)).scalars())


def subscription(session: Session, key: ApiKey, sub_id: uuid.UUID) -> WebhookSubscription | None:
    sub = session.get(WebhookSubscription, sub_id)
    return sub if sub is not None and sub.api_key_id == key.id else None


def remove(session: Session, sub: WebhookSubscription) -> None:
    session.delete(sub)  # its deliveries go with it (on delete cascade)
    session.flush()


def deliveries(session: Session, sub: WebhookSubscription, limit: int = 50) -> list[WebhookDelivery]:
    q = select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub.id)
    return list(session.execute(q.order_by(WebhookDelivery.created_at.desc()).limit(limit)).scalars())


# --- what changed ------------------------------------------------------------------------------------------
def changes(session: Session, since: datetime) -> dict:
    """Ids changed (public) or removed (deleted or no longer published) since `since`."""

    def ids(q) -> list[str]:
        return [str(i) for i in session.execute(q.limit(MAX_IDS + 1)).scalars()]

    services = ids(select(Service.id).where(repo.service_changed_since(since), repo.service_public()))
    organizations = ids(select(Organization.id).where(Organization.updated_at >= since))
    locations = ids(select(Location.id).where(Location.updated_at >= since, repo.location_public()))
    deleted = [
        {"entity_type": t, "id": str(i)}
        for t, i in session.execute(
            select(Deletion.entity_type, Deletion.entity_id)
            .where(Deletion.deleted_at >= since, Deletion.entity_type.in_(("service", "organization", "location")))
            .limit(MAX_IDS + 1)
        ).all()
    ]
    unpublished = ids(select(Service.id).where(repo.service_changed_since(since), not_(repo.service_public())))
    full = any(len(x) > MAX_IDS for x in (services, organizations, locations, deleted))
    return {
        "services": services[:MAX_IDS],
        "organizations": organizations[:MAX_IDS],
        "locations": locations[:MAX_IDS],
        "deleted": deleted[:MAX_IDS] + [{"entity_type": "service", "id": i} for i in unpublished[:MAX_IDS]],
        "full": full,
    }


def queue_changes(session: Session, at: datetime | None = None) -> int:
    """One pending delivery per active subscription with changes since its last check; returns how many."""
    at = at or now()
    queued = 0
    for sub in session.execute(select(WebhookSubscription).where(WebhookSubscription.active)).scalars():
        since = (sub.checked_until or sub.created_at) - OVERLAP
        found = changes(session, since)
        sub.checked_until = at
        session.add(sub)
        if not any(found[k] for k in ("services", "organizations", "locations", "deleted")):
            continue
        payload = {
            "event": "catalogue.changed",
            "since": since.isoformat(),
            "until": at.isoformat(),
            **found,
            "hint": "Haal deze ids opnieuw op (HSDS /api/hsds/services/{id}, FHIR, of modified_after=since).",
        }
        session.add(WebhookDelivery(subscription_id=sub.id, payload=payload, next_attempt_at=at))
        queued += 1
    session.flush()
    return queued


# --- sending -------------------------------------------------------------------------------------------------
def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def send_webhook(delivery_id: uuid.UUID, *, session: Session, post: Callable | None = None) -> bool:
    """Send one delivery; True when the receiver answered 2xx. Failures are logged on the row and rescheduled."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.status != "pending":
        return False
    sub = session.get(WebhookSubscription, delivery.subscription_id)
    body = json.dumps({"id": str(delivery.id), **delivery.payload}, ensure_ascii=False).encode("utf-8")
    at = now()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "waitinfo-webhooks/1",
        "Webhook-Id": str(delivery.id),
        "Webhook-Signature": signature(sub.secret, int(at.timestamp()), body),
    }
    delivery.attempts += 1
    try:
        response = (post or httpx.post)(sub.url, content=body, headers=headers, timeout=TIMEOUT)
        delivery.last_status_code = response.status_code
        ok = 200 <= response.status_code < 300
        delivery.last_error = None if ok else f"HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        ok = False
        delivery.last_status_code = None
        delivery.last_error = f"{exc.__class__.__name__}: {str(exc)[:300]}"
    if ok:
        delivery.status, delivery.delivered_at = "delivered", at
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = "failed"
    else:
        delivery.next_attempt_at = at + BACKOFF[delivery.attempts - 1]
    session.add(delivery)
    session.flush()
    return ok


def deliver_pending(session: Session, *, post: Callable | None = None, limit: int = 100) -> int:
    """Send the deliveries that are due; returns how many were delivered."""
    due = session.execute(
        select(WebhookDelivery.id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now())
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(limit)
    ).scalars()
    return sum(send_webhook(i, session=session, post=post) for i in list(due))
