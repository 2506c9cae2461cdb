"""Column mappings a provider or coordinator confirmed once ("Wachttijd na 1e gesprek" = treatment_weeks): stored
per provider (and per feed), used for every later file and pull of that provider."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, or_
from sqlmodel import Session, select

from waitinfo.imports.models import ColumnMapping
from waitinfo.imports.vocabulary import FIELD_LABELS
from waitinfo.providers.tabular import IGNORE, header_key

NO_TREATMENT_WAIT = "no_treatment_wait"  # the provider confirmed it does not report a treatment wait
FIELDS = (*FIELD_LABELS, IGNORE, NO_TREATMENT_WAIT)


class MappingError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_pairs(pairs: list[str] | None) -> dict[str, str]:
    """`Kolomnaam=field` (as given on the command line or in a form) -> {header: field}; Dutch error when wrong."""
    result: dict[str, str] = {}
    for pair in pairs or []:
        header, sep, fieldname = pair.rpartition("=")
        header, fieldname = header.strip(), fieldname.strip()
        if not sep or not header:
            raise MappingError(
                f'\'{pair}\' is geen koppeling; schrijf "Kolomnaam=veld", bijvoorbeeld "pc=postal_code".'
            )
        if fieldname not in FIELDS:
            raise MappingError(
                f"Onbekend veld '{fieldname}' in '{pair}'; kies uit {', '.join(f for f in FIELDS if f != IGNORE)} "
                f"of '{IGNORE}' (kolom niet gebruiken)."
            )
        result[header] = fieldname
    return result


def load(session: Session, org_id: uuid.UUID, kind: str = "wait-times", feed_id: uuid.UUID | None = None) -> dict:
    """header -> field for this provider: its general mappings, overridden by those of the feed."""
    rows = session.exec(
        select(ColumnMapping)
        .where(ColumnMapping.organization_id == org_id, ColumnMapping.kind == kind)
        .where(or_(ColumnMapping.feed_id.is_(None), ColumnMapping.feed_id == feed_id))
        .order_by(ColumnMapping.feed_id.is_not(None), ColumnMapping.created_at)
    ).all()
    return {m.header: m.field for m in rows}


def save(
    session: Session,
    org_id: uuid.UUID,
    mapping: dict[str, str],
    *,
    kind: str = "wait-times",
    feed_id: uuid.UUID | None = None,
    actor: str = "",
) -> None:
    """Store (or replace) confirmed mappings."""
    for header, fieldname in mapping.items():
        k = header_key(header) if fieldname != NO_TREATMENT_WAIT else NO_TREATMENT_WAIT
        existing = session.exec(
            select(ColumnMapping).where(
                ColumnMapping.organization_id == org_id,
                ColumnMapping.kind == kind,
                ColumnMapping.header_key == k,
                ColumnMapping.feed_id.is_(None) if feed_id is None else ColumnMapping.feed_id == feed_id,
            )
        ).first()
        if existing is None:
            existing = ColumnMapping(organization_id=org_id, feed_id=feed_id, kind=kind, header=header, header_key=k)
        existing.header, existing.field, existing.confirmed_by = header, fieldname, actor
        session.add(existing)
    session.flush()


def remove(
    session: Session, org_id: uuid.UUID, header: str, kind: str = "wait-times", *, feed_id: uuid.UUID | None = None
) -> int:
    """Forget a header's mapping: all of this provider's (general and per feed), or only the one of `feed_id`."""
    k = header_key(header) if header != NO_TREATMENT_WAIT else NO_TREATMENT_WAIT
    query = delete(ColumnMapping).where(
        ColumnMapping.organization_id == org_id, ColumnMapping.kind == kind, ColumnMapping.header_key == k
    )
    if feed_id is not None:
        query = query.where(ColumnMapping.feed_id == feed_id)
    result = session.execute(query)
    return result.rowcount


def listing(session: Session, org_id: uuid.UUID) -> list[ColumnMapping]:
    return list(
        session.exec(
            select(ColumnMapping)
            .where(ColumnMapping.organization_id == org_id)
            .order_by(ColumnMapping.kind, ColumnMapping.header)
        ).all()
    )


def of_feed(session: Session, org_id: uuid.UUID, feed_id: uuid.UUID | None, kind: str = "wait-times") -> list:
    """The mappings stored for one feed (feed_id) or for all files of the provider (None)."""
    scope = ColumnMapping.feed_id.is_(None) if feed_id is None else ColumnMapping.feed_id == feed_id
    return list(
        session.exec(
            select(ColumnMapping)
            .where(ColumnMapping.organization_id == org_id, ColumnMapping.kind == kind, scope)
            .order_by(ColumnMapping.header)
        ).all()
    )


def describe(fieldname: str) -> str:
    if fieldname == IGNORE:
        return "niet gebruikt"
    if fieldname == NO_TREATMENT_WAIT:
        return "aanbieder meet geen behandelwachttijd (bevestigd)"
    return FIELD_LABELS.get(fieldname, fieldname)
