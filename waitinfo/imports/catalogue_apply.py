"""Shared apply steps for offer-like imports (offer, support points, group offers, HSDS): find-or-create
locations by name + postcode, services by id or name, their links, areas, needs, schedules and waits."""

from __future__ import annotations

import re
import uuid
from datetime import date

from sqlalchemy import delete, func
from sqlmodel import Session, select

from waitinfo.catalogue.models import (
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
)
from waitinfo.core.clock import now, today
from waitinfo.imports import apply_waits
from waitinfo.imports.normalise import POSTCODE
from waitinfo.imports.wait_store import ALL_GIVEN

ADDRESS_TAIL = re.compile(r"^\s*(\d{4})\s?([A-Za-z]{2})\s+(.+?)\s*$")
VIRTUAL_WORDS = {"online", "digitaal", "telefonisch", "telefoon", "virtueel", "chat", "thuis"}


def split_address(text: str) -> dict:
    """`Buurthuis De Riet, Rietstraat 3, 7603 AA Almelo` -> name, address_1, postal_code, city."""
    parts = [p.strip() for p in str(text or "").split(",") if p.strip()]
    if parts and (m := ADDRESS_TAIL.match(parts[-1])):
        postal, city = f"{m[1]} {m[2].upper()}", m[3]
        head = parts[:-1]
        address = head[-1] if head else None
        name = head[0] if len(head) > 1 else None
        return {"name": name, "address_1": address, "postal_code": postal, "city": city}
    if len(parts) >= 2 and POSTCODE.match(parts[-1]):
        return {"name": None, "address_1": parts[0], "postal_code": parts[-1], "city": None}
    return {"name": ", ".join(parts) or None, "address_1": None, "postal_code": None, "city": None}


def is_virtual(text) -> bool:
    return str(text or "").strip().lower() in VIRTUAL_WORDS


def short_name(org: Organization) -> str:
    return re.sub(r"\s*\(fictief\)\s*$", "", org.name)


