"""Who is asking: the signed session cookie, the current user and role checks (in one place)."""

import hashlib
import secrets
import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlmodel import Session, select

from waitinfo.accounts import sessions
from waitinfo.accounts.models import User, UserOrganization
from waitinfo.core.settings import get_settings
from waitinfo.web.deps import SessionDep

SESSION_COOKIE = "waitinfo_session"
SESSION_MAX_AGE = int(sessions.LIFETIME.total_seconds())  # a working day


class LoginRequired(Exception):
    """Raised for pages that need a logged-in user; HTML gets a redirect to /inloggen, APIs a 401."""

    def __init__(self, next_path: str = "/"):
        self.next_path = next_path


class Forbidden(Exception):
    """Logged in, but this role or organisation may not do this."""


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt="waitinfo-session")


def password_version(user: User) -> str | None:
    """A short fingerprint of the password hash: a new password ends every older session."""
    if not user.password_hash:
        return None
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def session_cookie_value(
    user_id: uuid.UUID,
    csrf: str | None = None,
    *,
    sid: str | None = None,
    pv: str | None = None,
    email: str | None = None,
    role: str | None = None,
) -> str:
    """The signed cookie. `sid` is the server-side session's token (`waitinfo.accounts.sessions`): without a
    live session row the cookie is worth nothing, even when correctly signed."""
    data = {"uid": str(user_id), "csrf": csrf or secrets.token_urlsafe(24)}
    if sid:
        data["sid"] = sid
    if pv:
        data["pv"] = pv
    if email:
        data["email"], data["role"] = email, role  # for the page header only; rights come from the database
    return _serializer().dumps(data)


def issue_session(response: Response, user: User, session: Session) -> str:
    """Start a server-side session and set a fresh cookie for it (new CSRF token) after login; returns the value.
    The middleware adds Secure whenever the response carries HSTS."""
    sid = sessions.start(session, user)
    value = session_cookie_value(user.id, sid=sid, pv=password_version(user), email=user.email, role=user.role)
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
        path="/",
    )
    return value


def end_session(request: Request, response: Response, session: Session) -> None:
    """Logout: the server-side session ends (the old cookie stops working at once) and the cookie is cleared."""
    data = read_session(request)
    if data and data.get("sid"):
        sessions.end(session, str(data["sid"]))
    clear_session(response)


def clear_session(response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=get_settings().secure_cookies
    )


def read_session(request: Request) -> dict | None:
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=SESSION_MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    return data if isinstance(data, dict) and "uid" in data else None


def csrf_token(request: Request) -> str | None:
    """The form token: the session's, or before login the pre-session token (see waitinfo.web.csrf)."""
    data = read_session(request)
    if data:
        return data.get("csrf")
    from waitinfo.web.csrf import pre_session_token

    return pre_session_token(request)


def optional_user(request: Request, session: SessionDep) -> User | None:
    data = read_session(request)
    if not data or not isinstance(data.get("sid"), str):
        return None  # no server-side session: an old-style or forged cookie
    try:
        uid = uuid.UUID(data["uid"])
    except (ValueError, TypeError):
        return None
    user = sessions.user_of(session, data["sid"], uid)
    if user is None:
        return None  # logged out, expired, password changed or account disabled
    if "pv" in data and data["pv"] != password_version(user):
        return None  # the password changed after this session began
    request.state.user = user
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]


def current_user(request: Request, user: OptionalUser) -> User:
    if user is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(path)
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require_roles(*roles: str):
    def dependency(user: CurrentUser) -> User:
        if user.role not in roles:
            raise Forbidden()
        return user

    return dependency


TransferMember = Annotated[User, Depends(require_roles("transfer", "coordinator"))]
Coordinator = Annotated[User, Depends(require_roles("coordinator"))]
ProviderEditor = Annotated[User, Depends(require_roles("provider", "coordinator"))]


def organization_ids(session: Session, user: User) -> set[uuid.UUID] | None:
    """The organisations a user may edit; None means all (coordinator)."""
    if user.role == "coordinator":
        return None
    rows = session.exec(select(UserOrganization.organization_id).where(UserOrganization.user_id == user.id)).all()
    return set(rows)


def can_edit_organization(session: Session, user: User, organization_id: uuid.UUID) -> bool:
    allowed = organization_ids(session, user)
    return allowed is None or organization_id in allowed


def account(request: Request) -> dict | None:
    """Who the header shows as logged in (from the signed cookie; no database round trip on public pages)."""
    data = read_session(request)
    if not data or "email" not in data:
        return None
    return {"email": data["email"], "role": data.get("role")}


def login_redirect_url(next_path: str) -> str:
    return f"/inloggen?volgende={quote(next_path, safe='')}"
