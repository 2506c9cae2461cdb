"""Test helpers to create users and log a TestClient in without the login form."""

from sqlalchemy.orm import object_session
from sqlmodel import Session

from waitinfo.accounts import sessions
from waitinfo.accounts.models import User, UserOrganization
from waitinfo.web.auth import SESSION_COOKIE, password_version, session_cookie_value
from waitinfo.web.csrf import PRE_SESSION_COOKIE

ANON_CSRF = "test-pre-session-csrf-token"


def make_user(db: Session, email: str, role: str, organizations=(), password_hash: str | None = None) -> User:
    user = User(email=email.lower(), role=role, display_name=email.split("@")[0], password_hash=password_hash)
    db.add(user)
    db.flush()
    for org in organizations:
        db.add(UserOrganization(user_id=user.id, organization_id=org.id))
    db.flush()
    return user


def session_cookie(db: Session, user: User, csrf: str | None = None, **extra) -> str:
    """A cookie value for a live server-side session of `user` (the row is added to `db`)."""
    sid = sessions.start(db, user)
    return session_cookie_value(user.id, csrf, sid=sid, pv=password_version(user), **extra)


def login(client, user: User, csrf: str = "test-csrf-token") -> str:
    """Give the client a valid session cookie for `user`; returns the session's CSRF token."""
    client.cookies.set(SESSION_COOKIE, session_cookie(object_session(user), user, csrf))
    return csrf


def anon_csrf(client) -> str:
    """Before login: give the client a pre-session CSRF cookie; returns the token the forms must send."""
    client.cookies.set(PRE_SESSION_COOKIE, ANON_CSRF)
    return ANON_CSRF
