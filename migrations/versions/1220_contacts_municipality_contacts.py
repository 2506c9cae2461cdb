"""contacts: per municipality its youth team / CJG and its huisartsenpost (name, phone, website), kept by the
coordinator and shown by the search page and the handout (issue 18)

Revision ID: 1220_municipality_contacts
Revises: 1210_feedmap_run_columns
Create Date: 2026-12-06
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "1220_municipality_contacts"
down_revision = "1210_feedmap_run_columns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipality_contact",
        sa.Column("municipality_code", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.CheckConstraint("kind in ('youth_team', 'gp_post')", name="municipality_contact_kind"),
        sa.ForeignKeyConstraint(["municipality_code"], ["municipality.code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("municipality_code", "kind"),
    )


def downgrade() -> None:
    op.drop_table("municipality_contact")
