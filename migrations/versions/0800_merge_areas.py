"""merge the areas' migrations (search, region, API sync, wait_time indexes, bench index) into one head

The areas were built in parallel, each on top of 0002; from here on the history is linear again.

Revision ID: 0800_merge_areas
Revises: 0200_search_indexes, 0400_region_defaults, 0500_api_sync, 0600_wait_time_indexes,
         0700_bench_support_point_index
Create Date: 2026-11-23
"""

revision = "0800_merge_areas"
down_revision = (
    "0200_search_indexes",
    "0400_region_defaults",
    "0500_api_sync",
    "0600_wait_time_indexes",
    "0700_bench_support_point_index",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
