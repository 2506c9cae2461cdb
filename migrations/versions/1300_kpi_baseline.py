"""kpi baseline: a stored snapshot of the support-point register on the baseline date (KPI 38); the
characteristics of a covering network named in the programme plan as default fit-gap criteria (KPI 36, editable
by the coordinator)

Revision ID: 1300_kpi_baseline
Revises: 1500_meetings
Create Date: 2026-12-03
"""

import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

from waitinfo.reference.ids import stable_uuid

revision = "1300_kpi_baseline"
down_revision = "1150_sessions_login_limits"
branch_labels = None
depends_on = None

# Support points with these characteristics in the municipality or within 10 km of its centre (positions after
# the criteria of 0400_region_defaults).
CRITERIA = [
    ("no_referral_10km", "Steunpunt zonder verwijzing binnen 10 km", "no_referral"),
    ("free_10km", "Gratis steunpunt binnen 10 km", "free"),
    ("peer_workers_10km", "Steunpunt met ervaringsdeskundigen binnen 10 km", "peer_workers"),
]


def upgrade() -> None:
    op.create_table(
        "kpi_baseline",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("baseline_date", sa.Date(), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.Column("visitors_per_month", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("baseline_date"),
    )
    conn = op.get_bind()
    for position, (code, name, characteristic) in enumerate(CRITERIA, start=7):
        conn.execute(
            sa.text(
                "insert into fitgap_criterion (id, code, name, kind, params, active, position) "
                "values (:id, :code, :name, 'support_point_characteristic', cast(:params as json), true, :pos) "
                "on conflict (code) do nothing"
            ),
            {
                "id": stable_uuid("fitgap", code),
                "code": code,
                "name": name,
                "params": json.dumps({"characteristic": characteristic, "km": 10}),
                "pos": position,
            },
        )


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("delete from fitgap_criterion where code = any(:codes)"), {"codes": [c[0] for c in CRITERIA]})
    op.drop_table("kpi_baseline")
