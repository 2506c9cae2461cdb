"""The one interface every adapter implements: raw bytes -> rows keyed by canonical field names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class ReadError(Exception):
    """The delivery cannot be read at all (nothing is changed); message in Dutch."""

    def __init__(self, message: str, unmapped: list[tuple[str, str | None]] | None = None):
        super().__init__(message)
        self.message = message
        # Columns of the header row that were not recognised, each with a proposed field (or None): the dry run
        # offers them to be mapped, so a file whose wait columns have the provider's own names can still be read.
        self.unmapped = unmapped or []


# Key of RawRow.values that may hold the row's own column headers (field -> header): a wide file's long rows name
# the period column a figure came from ("Aanmeldwachttijd okt-26") instead of the file's one header per field.
COLUMN_LABELS = "_column_labels"


@dataclass(slots=True)  # one per row of large files: no per-object __dict__
class RawRow:
    line: int  # line (CSV) or row (XLSX) number as the provider sees it; item number for JSON
    values: dict[str, object]


@dataclass
class ParsedFile:
    kind: str
    rows: list[RawRow]
    notes: list[tuple[int | None, str | None, str]] = field(default_factory=list)  # (line, field, message)
    columns: dict[str, str] = field(default_factory=dict)  # canonical field -> the header as the provider wrote it
    units: dict[str, str] = field(default_factory=dict)  # wait field -> days | months (a unit in its header)
    unmapped: list[tuple[str, str | None]] = field(default_factory=list)  # (header, proposed field or None)
    # Recognised with low confidence: (header, field) read by a known name the header only starts with.
    guessed: list[tuple[str, str]] = field(default_factory=list)


class FileAdapter(Protocol):
    name: str
    kind: str

    def parse(self, raw: bytes, source: str) -> ParsedFile: ...
