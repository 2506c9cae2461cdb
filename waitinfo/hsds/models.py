"""Tombstones for incremental sync: every deleted catalogue row, recorded by a database trigger."""

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Column, DateTime, ForeignKey, Identity, Index, Integer, Text, Uuid, text
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


class HsdsDocument(SQLModel, table=True):
    """A service's HSDS documents as built last time, so pages and exports stream stored JSON (a cache).

    A document is current while `stamp` equals the service's last_modified (service, organisation, locations,
    needs; child rows move service.updated_at by trigger), the calendar has not reached `valid_until` (the day an
    intake stop starts or the day after one ends) and it was built after the last change to the taxonomies.
    Anything else is rebuilt."""

    __tablename__ = "hsds_document"

    service_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    stamp: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    valid_until: date | None = None
    built_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=text("clock_timestamp()"))
    )
    # The document shape it was built with (documents.SHAPE_VERSION): a new shape outdates every stored one.
    shape: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default=text("0")))
    summary_doc: str = Field(sa_column=Column(Text, nullable=False))  # the page object (full=false)
    full_doc: str = Field(sa_column=Column(Text, nullable=False))  # full nesting (full=true, ndjson)


class PushFingerprint(SQLModel, table=True):
    """The last pushed HSDS object per service (sha256 of its canonical JSON) and the service's updated_at after
    it was applied: the same object pushed again, with nothing changed since, is `unchanged` and not rewritten."""

    __tablename__ = "hsds_push_fingerprint"

    service_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    sha256: str = Field(max_length=64)
    service_updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
