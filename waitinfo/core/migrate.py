"""Run Alembic migrations programmatically (the only way the schema is made)."""

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config

# Shipped inside the package (waitinfo.migrations, from the repository's migrations/ folder), so an installed
# wheel migrates as well as a checkout.
MIGRATIONS = Path(str(files("waitinfo.migrations")))


def alembic_config(url: str | None = None, connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.attributes["url"] = url
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(url: str | None = None, revision: str = "heads") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def include_name(name, type_, parent_names) -> bool:
    """Model comparison (autogenerate) leaves out procrastinate's tables: their schema is its own SQL."""
    return not (type_ == "table" and name and name.startswith("procrastinate_"))
