"""Held wait rows: rows of a wait file that matched no location or service. They are kept (not published) until
the provider or coordinator links them to a location and a service; the link is remembered for later files."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import delete, text
from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.catalogue.models import Location, Organization, Service
from waitinfo.imports.care_demand import demand_key
from waitinfo.imports.models import HeldWaitRow

SERVICE_LINK = "service-link"  # column_mapping kind of a remembered (location, group) -> service link
_DECIMALS = ("registration_weeks", "treatment_weeks")
_DATES = ("month", "reference_date")


def link_key(location_id: uuid.UUID, group_id: uuid.UUID | None, demand: str | None) -> str:
    """The key of a remembered link; every spelling of one zorgvraagtype ("ZVT 3", "3") gives the same key."""
    return f"{location_id}:{group_id or ''}:{demand_key(demand)}"


def remembered_link(
    remembered: dict[str, uuid.UUID], location_id: uuid.UUID, group_id: uuid.UUID | None, demand: str | None
) -> uuid.UUID | None:
    """The service a link confirmed before gives this row (also a link remembered under the demand's own text,
    as keys were written before zorgvraagtypes were read)."""
    return remembered.get(link_key(location_id, group_id, demand)) or remembered.get(
        f"{location_id}:{group_id or ''}:{(demand or '').lower()}"
    )


def _jsonable(wait: dict) -> dict:
    return {k: (str(v) if isinstance(v, (Decimal, date, uuid.UUID)) else v) for k, v in wait.items()}


def _wait_of(stored: dict) -> dict:
    wait = dict(stored)
    for k in _DECIMALS:
        wait[k] = None if wait.get(k) is None else Decimal(wait[k])
    for k in _DATES:
        wait[k] = None if wait.get(k) is None else date.fromisoformat(wait[k])
    wait["diagnosis_group_id"] = None if not wait.get("diagnosis_group_id") else uuid.UUID(wait["diagnosis_group_id"])
    return wait


def label_of(record: dict, group_name: str | None) -> str:
    loc, svc = record["location"], record["service"]
    where = loc["name"] or (f"AGB-code {loc['agb']}" if loc["agb"] else loc["postal_code"] or "?")
    parts = [where]
    if loc["agb"] and loc["name"]:
        parts.append(f"AGB-code {loc['agb']}")
    if svc.get("name"):
        parts.append(svc["name"])
    if group_name:
        parts.append(group_name)
    if svc.get("demand"):
        parts.append(f"zorgvraagtypering {svc['demand']}")
    return " · ".join(parts)


def hold(session: Session, org_id: uuid.UUID, run_id: uuid.UUID, rows: list[tuple[str, uuid.UUID | None, dict]]):
    """Keep (reason, matched location or None, record) rows; a row held before for the same thing is replaced."""
    if not rows:
        return
    names = dict(
        session.execute(
            text("select id, name from taxonomy_term where id = any(:ids)"),
            {"ids": list({r["wait"]["diagnosis_group_id"] for _, _, r in rows if r["wait"]["diagnosis_group_id"]})},
        ).all()
    )
    for reason, location_id, record in rows:
        wait = record["wait"]
        label = label_of(record, names.get(wait["diagnosis_group_id"]))
        session.execute(
            delete(HeldWaitRow).where(
                HeldWaitRow.organization_id == org_id,
                HeldWaitRow.label == label,
                HeldWaitRow.month == wait["month"],
            )
        )
        session.add(
            HeldWaitRow(
                organization_id=org_id,
                import_run_id=run_id,
                line=record.get("line"),
                reason=reason,
                label=label,
                location_id=location_id,
                diagnosis_group_id=wait["diagnosis_group_id"],
                month=wait["month"],
                record={
                    "wait": _jsonable(wait),
                    "given": record.get("given", 127),
                    "agb": record["location"]["agb"],
                    "demand": record["service"].get("demand"),
                    "service_name": record["service"].get("name"),  # for the proposal on the held-rows page
                    "wait_kind": record["service"].get("wait_kind"),
                },
            )
        )
    session.flush()


def pending(session: Session, org_id: uuid.UUID | None = None) -> list[tuple[HeldWaitRow, str]]:
    """Held rows (with their organisation's name), of one organisation or of all."""
    query = select(HeldWaitRow, Organization.name).join(Organization, Organization.id == HeldWaitRow.organization_id)
    if org_id is not None:
        query = query.where(HeldWaitRow.organization_id == org_id)
    return [
        (h, name)
        for h, name in session.exec(query.order_by(Organization.name, HeldWaitRow.month, HeldWaitRow.label)).all()
    ]


def count(session: Session, org_id: uuid.UUID) -> int:
    return session.execute(
        text("select count(*) from held_wait_row where organization_id = :o"), {"o": org_id}
    ).scalar()


class LinkError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def link(
    session: Session, held: HeldWaitRow, location_id: uuid.UUID | None, service_id: uuid.UUID | None, *, actor: str
) -> None:
    """Store the held figure for this location and service of its own organisation, remember the link (and the
    location's AGB code), and drop the held row."""
    from waitinfo.imports import mappings
    from waitinfo.imports.apply_waits import ensure_sals
    from waitinfo.imports.wait_store import merge_staged, stage_waits

    location_id = location_id or held.location_id
    loc = session.get(Location, location_id) if location_id else None
    svc = session.get(Service, service_id) if service_id else None
    if loc is None or loc.organization_id != held.organization_id:
        raise LinkError("Kies een vestiging van deze aanbieder.")
    if svc is None or svc.organization_id != held.organization_id:
        raise LinkError("Kies een aanbod van deze aanbieder.")
    agb = held.record.get("agb")
    if agb and not loc.agb_code:
        loc.agb_code = agb
        session.add(loc)
    sal = ensure_sals(session, {(svc.id, loc.id)})[(svc.id, loc.id)]
    stage_waits(session, [(sal, _wait_of(held.record["wait"]))], given=[held.record.get("given", 127)])
    merge_staged(session, SimpleNamespace(id=held.import_run_id), held.organization_id, actor)
    mappings.save(
        session,
        held.organization_id,
        {link_key(loc.id, held.diagnosis_group_id, held.record.get("demand")): str(svc.id)},
        kind=SERVICE_LINK,
        actor=actor,
    )
    audit.record(
        session,
        actor=actor,
        action="link",
        entity_type="held_wait_row",
        entity_id=held.id,
        new={"label": held.label, "location_id": str(loc.id), "service_id": str(svc.id)},
        organization_id=held.organization_id,
    )
    session.delete(held)
    session.flush()


def remembered_links(session: Session, org_id: uuid.UUID) -> dict[str, uuid.UUID]:
    """link_key -> service id, as confirmed before."""
    from waitinfo.imports import mappings

    return {h: uuid.UUID(f) for h, f in mappings.load(session, org_id, SERVICE_LINK).items()}


def get(session: Session, held_id: uuid.UUID) -> HeldWaitRow | None:
    return session.get(HeldWaitRow, held_id)


def choices(session: Session, org_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[list[Location], list[Service]]]:
    """Per organisation the locations and active services a held row can be linked to."""
    result: dict[uuid.UUID, tuple[list[Location], list[Service]]] = {o: ([], []) for o in org_ids}
    for loc in session.exec(select(Location).where(Location.organization_id.in_(org_ids)).order_by(Location.name)):
        result[loc.organization_id][0].append(loc)
    for svc in session.exec(
        select(Service)
        .where(Service.organization_id.in_(org_ids), Service.status == "active", Service.wait_kind != "none")
        .order_by(Service.name)
    ):
        result[svc.organization_id][1].append(svc)
    return result
