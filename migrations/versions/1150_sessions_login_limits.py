"""server-side sessions and login/reset attempts in PostgreSQL

`user_session`: one row per logged-in browser (hash of the cookie's token); logout and password changes delete
rows, so an old or forged cookie stops working at once. `login_attempt`: the login and reset limiter's counts,
shared by every worker and purged as they age (the in-process limiter grew without bound). Stored e-mail
addresses get the one spelling the code now uses everywhere (NFKC, trimmed, lower-case), unless that spelling
already belongs to another account.

Revision ID: 1150_sessions_login_limits
Revises: 1500_meetings
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "1150_sessions_login_limits"
down_revision = "1100_procrastinate"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_session",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_user_session_user_id", "user_session", ["user_id"])
    op.create_index("ix_user_session_expires_at", "user_session", ["expires_at"])
    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_attempt_key", "login_attempt", ["kind", "key", "at"])
    op.create_index("ix_login_attempt_at", "login_attempt", ["at"])
    op.execute(
        """
        update app_user u set email = lower(normalize(btrim(u.email), NFKC))
        where u.email <> lower(normalize(btrim(u.email), NFKC))
          and not exists (select 1 from app_user o where o.id <> u.id and o.email = lower(normalize(btrim(u.email), NFKC)))
        """
    )


def downgrade() -> None:
    op.drop_table("login_attempt")
    op.drop_table("user_session")
