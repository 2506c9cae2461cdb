"""Row checks of an import: every row validated by the kind's validator, duplicates applied once, conflicting
ones rejected; row issues kept up to MAX_STORED_ISSUES and the rest counted (a file of bad rows stays small)."""

from __future__ import annotations

from waitinfo.imports.context import Context
from waitinfo.imports.schemas import RowIssue
from waitinfo.providers.base import ParsedFile

# A file of bad rows must not become a six-figure error table: this many errors and warnings each are stored
# and shown, the rest counted (report.issues_omitted).
MAX_STORED_ISSUES = 200


class Issues(list):
    """Row issues kept up to MAX_STORED_ISSUES; beyond that only counted (a file of bad rows stays small)."""

    def __init__(self, items=()):
        super().__init__()
        self.omitted = 0
        self.lines: set[int] = set()
        self.extend(items)

    def append(self, issue: RowIssue) -> None:
        if issue.line is not None:
            self.lines.add(issue.line)
        if len(self) < MAX_STORED_ISSUES:
            super().append(issue)
        else:
            self.omitted += 1

    def extend(self, items) -> None:
        for issue in items:
            self.append(issue)


def validate_all(ctx: Context, parsed: ParsedFile, validator) -> tuple[list[dict], Issues, Issues]:
    """Validate every row; identical rows are applied once (warning), conflicting ones rejected."""
    records: list[dict] = []
    errors = Issues()
    warnings = Issues(RowIssue(line=line, field=f, message=m) for line, f, m in parsed.notes)
    seen: dict[tuple, tuple[int, dict, int]] = {}
    for row in parsed.rows:
        record, check = validator.validate_row(ctx, row.line, row.values)
        errors.extend(check.errors)
        warnings.extend(check.warnings)
        if record is None:
            continue
        ident = validator.identity(record)
        if ident in seen:
            first_line, first, at = seen[ident]
            if _later_week(first, record):  # weekly figures of one month: the last week is the month's figure
                warnings.append(
                    RowIssue(
                        line=row.line,
                        field=None,
                        message=f"{record['week'].label} vervangt {first['week'].label} van regel {first_line}: per "
                        "maand wordt de laatste week opgeslagen.",
                    )
                )
                seen[ident] = (row.line, record, at)
                records[at] = record
                continue
            if _later_week(record, first):
                warnings.append(
                    RowIssue(
                        line=row.line,
                        field=None,
                        message=f"{record['week'].label} niet opgeslagen: {first['week'].label} (regel {first_line}) "
                        "is later in dezelfde maand, en per maand wordt de laatste week opgeslagen.",
                    )
                )
                continue
            if _same(first, record):
                warnings.append(
                    RowIssue(
                        line=row.line,
                        field=None,
                        message=f"Dubbele regel: gelijk aan regel {first_line}; één keer verwerkt.",
                    )
                )
            else:
                errors.append(
                    RowIssue(
                        line=row.line,
                        field=None,
                        message=(
                            f"Tegenstrijdig met regel {first_line}: dezelfde combinatie met andere waarden; "
                            f"lever één regel per combinatie."
                        ),
                    )
                )
            continue
        seen[ident] = (row.line, record, len(records))
        records.append(record)
    return records, errors, warnings


def _later_week(first: dict, record: dict) -> bool:
    """Both rows give a week (wait files) and `record`'s week is the later one."""
    a, b = first.get("week"), record.get("week")
    return a is not None and b is not None and b.first > a.first


def _same(a: dict, b: dict) -> bool:
    """Equal records, apart from the line they came from."""
    return {**a, "line": None} == {**b, "line": None}
