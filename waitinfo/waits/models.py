"""Tables for wait observations, capacity (HSDS 3.1 service_capacity), intake stops and contracts."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from waitinfo.catalogue.models import OBSERVATION_METHODS
from waitinfo.core.clock import now
from waitinfo.core.types import check_in, created_at, updated_at


class WaitTime(SQLModel, table=True):
    """One monthly observation; never overwritten by a later month (history is the trend)."""

    __tablename__ = "wait_time"
    __table_args__ = (
        # Column order (location, group, month) also serves "latest per location and group" and history
        # lookups, so no second index on (location, month) is needed: fewer indexes keep large imports fast.
        UniqueConstraint(
            "service_at_location_id",
            "diagnosis_group_id",
            "month",
            name="wait_time_one_per_month",
            postgresql_nulls_not_distinct=True,
        ),
        CheckConstraint("registration_weeks is null or registration_weeks >= 0", name="wait_reg_nonneg"),
        CheckConstraint("treatment_weeks is null or treatment_weeks >= 0", name="wait_treat_nonneg"),
        CheckConstraint("waiting_count is null or waiting_count >= 0", name="wait_count_nonneg"),
        CheckConstraint("intake_within_norm is null or intake_within_norm >= 0", name="wait_in_norm_nonneg"),
        CheckConstraint("intake_outside_norm is null or intake_outside_norm >= 0", name="wait_out_norm_nonneg"),
        CheckConstraint("extract(day from month) = 1", name="wait_month_first_day"),
        CheckConstraint(check_in("method", OBSERVATION_METHODS), name="wait_method"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    service_at_location_id: uuid.UUID = Field(foreign_key="service_at_location.id", ondelete="CASCADE")
    month: date  # first day of the month the figure is for
    diagnosis_group_id: uuid.UUID | None = Field(default=None, foreign_key="taxonomy_term.id")
    # Weeks; null means "no value" (n.v.t. / not reported), never zero.
    registration_weeks: Decimal | None = Field(default=None, sa_type=Numeric(5, 1))
    treatment_weeks: Decimal | None = Field(default=None, sa_type=Numeric(5, 1))
    registration_text: str | None = None  # the provider's own text, e.g. "<1" or "2-4"
    treatment_text: str | None = None
    # "> 26": the wait is at least the stored weeks (shown as "meer dan 26 weken").
    registration_lower_bound: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    treatment_lower_bound: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    waiting_count: int | None = None
    method: str = "realised"  # realised (avg last two months), current (third free slot) or unknown
    reference_date: date | None = None  # peildatum
    intake_within_norm: int | None = None  # intakes last two months within the Treeknorm
    intake_outside_norm: int | None = None
    import_run_id: uuid.UUID | None = Field(default=None, foreign_key="import_run.id", index=True, ondelete="SET NULL")
    created_at: datetime = created_at()
    # Not indexed: sync works on services (touched by trigger), nothing filters observations by this.
    updated_at: datetime = Field(default_factory=now, sa_type=DateTime(timezone=True), nullable=False)


class CapacityUnit(SQLModel, table=True):
    """HSDS 3.1 unit (places, intake slots per week, beds)."""

    __tablename__ = "capacity_unit"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str
    scheme: str | None = None
    identifier: str | None = None
    uri: str | None = None


class ServiceCapacity(SQLModel, table=True):
    """HSDS 3.1 service_capacity: available / maximum in a unit, with when it was updated."""

    __tablename__ = "service_capacity"
    __table_args__ = (
        CheckConstraint("available >= 0", name="capacity_available_nonneg"),
        CheckConstraint("maximum is null or maximum >= 0", name="capacity_maximum_nonneg"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    service_id: uuid.UUID = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    service_at_location_id: uuid.UUID | None = Field(
        default=None, foreign_key="service_at_location.id", index=True, ondelete="CASCADE"
    )
    unit_id: uuid.UUID = Field(foreign_key="capacity_unit.id")
    available: Decimal = Field(sa_type=Numeric(10, 1))
    maximum: Decimal | None = Field(default=None, sa_type=Numeric(10, 1))
    description: str = ""
    updated: datetime = updated_at()


class IntakeStop(SQLModel, table=True):
    """Aanmeldstop / patientenstop for a service, or for one location of it."""

    __tablename__ = "intake_stop"
    __table_args__ = (CheckConstraint("ends_on is null or ends_on >= starts_on", name="intake_stop_range"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    service_id: uuid.UUID = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    service_at_location_id: uuid.UUID | None = Field(
        default=None, foreign_key="service_at_location.id", index=True, ondelete="CASCADE"
    )
    starts_on: date
    ends_on: date | None = None
    reason: str = ""
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Insurer(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(unique=True)


class InsurerContract(SQLModel, table=True):
    """A provider's reported contract with an insurer for a year, and whether its ceiling is reached."""

    __tablename__ = "insurer_contract"
    __table_args__ = (UniqueConstraint("organization_id", "insurer_id", "year"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    insurer_id: uuid.UUID = Field(foreign_key="insurer.id", index=True)
    year: int
    ceiling_reached: bool = False
    reported_on: date | None = None
    updated_at: datetime = updated_at()
