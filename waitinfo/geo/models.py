"""Cache of geocoder answers, so a postcode is looked up once."""

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from waitinfo.core.types import created_at


class GeocodeCache(SQLModel, table=True):
    __tablename__ = "geocode_cache"

    query: str = Field(primary_key=True, max_length=200)  # normalised postcode or place text
    result: dict | None = Field(default=None, sa_column=Column(JSON))  # null: looked up, nothing found
    created_at: datetime = created_at()
