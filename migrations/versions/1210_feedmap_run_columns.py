"""feedmap: an import run remembers the wait-file columns it did not recognise (header, proposed field), so the
coordinator can map them once on the feed page

Revision ID: 1210_feedmap_run_columns
Revises: 1200_wait_imports
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "1210_feedmap_run_columns"
down_revision = "1200_wait_imports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("import_run", sa.Column("unmapped_columns", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("import_run", "unmapped_columns")
