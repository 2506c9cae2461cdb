"""Create, find, revoke and use API keys. Only a sha256 of the key is stored; the prefix identifies it."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.accounts.models import ApiKey
from waitinfo.catalogue.models import Organization
from waitinfo.core.clock import now

SCOPES = ("read", "push")
KEY_MARK = "wik"
LAST_USED_RESOLUTION = timedelta(minutes=1)  # write last_used_at at most once a minute per key


class ApiKeyError(ValueError):
    """A key request that cannot be honoured; the message is Dutch and says what to change."""


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    plaintext: str  # shown once, never stored


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def generate() -> tuple[str, str]:
    """(prefix, full key): `wik_1a2b3c4d_<43 random characters>`; the prefix is safe to show."""
    prefix = f"{KEY_MARK}_{secrets.token_hex(4)}"
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def create_key(
    session: Session,
    *,
    name: str,
    scopes: list[str],
    organization_id: uuid.UUID | None = None,
    rate_per_minute: int = 600,
    actor: str = "system",
    user_id: uuid.UUID | None = None,
) -> NewKey:
    name = name.strip()
    scopes = sorted(set(scopes))
    if not name:
        raise ApiKeyError("Geef de sleutel een naam, bijvoorbeeld het systeem dat hem gebruikt.")
    if not scopes or any(s not in SCOPES for s in scopes):
        raise ApiKeyError("Kies de rechten: lezen (read) en/of aanleveren (push).")
    if "push" in scopes and organization_id is None:
        raise ApiKeyError("Een sleutel om aan te leveren (push) hoort bij één aanbieder: kies de aanbieder.")
    if organization_id is not None and session.get(Organization, organization_id) is None:
        raise ApiKeyError("Deze aanbieder bestaat niet (meer). Kies een aanbieder uit de lijst.")
    if not 1 <= rate_per_minute <= 100_000:
        raise ApiKeyError("Het aantal verzoeken per minuut moet tussen 1 en 100.000 liggen.")
    prefix, plaintext = generate()
    key = ApiKey(
        name=name,
        prefix=prefix,
        key_hash=hash_key(plaintext),
        scopes=scopes,
        organization_id=organization_id,
        rate_per_minute=rate_per_minute,
    )
    session.add(key)
    session.flush()
    audit.record(
        session,
        actor=actor,
        user_id=user_id,
        action="create",
        entity_type="api_key",
        entity_id=key.id,
        new={"name": name, "prefix": prefix, "scopes": scopes, "organization_id": organization_id},
        organization_id=organization_id,
    )
    return NewKey(key, plaintext)


def list_keys(session: Session, include_revoked: bool = True) -> list[tuple[ApiKey, str | None]]:
    q = (
        select(ApiKey, Organization.name)
        .outerjoin(Organization, Organization.id == ApiKey.organization_id)
        .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc())
    )
    if not include_revoked:
        q = q.where(ApiKey.revoked_at.is_(None))
    return [(k, org) for k, org in session.execute(q).all()]


def find_by_prefix(session: Session, prefix: str) -> ApiKey | None:
    return session.execute(select(ApiKey).where(ApiKey.prefix == prefix.strip())).scalars().first()


def revoke_key(session: Session, key: ApiKey, *, actor: str = "system", user_id: uuid.UUID | None = None) -> bool:
    """Revoke at once; False when it was already revoked."""
    if key.revoked_at is not None:
        return False
    key.revoked_at = now()
    session.add(key)
    audit.record(
        session,
        actor=actor,
        user_id=user_id,
        action="revoke",
        entity_type="api_key",
        entity_id=key.id,
        new={"prefix": key.prefix, "revoked_at": key.revoked_at},
        organization_id=key.organization_id,
    )
    return True


def authenticate(session: Session, plaintext: str) -> ApiKey | None:
    """The active key for this plaintext, or None. Lookup by hash: no timing leak on the secret."""
    if not plaintext or len(plaintext) > 200:
        return None
    key = session.execute(select(ApiKey).where(ApiKey.key_hash == hash_key(plaintext.strip()))).scalars().first()
    if key is None or key.revoked_at is not None:
        return None
    return key


def mark_used(session: Session, key: ApiKey) -> None:
    moment = now()
    if key.last_used_at is None or moment - key.last_used_at >= LAST_USED_RESOLUTION:
        key.last_used_at = moment
        session.add(key)


def may_push_for(key: ApiKey, organization_id: uuid.UUID | None) -> bool:
    return "push" in key.scopes and key.organization_id is not None and key.organization_id == organization_id
