"""wait_time: unique key ordered (location, group, month); drop two indexes no query needs

Large monthly imports spend most of their time maintaining indexes on wait_time. The unique key in the order
(service_at_location_id, diagnosis_group_id, month) serves uniqueness, "latest figure per location and
diagnosis group" (DISTINCT ON) and history lookups, so ix_wait_time_sal_month is redundant; nothing filters
observations by updated_at (sync works on services, which triggers touch).

Revision ID: 0600_wait_time_indexes
Revises: 0002
Create Date: 2026-11-23
"""

from alembic import op

revision = "0600_wait_time_indexes"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_constraint("wait_time_one_per_month", "wait_time", type_="unique")
    op.create_unique_constraint(
        "wait_time_one_per_month",
        "wait_time",
        ["service_at_location_id", "diagnosis_group_id", "month"],
        postgresql_nulls_not_distinct=True,
    )
    op.drop_index("ix_wait_time_sal_month", table_name="wait_time")
    op.drop_index("ix_wait_time_updated_at", table_name="wait_time")


def downgrade() -> None:
    op.create_index("ix_wait_time_updated_at", "wait_time", ["updated_at"])
    op.create_index("ix_wait_time_sal_month", "wait_time", ["service_at_location_id", "month"])
    op.drop_constraint("wait_time_one_per_month", "wait_time", type_="unique")
    op.create_unique_constraint(
        "wait_time_one_per_month",
        "wait_time",
        ["service_at_location_id", "month", "diagnosis_group_id"],
        postgresql_nulls_not_distinct=True,
    )
