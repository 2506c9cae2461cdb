"""Queries on wait observations shared by search, region views and the APIs."""

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from waitinfo.reference.models import Municipality, Subregion
from waitinfo.waits.models import WaitTime


def latest_waits_query(sal_ids: Iterable[uuid.UUID] | None = None):
    """The current figure (waitinfo.waits.rules): newest observation per service_at_location and diagnosis group
    (DISTINCT ON over the unique key wait_time_one_per_month)."""
    q = (
        select(WaitTime)
        .ext(distinct_on(WaitTime.service_at_location_id, WaitTime.diagnosis_group_id))
        .order_by(WaitTime.service_at_location_id, WaitTime.diagnosis_group_id, WaitTime.month.desc())
    )
    if sal_ids is not None:
        q = q.where(WaitTime.service_at_location_id.in_(list(sal_ids)))
    return q


def current_figure_ids():
    """Ids of the current figure per service_at_location and diagnosis group (as latest_waits_query)."""
    return latest_waits_query().with_only_columns(WaitTime.id)


def latest_waits(session: Session, sal_ids: Iterable[uuid.UUID] | None = None) -> list[WaitTime]:
    return list(session.execute(latest_waits_query(sal_ids)).scalars())


def history(
    session: Session, sal_id: uuid.UUID, diagnosis_group_id: uuid.UUID | None = None, months: int = 24
) -> list[WaitTime]:
    """The last `months` observations of one service_at_location (oldest first)."""
    q = select(WaitTime).where(WaitTime.service_at_location_id == sal_id)
    q = q.where(
        WaitTime.diagnosis_group_id.is_(None)
        if diagnosis_group_id is None
        else WaitTime.diagnosis_group_id == diagnosis_group_id
    )
    rows = list(session.execute(q.order_by(WaitTime.month.desc()).limit(months)).scalars())
    return rows[::-1]


def join_wait_context(q, group=TaxonomyTerm):
    """Join a select that starts at WaitTime to its location of service, service, provider, location,
    municipality, subregion and diagnosis group (`group` may be an alias), as the region and API views need."""
    return (
        q.join(ServiceAtLocation, ServiceAtLocation.id == WaitTime.service_at_location_id)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Organization, Organization.id == Service.organization_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .outerjoin(Municipality, Municipality.code == Location.municipality_code)
        .outerjoin(Subregion, Subregion.id == Municipality.subregion_id)
        .outerjoin(group, group.id == WaitTime.diagnosis_group_id)
    )
