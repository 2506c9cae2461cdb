"""Tables for fit-gap criteria and monthly region snapshots."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from waitinfo.core.types import created_at


class FitGapCriterion(SQLModel, table=True):
    """A criterion for a covering network, agreed beforehand by the coordinator (KPI 36/44)."""

    __tablename__ = "fitgap_criterion"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(unique=True, max_length=60)
    name: str
    kind: str  # e.g. support_point_within_km, hours_per_10k, group_offer_domain
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    active: bool = True
    position: int = 0


class RegionSnapshot(SQLModel, table=True):
    """Monthly snapshot of region figures taken by the scheduler."""

    __tablename__ = "region_snapshot"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    month: date = Field(unique=True)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = created_at()


class KpiBaseline(SQLModel, table=True):
    """A stored snapshot of the support-point register on the baseline date (KPI 38): points per type, opening
    hours per week and visitors per month as the register held them, next to the programme's own numbers."""

    __tablename__ = "kpi_baseline"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    baseline_date: date = Field(unique=True)
    points: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # point type -> count
    hours_per_week: float | None = None
    visitors_per_month: int | None = None
    note: str = ""
    created_at: datetime = created_at()
