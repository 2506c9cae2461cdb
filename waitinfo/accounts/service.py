"""Account rules: create and invite users, log in, one-time links, roles and organisations."""

import uuid

from sqlmodel import Session, func, select

from waitinfo.accounts import audit, outbox, sessions, tokens
from waitinfo.accounts.emails import normalise_email
from waitinfo.accounts.models import OutboxMessage, User, UserOrganization
from waitinfo.accounts.passwords import hash_password, needs_rehash, password_problem, verify_password
from waitinfo.accounts.schemas import ROLE_LABELS, UserCreate, UserPublic, UserUpdate
from waitinfo.catalogue.models import Organization
from waitinfo.core.clock import now
from waitinfo.core.settings import get_settings


class AccountError(ValueError):
    """A rule was broken; the message is Dutch and meant for the user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def actor_of(user: User | None) -> str:
    return f"user:{user.email}" if user else "system"


def find_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


def find_organization(session: Session, name_or_id: str) -> Organization | None:
    try:
        return session.get(Organization, uuid.UUID(name_or_id))
    except ValueError:
        pass
    return session.exec(
        select(Organization).where(
            (func.lower(Organization.name) == name_or_id.strip().lower()) | (Organization.slug == name_or_id.strip())
        )
    ).first()


def create_user(session: Session, data: UserCreate, *, password: str | None = None, actor: User | None = None) -> User:
    if find_by_email(session, data.email):
        raise AccountError("Er bestaat al een account met dit e-mailadres.", "email")
    if data.role == "provider" and not data.organization_ids:
        raise AccountError("Een aanbieder-account hoort bij minstens één organisatie.", "organization_ids")
    if password is not None:
        problem = password_problem(password)
        if problem:
            raise AccountError(problem, "password")
    user = User(
        email=normalise_email(data.email),
        role=data.role,
        display_name=data.display_name or data.email.split("@")[0],
        password_hash=hash_password(password) if password else None,
    )
    session.add(user)
    session.flush()
    _set_organizations(session, user, data.organization_ids if data.role == "provider" else [])
    audit.record(
        session,
        actor=actor_of(actor),
        action="create",
        entity_type="user",
        entity_id=user.id,
        new={"email": user.email, "role": user.role, "organizations": [str(o) for o in data.organization_ids]},
        user_id=actor.id if actor else None,
    )
    return user


def _set_organizations(session: Session, user: User, org_ids) -> None:
    wanted = set(org_ids)
    for org_id in wanted:
        if session.get(Organization, org_id) is None:
            raise AccountError("Onbekende organisatie gekozen.", "organization_ids")
    current = {
        row.organization_id: row
        for row in session.exec(select(UserOrganization).where(UserOrganization.user_id == user.id)).all()
    }
    for org_id, row in current.items():
        if org_id not in wanted:
            session.delete(row)
    for org_id in wanted - set(current):
        session.add(UserOrganization(user_id=user.id, organization_id=org_id))
    session.flush()


def organizations_of(session: Session, user: User) -> list[Organization]:
    return list(
        session.exec(
            select(Organization)
            .join(UserOrganization, UserOrganization.organization_id == Organization.id)
            .where(UserOrganization.user_id == user.id)
            .order_by(Organization.name)
        ).all()
    )


def link_for(token: str) -> str:
    return f"{get_settings().public_url()}/wachtwoord-instellen/{token}"


def invite(session: Session, user: User, *, actor: User | None = None) -> str:
    """Queue an invitation mail with a one-time link; returns the link (for the CLI)."""
    token = tokens.issue(session, user, "invite")
    link = link_for(token)
    outbox.queue(
        session,
        kind="invite",
        to=user.email,
        subject="Uitnodiging voor waitinfo Twente",
        body=(
            f"U bent uitgenodigd voor waitinfo Twente als {ROLE_LABELS.get(user.role, user.role)}.\n\n"
            f"Kies uw wachtwoord via deze link (7 dagen geldig, één keer te gebruiken):\n{link}\n\n"
            "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren."
        ),
    )
    audit.record(
        session,
        actor=actor_of(actor),
        action="invite",
        entity_type="user",
        entity_id=user.id,
        user_id=actor.id if actor else None,
    )
    return link


def _reset_mail(session: Session, to: str, token: str) -> OutboxMessage:
    return outbox.queue(
        session,
        kind="password_reset",
        to=to,
        subject="Nieuw wachtwoord voor waitinfo Twente",
        body=(
            "Iemand vroeg een nieuw wachtwoord aan voor uw account bij waitinfo Twente.\n\n"
            f"Kies een nieuw wachtwoord via deze link (1 uur geldig, één keer te gebruiken):\n"
            f"{link_for(token)}\n\nVroeg u dit niet aan? Dan kunt u dit bericht negeren; "
            "uw wachtwoord blijft dan gelijk."
        ),
    )


def request_reset(session: Session, email: str) -> None:
    """Queue a reset link when the account exists and is active; says nothing either way (no account probing).

    An unknown address does the same work (a token and its mail written, then rolled back to a savepoint), so
    the answer takes as long whether or not the account exists."""
    user = find_by_email(session, email)
    if user is not None and user.active:
        _reset_mail(session, user.email, tokens.issue(session, user, "reset"))
        session.flush()
        return
    savepoint = session.begin_nested()
    try:
        nobody = User(id=uuid.UUID(int=0), email="", role="transfer")
        _reset_mail(session, normalise_email(email)[:254], tokens.issue(session, nobody, "reset", store=False))
        session.flush()
    finally:
        savepoint.rollback()


def token_user(session: Session, token: str) -> User | None:
    row = tokens.find_valid(session, token)
    if row is None:
        return None
    user = session.get(User, row.user_id)
    return user if user and user.active else None


def set_password_with_token(session: Session, token: str, password: str, repeat: str) -> User:
    user = token_user(session, token)
    if user is None:
        raise AccountError("Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.", "token")
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    if password != repeat:
        raise AccountError("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.", "repeat")
    tokens.consume(session, token)
    user.password_hash = hash_password(password)
    session.add(user)
    sessions.end_all(session, user.id)  # a new password ends every session of this account
    audit.record(
        session, actor=actor_of(user), action="set_password", entity_type="user", entity_id=user.id, user_id=user.id
    )
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user when address and password match. An unknown address costs one argon2 verification too."""
    user = find_by_email(session, email or "")
    if user is None or not user.active:
        verify_password(None, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now()
    session.add(user)
    return user


def update_user(session: Session, user: User, data: UserUpdate, *, actor: User) -> User:
    if user.id == actor.id and (data.role != user.role or not data.active):
        raise AccountError("U kunt uw eigen rol niet wijzigen en uzelf niet uitschakelen.", "role")
    if data.role == "provider" and not data.organization_ids:
        raise AccountError("Een aanbieder-account hoort bij minstens één organisatie.", "organization_ids")
    old = {
        "role": user.role,
        "active": user.active,
        "organizations": sorted(str(o.id) for o in organizations_of(session, user)),
    }
    user.role, user.active = data.role, data.active
    session.add(user)
    if not user.active:
        sessions.end_all(session, user.id)
    _set_organizations(session, user, data.organization_ids if data.role == "provider" else [])
    new = {
        "role": user.role,
        "active": user.active,
        "organizations": sorted(str(o) for o in (data.organization_ids if data.role == "provider" else [])),
    }
    audit.record(
        session,
        actor=actor_of(actor),
        action="update",
        entity_type="user",
        entity_id=user.id,
        old=old,
        new=new,
        user_id=actor.id,
    )
    return user


def list_users(session: Session, *, offset: int = 0, limit: int = 50) -> tuple[list[UserPublic], int]:
    total = session.exec(select(func.count()).select_from(User)).one()
    users = session.exec(select(User).order_by(User.email).offset(offset).limit(limit)).all()
    out = [
        UserPublic(
            id=u.id,
            email=u.email,
            display_name=u.display_name,
            role=u.role,
            active=u.active,
            has_password=u.password_hash is not None,
            organizations=[o.name for o in organizations_of(session, u)],
            last_login_at=u.last_login_at,
        )
        for u in users
    ]
    return out, total
