"""Indexes the referrer search needs (migrations 0200_search_indexes, 0910_search_speed); declared here so models
match migrations."""

from sqlalchemy import Index, text

from waitinfo.catalogue.models import Location, Service, ServiceNeed
from waitinfo.waits.models import InsurerContract

# Bounding-box range scan for support points and offer without a service area near the origin.
location_lat_lon = Index("ix_location_lat_lon", Location.__table__.c.latitude, Location.__table__.c.longitude)
# Insurer filter: "has a contract with this insurer this year" per organisation.
insurer_contract_lookup = Index(
    "ix_insurer_contract_lookup",
    InsurerContract.__table__.c.insurer_id,
    InsurerContract.__table__.c.year,
    InsurerContract.__table__.c.organization_id,
)
# Nearby support points (migration 0700_bench_support_point_index): start from the few support points.
service_support_point = Index(
    "ix_service_support_point", Service.__table__.c.id, postgresql_where=text("kind = 'support_point'")
)
# HSDS pages in (name, id) order (same migration): an index scan instead of sorting every service per page.
service_name_id = Index("ix_service_name_id", Service.__table__.c.name, Service.__table__.c.id)
# Services of a need as an index-only scan (migration 0910_search_speed).
service_need_term_service = Index(
    "ix_service_need_term_service", ServiceNeed.__table__.c.taxonomy_term_id, ServiceNeed.__table__.c.service_id
)
