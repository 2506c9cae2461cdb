"""Per municipality its youth team / CJG and its huisartsenpost: checked in, kept (with an audit entry), and read
for the search page and the handout (issue 18: "youth care goes through the municipality, with its contact")."""

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.accounts import audit
from waitinfo.core.clock import now
from waitinfo.core.urls import url_problem
from waitinfo.reference.models import CONTACT_KINDS, Municipality, MunicipalityContact

KIND_LABELS = {"youth_team": "Jeugdteam / CJG", "gp_post": "Huisartsenpost"}
KIND_SLUGS = {"jeugdteam": "youth_team", "huisartsenpost": "gp_post"}  # URL words -> kinds
SLUG_OF = {v: k for k, v in KIND_SLUGS.items()}
EXAMPLE_NAMES = {"youth_team": "Jeugdteam Hengelo", "gp_post": "Huisartsenpost Hengelo"}
FIELDS = ("name", "phone", "url", "note")
_PHONE = re.compile(r"\+?[0-9][0-9 \-]*")
MAX = {"name": 120, "phone": 40, "url": 2000, "note": 300}


class ContactError(ValueError):
    """What was wrong with a contact, in Dutch, per field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass
class ContactIn:
    """A contact as typed: trimmed; empty phone, url and note are allowed, a name is not."""

    name: str = ""
    phone: str = ""
    url: str = ""
    note: str = ""
    kind: str = "youth_team"
    errors: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for k in FIELDS:
            setattr(self, k, " ".join((getattr(self, k) or "").split()))
        self.errors = problems(self)


def phone_problem(phone: str) -> str | None:
    """Lenient: digits, spaces, dashes and a leading +, with at least three digits (112 is a number too)."""
    if not phone:
        return None
    if not _PHONE.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 3:
        return (
            f"“{phone}” is geen telefoonnummer. Gebruik alleen cijfers, spaties, streepjes en een + aan het begin, "
            "bijvoorbeeld 088-0000901."
        )
    return None


def problems(data: ContactIn) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind not in CONTACT_KINDS:
        errors["kind"] = "Kies jeugdteam of huisartsenpost."
    if not data.name:
        errors["name"] = f"Vul de naam in, bijvoorbeeld {EXAMPLE_NAMES.get(data.kind, 'Jeugdteam Hengelo')}."
    if problem := phone_problem(data.phone):
        errors["phone"] = problem
    if problem := url_problem(data.url):
        errors["url"] = problem
    for k, limit in MAX.items():
        if k not in errors and len(getattr(data, k)) > limit:
            errors[k] = f"Dit is te lang: hooguit {limit} tekens."
    return errors


def get(session: Session, code: str, kind: str) -> MunicipalityContact | None:
    return session.get(MunicipalityContact, (code, kind))


def for_municipality(session: Session, code: str | None) -> dict[str, MunicipalityContact]:
    """The municipality's contacts by kind ({} without a municipality)."""
    if not code:
        return {}
    q = select(MunicipalityContact).where(MunicipalityContact.municipality_code == code)
    return {c.kind: c for c in session.execute(q).scalars()}


def for_search(session: Session, query) -> dict[str, MunicipalityContact]:
    """What the youth block and the safety block of a search (or a handout) name: only when one of them shows,
    for the municipality searched from (`query` is a search.schemas.ResolvedQuery)."""
    if query is None or query.origin is None:
        return {}
    if not (query.params.youth or query.need_code == "crisis"):
        return {}
    return for_municipality(session, query.origin.municipality_code)


def for_handout(session: Session, query) -> dict[str, MunicipalityContact]:
    """A handout always names the huisartsenpost ("Gaat het slechter?"): the contacts of the municipality searched
    from, whatever the need."""
    if query is None or query.origin is None:
        return {}
    return for_municipality(session, query.origin.municipality_code)


@dataclass
class Row:
    municipality: Municipality
    contacts: dict[str, MunicipalityContact]


def overview(session: Session) -> list[Row]:
    """Every municipality (the 14 of Twente), by name, with its contacts."""
    munis = session.execute(select(Municipality).order_by(Municipality.name)).scalars().all()
    by_code: dict[str, dict[str, MunicipalityContact]] = {m.code: {} for m in munis}
    for c in session.execute(select(MunicipalityContact)).scalars():
        by_code.setdefault(c.municipality_code, {})[c.kind] = c
    return [Row(m, by_code[m.code]) for m in munis]


def save(session: Session, code: str, data: ContactIn, *, actor: str) -> MunicipalityContact:
    """Create or change one contact; an audit entry says who changed what. Raises ContactError (nothing stored)."""
    errors = dict(data.errors)
    if session.get(Municipality, code) is None:
        errors["municipality"] = f"De gemeente “{code}” kennen we niet. Kies een van de 14 Twentse gemeenten."
    if errors:
        raise ContactError(errors)
    values = {"name": data.name, "phone": data.phone or None, "url": data.url or None, "note": data.note}
    row = get(session, code, data.kind)
    old = audit.snapshot(row, FIELDS) if row is not None else None
    if row is None:
        row = MunicipalityContact(municipality_code=code, kind=data.kind, **values)
        session.add(row)
    elif old == audit.snapshot(values, FIELDS):
        return row  # nothing changed: no new stamp, no audit entry
    else:
        for k, v in values.items():
            setattr(row, k, v)
    row.updated_at, row.updated_by = now(), actor
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create" if old is None else "update",
        entity_type="municipality_contact",
        entity_id=f"{code}/{data.kind}",
        old=old,
        new=values,
    )
    return row


def remove(session: Session, code: str, kind: str, *, actor: str) -> bool:
    """Delete one contact (the pages then show the generic text again); False when there was none."""
    row = get(session, code, kind)
    if row is None:
        return False
    audit.record(
        session,
        actor=actor,
        action="delete",
        entity_type="municipality_contact",
        entity_id=f"{code}/{kind}",
        old=audit.snapshot(row, FIELDS),
    )
    session.delete(row)
    session.flush()
    return True
