"""Tables for import runs, their rejected rows, providers' feed settings and confirmed column mappings."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, LargeBinary, UniqueConstraint
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
    # sha256 of the raw bytes (and of the confirmed column mappings used to read them, when there are any)
    checksum: str | None = Field(default=None, index=True, max_length=64)
    triggered_by: str = "cli"  # cli, portal, api, scheduler
    status: str = "running"
    rows_total: int = 0
    rows_applied: int = 0
    rows_rejected: int = 0
    message: str = ""
    # Wait files: columns not recognised, [{"header": ..., "proposal": field or null}] (mapped on the feed page).
    unmapped_columns: list | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))
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
    # Wait files: confirmed column mappings, "no treatment wait" and "jumps checked" (waitinfo.imports.service).
    options: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    import_run_id: uuid.UUID | None = None
    created_at: datetime = created_at()
    finished_at: datetime | None = optional_moment()


class ColumnMapping(SQLModel, table=True):
    """A column of a provider's files whose meaning the provider or coordinator confirmed once: used for every
    later file (feed_id null) or for the files of one feed."""

    __tablename__ = "column_mapping"
    __table_args__ = (
        UniqueConstraint(
            "organization_id",
            "feed_id",
            "kind",
            "header_key",
            name="column_mapping_one_per_header",
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    feed_id: uuid.UUID | None = Field(default=None, foreign_key="provider_feed.id", ondelete="CASCADE")
    kind: str = Field(default="wait-times", max_length=40)
    header: str  # as the provider wrote it
    header_key: str  # comparison key (providers.tabular.header_key)
    field: str = Field(max_length=60)  # canonical field, or '-' for "not used"
    confirmed_by: str = ""
    created_at: datetime = created_at()


class HeldWaitRow(SQLModel, table=True):
    """A wait row that matched no location ("nieuwe vestiging?") or no service ("koppel deze regel aan uw aanbod"):
    not stored as a figure and not published until the provider or coordinator links it."""

    __tablename__ = "held_wait_row"
    __table_args__ = (CheckConstraint(check_in("reason", ("location", "service")), name="held_reason"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    import_run_id: uuid.UUID | None = Field(default=None, foreign_key="import_run.id", ondelete="SET NULL")
    line: int | None = None
    reason: str = Field(max_length=20)
    label: str  # what the row named: vestiging, AGB code, postcode, group, zorgvraagtypering
    location_id: uuid.UUID | None = Field(default=None, foreign_key="location.id", ondelete="CASCADE")
    diagnosis_group_id: uuid.UUID | None = Field(default=None, foreign_key="taxonomy_term.id")
    month: date
    record: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = created_at()
