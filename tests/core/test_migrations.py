"""The schema comes only from Alembic: it upgrades, downgrades and matches the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

import waitinfo.models
from tests import db_setup
from waitinfo.core.migrate import downgrade, upgrade


def test_upgrade_downgrade_upgrade(server_url):
    name = db_setup.unique_name("wtmig")
    url = db_setup.create_database(server_url, name)
    try:
        upgrade(url)
        eng = create_engine(url)
        with eng.connect() as conn:
            assert conn.execute(text("select count(*) from municipality")).scalar() == 14
        downgrade(url, "base")
        with eng.connect() as conn:
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
            assert tables == set()
            leftovers = "select count(*) from pg_proc where proname like 'procrastinate%'"
            assert conn.execute(text(leftovers)).scalar() == 0  # procrastinate's functions dropped too
        upgrade(url)
        with eng.connect() as conn:
            assert conn.execute(text("select count(*) from place")).scalar() > 60
        eng.dispose()
    finally:
        db_setup.drop_database(server_url, name)


def test_models_match_migrations(engine):
    with engine.connect() as conn:
        from waitinfo.core.migrate import include_name

        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(ctx, waitinfo.models.metadata)
    assert diff == [], f"models and migrations differ; write a migration: {diff}"


def test_single_head():
    from alembic.script import ScriptDirectory

    from waitinfo.core.migrate import alembic_config

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several migration heads, add a merge revision: {heads}"
