"""Queries of the transfer-table meetings, the capacity exchange and the actions."""

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from waitinfo.catalogue.models import Organization, Taxonomy, TaxonomyTerm
from waitinfo.meetings.models import (
    CapacityOffer,
    Meeting,
    MeetingAction,
    MeetingBottleneck,
    MeetingSeries,
    TransferRequest,
)
from waitinfo.reference.ids import NEEDS_TAXONOMY
from waitinfo.reference.models import Subregion


def subregion(session: Session, code: str) -> Subregion | None:
    return session.execute(select(Subregion).where(Subregion.code == code)).scalar_one_or_none()


def series(session: Session, subregion_id: uuid.UUID) -> MeetingSeries | None:
    return session.execute(select(MeetingSeries).where(MeetingSeries.subregion_id == subregion_id)).scalar_one_or_none()


def meetings(session: Session, subregion_id: uuid.UUID) -> list[Meeting]:
    q = select(Meeting).where(Meeting.subregion_id == subregion_id).order_by(Meeting.held_on)
    return list(session.execute(q).scalars())


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The last earlier meeting of the subregion that was prepared (so it has a snapshot to compare with)."""
    q = (
        select(Meeting)
        .where(
            Meeting.subregion_id == meeting.subregion_id,
            Meeting.held_on < meeting.held_on,
            Meeting.prepared_at.is_not(None),
        )
        .order_by(Meeting.held_on.desc())
        .limit(1)
    )
    return session.execute(q).scalar_one_or_none()


def snapshot(session: Session, meeting_id: uuid.UUID) -> list[MeetingBottleneck]:
    q = (
        select(MeetingBottleneck)
        .where(MeetingBottleneck.meeting_id == meeting_id)
        .order_by(MeetingBottleneck.rank.is_(None), MeetingBottleneck.rank, MeetingBottleneck.provider)
    )
    return list(session.execute(q).scalars())


def clear_snapshot(session: Session, meeting_id: uuid.UUID) -> None:
    for row in snapshot(session, meeting_id):
        session.delete(row)
    session.flush()


def actions_of(session: Session, meeting_id: uuid.UUID) -> list[MeetingAction]:
    q = select(MeetingAction).where(MeetingAction.meeting_id == meeting_id).order_by(MeetingAction.created_at)
    return list(session.execute(q).scalars())


def carried_actions(session: Session, meeting: Meeting) -> list[MeetingAction]:
    """Actions of earlier meetings of the subregion still open, or closed at this very meeting."""
    q = (
        select(MeetingAction)
        .join(Meeting, Meeting.id == MeetingAction.meeting_id)
        .where(
            Meeting.subregion_id == meeting.subregion_id,
            Meeting.held_on < meeting.held_on,
            MeetingAction.kind == "action",
            or_(MeetingAction.done_on.is_(None), MeetingAction.done_meeting_id == meeting.id),
        )
        .order_by(MeetingAction.due_on.is_(None), MeetingAction.due_on, MeetingAction.created_at)
    )
    return list(session.execute(q).scalars())


def offers(
    session: Session,
    *,
    subregion_id: uuid.UUID | None = None,
    organization_ids: set[uuid.UUID] | None = None,
    active_on: date | None = None,
) -> list[CapacityOffer]:
    q = select(CapacityOffer)
    if subregion_id is not None:
        q = q.where(or_(CapacityOffer.subregion_id == subregion_id, CapacityOffer.subregion_id.is_(None)))
    if organization_ids is not None:
        q = q.where(CapacityOffer.organization_id.in_(list(organization_ids) or [uuid.uuid4()]))
    if active_on is not None:
        q = q.where(CapacityOffer.ends_on >= active_on)
    return list(session.execute(q.order_by(CapacityOffer.starts_on, CapacityOffer.title)).scalars())


def requests(
    session: Session,
    *,
    subregion_id: uuid.UUID | None = None,
    organization_ids: set[uuid.UUID] | None = None,
    open_only: bool = False,
) -> list[TransferRequest]:
    q = select(TransferRequest)
    if subregion_id is not None:
        q = q.where(or_(TransferRequest.subregion_id == subregion_id, TransferRequest.subregion_id.is_(None)))
    if organization_ids is not None:
        q = q.where(TransferRequest.organization_id.in_(list(organization_ids) or [uuid.uuid4()]))
    if open_only:
        q = q.where(TransferRequest.closed_on.is_(None))
    q = q.order_by(TransferRequest.waiting_weeks.desc(), TransferRequest.created_at)
    return list(session.execute(q).scalars())


def need_labels(session: Session) -> dict[str, str]:
    q = (
        select(TaxonomyTerm.code, TaxonomyTerm.name)
        .join(Taxonomy, Taxonomy.id == TaxonomyTerm.taxonomy_id)
        .where(Taxonomy.code == NEEDS_TAXONOMY)
        .order_by(TaxonomyTerm.name)
    )
    return dict(session.execute(q).all())


def organization_names(session: Session, ids: set[uuid.UUID] | None = None) -> dict[uuid.UUID, str]:
    q = select(Organization.id, Organization.name).where(Organization.status == "active")
    if ids is not None:
        q = select(Organization.id, Organization.name).where(Organization.id.in_(list(ids) or [uuid.uuid4()]))
    return dict(session.execute(q.order_by(Organization.name)).all())
