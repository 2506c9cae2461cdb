"""Server-side sessions: a random token in the signed cookie, its hash in `user_session`.

The cookie alone carries no authority: without a live row the session is over (logout, a new password, a
disabled account, or a cookie forged with a leaked signing key)."""

import hashlib
import secrets
import uuid
from datetime import timedelta

from sqlmodel import Session, col, delete, select

from waitinfo.accounts.models import User, UserSession
from waitinfo.core.clock import now

LIFETIME = timedelta(hours=12)  # a working day


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, user: User, lifetime: timedelta = LIFETIME) -> str:
    """A new session for `user`; returns the token for the cookie (only its hash is stored)."""
    purge_expired(session)  # cheap (indexed): the table holds live sessions only
    token = secrets.token_urlsafe(32)
    moment = now()
    session.add(UserSession(user_id=user.id, token_hash=_hash(token), created_at=moment, expires_at=moment + lifetime))
    session.flush()
    return token


def user_of(session: Session, token: str, user_id: uuid.UUID) -> User | None:
    """The active user whose live session this token is; None when ended, expired or not theirs."""
    return session.exec(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            UserSession.token_hash == _hash(token),
            UserSession.user_id == user_id,
            UserSession.expires_at > now(),
            User.active,
        )
    ).first()


def end(session: Session, token: str) -> None:
    session.exec(delete(UserSession).where(col(UserSession.token_hash) == _hash(token)))


def end_all(session: Session, user_id: uuid.UUID) -> None:
    """Every session of this user ends (new password, account disabled)."""
    session.exec(delete(UserSession).where(col(UserSession.user_id) == user_id))


def purge_expired(session: Session) -> int:
    result = session.exec(delete(UserSession).where(col(UserSession.expires_at) <= now()))
    return result.rowcount or 0
