"""Shared column helpers for the table models."""

import uuid
from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field

from waitinfo.core.clock import now


def uuid_pk() -> uuid.UUID:
    return Field(default_factory=uuid.uuid4, primary_key=True)


def created_at() -> datetime:
    return Field(default_factory=now, sa_type=DateTime(timezone=True), nullable=False)


def updated_at() -> datetime:
    """Moment of the last change; drives HSDS modified_after and Last-Modified."""
    return Field(default_factory=now, sa_type=DateTime(timezone=True), nullable=False, index=True)


def check_in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} in ({quoted})"


def optional_moment() -> datetime | None:
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=True)
