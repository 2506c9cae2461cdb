"""background jobs: procrastinate's schema, and the portal uploads its jobs process

procrastinate (PostgreSQL task queue, psycopg 3) ships its schema as SQL; it is applied here so the schema
comes only from Alembic. Its objects are named procrastinate_* and left out of the model comparison
(waitinfo.core.migrate.include_name). `import_upload` holds a portal upload until its job has run.

Revision ID: 1100_procrastinate
Revises: 1500_meetings
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "1100_procrastinate"
down_revision = "0910_search_speed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from procrastinate.schema import SchemaManager

    # The driver's cursor without parameters: the SQL holds '%' (RAISE formats) and '::' casts.
    cursor = op.get_bind().connection.dbapi_connection.cursor()
    cursor.execute(SchemaManager.get_schema())
    op.create_table(
        "import_upload",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("import_run_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status in ('queued', 'running', 'done', 'failed')", name="import_upload_status"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_upload_organization_id", "import_upload", ["organization_id"])


def downgrade() -> None:
    op.drop_index("ix_import_upload_organization_id", table_name="import_upload")
    op.drop_table("import_upload")
    cursor = op.get_bind().connection.dbapi_connection.cursor()
    cursor.execute(
        """
        do $$
        declare r record;
        begin
          for r in select tablename from pg_tables where schemaname = current_schema()
                   and tablename like 'procrastinate\\_%' loop
            execute format('drop table if exists %I cascade', r.tablename);
          end loop;
          for r in select p.oid::regprocedure as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = current_schema() and p.proname like 'procrastinate\\_%' loop
            execute format('drop function if exists %s cascade', r.sig);
          end loop;
          for r in select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
                   where n.nspname = current_schema() and t.typname like 'procrastinate\\_%' and t.typtype in ('e', 'c')
          loop
            execute format('drop type if exists %I cascade', r.typname);
          end loop;
        end $$;
        """
    )
