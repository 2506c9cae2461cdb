"""Catalogue tables: organization, location, service, service_at_location, taxonomy, schedule."""

import uuid
from datetime import date, datetime, time

from sqlalchemy import ARRAY, CheckConstraint, Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in, created_at, updated_at

ORGANIZATION_KINDS = (
    "specialist_ggz",
    "basic_ggz",
    "independent_practice",
    "addiction_care",
    "social_work",
    "welfare",
    "peer_recovery",
    "municipality",
    "paramedical",
    "gp_care",
)
SERVICE_DOMAINS = ("ggz", "social")
SERVICE_KINDS = (
    "treatment",
    "support_point",
    "group_offer",
    "consultation",
    "crisis",
    "information",
    "ehealth",
    "peer_support",
)
# How a wait of this service is defined; never compared across kinds.
WAIT_KINDS = ("ggz_specialist", "ggz_basic", "poh_ggz", "social", "none")
SERVICE_STATUSES = ("active", "inactive", "defunct", "pending")
LOCATION_STATUSES = ("active", "pending", "defunct")
COST_KINDS = ("free", "insured", "own_contribution", "paid", "voluntary")
WAIT_METHODS = ("realised", "current")
# What an observation may say: a figure from a file without method, of a provider without a stored method.
OBSERVATION_METHODS = (*WAIT_METHODS, "unknown")


class Taxonomy(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(unique=True, max_length=60)  # needs, diagnosis_groups, waitinfo_wait
    name: str
    description: str = ""
    uri: str | None = None
    version: str | None = None
    updated_at: datetime = updated_at()


class TaxonomyTerm(SQLModel, table=True):
    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("taxonomy_id", "code"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    taxonomy_id: uuid.UUID = Field(foreign_key="taxonomy.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=80)
    name: str
    name_en: str | None = None
    description: str = ""
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="taxonomy_term.id")
    usual_domain: str | None = None  # for needs: ggz, social or both
    term_uri: str | None = None
    updated_at: datetime = updated_at()


class Organization(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(check_in("kind", ORGANIZATION_KINDS), name="organization_kind"),
        CheckConstraint(check_in("default_wait_method", WAIT_METHODS), name="organization_method"),
        CheckConstraint(check_in("status", ("active", "pending", "defunct")), name="organization_status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200)
    slug: str = Field(unique=True, max_length=200)
    kind: str = Field(max_length=40)
    description: str = ""
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    agb_code: str | None = Field(default=None, max_length=8)
    kvk_number: str | None = Field(default=None, max_length=8)
    # Measurement method used when an import does not say (NZa: realised or current); None: never said, and
    # then imported figures without method are stored as 'unknown' (never guessed).
    default_wait_method: str | None = None
    participates_kpi33: bool = False  # participating ggz provider in the programme
    status: str = "active"
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Location(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(check_in("location_type", ("physical", "virtual")), name="location_type"),
        CheckConstraint("latitude is null or latitude between -90 and 90", name="location_lat"),
        CheckConstraint("longitude is null or longitude between -180 and 180", name="location_lon"),
        CheckConstraint(check_in("status", LOCATION_STATUSES), name="location_status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    location_type: str = "physical"
    address_1: str | None = None
    postal_code: str | None = Field(default=None, max_length=7)  # "7607 GH"
    city: str | None = None
    agb_code: str | None = Field(default=None, max_length=8, index=True)  # AGB vestigingscode
    municipality_code: str | None = Field(default=None, foreign_key="municipality.code", index=True)
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    # A location pushed through the API is 'pending' until the coordinator approves it (not public).
    status: str = Field(default="active", max_length=20, sa_column_kwargs={"server_default": "active"})
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Service(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(check_in("domain", SERVICE_DOMAINS), name="service_domain"),
        CheckConstraint(check_in("kind", SERVICE_KINDS), name="service_kind"),
        CheckConstraint(check_in("wait_kind", WAIT_KINDS), name="service_wait_kind"),
        CheckConstraint(check_in("status", SERVICE_STATUSES), name="service_status"),
        CheckConstraint(check_in("cost", COST_KINDS), name="service_cost"),
        CheckConstraint("minimum_age is null or minimum_age >= 0", name="service_min_age"),
        CheckConstraint(
            "maximum_age is null or minimum_age is null or maximum_age >= minimum_age", name="service_age_range"
        ),
        Index("ix_service_org_status", "organization_id", "status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=250)
    description: str = ""
    domain: str = "ggz"
    kind: str = "treatment"
    wait_kind: str = "ggz_basic"
    status: str = "active"
    eligibility_description: str = ""
    minimum_age: int | None = 18
    maximum_age: int | None = None
    referral_required: bool = False
    referral_description: str = ""
    cost: str = "insured"
    cost_description: str = ""
    languages: list[str] = Field(default_factory=lambda: ["nl"], sa_column=Column(ARRAY(String), nullable=False))
    how_to_register: str = ""
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    online_possible: bool = False
    # Offer suitable while waiting for ggz (overbrugging).
    suitable_while_waiting: bool = False
    # Last date the provider confirmed the data is right; not the last edit.
    assured_date: date | None = None
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class ServiceNeed(SQLModel, table=True):
    """The needs (taxonomy terms of the needs taxonomy) a service addresses."""

    __tablename__ = "service_need"

    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    taxonomy_term_id: uuid.UUID = Field(foreign_key="taxonomy_term.id", primary_key=True, index=True)


class ServiceArea(SQLModel, table=True):
    """The municipalities a service serves."""

    __tablename__ = "service_area"

    service_id: uuid.UUID = Field(foreign_key="service.id", primary_key=True, ondelete="CASCADE")
    municipality_code: str = Field(foreign_key="municipality.code", primary_key=True, index=True)


class ServiceAtLocation(SQLModel, table=True):
    __tablename__ = "service_at_location"
    __table_args__ = (UniqueConstraint("service_id", "location_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    service_id: uuid.UUID = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    location_id: uuid.UUID = Field(foreign_key="location.id", index=True, ondelete="CASCADE")
    description: str = ""
    created_at: datetime = created_at()
    updated_at: datetime = updated_at()


class Schedule(SQLModel, table=True):
    """Opening hours, HSDS style: one row per weekly slot, or a description when not parseable."""

    __table_args__ = (
        CheckConstraint(
            "service_id is not null or service_at_location_id is not null or location_id is not null",
            name="schedule_owner",
        ),
        CheckConstraint(
            "byday is null or byday ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'", name="schedule_byday"
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    service_id: uuid.UUID | None = Field(default=None, foreign_key="service.id", index=True, ondelete="CASCADE")
    service_at_location_id: uuid.UUID | None = Field(
        default=None, foreign_key="service_at_location.id", index=True, ondelete="CASCADE"
    )
    location_id: uuid.UUID | None = Field(default=None, foreign_key="location.id", index=True, ondelete="CASCADE")
    freq: str | None = "WEEKLY"
    byday: str | None = None  # e.g. "MO" or "MO,WE,FR"
    opens_at: time | None = None
    closes_at: time | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    description: str = ""  # the provider's own text when it cannot be parsed
    updated_at: datetime = updated_at()
