"""Apply validated wait records in bulk: locations, services and service_at_location by name, then the
observations. Months not stored yet (the usual monthly file) are COPYed straight into wait_time; when a file
touches months already stored, the rows go through a staging table and one `insert ... on conflict` (a month
is replaced, every correction audited)."""

from __future__ import annotations

import itertools
import json
import operator
import os
import uuid
from collections.abc import Iterator
from datetime import date

from psycopg.errors import UniqueViolation
from sqlalchemy import text
from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.core.clock import now, today
from waitinfo.imports.context import Context
from waitinfo.imports.models import ImportRun

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
)
COPY_CHUNK = 20_000  # rows per COPY write (bounded memory for large files)


def ensure_locations(session: Session, org_id: uuid.UUID, locations: list[dict]) -> dict[tuple, uuid.UUID]:
    """(lower name, postcode) -> location id; missing locations are created, known ones refreshed."""
    existing = {
        (name.lower(), pc): lid
        for lid, name, pc in session.execute(
            text("select id, name, postal_code from location where organization_id = :o"), {"o": org_id}
        )
    }
    wanted: dict[tuple, dict] = {}
    for loc in locations:
        wanted.setdefault((loc["name"].lower(), loc["postal_code"]), loc)
    new_rows, touched = [], []
    for k, loc in wanted.items():
        if k in existing:
            touched.append({"id": existing[k], **_loc_params(loc)})
        else:
            existing[k] = uuid.uuid4()
            new_rows.append({"id": existing[k], "o": org_id, "name": loc["name"], **_loc_params(loc)})
    # One statement per step (arrays unnested server-side), not one per row: large files stay fast.
    if new_rows:
        session.execute(
            text(
                "insert into location (id, organization_id, name, location_type, address_1, postal_code, city, "
                "municipality_code, description, created_at, updated_at) "
                "select id, :o, name, type, address, pc, city, mun, '', clock_timestamp(), clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:name as text[]), cast(:type as text[]), cast(:address as text[]), "
                "cast(:pc as text[]), cast(:city as text[]), cast(:mun as text[])) as t(id, name, type, address, pc, city, "
                "mun)"
            ),
            {"o": org_id, **_columns(new_rows, ("id", "name", "type", "address", "pc", "city", "mun"))},
        )
    if touched:
        # Only locations whose details changed are written (and get a new updated_at): a monthly file names
        # the same thousands of locations every time, and sync should not see them as modified each month.
        session.execute(
            text(
                "update location l set address_1 = coalesce(t.address, l.address_1), city = coalesce(t.city, l.city), "
                "municipality_code = coalesce(t.mun, l.municipality_code), location_type = t.type, "
                "updated_at = clock_timestamp() from unnest(cast(:id as uuid[]), cast(:type as text[]), "
                "cast(:address as text[]), cast(:city as text[]), cast(:mun as text[])) as t(id, type, address, city, mun) "
                "where l.id = t.id and (l.address_1, l.city, l.municipality_code, l.location_type) is distinct from "
                "(coalesce(t.address, l.address_1), coalesce(t.city, l.city), coalesce(t.mun, l.municipality_code), "
                "t.type)"
            ),
            _columns(touched, ("id", "type", "address", "city", "mun")),
        )
    return {k: existing[k] for k in wanted}


def _columns(rows: list[dict], names: tuple[str, ...]) -> dict[str, list]:
    """Row dicts -> one list per column, for `unnest` of array parameters."""
    return {n: [r[n] for r in rows] for n in names}


def _loc_params(loc: dict) -> dict:
    return {
        "type": loc.get("location_type") or "physical",
        "address": loc.get("address_1"),
        "pc": loc["postal_code"],
        "city": loc.get("city"),
        "mun": loc.get("municipality_code"),
    }


def ensure_services(
    session: Session, org_id: uuid.UUID, services: list[dict], assured: date, status: str = "active"
) -> dict[str, uuid.UUID]:
    """lower name -> service id; created when missing (treatment, with `status`: 'pending' from provider runs
    until the coordinator approves), assured_date set for every one delivered."""
    existing = {
        name.lower(): sid
        for sid, name in session.execute(text("select id, name from service where organization_id = :o"), {"o": org_id})
    }
    wanted: dict[str, dict] = {}
    for svc in services:
        wanted.setdefault(svc["name"].lower(), svc)
    new_rows = []
    for k, svc in wanted.items():
        if k not in existing:
            existing[k] = uuid.uuid4()
            domain = "social" if svc["wait_kind"] == "social" else "ggz"
            new_rows.append(
                {
                    "id": existing[k],
                    "o": org_id,
                    "name": svc["name"],
                    "domain": domain,
                    "wk": svc["wait_kind"],
                    "assured": assured,
                }
            )
    if new_rows:
        session.execute(
            text(
                "insert into service (id, organization_id, name, description, domain, kind, wait_kind, status, "
                "eligibility_description, minimum_age, referral_required, referral_description, cost, cost_description, "
                "languages, how_to_register, online_possible, suitable_while_waiting, assured_date, created_at, "
                "updated_at) select id, :o, name, '', domain, 'treatment', wk, :status, '', 18, false, '', 'insured', '', "
                "array['nl'], '', false, false, :assured, clock_timestamp(), clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:name as text[]), cast(:domain as text[]), cast(:wk as text[])) "
                "as t(id, name, domain, wk)"
            ),
            {"o": org_id, "assured": assured, "status": status, **_columns(new_rows, ("id", "name", "domain", "wk"))},
        )
    ids = [existing[k] for k in wanted]
    session.execute(
        text("update service set assured_date = :d, updated_at = clock_timestamp() where id = any(:ids)"),
        {"d": assured, "ids": ids},
    )
    return {k: existing[k] for k in wanted}


