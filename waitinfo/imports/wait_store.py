"""Storing wait observations: new months are COPYed straight into wait_time; months already stored are merged
figure by figure. A figure the row does not give (no column, empty cell: the `given` bits) keeps its stored
value; every change is audited and listed per row (old -> new) for the dry run and the applied report."""

from __future__ import annotations

import itertools
import json
import operator
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from psycopg.errors import UniqueViolation
from sqlalchemy import text
from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.core.clock import now
from waitinfo.imports.models import ImportRun
from waitinfo.imports.schemas import RowIssue

WAIT_COLUMNS = (
    "month",
    "diagnosis_group_id",
    "registration_weeks",
    "treatment_weeks",
    "registration_text",
    "treatment_text",
    "waiting_count",
    "method",
    "reference_date",
    "intake_within_norm",
    "intake_outside_norm",
    "registration_lower_bound",
    "treatment_lower_bound",
)
COPY_CHUNK = 20_000  # rows per COPY write (bounded memory for large files)
# Bit of `given` (see validate_waits.GIVEN_BITS) -> the columns it covers.
GIVEN_COLUMNS = {
    1: ("registration_weeks", "registration_text", "registration_lower_bound"),
    2: ("treatment_weeks", "treatment_text", "treatment_lower_bound"),
    4: ("waiting_count",),
    8: ("method",),
    16: ("reference_date",),
    32: ("intake_within_norm",),
    64: ("intake_outside_norm",),
}
ALL_GIVEN = 127
_BIT_OF = {c: bit for bit, cols in GIVEN_COLUMNS.items() for c in cols}
CHANGE_LABELS = {
    "registration_weeks": "aanmeldwachttijd",
    "treatment_weeks": "behandelwachttijd",
    "waiting_count": "wachtenden",
    "method": "meetmethode",
    "reference_date": "peildatum",
    "intake_within_norm": "instroom binnen norm",
    "intake_outside_norm": "instroom buiten norm",
    "registration_lower_bound": "aanmeldwachttijd 'meer dan'",
    "treatment_lower_bound": "behandelwachttijd 'meer dan'",
}
MAX_CHANGES_LISTED = 500


@dataclass
class Written:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def write_waits(
    session: Session,
    run: ImportRun,
    org_id: uuid.UUID,
    actor: str,
    sal_ids: list[uuid.UUID | str],
    waits: list[dict],
    *,
    given: list[int] | None = None,
    lines: list[int | None] | None = None,
    changes: list[RowIssue] | None = None,
) -> Written:
    """Store one observation per (service_at_location, wait) pair; the pairs are unique by location, diagnosis
    group and month. New months are COPYed in; months already stored are merged (only given figures change)."""
    if not waits:
        return Written()
    for w in waits:
        if "registration_lower_bound" not in w:
            w.setdefault("registration_lower_bound", False)
            w.setdefault("treatment_lower_bound", False)
    if not months_stored(session, sal_ids, waits):
        try:
            with session.begin_nested():
                copy_new_waits(session, run, sal_ids, waits)
            return Written(new=len(waits))
        except UniqueViolation:  # another import stored one of these months meanwhile: merge after all
            pass
    stage_waits(session, list(zip(sal_ids, waits, strict=True)), given=given, lines=lines)
    return merge_staged(session, run, org_id, actor, changes)


def months_stored(session: Session, sal_ids: list[uuid.UUID | str], waits: list[dict]) -> bool:
    """Whether any of these locations already has an observation for any of these months (one index probe per
    location)."""
    return session.execute(
        text(
            "select exists (select 1 from wait_time where service_at_location_id = any(cast(:s as uuid[])) "
            "and month = any(:m))"
        ),
        {"s": [str(s) for s in set(sal_ids)], "m": list({w["month"] for w in waits})},
    ).scalar()


