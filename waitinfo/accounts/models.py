"""Tables for users, their organisations, one-time tokens, API keys, audit log and outbox."""

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, JSON, CheckConstraint, Column, DateTime, Index, String
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in, created_at, optional_moment

ROLES = ("provider", "transfer", "coordinator")


class User(SQLModel, table=True):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(check_in("role", ROLES), name="user_role"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(unique=True, max_length=254)  # stored lower-case
    display_name: str = ""
    role: str
    password_hash: str | None = None  # argon2; null until set through a one-time link
    active: bool = True
    created_at: datetime = created_at()
    last_login_at: datetime | None = optional_moment()


class UserOrganization(SQLModel, table=True):
    """Which organisations a provider editor may edit."""

    __tablename__ = "user_organization"

    user_id: uuid.UUID = Field(foreign_key="app_user.id", primary_key=True, ondelete="CASCADE")
    organization_id: uuid.UUID = Field(foreign_key="organization.id", primary_key=True, ondelete="CASCADE")


class AuthToken(SQLModel, table=True):
    """One-time link for invitations and password resets; only the hash is stored."""

    __tablename__ = "auth_token"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    purpose: str = "reset"  # reset or invite
    token_hash: str = Field(unique=True, max_length=64)
    expires_at: datetime = created_at()
    used_at: datetime | None = optional_moment()


class UserSession(SQLModel, table=True):
    """A logged-in browser: the cookie carries the token, only its hash is stored. Logout deletes the row; a new
    password or a disabled account deletes every row of the user, so old cookies stop working at once."""

    __tablename__ = "user_session"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = created_at()
    expires_at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False, index=True)


class LoginAttempt(SQLModel, table=True):
    """A counted login or reset request, per account and per client address (shared by every worker)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_key", "kind", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # login or reset
    key: str = Field(max_length=300)  # "e:<normalised e-mail>" or "a:<client address>"
    at: datetime = Field(sa_type=DateTime(timezone=True), nullable=False, index=True)


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str
    prefix: str = Field(index=True, max_length=16)  # shown to identify a key; the rest is hashed
    key_hash: str = Field(unique=True, max_length=128)
    scopes: list[str] = Field(default_factory=lambda: ["read"], sa_column=Column(ARRAY(String), nullable=False))
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organization.id", ondelete="CASCADE")
    rate_per_minute: int = 600
    created_at: datetime = created_at()
    revoked_at: datetime | None = optional_moment()
    last_used_at: datetime | None = optional_moment()


class AuditLog(SQLModel, table=True):
    """Every change to the catalogue: who, when, old -> new."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity_type", "entity_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: datetime = created_at()
    actor: str  # "user:<email>", "api_key:<prefix>", "import:<run id>", "system"
    user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    organization_id: uuid.UUID | None = Field(
        default=None, foreign_key="organization.id", index=True, ondelete="SET NULL"
    )
    action: str  # create, update, delete, approve, confirm, import
    entity_type: str
    entity_id: str
    old: dict | None = Field(default=None, sa_column=Column(JSON))
    new: dict | None = Field(default=None, sa_column=Column(JSON))


class OutboxMessage(SQLModel, table=True):
    """Every e-mail the system sends is kept here, sent by SMTP when configured."""

    __tablename__ = "outbox_message"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: str = Field(index=True)  # reminder_30, reminder_60, escalation_90, password_reset, invite
    to_address: str
    subject: str
    body: str
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organization.id", ondelete="SET NULL")
    created_at: datetime = created_at()
    sent_at: datetime | None = optional_moment()
    error: str | None = None
