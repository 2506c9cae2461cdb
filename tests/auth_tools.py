"""Test helpers to create users and log a TestClient in without the login form."""

from sqlmodel import Session

from waitinfo.accounts.models import User, UserOrganization
from waitinfo.web.auth import SESSION_COOKIE, session_cookie_value


def make_user(db: Session, email: str, role: str, organizations=(), password_hash: str | None = None) -> User:
    user = User(email=email.lower(), role=role, display_name=email.split("@")[0], password_hash=password_hash)
    db.add(user)
    db.flush()
    for org in organizations:
        db.add(UserOrganization(user_id=user.id, organization_id=org.id))
    db.flush()
    return user


def login(client, user: User, csrf: str = "test-csrf-token") -> str:
    """Give the client a valid session cookie for `user`; returns the session's CSRF token."""
    client.cookies.set(SESSION_COOKIE, session_cookie_value(user.id, csrf))
    return csrf
