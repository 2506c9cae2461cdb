"""region defaults: the fit-gap criteria agreed at the start of the programme (KPI 36 and 44), as data

The coordinator edits them afterwards in /regio/witte-vlekken; the group-offer criteria double as the
desired group offer per municipality for KPI 44 (desired vs existing).

Revision ID: 0400_region_defaults
Revises: 0002
Create Date: 2026-11-23
"""

import json

import sqlalchemy as sa
from alembic import op

from waitinfo.reference.ids import stable_uuid

revision = "0400_region_defaults"
down_revision = "0002"
branch_labels = None
depends_on = None

CRITERIA = [
    (
        "walk_in_10km",
        "Inloopvoorziening in de gemeente of binnen 10 km",
        "support_point_within_km",
        {"km": 10, "point_types": ["walk_in", "recovery_centre"]},
    ),
    ("hours_per_10k", "Openingsuren steunpunten per week per 10.000 inwoners", "hours_per_10k", {"min": 8}),
    ("group_ggz", "Groepsaanbod ggz", "group_offer_domain", {"domain": "ggz", "min": 1}),
    (
        "group_social",
        "Groepsaanbod sociaal werk en welzijn",
        "group_offer_domain",
        {"domain": "social_work_welfare", "min": 1},
    ),
    ("group_paramedical", "Groepsaanbod paramedisch", "group_offer_domain", {"domain": "paramedical", "min": 1}),
    (
        "group_isb",
        "Groepsaanbod institutionele sociale basis",
        "group_offer_domain",
        {"domain": "institutional_social_base", "min": 1},
    ),
]


def upgrade() -> None:
    conn = op.get_bind()
    for position, (code, name, kind, params) in enumerate(CRITERIA, start=1):
        conn.execute(
            sa.text(
                "insert into fitgap_criterion (id, code, name, kind, params, active, position) "
                "values (:id, :code, :name, :kind, cast(:params as json), true, :pos)"
            ),
            {
                "id": stable_uuid("fitgap", code),
                "code": code,
                "name": name,
                "kind": kind,
                "params": json.dumps(params),
                "pos": position,
            },
        )


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("delete from fitgap_criterion where code = any(:codes)"), {"codes": [c[0] for c in CRITERIA]})
