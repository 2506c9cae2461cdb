"""bench: partial index of support points (the search's nearby-support-point candidate source)

The referrer search adds, for a municipality, support points within 30 km (a lat/lon box). Without this index
PostgreSQL joined every service_at_location in the box to `service` to test `kind = 'support_point'`
(national data: ~6,400 lookups, ~26,000 buffers, 60-80 ms of a 130 ms query); with it, it starts from the
(few) support points. Also (name, id) of services, the order of HSDS pages. See docs/performance.md.

Revision ID: 0700_bench_support_point_index
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0700_bench_support_point_index"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_service_support_point", "service", ["id"], postgresql_where=sa.text("kind = 'support_point'"))
    # HSDS pages are ordered by (name, id): without it every page sorted all services (national: ~160 ms a page).
    op.create_index("ix_service_name_id", "service", ["name", "id"])


def downgrade() -> None:
    op.drop_index("ix_service_name_id", table_name="service")
    op.drop_index("ix_service_support_point", table_name="service")
