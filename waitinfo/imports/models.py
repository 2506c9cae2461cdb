"""Tables for import runs, their rejected rows, and providers' feed settings."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Column, LargeBinary
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in, created_at, optional_moment, updated_at

IMPORT_STATUSES = ("running", "applied", "rejected", "unchanged", "failed", "dry_run")
IMPORT_KINDS = ("wait-times", "offer", "support-points", "group-offers", "hsds", "portal")


class ImportRun(SQLModel, table=True):
    __tablename__ = "import_run"
    __table_args__ = (CheckConstraint(check_in("status", IMPORT_STATUSES), name="import_run_status"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID | None = Field(
        default=None, foreign_key="organization.id", index=True, ondelete="SET NULL"
    )
    adapter: str = Field(max_length=40)
    kind: str = Field(max_length=40)
    source: str = ""  # file name or URL
    checksum: str | None = Field(default=None, index=True, max_length=64)  # sha256 of the raw bytes
    triggered_by: str = "cli"  # cli, portal, api, scheduler
    status: str = "running"
    rows_total: int = 0
    rows_applied: int = 0
    rows_rejected: int = 0
    message: str = ""
    started_at: datetime = created_at()
    finished_at: datetime | None = optional_moment()


class ImportRowError(SQLModel, table=True):
    __tablename__ = "import_row_error"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    import_run_id: uuid.UUID = Field(foreign_key="import_run.id", index=True, ondelete="CASCADE")
    line: int | None = None
    field: str | None = None
    message: str
    severity: str = "error"  # error (row rejected) or warning (row stored, note)


class ProviderFeed(SQLModel, table=True):
    __tablename__ = "provider_feed"
    __table_args__ = (CheckConstraint(check_in("adapter", ("hsds", "http-csv", "http-json")), name="feed_adapter"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", unique=True, ondelete="CASCADE")
    adapter: str
    url: str
    headers: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # secret; never shown back
    schedule: str = "0 6 1 * *"  # cron: monthly by default
    kind: str | None = None  # for http-csv/http-json: which file kind it delivers
    enabled: bool = True
    last_run_at: datetime | None = optional_moment()
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


UPLOAD_STATUSES = ("queued", "running", "done", "failed")


class ImportUpload(SQLModel, table=True):
    """A portal upload waiting for, or processed by, a background job (waitinfo.jobs): the file as delivered,
    who sent it, and the report when done. Dry-run uploads are removed after a day (periodic job)."""

    __tablename__ = "import_upload"
    __table_args__ = (CheckConstraint(check_in("status", UPLOAD_STATUSES), name="import_upload_status"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    actor: str = Field(max_length=320)  # user:<e-mail>
    trusted: bool = False  # the coordinator's upload publishes new services at once
    filename: str = Field(max_length=200)
    kind: str = Field(default="", max_length=40)
    dry_run: bool = True
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    size: int = 0
    status: str = "queued"
    report: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    import_run_id: uuid.UUID | None = None
    created_at: datetime = created_at()
    finished_at: datetime | None = optional_moment()
