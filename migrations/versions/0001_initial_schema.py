"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


EXTENSIONS = ("unaccent", "pg_trgm", "cube", "earthdistance")


def upgrade() -> None:
    for ext in EXTENSIONS:
        op.execute(f"create extension if not exists {ext}")
    # unaccent() is only STABLE; an IMMUTABLE wrapper lets it be used in indexes.
    op.execute(
        "create or replace function waitinfo_unaccent(text) returns text "
        "language sql immutable parallel safe strict as $$ select public.unaccent('public.unaccent', $1) $$"
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role in ('provider', 'transfer', 'coordinator')", name="user_role"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "capacity_unit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("scheme", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("identifier", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("uri", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "fitgap_criterion",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "geocode_cache",
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("query"),
    )
    op.create_table(
        "insurer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "organization",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("agb_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("kvk_number", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("default_wait_method", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("participates_kpi33", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("default_wait_method in ('realised', 'current')", name="organization_method"),
        sa.CheckConstraint(
            "kind in ('specialist_ggz', 'basic_ggz', 'independent_practice', 'addiction_care', 'social_work', 'welfare', 'peer_recovery', 'municipality', 'paramedical', 'gp_care')",
            name="organization_kind",
        ),
        sa.CheckConstraint("status in ('active', 'pending', 'defunct')", name="organization_status"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_index(op.f("ix_organization_updated_at"), "organization", ["updated_at"], unique=False)
    op.create_table(
        "region_snapshot",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("month"),
    )
    op.create_table(
        "subregion",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "taxonomy",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("uri", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index(op.f("ix_taxonomy_updated_at"), "taxonomy", ["updated_at"], unique=False)
    op.create_table(
        "api_key",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("scopes", sa.ARRAY(sa.String()), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("rate_per_minute", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    op.create_index(op.f("ix_api_key_prefix"), "api_key", ["prefix"], unique=False)
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entity_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entity_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_entity", "audit_log", ["entity_type", "entity_id"], unique=False)
    op.create_index(op.f("ix_audit_log_organization_id"), "audit_log", ["organization_id"], unique=False)
    op.create_table(
        "auth_token",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(op.f("ix_auth_token_user_id"), "auth_token", ["user_id"], unique=False)
    op.create_table(
        "import_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("adapter", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("checksum", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("triggered_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_applied", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status in ('running', 'applied', 'rejected', 'unchanged', 'failed', 'dry_run')", name="import_run_status"
        ),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_import_run_checksum"), "import_run", ["checksum"], unique=False)
    op.create_index(op.f("ix_import_run_organization_id"), "import_run", ["organization_id"], unique=False)
    op.create_table(
        "insurer_contract",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("insurer_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ceiling_reached", sa.Boolean(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["insurer_id"],
            ["insurer.id"],
        ),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "insurer_id", "year"),
    )
    op.create_index(op.f("ix_insurer_contract_insurer_id"), "insurer_contract", ["insurer_id"], unique=False)
    op.create_index(op.f("ix_insurer_contract_organization_id"), "insurer_contract", ["organization_id"], unique=False)
    op.create_index(op.f("ix_insurer_contract_updated_at"), "insurer_contract", ["updated_at"], unique=False)
    op.create_table(
        "municipality",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("subregion_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["subregion_id"], ["subregion.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("to_address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_outbox_message_kind"), "outbox_message", ["kind"], unique=False)
    op.create_table(
        "provider_feed",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("adapter", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("schedule", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("adapter in ('hsds', 'http-csv', 'http-json')", name="feed_adapter"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id"),
    )
    op.create_index(op.f("ix_provider_feed_updated_at"), "provider_feed", ["updated_at"], unique=False)
    op.create_table(
        "service",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=250), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("domain", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("wait_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("eligibility_description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("minimum_age", sa.Integer(), nullable=True),
        sa.Column("maximum_age", sa.Integer(), nullable=True),
        sa.Column("referral_required", sa.Boolean(), nullable=False),
        sa.Column("referral_description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cost", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cost_description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("languages", sa.ARRAY(sa.String()), nullable=False),
        sa.Column("how_to_register", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("online_possible", sa.Boolean(), nullable=False),
        sa.Column("suitable_while_waiting", sa.Boolean(), nullable=False),
        sa.Column("assured_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("cost in ('free', 'insured', 'own_contribution', 'paid', 'voluntary')", name="service_cost"),
        sa.CheckConstraint("domain in ('ggz', 'social')", name="service_domain"),
        sa.CheckConstraint(
            "kind in ('treatment', 'support_point', 'group_offer', 'consultation', 'crisis', 'information', 'ehealth', 'peer_support')",
            name="service_kind",
        ),
        sa.CheckConstraint("status in ('active', 'inactive', 'defunct', 'pending')", name="service_status"),
        sa.CheckConstraint(
            "wait_kind in ('ggz_specialist', 'ggz_basic', 'poh_ggz', 'social', 'none')", name="service_wait_kind"
        ),
        sa.CheckConstraint(
            "maximum_age is null or minimum_age is null or maximum_age >= minimum_age", name="service_age_range"
        ),
        sa.CheckConstraint("minimum_age is null or minimum_age >= 0", name="service_min_age"),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_service_org_status", "service", ["organization_id", "status"], unique=False)
    op.create_index(op.f("ix_service_organization_id"), "service", ["organization_id"], unique=False)
    op.create_index(op.f("ix_service_updated_at"), "service", ["updated_at"], unique=False)
    op.create_table(
        "taxonomy_term",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("taxonomy_id", sa.Uuid(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("usual_domain", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("term_uri", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["taxonomy_term.id"],
        ),
        sa.ForeignKeyConstraint(["taxonomy_id"], ["taxonomy.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("taxonomy_id", "code"),
    )
    op.create_index(op.f("ix_taxonomy_term_taxonomy_id"), "taxonomy_term", ["taxonomy_id"], unique=False)
    op.create_index(op.f("ix_taxonomy_term_updated_at"), "taxonomy_term", ["updated_at"], unique=False)
    op.create_table(
        "user_organization",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "organization_id"),
    )
    op.create_table(
        "group_offer",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("domain_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("target_group", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sessions", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("ongoing", sa.Boolean(), nullable=False),
        sa.Column("places_total", sa.Integer(), nullable=True),
        sa.Column("places_free", sa.Integer(), nullable=True),
        sa.Column("professional_domains", sa.ARRAY(sa.String()), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "domain_type in ('ggz', 'social_work_welfare', 'paramedical', 'institutional_social_base')",
            name="group_offer_domain",
        ),
        sa.CheckConstraint("places_free is null or places_free >= 0", name="group_offer_free"),
        sa.CheckConstraint(
            "places_free is null or places_total is null or places_free <= places_total", name="group_offer_free_le"
        ),
        sa.CheckConstraint("places_total is null or places_total >= 0", name="group_offer_total"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_id"),
    )
    op.create_index(op.f("ix_group_offer_updated_at"), "group_offer", ["updated_at"], unique=False)
    op.create_table(
        "import_row_error",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("import_run_id", sa.Uuid(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("severity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["import_run_id"], ["import_run.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_import_row_error_import_run_id"), "import_row_error", ["import_run_id"], unique=False)
    op.create_table(
        "location",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("location_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address_1", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("postal_code", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("municipality_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("location_type in ('physical', 'virtual')", name="location_type"),
        sa.CheckConstraint("latitude is null or latitude between -90 and 90", name="location_lat"),
        sa.CheckConstraint("longitude is null or longitude between -180 and 180", name="location_lon"),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
        ),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_location_municipality_code"), "location", ["municipality_code"], unique=False)
    op.create_index(op.f("ix_location_organization_id"), "location", ["organization_id"], unique=False)
    op.create_index(op.f("ix_location_updated_at"), "location", ["updated_at"], unique=False)
    op.create_table(
        "place",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("municipality_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
        ),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_index(op.f("ix_place_municipality_code"), "place", ["municipality_code"], unique=False)
    op.create_table(
        "service_area",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("municipality_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
        ),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_id", "municipality_code"),
    )
    op.create_index(op.f("ix_service_area_municipality_code"), "service_area", ["municipality_code"], unique=False)
    op.create_table(
        "service_need",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("taxonomy_term_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["taxonomy_term_id"],
            ["taxonomy_term.id"],
        ),
        sa.PrimaryKeyConstraint("service_id", "taxonomy_term_id"),
    )
    op.create_index(op.f("ix_service_need_taxonomy_term_id"), "service_need", ["taxonomy_term_id"], unique=False)
    op.create_table(
        "support_point",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("point_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("characteristics", sa.ARRAY(sa.String()), nullable=False),
        sa.Column("visitors_per_month", sa.Integer(), nullable=True),
        sa.Column("opening_hours_text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "point_type in ('recovery_centre', 'walk_in', 'respite_house', 'village_room', 'digital')",
            name="support_point_type",
        ),
        sa.CheckConstraint("visitors_per_month is null or visitors_per_month >= 0", name="support_point_visitors"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_id"),
    )
    op.create_index(op.f("ix_support_point_updated_at"), "support_point", ["updated_at"], unique=False)
    op.create_table(
        "support_point_month",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.CheckConstraint("hours_per_week is null or hours_per_week >= 0", name="spm_hours"),
        sa.CheckConstraint("visitors is null or visitors >= 0", name="spm_visitors"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("service_id", "month"),
    )
    op.create_table(
        "service_at_location",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("service_id", "location_id"),
    )
    op.create_index(op.f("ix_service_at_location_location_id"), "service_at_location", ["location_id"], unique=False)
    op.create_index(op.f("ix_service_at_location_service_id"), "service_at_location", ["service_id"], unique=False)
    op.create_index(op.f("ix_service_at_location_updated_at"), "service_at_location", ["updated_at"], unique=False)
    op.create_table(
        "intake_stop",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("service_at_location_id", sa.Uuid(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_on is null or ends_on >= starts_on", name="intake_stop_range"),
        sa.ForeignKeyConstraint(["service_at_location_id"], ["service_at_location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_intake_stop_service_at_location_id"), "intake_stop", ["service_at_location_id"], unique=False
    )
    op.create_index(op.f("ix_intake_stop_service_id"), "intake_stop", ["service_id"], unique=False)
    op.create_index(op.f("ix_intake_stop_updated_at"), "intake_stop", ["updated_at"], unique=False)
    op.create_table(
        "schedule",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=True),
        sa.Column("service_at_location_id", sa.Uuid(), nullable=True),
        sa.Column("location_id", sa.Uuid(), nullable=True),
        sa.Column("freq", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("byday", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("opens_at", sa.Time(), nullable=True),
        sa.Column("closes_at", sa.Time(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "byday is null or byday ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'", name="schedule_byday"
        ),
        sa.CheckConstraint(
            "service_id is not null or service_at_location_id is not null or location_id is not null",
            name="schedule_owner",
        ),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_at_location_id"], ["service_at_location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_schedule_location_id"), "schedule", ["location_id"], unique=False)
    op.create_index(op.f("ix_schedule_service_at_location_id"), "schedule", ["service_at_location_id"], unique=False)
    op.create_index(op.f("ix_schedule_service_id"), "schedule", ["service_id"], unique=False)
    op.create_index(op.f("ix_schedule_updated_at"), "schedule", ["updated_at"], unique=False)
    op.create_table(
        "service_capacity",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("service_at_location_id", sa.Uuid(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("available", sa.Numeric(precision=10, scale=1), nullable=False),
        sa.Column("maximum", sa.Numeric(precision=10, scale=1), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("available >= 0", name="capacity_available_nonneg"),
        sa.CheckConstraint("maximum is null or maximum >= 0", name="capacity_maximum_nonneg"),
        sa.ForeignKeyConstraint(["service_at_location_id"], ["service_at_location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["capacity_unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_service_capacity_service_at_location_id"), "service_capacity", ["service_at_location_id"], unique=False
    )
    op.create_index(op.f("ix_service_capacity_service_id"), "service_capacity", ["service_id"], unique=False)
    op.create_index(op.f("ix_service_capacity_updated"), "service_capacity", ["updated"], unique=False)
    op.create_table(
        "wait_time",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("service_at_location_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("diagnosis_group_id", sa.Uuid(), nullable=True),
        sa.Column("registration_weeks", sa.Numeric(precision=5, scale=1), nullable=True),
        sa.Column("treatment_weeks", sa.Numeric(precision=5, scale=1), nullable=True),
        sa.Column("registration_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("treatment_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("waiting_count", sa.Integer(), nullable=True),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reference_date", sa.Date(), nullable=True),
        sa.Column("intake_within_norm", sa.Integer(), nullable=True),
        sa.Column("intake_outside_norm", sa.Integer(), nullable=True),
        sa.Column("import_run_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("method in ('realised', 'current')", name="wait_method"),
        sa.CheckConstraint("extract(day from month) = 1", name="wait_month_first_day"),
        sa.CheckConstraint("intake_outside_norm is null or intake_outside_norm >= 0", name="wait_out_norm_nonneg"),
        sa.CheckConstraint("intake_within_norm is null or intake_within_norm >= 0", name="wait_in_norm_nonneg"),
        sa.CheckConstraint("registration_weeks is null or registration_weeks >= 0", name="wait_reg_nonneg"),
        sa.CheckConstraint("treatment_weeks is null or treatment_weeks >= 0", name="wait_treat_nonneg"),
        sa.CheckConstraint("waiting_count is null or waiting_count >= 0", name="wait_count_nonneg"),
        sa.ForeignKeyConstraint(
            ["diagnosis_group_id"],
            ["taxonomy_term.id"],
        ),
        sa.ForeignKeyConstraint(["import_run_id"], ["import_run.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["service_at_location_id"], ["service_at_location.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "service_at_location_id",
            "month",
            "diagnosis_group_id",
            name="wait_time_one_per_month",
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index(op.f("ix_wait_time_import_run_id"), "wait_time", ["import_run_id"], unique=False)
    op.create_index("ix_wait_time_sal_month", "wait_time", ["service_at_location_id", "month"], unique=False)
    op.create_index(op.f("ix_wait_time_updated_at"), "wait_time", ["updated_at"], unique=False)
    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_index(op.f("ix_wait_time_updated_at"), table_name="wait_time")
    op.drop_index("ix_wait_time_sal_month", table_name="wait_time")
    op.drop_index(op.f("ix_wait_time_import_run_id"), table_name="wait_time")
    op.drop_table("wait_time")
    op.drop_index(op.f("ix_service_capacity_updated"), table_name="service_capacity")
    op.drop_index(op.f("ix_service_capacity_service_id"), table_name="service_capacity")
    op.drop_index(op.f("ix_service_capacity_service_at_location_id"), table_name="service_capacity")
    op.drop_table("service_capacity")
    op.drop_index(op.f("ix_schedule_updated_at"), table_name="schedule")
    op.drop_index(op.f("ix_schedule_service_id"), table_name="schedule")
    op.drop_index(op.f("ix_schedule_service_at_location_id"), table_name="schedule")
    op.drop_index(op.f("ix_schedule_location_id"), table_name="schedule")
    op.drop_table("schedule")
    op.drop_index(op.f("ix_intake_stop_updated_at"), table_name="intake_stop")
    op.drop_index(op.f("ix_intake_stop_service_id"), table_name="intake_stop")
    op.drop_index(op.f("ix_intake_stop_service_at_location_id"), table_name="intake_stop")
    op.drop_table("intake_stop")
    op.drop_index(op.f("ix_service_at_location_updated_at"), table_name="service_at_location")
    op.drop_index(op.f("ix_service_at_location_service_id"), table_name="service_at_location")
    op.drop_index(op.f("ix_service_at_location_location_id"), table_name="service_at_location")
    op.drop_table("service_at_location")
    op.drop_table("support_point_month")
    op.drop_index(op.f("ix_support_point_updated_at"), table_name="support_point")
    op.drop_table("support_point")
    op.drop_index(op.f("ix_service_need_taxonomy_term_id"), table_name="service_need")
    op.drop_table("service_need")
    op.drop_index(op.f("ix_service_area_municipality_code"), table_name="service_area")
    op.drop_table("service_area")
    op.drop_index(op.f("ix_place_municipality_code"), table_name="place")
    op.drop_table("place")
    op.drop_index(op.f("ix_location_updated_at"), table_name="location")
    op.drop_index(op.f("ix_location_organization_id"), table_name="location")
    op.drop_index(op.f("ix_location_municipality_code"), table_name="location")
    op.drop_table("location")
    op.drop_index(op.f("ix_import_row_error_import_run_id"), table_name="import_row_error")
    op.drop_table("import_row_error")
    op.drop_index(op.f("ix_group_offer_updated_at"), table_name="group_offer")
    op.drop_table("group_offer")
    op.drop_table("user_organization")
    op.drop_index(op.f("ix_taxonomy_term_updated_at"), table_name="taxonomy_term")
    op.drop_index(op.f("ix_taxonomy_term_taxonomy_id"), table_name="taxonomy_term")
    op.drop_table("taxonomy_term")
    op.drop_index(op.f("ix_service_updated_at"), table_name="service")
    op.drop_index(op.f("ix_service_organization_id"), table_name="service")
    op.drop_index("ix_service_org_status", table_name="service")
    op.drop_table("service")
    op.drop_index(op.f("ix_provider_feed_updated_at"), table_name="provider_feed")
    op.drop_table("provider_feed")
    op.drop_index(op.f("ix_outbox_message_kind"), table_name="outbox_message")
    op.drop_table("outbox_message")
    op.drop_table("municipality")
    op.drop_index(op.f("ix_insurer_contract_updated_at"), table_name="insurer_contract")
    op.drop_index(op.f("ix_insurer_contract_organization_id"), table_name="insurer_contract")
    op.drop_index(op.f("ix_insurer_contract_insurer_id"), table_name="insurer_contract")
    op.drop_table("insurer_contract")
    op.drop_index(op.f("ix_import_run_organization_id"), table_name="import_run")
    op.drop_index(op.f("ix_import_run_checksum"), table_name="import_run")
    op.drop_table("import_run")
    op.drop_index(op.f("ix_auth_token_user_id"), table_name="auth_token")
    op.drop_table("auth_token")
    op.drop_index(op.f("ix_audit_log_organization_id"), table_name="audit_log")
    op.drop_index("ix_audit_entity", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_api_key_prefix"), table_name="api_key")
    op.drop_table("api_key")
    op.drop_index(op.f("ix_taxonomy_updated_at"), table_name="taxonomy")
    op.drop_table("taxonomy")
    op.drop_table("subregion")
    op.drop_table("region_snapshot")
    op.drop_index(op.f("ix_organization_updated_at"), table_name="organization")
    op.drop_table("organization")
    op.drop_table("insurer")
    op.drop_table("geocode_cache")
    op.drop_table("fitgap_criterion")
    op.drop_table("capacity_unit")
    op.drop_table("app_user")
    op.execute("drop function if exists waitinfo_unaccent(text)")
    for ext in reversed(EXTENSIONS):
        op.execute(f"drop extension if exists {ext}")
