"""Tables for the region's reference data (shipped with the project, loaded by migration)."""

import uuid

from sqlmodel import Field, SQLModel


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
