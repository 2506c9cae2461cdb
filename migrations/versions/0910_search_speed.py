"""search speed: services of a need as an index-only scan

The referrer search keeps the services of a municipality that address the need (`service_need` by
taxonomy_term_id). With only an index on taxonomy_term_id PostgreSQL read every service_need row of the need from
the heap (national data: ~6,400 rows over ~700 pages, about 3 ms of a 12 ms statement); with
(taxonomy_term_id, service_id) it is an index-only scan of a few dozen pages. See docs/performance.md.

Revision ID: 0910_search_speed
Revises: 0900_hsds_documents
Create Date: 2026-11-23
"""

from alembic import op

revision = "0910_search_speed"
down_revision = "0900_hsds_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_service_need_term_service", "service_need", ["taxonomy_term_id", "service_id"])


def downgrade() -> None:
    op.drop_index("ix_service_need_term_service", table_name="service_need")