def ensure_sals(session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID]]) -> dict[tuple, uuid.UUID]:
    """(service id, location id) -> service_at_location id."""
    if not pairs:
        return {}
    service_ids = list({s for s, _ in pairs})
    existing = {
        (s, loc): sid
        for sid, s, loc in session.execute(
            text("select id, service_id, location_id from service_at_location where service_id = any(:ids)"),
            {"ids": service_ids},
        )
    }
    new_rows = []
    for pair in pairs:
        if pair not in existing:
            existing[pair] = uuid.uuid4()
            new_rows.append({"id": existing[pair], "s": pair[0], "l": pair[1]})
    if new_rows:
        session.execute(
            text(
                "insert into service_at_location (id, service_id, location_id, description, created_at, updated_at) "
                "select id, s, l, '', clock_timestamp(), clock_timestamp() from unnest(cast(:id as uuid[]), "
                "cast(:s as uuid[]), cast(:l as uuid[])) as t(id, s, l)"
            ),
            _columns(new_rows, ("id", "s", "l")),
        )
    return {p: existing[p] for p in pairs}


def apply(ctx: Context, run: ImportRun, records: list[dict], actor: str) -> int:
    session = ctx.session
    org_id = ctx.organization.id
    # Validation hands every row of one location (and of one service) the same dict, so keys are worked out
    # once per distinct dict (by identity; `records` keeps them alive), not lower-cased and hashed per row.
    loc_keys: dict[int, tuple] = {}
    svc_keys: dict[int, str] = {}
    locations: dict[tuple, dict] = {}
    services: dict[str, dict] = {}
    pair_of_row: list[tuple[int, int]] = []
    for r in records:
        loc, svc = r["location"], r["service"]
        li, si = id(loc), id(svc)
        if li not in loc_keys:
            k = loc_keys[li] = (loc["name"].lower(), loc["postal_code"])
            locations.setdefault(k, loc)
        if si not in svc_keys:
            k = svc_keys[si] = svc["name"].lower()
            services.setdefault(k, svc)
        pair_of_row.append((si, li))
    loc_ids = ensure_locations(session, org_id, list(locations.values()))
    svc_ids = ensure_services(session, org_id, list(services.values()), today(), "active" if ctx.trusted else "pending")
    ids_of_pair = {(si, li): (svc_ids[svc_keys[si]], loc_ids[loc_keys[li]]) for si, li in set(pair_of_row)}
    sal_ids = ensure_sals(session, set(ids_of_pair.values()))
    sal_of_pair = {p: str(sal_ids[ids]) for p, ids in ids_of_pair.items()}  # text: hashed and written fast
    write_waits(session, run, org_id, actor, [sal_of_pair[p] for p in pair_of_row], [r["wait"] for r in records])
    # A stop holds for the whole location of a service: one `ja` among its diagnosis-group rows wins.
    stops: dict[tuple, dict] = {}
    for p, r in zip(pair_of_row, records, strict=True):
        stop = r.get("intake_stop")
        if stop is not None and (stop["active"] or ids_of_pair[p] not in stops):
            stops[ids_of_pair[p]] = stop
    apply_intake_stops(session, {(s, sal_ids[(s, loc)]): stop for (s, loc), stop in stops.items()})
    return len(records)


def write_waits(
    session: Session, run: ImportRun, org_id: uuid.UUID, actor: str, sal_ids: list[uuid.UUID | str], waits: list[dict]
) -> None:
    """Store one observation per (service_at_location, wait) pair; the pairs are unique by location, diagnosis
    group and month. New months are COPYed in; months already stored are merged (replaced and audited)."""
    if not waits:
        return
    if not months_stored(session, sal_ids, waits):
        try:
            with session.begin_nested():
                copy_new_waits(session, run, sal_ids, waits)
            return
        except UniqueViolation:  # another import stored one of these months meanwhile: merge after all
            pass
    stage_waits(session, list(zip(sal_ids, waits, strict=True)))
    merge_staged(session, run, org_id, actor)


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