def copy_new_waits(session: Session, run: ImportRun, sal_ids: list[uuid.UUID | str], waits: list[dict]) -> None:
    """COPY observations straight into wait_time (no staging, no conflict handling: none is stored yet)."""
    stamp = session.execute(text("select clock_timestamp()::text")).scalar()
    tail = f"\t{run.id}\t{stamp}\t{stamp}\n"
    ids = _random_ids(len(waits))
    cols = ", ".join(WAIT_COLUMNS)
    lines = zip(ids, CopyText().lines(sal_ids, waits))
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(
        f"copy wait_time (id, service_at_location_id, {cols}, import_run_id, created_at, updated_at) from stdin"
    ) as copy:
        for _ in range(0, len(waits), COPY_CHUNK):
            copy.write("".join(f"{i}\t{line}{tail}" for i, line in itertools.islice(lines, COPY_CHUNK)))


class CopyText:
    """COPY text lines of observations, through per-column caches: monthly files repeat the same values (months,
    dates, weeks, groups, locations) on thousands of rows, so a line is mostly lookups done in C. One cache per
    column, since equal values of one column always have the same text (Decimal 5 and 5.0 land in the same
    numeric(5,1)) while a shared cache would mix up 5 (integer column) and Decimal 5.0. Lives for one write, so
    it holds only that file's distinct values."""

    def __init__(self):
        self.sal: dict = {}
        self.caches = tuple({} for _ in WAIT_COLUMNS)

    def lines(self, sal_ids: list, waits: list[dict]) -> Iterator[str]:
        """`service_at_location_id<TAB>the WAIT_COLUMNS` per observation, without line end."""
        caches, sal_text, values_of = self.caches, self.sal, operator.itemgetter(*WAIT_COLUMNS)
        text_of = dict.__getitem__
        for sal_id, w in zip(sal_ids, waits, strict=True):
            values = values_of(w)
            try:
                fields = "\t".join(map(text_of, caches, values))
            except KeyError:  # a value this write has not seen yet
                for cache, v in zip(caches, values, strict=True):
                    if v not in cache:
                        cache[v] = _copy_text(v)
                fields = "\t".join(map(text_of, caches, values))
            s = sal_text.get(sal_id)
            if s is None:
                s = sal_text[sal_id] = str(sal_id)
            yield f"{s}\t{fields}"


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, date):
        return value.isoformat()
    return str(value).translate(_ESCAPES)


def _random_ids(n: int) -> list[str]:
    """n random (version 4) UUIDs as text; one os.urandom call instead of n uuid4() objects."""
    h = os.urandom(16 * n).hex()
    return [
        f"{h[i : i + 12]}4{h[i + 13 : i + 16]}{'89ab'[int(h[i + 16], 16) & 3]}{h[i + 17 : i + 32]}"
        for i in range(0, 32 * n, 32)
    ]


def stage_waits(
    session: Session,
    rows: list[tuple[uuid.UUID, dict]],
    *,
    given: list[int] | None = None,
    lines: list[int | None] | None = None,
) -> None:
    """COPY the observations into a temporary staging table (for merging into months already stored), with the
    file line and the figures each row gives."""
    session.execute(
        text(
            "create temp table if not exists wait_stage (service_at_location_id uuid, month date, diagnosis_group_id uuid, "
            "registration_weeks numeric(5,1), treatment_weeks numeric(5,1), registration_text text, treatment_text text, "
            "waiting_count int, method text, reference_date date, intake_within_norm int, intake_outside_norm int, "
            "registration_lower_bound boolean, treatment_lower_bound boolean, line int, given int) on commit drop"
        )
    )
    session.execute(text("truncate wait_stage"))
    for _, w in rows:
        w.setdefault("registration_lower_bound", False)
        w.setdefault("treatment_lower_bound", False)
    given = given or [ALL_GIVEN] * len(rows)
    lines = lines or [None] * len(rows)
    text_lines = CopyText().lines([sal_id for sal_id, _ in rows], [w for _, w in rows])
    tails = (f"\t{_copy_text(n)}\t{g}\n" for n, g in zip(lines, given, strict=True))
    out = map(operator.add, text_lines, tails)
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(
        f"copy wait_stage (service_at_location_id, {', '.join(WAIT_COLUMNS)}, line, given) from stdin"
    ) as copy:
        for _ in range(0, len(rows), COPY_CHUNK):
            copy.write("".join(itertools.islice(out, COPY_CHUNK)))


