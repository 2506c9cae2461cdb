"""Write the generated demo rows: upsert by stable id, then remove demo rows the generator no longer makes.

Upserts (instead of delete + insert) make a second run a no-op: unchanged rows are not touched, so the
updated_at triggers and deletion tombstones of the HSDS sync only see real changes.
"""

import uuid

from sqlalchemy import Date, Uuid, or_, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import Session

from waitinfo.catalogue.details import GroupOffer, SupportPoint, SupportPointMonth
from waitinfo.catalogue.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
)
from waitinfo.imports.models import ImportRun
from waitinfo.waits.models import InsurerContract, IntakeStop, ServiceCapacity, WaitTime

# Parents before children (foreign keys).
TABLES = [
    Organization,
    Location,
    Service,
    ServiceNeed,
    ServiceArea,
    ServiceAtLocation,
    Schedule,
    SupportPoint,
    SupportPointMonth,
    GroupOffer,
    ImportRun,
    WaitTime,
    ServiceCapacity,
    IntakeStop,
    InsurerContract,
]

_SERVICES = "select id from service where organization_id = any(:orgs)"
_SALS = (
    "select sal.id from service_at_location sal join service s on s.id = sal.service_id "
    "where s.organization_id = any(:orgs)"
)
# Which existing rows belong to the demo organisations (and may be removed when not generated again).
SCOPES = {
    Location: "organization_id = any(:orgs)",
    Service: "organization_id = any(:orgs)",
    ServiceNeed: f"service_id in ({_SERVICES})",
    ServiceArea: f"service_id in ({_SERVICES})",
    ServiceAtLocation: f"service_id in ({_SERVICES})",
    Schedule: f"service_id in ({_SERVICES}) or service_at_location_id in ({_SALS}) "
    "or location_id in (select id from location where organization_id = any(:orgs))",
    SupportPoint: f"service_id in ({_SERVICES})",
    SupportPointMonth: f"service_id in ({_SERVICES})",
    GroupOffer: f"service_id in ({_SERVICES})",
    ImportRun: "organization_id = any(:orgs)",
    WaitTime: f"service_at_location_id in ({_SALS})",
    ServiceCapacity: f"service_id in ({_SERVICES})",
    IntakeStop: f"service_id in ({_SERVICES})",
    InsurerContract: "organization_id = any(:orgs)",
}
SQL_TYPES = {Uuid: "uuid", Date: "date"}  # other keys (codes) compare as text


def columns(model: type, rows: list[dict]) -> list[str]:
    """The table's columns the generator gives (it keeps a few helper keys on its rows; other columns keep
    their defaults)."""
    return [c.name for c in model.__table__.columns if c.name in rows[0]]


def clean(model: type, rows: list[dict]) -> list[dict]:
    names = columns(model, rows)
    return [{n: row[n] for n in names} for row in rows]


def _key_types(model: type) -> list[tuple[str, str]]:
    out = []
    for col in model.__table__.primary_key.columns:
        sql_type = next((name for cls, name in SQL_TYPES.items() if isinstance(col.type, cls)), "text")
        out.append((col.name, sql_type))
    return out


def remove_stale(session: Session, rows: dict[type, list[dict]], org_ids: list[uuid.UUID]) -> int:
    """Delete demo-owned rows whose key the generator did not produce this time (children first)."""
    removed = 0
    for model in reversed(TABLES):
        if model not in SCOPES:
            continue
        keys = _key_types(model)
        params: dict = {"orgs": org_ids}
        arrays = []
        for i, (name, sql_type) in enumerate(keys):
            params[f"k{i}"] = [row[name] for row in rows.get(model, [])]
            arrays.append(f"cast(:k{i} as {sql_type}[])")
        columns = ", ".join(name for name, _ in keys)
        sql = (
            f"delete from {model.__tablename__} where ({SCOPES[model]}) "
            f"and ({columns}) not in (select * from unnest({', '.join(arrays)}))"
        )
        removed += session.execute(text(sql), params).rowcount
    return removed


def upsert(session: Session, model: type, rows: list[dict]) -> None:
    """Insert new rows, update changed ones, leave identical ones alone."""
    if not rows:
        return
    table = model.__table__
    keys = [c.name for c in table.primary_key.columns]
    others = [c for c in columns(model, rows) if c not in keys]
    stmt = pg_insert(table)
    if others:
        stmt = stmt.on_conflict_do_update(
            index_elements=keys,
            set_={c: stmt.excluded[c] for c in others},
            where=or_(*[table.c[c].is_distinct_from(stmt.excluded[c]) for c in others]),
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    # RETURNING makes SQLAlchemy send multi-row INSERTs ("insertmanyvalues"), so the statement-level sync
    # triggers run once per batch instead of once per row.
    session.execute(stmt.returning(*[table.c[k] for k in keys]), clean(model, rows)).all()


def restore_moments(session: Session, rows: dict[type, list[dict]]) -> None:
    """Put back the generated updated_at values.

    The sync triggers stamp updated_at with the clock when a row changes without a new updated_at, and when a
    service's child rows change; the demo must be exactly the same catalogue on every run, so its own moments
    win. Children first: restoring them touches their services again, which are restored last.
    """
    ordered = [m for m in reversed(TABLES) if m is not Service] + [Service]
    for model in ordered:
        if "updated_at" not in model.__table__.columns or not rows.get(model):
            continue
        keys = _key_types(model)
        params = {f"k{i}": [row[name] for row in rows[model]] for i, (name, _) in enumerate(keys)}
        params["moments"] = [row["updated_at"] for row in rows[model]]
        arrays = ", ".join(f"cast(:k{i} as {sql_type}[])" for i, (_, sql_type) in enumerate(keys))
        names = ", ".join(name for name, _ in keys)
        match = " and ".join(f"t.{name} = v.{name}" for name, _ in keys)
        session.execute(
            text(
                f"update {model.__tablename__} t set updated_at = v.updated_at "
                f"from unnest({arrays}, cast(:moments as timestamptz[])) as v({names}, updated_at) "
                f"where {match} and t.updated_at is distinct from v.updated_at"
            ),
            params,
        )


def store(session: Session, rows: dict[type, list[dict]], org_ids: list[uuid.UUID], say) -> None:
    removed = remove_stale(session, rows, org_ids)
    say(f"  verouderde demorijen verwijderd: {removed}")
    for model in TABLES:
        upsert(session, model, rows.get(model, []))
        say(f"  {model.__tablename__}: {len(rows.get(model, []))}")
    restore_moments(session, rows)
