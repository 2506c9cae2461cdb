"""Test databases: one migrated database per pytest run, plus a demo database used as a template."""

import os
import uuid
import warnings

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from waitinfo.core.database import normalise_url


def server_url() -> str:
    """Admin URL of the test server: WAITINFO_TEST_DATABASE_URL, else an embedded server."""
    env = os.environ.get("WAITINFO_TEST_DATABASE_URL")
    if env:
        return normalise_url(env)
    from pathlib import Path

    from waitinfo.core.database import start_embedded

    pgdata = Path(os.environ.get("WAITINFO_TEST_PGDATA", ".waitinfo/test-pgdata")).resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = start_embedded(pgdata)
    return normalise_url(server.get_uri("postgres"))


def url_for(base: str, database: str) -> str:
    return make_url(base).set(database=database).render_as_string(hide_password=False)


def create_database(base: str, name: str, template: str | None = None) -> str:
    admin = create_engine(url_for(base, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'drop database if exists "{name}" with (force)'))
        tpl = f' template "{template}"' if template else ""
        conn.execute(text(f'create database "{name}"{tpl}'))
    admin.dispose()
    return url_for(base, name)


def drop_database(base: str, name: str) -> None:
    admin = create_engine(url_for(base, "postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'drop database if exists "{name}" with (force)'))
    admin.dispose()


def unique_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
