"""Pydantic in/out models for accounts."""

import uuid
from datetime import datetime

from pydantic import BaseModel, field_validator

from waitinfo.accounts.emails import normalise_email
from waitinfo.accounts.models import ROLES

ROLE_LABELS = {
    "provider": "aanbieder (redacteur)",
    "transfer": "lid transfertafel",
    "coordinator": "regiocoördinator",
}


def _known_role(v: str) -> str:
    if v not in ROLES:
        raise ValueError("Kies een rol: aanbieder, transfertafel of coördinator.")
    return v


class UserCreate(BaseModel):
    email: str
    role: str
    display_name: str = ""
    organization_ids: list[uuid.UUID] = []

    @field_validator("email")
    @classmethod
    def _email(cls, v: str) -> str:
        v = normalise_email(v)
        local, _, domain = v.partition("@")
        if not local or "." not in domain or " " in v or len(v) > 254:
            raise ValueError("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")
        return v

    _role = field_validator("role")(_known_role)


class UserUpdate(BaseModel):
    role: str
    active: bool = True
    organization_ids: list[uuid.UUID] = []

    _role = field_validator("role")(_known_role)


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    display_name: str
    role: str
    active: bool
    has_password: bool
    organizations: list[str]
    last_login_at: datetime | None
