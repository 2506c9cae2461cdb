"""Tables for the region's reference data (shipped with the project, loaded by migration)."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from waitinfo.core.types import check_in
from waitinfo.core.types import created_at as stamped_now

CONTACT_KINDS = ("youth_team", "gp_post")  # the municipality's youth team / CJG, the GP out-of-hours post


class Subregion(SQLModel, table=True):
    """A transfer-table subregion (Almelo, Enschede/Hengelo)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(max_length=120)


class Municipality(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=6, regex=r"^GM\d{4}$")  # CBS code GMxxxx
    name: str = Field(unique=True, max_length=80)
    population: int
    latitude: float
    longitude: float
    subregion_id: uuid.UUID | None = Field(default=None, foreign_key="subregion.id", ondelete="SET NULL")


class Place(SQLModel, table=True):
    """A woonplaats and the municipality it lies in."""

    name: str = Field(primary_key=True, max_length=80)
    municipality_code: str = Field(foreign_key="municipality.code", index=True)


class MunicipalityContact(SQLModel, table=True):
    """Where a GP sends someone in a municipality: its youth team (youth care goes through the municipality) and
    the huisartsenpost for evenings, nights and weekends. One per municipality and kind, kept by the coordinator."""

    __tablename__ = "municipality_contact"
    __table_args__ = (CheckConstraint(check_in("kind", CONTACT_KINDS), name="municipality_contact_kind"),)

    municipality_code: str = Field(foreign_key="municipality.code", primary_key=True, max_length=6, ondelete="CASCADE")
    kind: str = Field(primary_key=True, max_length=20)
    name: str = Field(max_length=120)
    phone: str | None = Field(default=None, max_length=40)
    url: str | None = Field(default=None, max_length=2000)
    note: str = Field(default="", max_length=300)
    updated_at: datetime = stamped_now()
    updated_by: str = Field(default="", max_length=200)