def stage_waits(session: Session, rows: list[tuple[uuid.UUID, dict]]) -> None:
    """COPY the observations into a temporary staging table (for merging into months already stored)."""
    session.execute(
        text(
            "create temp table if not exists wait_stage (service_at_location_id uuid, month date, diagnosis_group_id uuid, "
            "registration_weeks numeric(5,1), treatment_weeks numeric(5,1), registration_text text, treatment_text text, "
            "waiting_count int, method text, reference_date date, intake_within_norm int, intake_outside_norm int) "
            "on commit drop"
        )
    )
    session.execute(text("truncate wait_stage"))
    lines = CopyText().lines([sal_id for sal_id, _ in rows], [w for _, w in rows])
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(f"copy wait_stage (service_at_location_id, {', '.join(WAIT_COLUMNS)}) from stdin") as copy:
        for _ in range(0, len(rows), COPY_CHUNK):
            copy.write("".join(f"{line}\n" for line in itertools.islice(lines, COPY_CHUNK)))


def merge_staged(session: Session, run: ImportRun, org_id: uuid.UUID, actor: str) -> None:
    """Audit corrections of months already stored, then insert/replace every staged observation."""
    cols = ", ".join(WAIT_COLUMNS)
    differs = " or ".join(f"w.{c} is distinct from s.{c}" for c in WAIT_COLUMNS if c not in ("month",))
    corrected = session.execute(
        text(
            f"select w.id, {', '.join('w.' + c for c in WAIT_COLUMNS)}, {', '.join('s.' + c for c in WAIT_COLUMNS)} "
            f"from wait_stage s join wait_time w on w.service_at_location_id = s.service_at_location_id "
            f"and w.month = s.month and w.diagnosis_group_id is not distinct from s.diagnosis_group_id "
            f"where {differs}"
        )
    ).all()
    audit_corrections(session, corrected, org_id, actor)
    updates = ", ".join(f"{c} = excluded.{c}" for c in WAIT_COLUMNS if c != "month")
    session.execute(
        text(
            f"insert into wait_time (id, service_at_location_id, {cols}, import_run_id, created_at, updated_at) "
            f"select gen_random_uuid(), service_at_location_id, {cols}, :run, clock_timestamp(), clock_timestamp() "
            f"from wait_stage on conflict on constraint wait_time_one_per_month do update set {updates}, "
            f"import_run_id = excluded.import_run_id, updated_at = clock_timestamp() "
            f"where ({', '.join('wait_time.' + c for c in WAIT_COLUMNS)}) is distinct from "
            f"({', '.join('excluded.' + c for c in WAIT_COLUMNS)})"
        ),
        {"run": run.id},
    )


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


def apply_intake_stops(session: Session, stops: dict[tuple[uuid.UUID, uuid.UUID], dict]) -> None:
    """Per (service id, service_at_location id): `ja` opens a stop (or updates the open one); `nee` ends an open
    stop on the reference date. A few statements for all locations together, not a query per location."""
    if not stops:
        return
    by_sal = {sal: (service_id, stop) for (service_id, sal), stop in stops.items()}
    open_stops: dict[uuid.UUID, list[tuple]] = {}
    for stop_id, sal, starts_on, reason in session.execute(
        text(
            "select id, service_at_location_id, starts_on, reason from intake_stop "
            "where service_at_location_id = any(:sals) and ends_on is null order by starts_on, id"
        ),
        {"sals": list(by_sal)},
    ):
        open_stops.setdefault(sal, []).append((stop_id, starts_on, reason))
    new_rows, updates = [], []
    for sal, (service_id, stop) in by_sal.items():
        current = open_stops.get(sal, [])
        if stop["active"]:
            if current:
                stop_id, _, reason = current[0]
                updates.append({"id": stop_id, "reason": stop["reason"] or reason, "ends_on": stop["ends_on"]})
            else:
                new_rows.append(
                    {
                        "id": uuid.uuid4(),
                        "s": service_id,
                        "sal": sal,
                        "starts": stop["starts_on"],
                        "ends": stop["ends_on"],
                        "reason": stop["reason"],
                    }
                )
        else:
            updates.extend(
                {"id": stop_id, "reason": reason, "ends_on": max(starts_on, stop["starts_on"])}
                for stop_id, starts_on, reason in current
            )
    if new_rows:
        session.execute(
            text(
                "insert into intake_stop (id, service_id, service_at_location_id, starts_on, ends_on, reason, created_at, "
                "updated_at) select id, s, sal, starts, ends, reason, clock_timestamp(), clock_timestamp() "
                "from unnest(cast(:id as uuid[]), cast(:s as uuid[]), cast(:sal as uuid[]), cast(:starts as date[]), "
                "cast(:ends as date[]), cast(:reason as text[])) as t(id, s, sal, starts, ends, reason)"
            ),
            _columns(new_rows, ("id", "s", "sal", "starts", "ends", "reason")),
        )
    if updates:
        session.execute(
            text(
                "update intake_stop i set reason = t.reason, ends_on = t.ends_on from unnest(cast(:id as uuid[]), "
                "cast(:reason as text[]), cast(:ends_on as date[])) as t(id, reason, ends_on) "
                "where i.id = t.id and (i.reason, i.ends_on) is distinct from (t.reason, t.ends_on)"
            ),
            _columns(updates, ("id", "reason", "ends_on")),
        )