def _merged(column: str) -> str:
    """The value after merging: the staged figure when the row gives it, else the stored one."""
    bit = _BIT_OF.get(column)
    if bit is None:
        return f"s.{column}"
    return f"case when s.given & {bit} <> 0 then s.{column} else w.{column} end"


_JOIN = (
    "from wait_stage s join wait_time w on w.service_at_location_id = s.service_at_location_id "
    "and w.month = s.month and w.diagnosis_group_id is not distinct from s.diagnosis_group_id"
)


def merge_staged(
    session: Session, run: ImportRun, org_id: uuid.UUID, actor: str, changes: list[RowIssue] | None = None
) -> Written:
    """Audit and list the changes to months already stored, update those figure by figure, insert the rest."""
    cols = ", ".join(WAIT_COLUMNS)
    figures = [c for c in WAIT_COLUMNS if c not in ("month", "diagnosis_group_id")]
    old = ", ".join(f"w.{c}" for c in WAIT_COLUMNS)
    new = ", ".join(_merged(c) for c in WAIT_COLUMNS)
    differs = f"({', '.join('w.' + c for c in figures)}) is distinct from ({', '.join(_merged(c) for c in figures)})"
    corrected = session.execute(
        text(f"select w.id, {old}, {new}, s.line {_JOIN} where {differs} order by s.line")
    ).all()
    audit_corrections(session, [row[:-1] for row in corrected], org_id, actor)
    if changes is not None:
        list_changes(changes, corrected)
    touched = session.execute(text(f"select count(*) {_JOIN}")).scalar()
    if corrected:
        session.execute(
            text(
                f"update wait_time w set {', '.join(f'{c} = {_merged(c)}' for c in figures)}, import_run_id = :run, "
                f"updated_at = clock_timestamp() from wait_stage s where w.service_at_location_id = "
                f"s.service_at_location_id and w.month = s.month and w.diagnosis_group_id is not distinct from "
                f"s.diagnosis_group_id and {differs}"
            ),
            {"run": run.id},
        )
    inserted = session.execute(
        text(
            f"insert into wait_time (id, service_at_location_id, {cols}, import_run_id, created_at, updated_at) "
            f"select gen_random_uuid(), s.service_at_location_id, {', '.join('s.' + c for c in WAIT_COLUMNS)}, :run, "
            f"clock_timestamp(), clock_timestamp() from wait_stage s where not exists (select 1 from wait_time w "
            f"where w.service_at_location_id = s.service_at_location_id and w.month = s.month and "
            f"w.diagnosis_group_id is not distinct from s.diagnosis_group_id)"
        ),
        {"run": run.id},
    ).rowcount
    return Written(new=inserted, changed=len(corrected), unchanged=touched - len(corrected))


def _shown(value) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def list_changes(changes: list[RowIssue], corrected) -> None:
    """Per corrected row one line: 'aanmeldwachttijd 5 -> 6; wachtenden 12 -> 15' (old -> new per figure)."""
    n = len(WAIT_COLUMNS)
    for row in corrected:
        if len(changes) >= MAX_CHANGES_LISTED:
            changes.append(
                RowIssue(message=f"... en meer gewijzigde regels (alleen de eerste {MAX_CHANGES_LISTED} staan hier).")
            )
            return
        before = dict(zip(WAIT_COLUMNS, row[1 : 1 + n], strict=True))
        after = dict(zip(WAIT_COLUMNS, row[1 + n : 1 + 2 * n], strict=True))
        parts = [
            f"{label} {_shown(before[c])} -> {_shown(after[c])}"
            for c, label in CHANGE_LABELS.items()
            if before[c] != after[c]
        ]
        if not parts and before != after:
            parts = ["toelichtende tekst bij de wachttijd"]
        changes.append(RowIssue(line=row[-1], field=None, message="Gewijzigd: " + "; ".join(parts) + "."))


