"""feedmap: an import run remembers the wait-file columns it did not recognise (header, proposed field), so the
coordinator can map them once on the feed page

Revision ID: 1610_feedmap_run_columns
Revises: 1600_api_hub
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "1610_feedmap_run_columns"
down_revision = "1600_api_hub"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("import_run", sa.Column("unmapped_columns", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("import_run", "unmapped_columns")
