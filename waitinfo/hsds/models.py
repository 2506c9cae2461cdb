"""Tombstones for incremental sync: every deleted catalogue row, recorded by a database trigger."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, text
from sqlmodel import Field, SQLModel


class Deletion(SQLModel, table=True):
    """Written only by the triggers of migration 0500_api_sync, so no writer can forget it."""

    __tablename__ = "deletion"
    __table_args__ = (Index("ix_deletion_type_at", "entity_type", "deleted_at"),)

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    entity_type: str = Field(max_length=40)  # organization, service, location, service_at_location, taxonomy, ...
    entity_id: uuid.UUID
    organization_id: uuid.UUID | None = None
    deleted_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=text("clock_timestamp()"))
    )
