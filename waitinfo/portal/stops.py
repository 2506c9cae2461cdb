"""Intake stops (aanmeldstop / patientenstop) per service or per location: report, list and end them."""

import uuid
from datetime import date

from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation
from waitinfo.portal import validation
from waitinfo.portal.offer import FormResult, services
from waitinfo.waits.models import IntakeStop


def intake_stops(session: Session, org: Organization) -> list[tuple[IntakeStop, Service, Location | None]]:
    rows = session.exec(
        select(IntakeStop, Service)
        .join(Service, Service.id == IntakeStop.service_id)
        .where(Service.organization_id == org.id)
        .order_by(IntakeStop.starts_on.desc())
    ).all()
    out = []
    for stop, svc in rows:
        loc = None
        if stop.service_at_location_id:
            sal = session.get(ServiceAtLocation, stop.service_at_location_id)
            loc = session.get(Location, sal.location_id) if sal else None
        out.append((stop, svc, loc))
    return out


def parse_stop_form(session: Session, org: Organization, form, today: date) -> FormResult:
    r = FormResult()
    v = r.values
    own = {str(s.id): s for s in services(session, org)}
    v["service_id"] = form.get("service_id") or ""
    if v["service_id"] not in own:
        r.errors["service_id"] = "Kies een dienst van uw organisatie."
    v["location_id"] = form.get("location_id") or ""
    v["sal_id"] = None
    if v["location_id"] and not r.errors:
        sal = session.exec(
            select(ServiceAtLocation).where(
                ServiceAtLocation.service_id == uuid.UUID(v["service_id"]),
                ServiceAtLocation.location_id == _uuid(v["location_id"]),
            )
        ).first()
        if sal is None:
            r.errors["location_id"] = "Deze dienst wordt niet op die vestiging aangeboden; kies 'alle vestigingen'."
        else:
            v["sal_id"] = sal.id
    for k, label in (("starts_on", "begindatum"), ("ends_on", "einddatum")):
        v[k + "_text"] = form.get(k) or ""
        try:
            v[k] = validation.day(k, form.get(k), required=k == "starts_on", label=label)
        except validation.FieldError as exc:
            r.errors[k] = exc.message
    if not r.errors.get("ends_on") and v.get("ends_on") and v.get("starts_on") and v["ends_on"] < v["starts_on"]:
        r.errors["ends_on"] = "De einddatum ligt vóór de begindatum."
    v["reason"] = (form.get("reason") or "").strip()
    if not v["reason"]:
        r.errors["reason"] = "Geef kort de reden, bijvoorbeeld 'wachtlijst te lang' of 'personeelstekort'."
    return r


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def add_stop(session: Session, org: Organization, v: dict, *, user: User) -> IntakeStop:
    stop = IntakeStop(
        service_id=uuid.UUID(v["service_id"]),
        service_at_location_id=v["sal_id"],
        starts_on=v["starts_on"],
        ends_on=v["ends_on"],
        reason=v["reason"],
    )
    session.add(stop)
    session.flush()
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="create",
        entity_type="intake_stop",
        entity_id=stop.id,
        new=audit.snapshot(stop, ("service_id", "service_at_location_id", "starts_on", "ends_on", "reason")),
        organization_id=org.id,
        user_id=user.id,
    )
    return stop


def end_stop(session: Session, org: Organization, stop: IntakeStop, today: date, *, user: User) -> None:
    old = {"ends_on": stop.ends_on}
    stop.ends_on = max(today, stop.starts_on)
    session.add(stop)
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="update",
        entity_type="intake_stop",
        entity_id=stop.id,
        old=old,
        new={"ends_on": stop.ends_on},
        organization_id=org.id,
        user_id=user.id,
    )
