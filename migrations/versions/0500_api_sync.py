"""api sync: deletion tombstones and triggers that keep updated_at honest for incremental sync

Why triggers: HSDS `modified_after` must see every change, whoever made it (portal, imports, CLI, API).
- every deleted catalogue row leaves a tombstone in `deletion`;
- an UPDATE that changes a row but not its updated_at gets updated_at = clock_timestamp();
- a change to a service's child rows (needs, areas, schedules, waits, capacity, intake stops, details,
  service_at_location) moves the service's updated_at, so the service shows up as modified.
clock_timestamp() (not now()) keeps changes inside one transaction in order.

Revision ID: 0500_api_sync
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from waitinfo.reference.ids import WAIT_TAXONOMY, stable_uuid

revision = "0500_api_sync"
down_revision = "0002"
branch_labels = None
depends_on = None

TOMBSTONED = ("organization", "service", "location", "service_at_location", "taxonomy", "taxonomy_term")
BUMPED = (
    "organization",
    "location",
    "service",
    "service_at_location",
    "taxonomy",
    "taxonomy_term",
    "schedule",
    "wait_time",
    "intake_stop",
    "insurer_contract",
    "support_point",
    "group_offer",
)
# Extra terms of our wait taxonomy, so every published wait carries its definition and intake split.
EXTRA_WAIT_TERMS = [
    (
        "wait_definition",
        "Definitie",
        "De precieze betekenis van de wachttijd bij dit cijfer (soort wachttijd, "
        "van welk moment tot welk moment, en de norm waaraan het wordt getoetst).",
    ),
    (
        "intake_within_norm",
        "Intakes binnen de Treeknorm",
        "Aantal intakes in de laatste twee maanden binnen de Treeknorm.",
    ),
    (
        "intake_outside_norm",
        "Intakes buiten de Treeknorm",
        "Aantal intakes in de laatste twee maanden buiten de Treeknorm.",
    ),
]
# child table -> how its rows point at a service
CHILDREN = {
    "service_need": "service",
    "service_area": "service",
    "service_capacity": "service",
    "intake_stop": "service",
    "support_point": "service",
    "group_offer": "service",
    "service_at_location": "service",
    "wait_time": "sal",
    "schedule": "schedule",
}

RECORD_DELETION = """
create or replace function waitinfo_record_deletion() returns trigger language plpgsql as $$
declare
  org uuid;
begin
  if TG_TABLE_NAME = 'organization' then
    org := OLD.id;
  else
    org := (to_jsonb(OLD) ->> 'organization_id')::uuid;
  end if;
  insert into deletion (entity_type, entity_id, organization_id, deleted_at)
  values (TG_TABLE_NAME, OLD.id, org, clock_timestamp());
  return null;
end $$;
"""

BUMP_UPDATED_AT = """
create or replace function waitinfo_bump_updated_at() returns trigger language plpgsql as $$
begin
  if NEW is distinct from OLD and NEW.updated_at is not distinct from OLD.updated_at then
    NEW.updated_at := clock_timestamp();
  end if;
  return NEW;
end $$;
"""

TOUCH_SERVICE = """
create or replace function waitinfo_touch_service() returns trigger language plpgsql as $$
declare
  ids uuid[];
  loc_ids uuid[];
begin
  if TG_ARGV[0] = 'service' then
    if TG_OP = 'DELETE' then
      select array_agg(distinct service_id) into ids from old_rows;
    else
      select array_agg(distinct service_id) into ids from new_rows;
    end if;
  elsif TG_ARGV[0] = 'sal' then
    if TG_OP = 'DELETE' then
      select array_agg(distinct s.service_id) into ids
        from old_rows r join service_at_location s on s.id = r.service_at_location_id;
    else
      select array_agg(distinct s.service_id) into ids
        from new_rows r join service_at_location s on s.id = r.service_at_location_id;
    end if;
  else  -- schedule: of a service, of a service_at_location or of a location
    if TG_OP = 'DELETE' then
      select array_agg(distinct coalesce(r.service_id, s.service_id)), array_agg(distinct r.location_id)
        into ids, loc_ids
        from old_rows r left join service_at_location s on s.id = r.service_at_location_id;
    else
      select array_agg(distinct coalesce(r.service_id, s.service_id)), array_agg(distinct r.location_id)
        into ids, loc_ids
        from new_rows r left join service_at_location s on s.id = r.service_at_location_id;
    end if;
    if loc_ids is not null then
      update location set updated_at = clock_timestamp() where id = any(loc_ids);
    end if;
  end if;
  if ids is not null then
    update service set updated_at = clock_timestamp() where id = any(ids);
  end if;
  return null;
end $$;
"""


def upgrade() -> None:
    op.create_table(
        "deletion",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column(
            "deleted_at", sa.DateTime(timezone=True), server_default=sa.text("clock_timestamp()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_deletion_type_at", "deletion", ["entity_type", "deleted_at"])
    for code, name, description in EXTRA_WAIT_TERMS:
        op.get_bind().execute(
            sa.text(
                "insert into taxonomy_term (id, taxonomy_id, code, name, description, updated_at) "
                "values (:id, :tax, :code, :name, :d, now()) on conflict do nothing"
            ),
            {
                "id": stable_uuid("term", WAIT_TAXONOMY, code),
                "tax": stable_uuid("taxonomy", WAIT_TAXONOMY),
                "code": code,
                "name": name,
                "d": description,
            },
        )
    op.execute(RECORD_DELETION)
    op.execute(BUMP_UPDATED_AT)
    op.execute(TOUCH_SERVICE)
    for table in TOMBSTONED:
        op.execute(
            f"create trigger waitinfo_{table}_tombstone after delete on {table} "
            f"for each row execute function waitinfo_record_deletion()"
        )
    for table in BUMPED:
        op.execute(
            f"create trigger waitinfo_{table}_bump before update on {table} "
            f"for each row execute function waitinfo_bump_updated_at()"
        )
    for table, mode in CHILDREN.items():
        for event, ref in (
            ("insert", "new table as new_rows"),
            ("update", "new table as new_rows"),
            ("delete", "old table as old_rows"),
        ):
            op.execute(
                f"create trigger waitinfo_{table}_touch_{event} after {event} on {table} "
                f"referencing {ref} for each statement execute function waitinfo_touch_service('{mode}')"
            )


def downgrade() -> None:
    for table in CHILDREN:
        for event in ("insert", "update", "delete"):
            op.execute(f"drop trigger if exists waitinfo_{table}_touch_{event} on {table}")
    for table in BUMPED:
        op.execute(f"drop trigger if exists waitinfo_{table}_bump on {table}")
    for table in TOMBSTONED:
        op.execute(f"drop trigger if exists waitinfo_{table}_tombstone on {table}")
    op.execute("drop function if exists waitinfo_touch_service()")
    op.execute("drop function if exists waitinfo_bump_updated_at()")
    op.execute("drop function if exists waitinfo_record_deletion()")
    for code, _, _ in EXTRA_WAIT_TERMS:
        op.get_bind().execute(
            sa.text("delete from taxonomy_term where id = :id"), {"id": stable_uuid("term", WAIT_TAXONOMY, code)}
        )
    op.drop_index("ix_deletion_type_at", table_name="deletion")
    op.drop_table("deletion")