def audit_corrections(session: Session, corrected, org_id: uuid.UUID, actor: str) -> None:
    """One audit entry per corrected observation, exactly as `audit.record` writes it (only the changed fields,
    old -> new, JSON as SQLAlchemy sends it), COPYed in one go: a re-delivered month may correct thousands."""
    n = len(WAIT_COLUMNS)
    fixed = f"{now().isoformat()}\t{_copy_text(actor)}\t\\N\t{org_id}\tupdate\twait_time\t"
    lines = []
    for row in corrected:
        old, new = audit.changed(
            audit.snapshot(dict(zip(WAIT_COLUMNS, row[1 : 1 + n], strict=True))),
            audit.snapshot(dict(zip(WAIT_COLUMNS, row[1 + n :], strict=True))),
        )
        if new:
            lines.append(f"{row[0]}\t{_copy_text(json.dumps(old))}\t{_copy_text(json.dumps(new))}\n")
    if not lines:
        return
    ids = _random_ids(len(lines))
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(
        "copy audit_log (id, at, actor, user_id, organization_id, action, entity_type, entity_id, old, new) from stdin"
    ) as copy:
        for start in range(0, len(lines), COPY_CHUNK):
            copy.write(
                "".join(f"{ids[i]}\t{fixed}{lines[i]}" for i in range(start, min(start + COPY_CHUNK, len(lines))))
            )


JUMP = 3  # a figure more than this many times (or less than 1/JUMP of) last month's is reported
JUMP_PREFIX = "Grote sprong"


def report_jumps(session: Session, run: ImportRun) -> list[RowIssue]:
    """Figures of this run that jumped more than 3x against the previous month of the same location, service
    and diagnosis group (small figures excepted): reported so a typing error (days as weeks) is caught."""
    found = session.execute(
        text(
            "select l.name, s.name, t.name, w.month, p.registration_weeks, w.registration_weeks, p.treatment_weeks, "
            "w.treatment_weeks, p.waiting_count, w.waiting_count from wait_time w join wait_time p on "
            "p.service_at_location_id = w.service_at_location_id and p.diagnosis_group_id is not distinct from "
            "w.diagnosis_group_id and p.month = (w.month - interval '1 month')::date "
            "join service_at_location sal on sal.id = w.service_at_location_id join location l on l.id = sal.location_id "
            "join service s on s.id = sal.service_id left join taxonomy_term t on t.id = w.diagnosis_group_id "
            "where w.import_run_id = :run and ("
            + " or ".join(
                f"(abs(w.{c} - p.{c}) >= {m} and (w.{c} > {JUMP} * p.{c} or p.{c} > {JUMP} * w.{c}))"
                for c, m in (("registration_weeks", 2), ("treatment_weeks", 2), ("waiting_count", 5))
            )
            + ") order by l.name, s.name, t.name, w.month"
        ),
        {"run": run.id},
    ).all()
    notes = []
    for loc, svc, group, month, *pairs in found:
        for label, before, after, minimum in zip(
            ("aanmeldwachttijd", "behandelwachttijd", "wachtenden"), pairs[0::2], pairs[1::2], (2, 2, 5), strict=True
        ):
            if before is None or after is None or abs(after - before) < minimum:
                continue
            if after > JUMP * before or before > JUMP * after:
                notes.append(
                    RowIssue(
                        message=(
                            f"{JUMP_PREFIX}: {label} van {loc} ({svc}{', ' + group if group else ''}) is "
                            f"{_shown(after)} in {month:%m-%Y}, tegen {_shown(before)} de maand ervoor (meer dan "
                            f"{JUMP} keer zo groot of klein). Controleer het cijfer (dagen of weken?)."
                        )
                    )
                )
    return notes
