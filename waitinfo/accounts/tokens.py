"""One-time links for invitations and password resets: only the sha256 of the token is stored."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from sqlmodel import Session, select

from waitinfo.accounts.models import AuthToken, User
from waitinfo.core.clock import now

LIFETIMES = {"invite": timedelta(days=7), "reset": timedelta(hours=1)}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(session: Session, user: User, purpose: str, *, store: bool = True) -> str:
    """Create a token for `user`; returns the plain token (shown once, never stored). `store=False` does the
    same reads and hashing without the insert (an unknown address in a reset request: equal timing)."""
    if purpose not in LIFETIMES:
        raise ValueError(f"unknown token purpose {purpose!r}")
    # Older unused links of the same purpose stop working: only the newest link is valid.
    for old in session.exec(
        select(AuthToken).where(AuthToken.user_id == user.id, AuthToken.purpose == purpose, AuthToken.used_at.is_(None))
    ).all():
        old.used_at = now()
    token = secrets.token_urlsafe(32)
    row = AuthToken(user_id=user.id, purpose=purpose, token_hash=_hash(token), expires_at=now() + LIFETIMES[purpose])
    if store:
        session.add(row)
    session.flush()
    return token


def find_valid(session: Session, token: str) -> AuthToken | None:
    """The unused, unexpired token row for `token`, or None."""
    if not token or len(token) > 200:
        return None
    row = session.exec(select(AuthToken).where(AuthToken.token_hash == _hash(token))).first()
    if row is None or row.used_at is not None or row.expires_at <= now():
        return None
    return row


def consume(session: Session, token: str) -> uuid.UUID | None:
    """Mark the token used; returns its user id, or None when invalid."""
    row = find_valid(session, token)
    if row is None:
        return None
    row.used_at = now()
    session.add(row)
    return row.user_id
