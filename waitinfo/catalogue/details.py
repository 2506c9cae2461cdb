"""Details of special kinds of service: support points and group offers."""

import uuid
from datetime import date, datetime

from sqlalchemy import ARRAY, CheckConstraint, Column, String
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in, updated_at

SUPPORT_POINT_TYPES = ("recovery_centre", "walk_in", "respite_house", "village_room", "digital")
SUPPORT_POINT_CHARACTERISTICS = (
    "no_referral",
    "free",
    "open_all_twente",
    "peer_workers",
    "anonymous",
    "accessible",
)
GROUP_DOMAIN_TYPES = ("ggz", "social_work_welfare", "paramedical", "institutional_social_base")


class SupportPoint(SQLModel, table=True):
    __tablename__ = "support_point"
    __table_args__ = (
        CheckConstraint(check_in("point_type", SUPPORT_POINT_TYPES), name="support_point_type"),
        CheckConstraint("visitors_per_month is null or visitors_per_month >= 0", name="support_point_visitors"),
    )

    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    point_type: str
    characteristics: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String), nullable=False))
    visitors_per_month: int | None = None
    opening_hours_text: str = ""  # as the provider wrote it
    opened_on: date | None = None  # programme growth (KPI 38)
    closed_on: date | None = None
    updated_at: datetime = updated_at()


class SupportPointMonth(SQLModel, table=True):
    """Monthly figures of a support point for the capacity-growth KPI (38)."""

    __tablename__ = "support_point_month"
    __table_args__ = (
        CheckConstraint("visitors is null or visitors >= 0", name="spm_visitors"),
        CheckConstraint("hours_per_week is null or hours_per_week >= 0", name="spm_hours"),
    )

    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    month: date = Field(primary_key=True)
    visitors: int | None = None
    hours_per_week: float | None = None


class GroupOffer(SQLModel, table=True):
    __tablename__ = "group_offer"
    __table_args__ = (
        CheckConstraint(check_in("domain_type", GROUP_DOMAIN_TYPES), name="group_offer_domain"),
        CheckConstraint("places_total is null or places_total >= 0", name="group_offer_total"),
        CheckConstraint("places_free is null or places_free >= 0", name="group_offer_free"),
        CheckConstraint(
            "places_free is null or places_total is null or places_free <= places_total", name="group_offer_free_le"
        ),
    )

    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    domain_type: str
    target_group: str = ""
    sessions: str = ""  # "8 x maandagavond"
    start_date: date | None = None
    ongoing: bool = False  # "doorlopend"
    places_total: int | None = None
    places_free: int | None = None
    # Domains of the professionals involved (KPI 47): values of GROUP_DOMAIN_TYPES.
    professional_domains: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String), nullable=False))
    updated_at: datetime = updated_at()
