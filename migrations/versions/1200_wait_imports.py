"""wait imports: AGB code of a location, lower-bound waits, method unknown, all DSM-5 main diagnosis groups

- location.agb_code: the vestiging AGB code (organization.agb_code is the onderneming code); rows of a wait file
  are matched to locations by it first.
- wait_time.registration_lower_bound / treatment_lower_bound: "> 26" is stored as 26 with the flag set and shown
  as "meer dan 26 weken", never as 26.
- wait_time.method may be 'unknown' (a file without method column from a provider without a stored method);
  organization.default_wait_method may be null (the provider never said).
- column_mapping: columns of a provider's files whose meaning was confirmed once (per provider, per feed).
- held_wait_row: wait rows that matched no location or service, waiting to be linked (never published).
- import_upload.options: a portal upload's column mappings and confirmations, for its background job.
- Diagnosis groups: the DSM-5 main groups Vektis uses since 2022 that were missing, plus "diagnose nog niet
  gesteld" (added from waitinfo/reference/diagnosis_groups.csv when missing).

Revision ID: 1200_wait_imports
Revises: 1600_api_hub
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from waitinfo.reference import data
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, stable_uuid

revision = "1200_wait_imports"
down_revision = "1600_api_hub"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("location", sa.Column("agb_code", sa.String(length=8), nullable=True))
    op.add_column("import_upload", sa.Column("options", sa.JSON(), nullable=True))
    op.create_index("ix_location_agb_code", "location", ["agb_code"])
    for part in ("registration", "treatment"):
        op.add_column(
            "wait_time",
            sa.Column(f"{part}_lower_bound", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.drop_constraint("wait_method", "wait_time", type_="check")
    op.create_check_constraint("wait_method", "wait_time", "method in ('realised', 'current', 'unknown')")
    op.alter_column("organization", "default_wait_method", nullable=True)
    op.create_table(
        "column_mapping",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("feed_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("header", sa.String(), nullable=False),
        sa.Column("header_key", sa.String(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("confirmed_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["feed_id"], ["provider_feed.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "organization_id",
            "feed_id",
            "kind",
            "header_key",
            name="column_mapping_one_per_header",
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index("ix_column_mapping_organization_id", "column_mapping", ["organization_id"])
    op.create_table(
        "held_wait_row",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("import_run_id", sa.Uuid(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("diagnosis_group_id", sa.Uuid(), nullable=True),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reason in ('location', 'service')", name="held_reason"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["import_run_id"], ["import_run.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["diagnosis_group_id"], ["taxonomy_term.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_held_wait_row_organization_id", "held_wait_row", ["organization_id"])
    conn = op.get_bind()
    for g in data.diagnosis_groups():
        conn.execute(
            sa.text(
                "insert into taxonomy_term (id, taxonomy_id, code, name, name_en, description, usual_domain, "
                "updated_at) values (:id, :tax, :code, :name, :en, '', 'ggz', now()) on conflict do nothing"
            ),
            {
                "id": stable_uuid("term", DIAGNOSIS_TAXONOMY, g["code"]),
                "tax": stable_uuid("taxonomy", DIAGNOSIS_TAXONOMY),
                "code": g["code"],
                "name": g["name_nl"],
                "en": g["name_en"],
            },
        )


def downgrade() -> None:
    op.drop_index("ix_held_wait_row_organization_id", table_name="held_wait_row")
    op.drop_table("held_wait_row")
    op.drop_index("ix_column_mapping_organization_id", table_name="column_mapping")
    op.drop_table("column_mapping")
    op.execute("update organization set default_wait_method = 'realised' where default_wait_method is null")
    op.alter_column("organization", "default_wait_method", nullable=False)
    op.execute("update wait_time set method = 'realised' where method = 'unknown'")
    op.drop_constraint("wait_method", "wait_time", type_="check")
    op.create_check_constraint("wait_method", "wait_time", "method in ('realised', 'current')")
    for part in ("registration", "treatment"):
        op.drop_column("wait_time", f"{part}_lower_bound")
    op.drop_index("ix_location_agb_code", table_name="location")
    op.drop_column("location", "agb_code")
    op.drop_column("import_upload", "options")
