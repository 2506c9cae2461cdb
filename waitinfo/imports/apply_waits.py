"""Apply validated wait records in bulk: locations, services and service_at_location by name, then the
observations through COPY into a staging table and one `insert ... on conflict` (a month is replaced, audited)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.core.clock import today
from waitinfo.imports.context import Context
from waitinfo.imports.models import ImportRun
from waitinfo.waits.models import IntakeStop

WAIT_COLUMNS = ("month", "diagnosis_group_id", "registration_weeks", "treatment_weeks", "registration_text",
                "treatment_text", "waiting_count", "method", "reference_date", "intake_within_norm",
                "intake_outside_norm")


def ensure_locations(session: Session, org_id: uuid.UUID, locations: list[dict]) -> dict[tuple, uuid.UUID]:
    """(lower name, postcode) -> location id; missing locations are created, known ones refreshed."""
    existing = {
        (name.lower(), pc): lid for lid, name, pc in session.execute(
            text("select id, name, postal_code from location where organization_id = :o"), {"o": org_id})
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
        session.execute(text(
            "insert into location (id, organization_id, name, location_type, address_1, postal_code, city, "
            "municipality_code, description, created_at, updated_at) "
            "select id, :o, name, type, address, pc, city, mun, '', clock_timestamp(), clock_timestamp() "
            "from unnest(cast(:id as uuid[]), cast(:name as text[]), cast(:type as text[]), cast(:address as text[]), "
            "cast(:pc as text[]), cast(:city as text[]), cast(:mun as text[])) as t(id, name, type, address, pc, city, "
            "mun)"), {"o": org_id, **_columns(new_rows, ("id", "name", "type", "address", "pc", "city", "mun"))})
    if touched:
        session.execute(text(
            "update location l set address_1 = coalesce(t.address, l.address_1), city = coalesce(t.city, l.city), "
            "municipality_code = coalesce(t.mun, l.municipality_code), location_type = t.type, "
            "updated_at = clock_timestamp() from unnest(cast(:id as uuid[]), cast(:type as text[]), "
            "cast(:address as text[]), cast(:city as text[]), cast(:mun as text[])) as t(id, type, address, city, mun) "
            "where l.id = t.id"), _columns(touched, ("id", "type", "address", "city", "mun")))
    return {k: existing[k] for k in wanted}


def _columns(rows: list[dict], names: tuple[str, ...]) -> dict[str, list]:
    """Row dicts -> one list per column, for `unnest` of array parameters."""
    return {n: [r[n] for r in rows] for n in names}


def _loc_params(loc: dict) -> dict:
    return {"type": loc.get("location_type") or "physical", "address": loc.get("address_1"), "pc": loc["postal_code"],
            "city": loc.get("city"), "mun": loc.get("municipality_code")}


def ensure_services(session: Session, org_id: uuid.UUID, services: list[dict], assured: date) -> dict[str, uuid.UUID]:
    """lower name -> service id; created when missing (treatment), assured_date set for every one delivered."""
    existing = {name.lower(): sid for sid, name in session.execute(
        text("select id, name from service where organization_id = :o"), {"o": org_id})}
    wanted: dict[str, dict] = {}
    for svc in services:
        wanted.setdefault(svc["name"].lower(), svc)
    new_rows = []
    for k, svc in wanted.items():
        if k not in existing:
            existing[k] = uuid.uuid4()
            domain = "social" if svc["wait_kind"] == "social" else "ggz"
            new_rows.append({"id": existing[k], "o": org_id, "name": svc["name"], "domain": domain,
                             "wk": svc["wait_kind"], "assured": assured})
    if new_rows:
        session.execute(text(
            "insert into service (id, organization_id, name, description, domain, kind, wait_kind, status, "
            "eligibility_description, minimum_age, referral_required, referral_description, cost, cost_description, "
            "languages, how_to_register, online_possible, suitable_while_waiting, assured_date, created_at, "
            "updated_at) select id, :o, name, '', domain, 'treatment', wk, 'active', '', 18, false, '', 'insured', '', "
            "array['nl'], '', false, false, :assured, clock_timestamp(), clock_timestamp() "
            "from unnest(cast(:id as uuid[]), cast(:name as text[]), cast(:domain as text[]), cast(:wk as text[])) "
            "as t(id, name, domain, wk)"),
            {"o": org_id, "assured": assured, **_columns(new_rows, ("id", "name", "domain", "wk"))})
    ids = [existing[k] for k in wanted]
    session.execute(text("update service set assured_date = :d, updated_at = clock_timestamp() where id = any(:ids)"),
                    {"d": assured, "ids": ids})
    return {k: existing[k] for k in wanted}


def ensure_sals(session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID]]) -> dict[tuple, uuid.UUID]:
    """(service id, location id) -> service_at_location id."""
    if not pairs:
        return {}
    service_ids = list({s for s, _ in pairs})
    existing = {(s, loc): sid for sid, s, loc in session.execute(
        text("select id, service_id, location_id from service_at_location where service_id = any(:ids)"),
        {"ids": service_ids})}
    new_rows = []
    for pair in pairs:
        if pair not in existing:
            existing[pair] = uuid.uuid4()
            new_rows.append({"id": existing[pair], "s": pair[0], "l": pair[1]})
    if new_rows:
        session.execute(text(
            "insert into service_at_location (id, service_id, location_id, description, created_at, updated_at) "
            "select id, s, l, '', clock_timestamp(), clock_timestamp() from unnest(cast(:id as uuid[]), "
            "cast(:s as uuid[]), cast(:l as uuid[])) as t(id, s, l)"), _columns(new_rows, ("id", "s", "l")))
    return {p: existing[p] for p in pairs}


def apply(ctx: Context, run: ImportRun, records: list[dict], actor: str) -> int:
    session = ctx.session
    org_id = ctx.organization.id
    loc_ids = ensure_locations(session, org_id, [r["location"] for r in records])
    svc_ids = ensure_services(session, org_id, [r["service"] for r in records], today())
    keyed = []
    for r in records:
        loc, svc = r["location"], r["service"]
        keyed.append((svc_ids[svc["name"].lower()], loc_ids[(loc["name"].lower(), loc["postal_code"])], r))
    sal_ids = ensure_sals(session, {(s, loc) for s, loc, _ in keyed})
    stage_waits(session, [(sal_ids[(s, loc)], r["wait"]) for s, loc, r in keyed])
    merge_staged(session, run, org_id, actor)
    # A stop holds for the whole location of a service: one `ja` among its diagnosis-group rows wins.
    stops: dict[tuple, dict] = {}
    for s, loc, r in keyed:
        stop = r.get("intake_stop")
        if stop is not None and (stop["active"] or (s, loc) not in stops):
            stops[(s, loc)] = stop
    for (s, loc), stop in stops.items():
        apply_intake_stop(session, s, sal_ids[(s, loc)], stop)
    return len(records)


def stage_waits(session: Session, rows: list[tuple[uuid.UUID, dict]]) -> None:
    """COPY the observations into a temporary staging table (fast path for large files)."""
    session.execute(text(
        "create temp table if not exists wait_stage (service_at_location_id uuid, month date, diagnosis_group_id uuid, "
        "registration_weeks numeric(5,1), treatment_weeks numeric(5,1), registration_text text, treatment_text text, "
        "waiting_count int, method text, reference_date date, intake_within_norm int, intake_outside_norm int) "
        "on commit drop"))
    session.execute(text("truncate wait_stage"))
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(f"copy wait_stage (service_at_location_id, {', '.join(WAIT_COLUMNS)}) from stdin") as copy:
        for sal_id, w in rows:
            copy.write_row((sal_id, *(w[c] for c in WAIT_COLUMNS)))


def merge_staged(session: Session, run: ImportRun, org_id: uuid.UUID, actor: str) -> None:
    """Audit corrections of months already stored, then insert/replace every staged observation."""
    cols = ", ".join(WAIT_COLUMNS)
    differs = " or ".join(f"w.{c} is distinct from s.{c}" for c in WAIT_COLUMNS if c not in ("month",))
    corrected = session.execute(text(
        f"select w.id, {', '.join('w.' + c for c in WAIT_COLUMNS)}, {', '.join('s.' + c for c in WAIT_COLUMNS)} "
        f"from wait_stage s join wait_time w on w.service_at_location_id = s.service_at_location_id "
        f"and w.month = s.month and w.diagnosis_group_id is not distinct from s.diagnosis_group_id "
        f"where {differs}")).all()
    n = len(WAIT_COLUMNS)
    for row in corrected:
        old = dict(zip(WAIT_COLUMNS, row[1:1 + n], strict=True))
        new = dict(zip(WAIT_COLUMNS, row[1 + n:], strict=True))
        audit.record(session, actor=actor, action="update", entity_type="wait_time", entity_id=row[0],
                     old=old, new=new, organization_id=org_id)
    updates = ", ".join(f"{c} = excluded.{c}" for c in WAIT_COLUMNS if c != "month")
    session.execute(text(
        f"insert into wait_time (id, service_at_location_id, {cols}, import_run_id, created_at, updated_at) "
        f"select gen_random_uuid(), service_at_location_id, {cols}, :run, clock_timestamp(), clock_timestamp() "
        f"from wait_stage on conflict on constraint wait_time_one_per_month do update set {updates}, "
        f"import_run_id = excluded.import_run_id, updated_at = clock_timestamp() "
        f"where ({', '.join('wait_time.' + c for c in WAIT_COLUMNS)}) is distinct from "
        f"({', '.join('excluded.' + c for c in WAIT_COLUMNS)})"), {"run": run.id})


def apply_intake_stop(session: Session, service_id: uuid.UUID, sal_id: uuid.UUID, stop: dict) -> None:
    """`ja` opens a stop (or updates the open one); `nee` ends an open stop on the reference date."""
    from sqlmodel import select

    open_stops = session.exec(select(IntakeStop).where(
        IntakeStop.service_at_location_id == sal_id, IntakeStop.ends_on.is_(None))).all()
    if stop["active"]:
        if open_stops:
            current = open_stops[0]
            current.reason = stop["reason"] or current.reason
            current.ends_on = stop["ends_on"]
        else:
            session.add(IntakeStop(service_id=service_id, service_at_location_id=sal_id, starts_on=stop["starts_on"],
                                   ends_on=stop["ends_on"], reason=stop["reason"]))
    else:
        for current in open_stops:
            current.ends_on = max(current.starts_on, stop["starts_on"])
    session.flush()
