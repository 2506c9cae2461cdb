"""search indexes: location lat/lon box, insurer contract lookup

Revision ID: 0200_search_indexes
Revises: 0002
Create Date: 2026-11-23
"""

from alembic import op

revision = "0200_search_indexes"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_location_lat_lon", "location", ["latitude", "longitude"])
    op.create_index("ix_insurer_contract_lookup", "insurer_contract", ["insurer_id", "year", "organization_id"])


def downgrade() -> None:
    op.drop_index("ix_insurer_contract_lookup", table_name="insurer_contract")
    op.drop_index("ix_location_lat_lon", table_name="location")
