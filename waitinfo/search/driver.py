"""Running a search statement straight through psycopg on the session's connection: PostgreSQL's own $n
placeholders made once per statement text, rows as dicts, driver errors as SQLAlchemy's."""

import re
from functools import lru_cache

from psycopg import RawCursor
from psycopg.rows import dict_row
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

_NAMED = re.compile(r"%\((\w+)\)s|%%")


@lru_cache(maxsize=256)
def _driver_sql(sql: str, dialect) -> tuple[str, tuple[str, ...]]:
    """The statement in PostgreSQL's own $1, $2 ... placeholders and the parameter name of each, from SQLAlchemy's
    compilation of text(sql) (the very string the benchmark runs bare); made once per statement text. psycopg
    parses a %(name)s query on every execution when it is longer than its 4 KB cache limit, as ours (~10 KB) is."""
    compiled = str(text(sql).compile(dialect=dialect))
    order: list[str] = []

    def number(m: re.Match) -> str:
        if m.group(0) == "%%":
            return "%"
        if m.group(1) not in order:
            order.append(m.group(1))
        return f"${order.index(m.group(1)) + 1}"

    return _NAMED.sub(number, compiled), tuple(order)


def execute(session: Session, sql: str, bind: dict) -> list[dict]:
    """Run a search statement on the session's connection (its transaction) straight through psycopg, rows as
    dicts: SQLAlchemy's per-statement work (parsing the ~10 KB text, result metadata for ~70 columns) cost about
    as much client time as the driver itself. Driver errors come out as SQLAlchemy's (a lost database is a 503)."""
    conn = session.connection()
    driver_sql, names = _driver_sql(sql, conn.dialect)
    params = tuple(bind[k] for k in names)
    try:
        with RawCursor(conn.connection.driver_connection, row_factory=dict_row) as cur:
            cur.execute(driver_sql, params)
            return cur.fetchall()
    except conn.dialect.loaded_dbapi.Error as e:
        raise DBAPIError.instance(driver_sql, params, e, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect) from e
