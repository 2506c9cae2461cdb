"""Tables of the transfer-table meetings, the capacity exchange and the recorded decisions and actions.

Only counts and organisational contacts are stored: every free-text field passes `privacy.check` first.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import ARRAY, JSON, CheckConstraint, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in, created_at, optional_moment
from waitinfo.core.types import created_at as stamped_now

MEETING_STATUSES = ("planned", "prepared", "held", "closed")
BOTTLENECK_STATUSES = ("new", "open", "improved", "resolved")
ACTION_KINDS = ("decision", "action")
OFFER_KINDS = ("service", "group")
OFFER_UNITS = ("places", "intake_slots")
CARE_LEVELS = ("welfare", "basic", "specialist", "any")


class MeetingSeries(SQLModel, table=True):
    """The recurring transfer-table meeting of one subregion (default: every 14 days)."""

    __tablename__ = "meeting_series"
    __table_args__ = (CheckConstraint("interval_days between 1 and 92", name="meeting_series_interval"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    subregion_id: uuid.UUID = Field(foreign_key="subregion.id", unique=True, ondelete="CASCADE")
    interval_days: int = 14
    first_on: date
    starts_at: str = Field(default="10:00", max_length=5)  # local time of day, HH:MM
    duration_minutes: int = 60
    place: str = Field(default="Online", max_length=200)
    participants: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String), nullable=False))
    updated_at: datetime = stamped_now()


class Meeting(SQLModel, table=True):
    """One meeting of a series; its bottlenecks are snapshotted when it is prepared or held."""

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint(check_in("status", MEETING_STATUSES), name="meeting_status"),
        UniqueConstraint("subregion_id", "held_on", name="uq_meeting_subregion_day"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    subregion_id: uuid.UUID = Field(foreign_key="subregion.id", index=True, ondelete="CASCADE")
    held_on: date
    status: str = "planned"
    chair_organization: str = Field(default="", max_length=200)
    notes: str = ""
    prepared_at: datetime | None = optional_moment()
    closed_at: datetime | None = optional_moment()
    mailed_at: datetime | None = optional_moment()
    created_at: datetime = created_at()


class MeetingBottleneck(SQLModel, table=True):
    """A bottleneck as it stood when the meeting was prepared: a stable record to compare the next meeting with."""

    __tablename__ = "meeting_bottleneck"
    __table_args__ = (
        CheckConstraint(check_in("status", BOTTLENECK_STATUSES), name="meeting_bottleneck_status"),
        UniqueConstraint("meeting_id", "key", name="uq_meeting_bottleneck_key"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=300)  # provider id + diagnosis group: the same bottleneck across meetings
    rank: int | None = None  # None for a bottleneck of the previous meeting that is resolved now
    status: str = "new"
    score: float = 0.0
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organization.id", ondelete="SET NULL")
    provider: str = Field(max_length=200)
    diagnosis: str = Field(max_length=200)
    registration_weeks: float | None = None
    treatment_weeks: float | None = None
    waiting_count: int | None = None
    signals: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String), nullable=False))
    trend: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # [[YYYY-MM, reg, treat]]

    # The same names as ranking.Bottleneck, so a stored and a live agenda render alike.
    @property
    def registration(self) -> float | None:
        return self.registration_weeks

    @property
    def treatment(self) -> float | None:
        return self.treatment_weeks

    @property
    def waiting(self) -> int | None:
        return self.waiting_count

    @property
    def total(self) -> float | None:
        if self.registration_weeks is None or self.treatment_weeks is None:
            return None
        return round(self.registration_weeks + self.treatment_weeks, 1)


class CapacityOffer(SQLModel, table=True):
    """Free capacity a provider (or the coordinator for it) puts on the table: counts and conditions only."""

    __tablename__ = "capacity_offer"
    __table_args__ = (
        CheckConstraint(check_in("kind", OFFER_KINDS), name="capacity_offer_kind"),
        CheckConstraint(check_in("unit", OFFER_UNITS), name="capacity_offer_unit"),
        CheckConstraint(check_in("care_level", CARE_LEVELS), name="capacity_offer_level"),
        CheckConstraint("places >= 1 and places_taken >= 0 and places_taken <= places", name="capacity_offer_places"),
        CheckConstraint("ends_on >= starts_on", name="capacity_offer_dates"),
        Index("ix_capacity_offer_active", "subregion_id", "ends_on"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    subregion_id: uuid.UUID | None = Field(default=None, foreign_key="subregion.id", ondelete="SET NULL")
    title: str = Field(max_length=200)
    kind: str = "service"
    need_code: str = Field(max_length=80)
    age_min: int | None = None
    age_max: int | None = None
    care_level: str = "any"
    unit: str = "places"
    places: int = 1
    places_taken: int = 0
    starts_on: date
    ends_on: date
    referral_required: bool = False
    insurers: str = Field(default="", max_length=300)
    conditions: str = ""
    contact: str = Field(default="", max_length=300)
    created_at: datetime = created_at()
    updated_at: datetime = stamped_now()


class TransferRequest(SQLModel, table=True):
    """People waiting that a provider brings to the table, as counts: how many, for what, how long."""

    __tablename__ = "transfer_request"
    __table_args__ = (
        CheckConstraint("waiting_count >= 1", name="transfer_request_count"),
        CheckConstraint("waiting_weeks >= 0", name="transfer_request_weeks"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    subregion_id: uuid.UUID | None = Field(default=None, foreign_key="subregion.id", ondelete="SET NULL")
    need_code: str = Field(max_length=80)
    age_min: int | None = None
    age_max: int | None = None
    waiting_count: int
    waiting_weeks: int
    bridging_help: str = ""
    closed_on: date | None = None
    created_at: datetime = created_at()
    updated_at: datetime = stamped_now()


class MeetingAction(SQLModel, table=True):
    """A decision or an action recorded at a meeting; an action stays on every next agenda until done."""

    __tablename__ = "meeting_action"
    __table_args__ = (CheckConstraint(check_in("kind", ACTION_KINDS), name="meeting_action_kind"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    meeting_id: uuid.UUID = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    kind: str = "action"
    text: str
    owner_organization_id: uuid.UUID | None = Field(default=None, foreign_key="organization.id", ondelete="SET NULL")
    due_on: date | None = None
    bottleneck_key: str | None = Field(default=None, max_length=300)
    offer_id: uuid.UUID | None = Field(default=None, foreign_key="capacity_offer.id", ondelete="SET NULL")
    request_id: uuid.UUID | None = Field(default=None, foreign_key="transfer_request.id", ondelete="SET NULL")
    transfers_agreed: int | None = None  # people the table agreed to transfer (a count, never who)
    done_on: date | None = None
    done_meeting_id: uuid.UUID | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    created_by: str = Field(default="", max_length=254)
    created_at: datetime = created_at()