class Catalogue:
    """Per-run cache of what was found or created, so repeated rows hit the database once."""

    def __init__(self, session: Session, actor: str, *, trusted: bool = True):
        self.session, self.actor = session, actor
        # Untrusted runs (provider uploads, pushes, feeds) create services 'pending' and cannot publish them.
        self.trusted = trusted
        self._locations: dict[tuple, Location] = {}
        self.waits: list[tuple[uuid.UUID, dict]] = []

    def location(self, org: Organization, loc: dict, loc_id: uuid.UUID | None = None) -> Location:
        k = (org.id, loc["name"].lower(), loc.get("postal_code"))
        if k in self._locations:
            return self._locations[k]
        found = None
        if loc_id is not None:
            found = self.session.get(Location, loc_id)
            if found is not None and found.organization_id != org.id:
                found, loc_id = None, None
        if found is None:
            found = self.session.exec(
                select(Location).where(
                    Location.organization_id == org.id,
                    func.lower(Location.name) == loc["name"].lower(),
                    Location.postal_code.is_(None)
                    if loc.get("postal_code") is None
                    else Location.postal_code == loc["postal_code"],
                )
            ).first()
        if found is None and loc.get("location_type") == "virtual":
            # "online" in a file means the organisation's virtual location, whatever it is called.
            found = self.session.exec(
                select(Location)
                .where(Location.organization_id == org.id, Location.location_type == "virtual")
                .order_by(Location.name)
            ).first()
            loc = {**loc, "name": found.name} if found is not None else loc
        if found is None:
            # Untrusted runs create locations 'pending' too: public nowhere until the coordinator approves them.
            status = "active" if self.trusted else "pending"
            found = Location(id=loc_id or uuid.uuid4(), organization_id=org.id, name=loc["name"], status=status)
        for attr in ("location_type", "address_1", "postal_code", "city", "municipality_code", "latitude", "longitude"):
            if loc.get(attr) is not None:
                setattr(found, attr, loc[attr])
        found.updated_at = now()
        self.session.add(found)
        self.session.flush()
        self._locations[k] = found
        return found

    def service(
        self,
        org: Organization,
        name: str,
        fields: dict,
        service_id: uuid.UUID | None = None,
        create_only: dict | None = None,
    ) -> Service:
        """Find (by id, then by name) or create; `create_only` fields (e.g. wait_kind) are set on new services only."""
        found = self.session.get(Service, service_id) if service_id else None
        if found is not None and found.organization_id != org.id:
            found, service_id = None, None
        if found is None:
            found = self.session.exec(
                select(Service).where(Service.organization_id == org.id, func.lower(Service.name) == name.lower())
            ).first()
        was_pending = found is None or found.status == "pending"
        if found is None:
            found = Service(id=service_id or uuid.uuid4(), organization_id=org.id, name=name, **(create_only or {}))
        found.name = name
        for attr, value in fields.items():
            if value is not None:
                setattr(found, attr, value)
        if was_pending and not self.trusted:
            found.status = "pending"  # goes live when the coordinator approves it (portal/approvals.py)
        if fields.get("assured_date") is None:
            found.assured_date = today()
        found.updated_at = now()
        self.session.add(found)
        self.session.flush()
        return found

    def link(self, service: Service, location: Location, sal_id: uuid.UUID | None = None) -> ServiceAtLocation:
        sal = self.session.exec(
            select(ServiceAtLocation).where(
                ServiceAtLocation.service_id == service.id, ServiceAtLocation.location_id == location.id
            )
        ).first()
        if sal is None:
            if sal_id is not None and self.session.get(ServiceAtLocation, sal_id) is not None:
                sal_id = None  # the id is taken (another link): never move someone else's row
            sal = ServiceAtLocation(id=sal_id or uuid.uuid4(), service_id=service.id, location_id=location.id)
            self.session.add(sal)
            self.session.flush()
        return sal

    def areas(self, service: Service, codes: list[str] | None) -> None:
        if codes is None:
            return
        self.session.execute(delete(ServiceArea).where(ServiceArea.service_id == service.id))
        for code in dict.fromkeys(codes):
            self.session.add(ServiceArea(service_id=service.id, municipality_code=code))
        self.session.flush()

    def needs(self, service: Service, term_ids: list[uuid.UUID] | None) -> None:
        if term_ids is None:
            return
        self.session.execute(delete(ServiceNeed).where(ServiceNeed.service_id == service.id))
        for term_id in dict.fromkeys(term_ids):
            self.session.add(ServiceNeed(service_id=service.id, taxonomy_term_id=term_id))
        self.session.flush()

    def schedules(self, service: Service, slots: list[dict] | None, text: str) -> None:
        """Replace the service's opening hours: parsed slots, or one row keeping the provider's text."""
        self.session.execute(delete(Schedule).where(Schedule.service_id == service.id))
        if slots:
            for slot in slots:
                self.session.add(
                    Schedule(
                        service_id=service.id,
                        freq="WEEKLY",
                        byday=slot["byday"],
                        opens_at=slot["opens_at"],
                        closes_at=slot["closes_at"],
                        description=text,
                    )
                )
        elif text:
            self.session.add(Schedule(service_id=service.id, freq=None, description=text))
        self.session.flush()

    def wait(self, sal: ServiceAtLocation, wait: dict) -> None:
        self.waits.append((sal.id, wait))

    def flush_waits(self, run, org_id: uuid.UUID) -> None:
        if self.waits:
            # One observation per location, month and diagnosis group (the last one given wins).
            unique = {(sal_id, w["month"], w["diagnosis_group_id"]): (sal_id, w) for sal_id, w in self.waits}
            apply_waits.write_waits(
                self.session,
                run,
                org_id,
                self.actor,
                [s for s, _ in unique.values()],
                [w for _, w in unique.values()],
                given=[w.get("given", ALL_GIVEN) for _, w in unique.values()],  # an empty wait cell erases nothing
            )
            self.waits = []


def wait_record(registration, treatment, method: str, reference: date | None, waiting=None) -> dict:
    """A wait observation in the shape apply_waits expects (month from the reference date, else this month)."""
    ref = reference or today()
    return {
        "month": ref.replace(day=1),
        "diagnosis_group_id": None,
        "registration_weeks": registration[0],
        "registration_text": registration[1],
        "treatment_weeks": treatment[0],
        "treatment_text": treatment[1],
        "waiting_count": waiting,
        "method": method,
        "reference_date": reference,
        "intake_within_norm": None,
        "intake_outside_norm": None,
        "registration_lower_bound": False,
        "treatment_lower_bound": False,
        "given": ALL_GIVEN
        & ~(0 if registration[0] is not None or registration[1] else 1)
        & ~(0 if treatment[0] is not None or treatment[1] else 2)
        & ~(0 if waiting is not None else 4),
    }
