"""Safety checks for the coordinator: crisis offer that a referrer could not reach by phone."""

import uuid
from typing import NamedTuple

from sqlalchemy import text
from sqlmodel import Session


class Unreachable(NamedTuple):
    service_id: uuid.UUID
    service_name: str
    organization_name: str


def crisis_without_phone(session: Session) -> list[Unreachable]:
    """Active crisis services without a phone number: the search shows them under "Nu geen plek" (see
    availability.unavailable_reason), and the coordinator asks the provider for a number."""
    rows = session.execute(
        text(
            "select s.id, s.name, o.name from service s join organization o on o.id = s.organization_id "
            "where s.kind = 'crisis' and s.status = 'active' and o.status = 'active' "
            "and coalesce(btrim(s.phone), '') = '' order by o.name, s.name"
        )
    )
    return [Unreachable(*r) for r in rows]
