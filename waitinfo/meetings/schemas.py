"""Pydantic input of the transfer-table forms (series, offers, requests, actions), with Dutch messages."""

import re
import uuid
from datetime import date

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from waitinfo.meetings.models import ACTION_KINDS, CARE_LEVELS, OFFER_KINDS, OFFER_UNITS

TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _blank_to_none(v):
    return None if isinstance(v, str) and not v.strip() else v


class _Ages(BaseModel):
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    subregion_id: uuid.UUID | None = None

    @field_validator("age_min", "age_max", "subregion_id", mode="before")
    @classmethod
    def _blank(cls, v):
        return _blank_to_none(v)

    @model_validator(mode="after")
    def _age_order(self):
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError("age_max: De hoogste leeftijd is lager dan de laagste. Draai ze om.")
        return self


class SeriesIn(BaseModel):
    interval_days: int = Field(ge=1, le=92)
    first_on: date
    starts_at: str
    duration_minutes: int = Field(ge=15, le=480)
    place: str = Field(max_length=200)
    participants: list[str] = []

    @field_validator("starts_at")
    @classmethod
    def _time(cls, v: str) -> str:
        if not TIME_RE.match(v.strip()):
            raise ValueError("Vul een tijd in als uu:mm, bijvoorbeeld 10:00.")
        return v.strip()

    @field_validator("participants", mode="before")
    @classmethod
    def _emails(cls, v):
        if isinstance(v, str):
            v = [p.strip().lower() for p in re.split(r"[\s,;]+", v) if p.strip()]
        bad = [p for p in v if not EMAIL_RE.match(p)]
        if bad:
            raise ValueError(f"Dit is geen e-mailadres: {bad[0]}. Zet één adres per regel.")
        return sorted(set(v))


class OfferIn(_Ages):
    title: str = Field(min_length=1, max_length=200)
    kind: str
    need_code: str
    care_level: str = "any"
    unit: str = "places"
    places: int = Field(ge=1, le=1000)
    places_taken: int = Field(default=0, ge=0, le=1000)
    starts_on: date
    ends_on: date
    referral_required: bool = False
    insurers: str = Field(default="", max_length=300)
    conditions: str = Field(default="", max_length=2000)
    contact: str = Field(min_length=1, max_length=300)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v):
        if v not in OFFER_KINDS:
            raise ValueError("Kies of het om een dienst of een groep gaat.")
        return v

    @field_validator("care_level")
    @classmethod
    def _level(cls, v):
        if v not in CARE_LEVELS:
            raise ValueError("Kies een niveau van zorg uit de lijst.")
        return v

    @field_validator("unit")
    @classmethod
    def _unit(cls, v):
        if v not in OFFER_UNITS:
            raise ValueError("Kies plaatsen of intakeplekken.")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on: De einddatum ligt voor de begindatum. Pas een van beide aan.")
        if self.places_taken > self.places:
            raise ValueError("places_taken: Er zijn meer plaatsen gevuld dan aangeboden. Pas het aantal aan.")
        return self


class RequestIn(_Ages):
    need_code: str
    waiting_count: int = Field(ge=1, le=10000)
    waiting_weeks: int = Field(ge=0, le=520)
    bridging_help: str = Field(default="", max_length=2000)
    closed: bool = False


class ActionIn(BaseModel):
    kind: str
    text: str = Field(min_length=1, max_length=2000)
    owner_organization_id: uuid.UUID | None = None
    due_on: date | None = None
    bottleneck_key: str | None = None
    offer_id: uuid.UUID | None = None
    request_id: uuid.UUID | None = None
    transfers_agreed: int | None = Field(default=None, ge=0, le=1000)

    @field_validator(
        "owner_organization_id",
        "due_on",
        "bottleneck_key",
        "offer_id",
        "request_id",
        "transfers_agreed",
        mode="before",
    )
    @classmethod
    def _blank(cls, v):
        return _blank_to_none(v)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v):
        if v not in ACTION_KINDS:
            raise ValueError("Kies besluit of actie.")
        return v

    @model_validator(mode="after")
    def _owner(self):
        if self.kind == "action" and self.owner_organization_id is None:
            raise ValueError("owner_organization_id: Kies de organisatie die de actie uitvoert.")
        return self


MESSAGES = {
    "int_parsing": "Vul een heel getal in, bijvoorbeeld 4.",
    "date_from_datetime_parsing": "Vul een datum in als dd-mm-jjjj of kies er een in de kalender.",
    "date_parsing": "Vul een datum in als dd-mm-jjjj of kies er een in de kalender.",
    "uuid_parsing": "Kies een waarde uit de lijst.",
    "greater_than_equal": "Dit getal is te laag.",
    "less_than_equal": "Dit getal is te hoog.",
    "string_too_short": "Vul dit veld in.",
    "string_too_long": "Deze tekst is te lang; kort hem in.",
    "missing": "Vul dit veld in.",
}


def form_errors(exc: ValidationError) -> dict[str, str]:
    """Pydantic errors as {field: Dutch message}; model-level messages carry their field before the colon."""
    out: dict[str, str] = {}
    for e in exc.errors():
        msg = str(e.get("msg", "")).removeprefix("Value error, ")
        loc = [str(p) for p in e.get("loc", ()) if p != "__root__"]
        name = loc[0] if loc else ""
        if not name and ":" in msg:
            name, msg = msg.split(":", 1)
            msg = msg.strip()
        msg = MESSAGES.get(e.get("type", ""), msg)
        out.setdefault(name or "algemeen", msg)
    return out


def parse(model: type[BaseModel], data: dict) -> tuple[BaseModel | None, dict[str, str]]:
    try:
        return model(**data), {}
    except ValidationError as exc:
        return None, form_errors(exc)
