"""meetings: transfer-table meeting series, bottleneck snapshots, capacity offers, transfer requests, actions

The snapshot per meeting keeps "new / still open / improved since the previous meeting" stable.

Revision ID: 1500_meetings
Revises: 0910_search_speed
Create Date: 2026-12-03 13:33:54.629668
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "1500_meetings"
down_revision = "1300_kpi_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "capacity_offer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("subregion_id", sa.Uuid(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("need_code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("care_level", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("places_taken", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("referral_required", sa.Boolean(), nullable=False),
        sa.Column("insurers", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("conditions", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("care_level in ('welfare', 'basic', 'specialist', 'any')", name="capacity_offer_level"),
        sa.CheckConstraint("kind in ('service', 'group')", name="capacity_offer_kind"),
        sa.CheckConstraint("unit in ('places', 'intake_slots')", name="capacity_offer_unit"),
        sa.CheckConstraint("ends_on >= starts_on", name="capacity_offer_dates"),
        sa.CheckConstraint(
            "places >= 1 and places_taken >= 0 and places_taken <= places", name="capacity_offer_places"
        ),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subregion_id"], ["subregion.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_capacity_offer_active", "capacity_offer", ["subregion_id", "ends_on"], unique=False)
    op.create_index(op.f("ix_capacity_offer_organization_id"), "capacity_offer", ["organization_id"], unique=False)
    op.create_table(
        "meeting",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("subregion_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("chair_organization", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prepared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status in ('planned', 'prepared', 'held', 'closed')", name="meeting_status"),
        sa.ForeignKeyConstraint(["subregion_id"], ["subregion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subregion_id", "held_on", name="uq_meeting_subregion_day"),
    )
    op.create_index(op.f("ix_meeting_subregion_id"), "meeting", ["subregion_id"], unique=False)
    op.create_table(
        "meeting_series",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("subregion_id", sa.Uuid(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("first_on", sa.Date(), nullable=False),
        sa.Column("starts_at", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("participants", sa.ARRAY(sa.String()), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("interval_days between 1 and 92", name="meeting_series_interval"),
        sa.ForeignKeyConstraint(["subregion_id"], ["subregion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subregion_id"),
    )
    op.create_table(
        "transfer_request",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("subregion_id", sa.Uuid(), nullable=True),
        sa.Column("need_code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("waiting_count", sa.Integer(), nullable=False),
        sa.Column("waiting_weeks", sa.Integer(), nullable=False),
        sa.Column("bridging_help", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("waiting_count >= 1", name="transfer_request_count"),
        sa.CheckConstraint("waiting_weeks >= 0", name="transfer_request_weeks"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subregion_id"], ["subregion.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_transfer_request_organization_id"), "transfer_request", ["organization_id"], unique=False)
    op.create_table(
        "meeting_action",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("owner_organization_id", sa.Uuid(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("bottleneck_key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("offer_id", sa.Uuid(), nullable=True),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("transfers_agreed", sa.Integer(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_meeting_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind in ('decision', 'action')", name="meeting_action_kind"),
        sa.ForeignKeyConstraint(["done_meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["offer_id"], ["capacity_offer.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_organization_id"], ["organization.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["request_id"], ["transfer_request.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_meeting_action_meeting_id"), "meeting_action", ["meeting_id"], unique=False)
    op.create_table(
        "meeting_bottleneck",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("provider", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("diagnosis", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("registration_weeks", sa.Float(), nullable=True),
        sa.Column("treatment_weeks", sa.Float(), nullable=True),
        sa.Column("waiting_count", sa.Integer(), nullable=True),
        sa.Column("signals", sa.ARRAY(sa.String()), nullable=False),
        sa.Column("trend", sa.JSON(), nullable=False),
        sa.CheckConstraint("status in ('new', 'open', 'improved', 'resolved')", name="meeting_bottleneck_status"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "key", name="uq_meeting_bottleneck_key"),
    )
    op.create_index(op.f("ix_meeting_bottleneck_meeting_id"), "meeting_bottleneck", ["meeting_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_bottleneck_meeting_id"), table_name="meeting_bottleneck")
    op.drop_table("meeting_bottleneck")
    op.drop_index(op.f("ix_meeting_action_meeting_id"), table_name="meeting_action")
    op.drop_table("meeting_action")
    op.drop_index(op.f("ix_transfer_request_organization_id"), table_name="transfer_request")
    op.drop_table("transfer_request")
    op.drop_table("meeting_series")
    op.drop_index(op.f("ix_meeting_subregion_id"), table_name="meeting")
    op.drop_table("meeting")
    op.drop_index(op.f("ix_capacity_offer_organization_id"), table_name="capacity_offer")
    op.drop_index("ix_capacity_offer_active", table_name="capacity_offer")
    op.drop_table("capacity_offer")
