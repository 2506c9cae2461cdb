"""Pydantic in/out shapes of the import pipeline: the report every import returns, and row issues."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field, field_validator

ReportStatus = Literal["applied", "rejected", "unchanged", "failed", "dry_run"]


class RowIssue(BaseModel):
    """One problem with one row: line number in the file (None for the whole file), field and Dutch reason."""

    line: int | None = None
    field: str | None = None
    message: str

    @field_validator("field", "message")
    @classmethod
    def _shorten(cls, value: str | None) -> str | None:
        """A message quotes what the provider wrote; a megabyte cell must not come back in the report."""
        if value is not None and len(value) > 500:
            return value[:400] + " … (ingekort)" + value[-60:]
        return value


class ColumnProposal(BaseModel):
    """A column of a wait-time file that was not recognised, with the field proposed for it (None: no guess)."""

    header: str
    proposal: str | None = None


class ImportReport(BaseModel):
    status: ReportStatus
    rows_total: int = 0
    rows_applied: int = 0
    rows_rejected: int = 0
    errors: list[RowIssue] = Field(default_factory=list)
    # Rows stored with a note (e.g. a duplicate row applied once, an unknown need left out).
    warnings: list[RowIssue] = Field(default_factory=list)
    # What the run changed (or, in a dry run, would change) in figures already stored: old -> new per row.
    changes: list[RowIssue] = Field(default_factory=list)
    import_run_id: uuid.UUID | None = None
    organization_created: bool = False
    message: str = ""
    # Errors and warnings beyond MAX_STORED_ISSUES each: counted, neither stored nor shown.
    issues_omitted: int = 0
    # Wait-time files: columns not recognised, with a proposed meaning, to be confirmed or corrected once.
    unmapped_columns: list[ColumnProposal] = Field(default_factory=list)

    def cli_dict(self) -> dict:
        """The JSON object of the command-line contract (`waitinfo import --json`)."""
        return self.model_dump(mode="json")


class ImportRunSummary(BaseModel):
    id: uuid.UUID
    organization: str | None
    adapter: str
    kind: str
    source: str
    triggered_by: str
    status: str
    rows_total: int
    rows_applied: int
    rows_rejected: int
    message: str
    started_at: str
