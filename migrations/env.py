"""Alembic environment: migrates the database waitinfo is configured for (or a given connection)."""

from alembic import context
from sqlalchemy import create_engine, pool

import waitinfo.models  # noqa: F401  (fills the metadata)
from waitinfo.core.database import database_url
from waitinfo.core.migrate import include_name

target_metadata = waitinfo.models.metadata
config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, compare_type=True, include_name=include_name
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.attributes.get("url") or database_url()
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(
            connection=conn, target_metadata=target_metadata, compare_type=True, include_name=include_name
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `waitinfo migrate`.")
run_migrations_online()
