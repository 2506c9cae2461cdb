"""api hub: pending locations from push, push fingerprints (unchanged pushes), webhook subscriptions and deliveries

Revision ID: 1600_api_hub
Revises: 1500_meetings
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "1600_api_hub"
down_revision = "1500_meetings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("location", sa.Column("status", sa.String(length=20), nullable=False, server_default="active"))
    op.create_check_constraint("location_status", "location", "status in ('active', 'pending', 'defunct')")
    # Stored HSDS documents remember their shape; version 1 wait attributes link to the service_at_location.
    op.add_column("hsds_document", sa.Column("shape", sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.create_table(
        "hsds_push_fingerprint",
        sa.Column("service_id", sa.Uuid(), sa.ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("service_updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "webhook_subscription",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("api_key_id", sa.Uuid(), sa.ForeignKey("api_key.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("checked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_webhook_subscription_api_key_id", "webhook_subscription", ["api_key_id"])
    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column(
            "subscription_id",
            sa.Uuid(),
            sa.ForeignKey("webhook_subscription.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("payload", postgresql.JSONB(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status in ('pending', 'delivered', 'failed')", name="webhook_delivery_status"),
    )
    op.create_index("ix_webhook_delivery_subscription_id", "webhook_delivery", ["subscription_id"])
    op.create_index("ix_webhook_delivery_due", "webhook_delivery", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_table("webhook_delivery")
    op.drop_table("webhook_subscription")
    op.drop_table("hsds_push_fingerprint")
    op.drop_column("hsds_document", "shape")
    op.drop_constraint("location_status", "location")
    op.drop_column("location", "status")
