"""The portal's service form: what it shows, how it is read and checked, and how an edit or a new service is saved
(audited). Edits go live at once; a new service is 'pending' until the coordinator approves it (approvals.py)."""

import re
import uuid

from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.details import GroupOffer
from waitinfo.catalogue.models import (
    COST_KINDS,
    SERVICE_KINDS,
    WAIT_KINDS,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceNeed,
)
from waitinfo.core.urls import url_problem
from waitinfo.imports.hours import parse_opening_hours
from waitinfo.portal import validation
from waitinfo.portal.offer_choices import choices
from waitinfo.portal.validation import FormResult

SERVICE_TEXT = (
    "name",
    "description",
    "eligibility_description",
    "referral_description",
    "cost_description",
    "how_to_register",
    "url",
    "email",
    "phone",
)
SERVICE_FLAGS = ("referral_required", "online_possible", "suitable_while_waiting")
# The service's own columns, as the form sets them.
SERVICE_COLUMNS = (*SERVICE_TEXT, *SERVICE_FLAGS, "kind", "domain", "wait_kind", "cost", "minimum_age", "maximum_age")
# Everything service_state() shows: the audit's old and new side.
SERVICE_AUDIT = (
    *SERVICE_COLUMNS,
    "status",
    "needs",
    "areas",
    "locations",
    "opening_hours",
    "places_total",
    "places_free",
)


def service_state(session: Session, svc: Service) -> dict:
    """Everything the service form shows, as plain values (also the audit 'old' side)."""
    data = {k: getattr(svc, k) for k in (*SERVICE_COLUMNS, "status")}
    data["needs"] = sorted(
        str(t) for t in session.exec(select(ServiceNeed.taxonomy_term_id).where(ServiceNeed.service_id == svc.id))
    )
    data["areas"] = sorted(session.exec(select(ServiceArea.municipality_code).where(ServiceArea.service_id == svc.id)))
    data["locations"] = sorted(
        str(x)
        for x in session.exec(select(ServiceAtLocation.location_id).where(ServiceAtLocation.service_id == svc.id))
    )
    data["opening_hours"] = _hours_text(session, svc)
    group = session.get(GroupOffer, svc.id)
    data["places_total"] = group.places_total if group else None
    data["places_free"] = group.places_free if group else None
    return data


def _hours_text(session: Session, svc: Service) -> str:
    row = session.exec(select(Schedule).where(Schedule.service_id == svc.id).order_by(Schedule.byday)).first()
    if row is None:
        return ""
    if row.description:
        return row.description
    return "; ".join(
        f"{s.byday} {s.opens_at:%H:%M}-{s.closes_at:%H:%M}"
        for s in session.exec(select(Schedule).where(Schedule.service_id == svc.id, Schedule.byday.is_not(None)))
    )


def _counts(values: dict, result: FormResult, form, keys: tuple[str, ...]) -> None:
    """Whole numbers from the form; a wrong one gets its error and keeps what was typed."""
    for k in keys:
        try:
            values[k] = validation.count(k, form.get(k))
        except validation.FieldError as exc:
            result.errors[k] = exc.message
            values[k] = form.get(k)


def parse_service_form(session: Session, org: Organization, form) -> FormResult:
    r = FormResult()
    v = r.values
    for k in SERVICE_TEXT:
        v[k] = (form.get(k) or "").strip() or ("" if k not in ("url", "email", "phone") else None)
    if not v["name"]:
        r.errors["name"] = "Vul de naam van de dienst in."
    elif len(v["name"]) > 250:
        r.errors["name"] = "De naam is te lang (ten hoogste 250 tekens)."
    if v["email"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", v["email"]):
        r.errors["email"] = f"'{v['email']}' is geen geldig e-mailadres."
    if url_problem(v["url"]):
        r.errors["url"] = url_problem(v["url"])
    for k in SERVICE_FLAGS:
        v[k] = form.get(k) in ("on", "1", "ja", "true")
    for k, allowed in (("kind", SERVICE_KINDS), ("wait_kind", WAIT_KINDS), ("cost", COST_KINDS)):
        v[k] = form.get(k) or ""
        if v[k] not in allowed:
            r.errors[k] = "Kies een waarde uit de lijst."
    v["domain"] = "social" if v.get("wait_kind") == "social" or form.get("domain") == "social" else "ggz"
    _counts(v, r, form, ("minimum_age", "maximum_age"))
    if (
        isinstance(v.get("minimum_age"), int)
        and isinstance(v.get("maximum_age"), int)
        and v["maximum_age"] < v["minimum_age"]
    ):
        r.errors["maximum_age"] = "De maximumleeftijd is lager dan de minimumleeftijd."
    known = choices(session, org)
    need_ids = {str(t.id) for t in known["needs"]}
    v["needs"] = sorted(x for x in form.getlist("needs") if x in need_ids)
    codes = {m.code for m in known["municipalities"]}
    v["areas"] = sorted(x for x in form.getlist("areas") if x in codes)
    own_locs = {str(loc.id) for loc in known["locations"]}
    v["locations"] = sorted(x for x in form.getlist("locations") if x in own_locs)
    v["opening_hours"] = (form.get("opening_hours") or "").strip()
    _counts(v, r, form, ("places_total", "places_free"))
    if (
        isinstance(v.get("places_free"), int)
        and isinstance(v.get("places_total"), int)
        and v["places_free"] > v["places_total"]
    ):
        r.errors["places_free"] = "Er kunnen niet meer vrije plaatsen zijn dan plaatsen in totaal."
    return r


def _apply_service(session: Session, svc: Service, v: dict) -> None:
    for k in SERVICE_COLUMNS:
        setattr(svc, k, v[k])
    session.add(svc)
    session.flush()
    _sync(
        session,
        ServiceNeed,
        ServiceNeed.taxonomy_term_id,
        svc.id,
        {uuid.UUID(x) for x in v["needs"]},
        lambda x: ServiceNeed(service_id=svc.id, taxonomy_term_id=x),
    )
    _sync(
        session,
        ServiceArea,
        ServiceArea.municipality_code,
        svc.id,
        set(v["areas"]),
        lambda x: ServiceArea(service_id=svc.id, municipality_code=x),
    )
    _sync(
        session,
        ServiceAtLocation,
        ServiceAtLocation.location_id,
        svc.id,
        {uuid.UUID(x) for x in v["locations"]},
        lambda x: ServiceAtLocation(service_id=svc.id, location_id=x),
    )
    if v["opening_hours"] != _hours_text(session, svc):
        # Same shape as the import pipeline: weekly slots when the text is unambiguous, else the text itself.
        for row in session.exec(select(Schedule).where(Schedule.service_id == svc.id)).all():
            session.delete(row)
        session.flush()
        slots = parse_opening_hours(v["opening_hours"])
        for slot in slots or []:
            session.add(
                Schedule(
                    service_id=svc.id,
                    freq="WEEKLY",
                    byday=slot["byday"],
                    opens_at=slot["opens_at"],
                    closes_at=slot["closes_at"],
                    description=v["opening_hours"],
                )
            )
        if v["opening_hours"] and not slots:
            session.add(Schedule(service_id=svc.id, freq=None, description=v["opening_hours"]))
    group = session.get(GroupOffer, svc.id)
    if svc.kind == "group_offer" and (group or v["places_total"] is not None or v["places_free"] is not None):
        group = group or GroupOffer(
            service_id=svc.id, domain_type="ggz" if svc.domain == "ggz" else "social_work_welfare"
        )
        group.places_total, group.places_free = v["places_total"], v["places_free"]
        session.add(group)
    session.flush()


def _sync(session, model, column, service_id, wanted: set, make) -> None:
    rows = session.exec(select(model).where(model.service_id == service_id)).all()
    have = {getattr(row, column.key): row for row in rows}
    for key, row in have.items():
        if key not in wanted:
            session.delete(row)
    for key in wanted - set(have):
        session.add(make(key))


def update_service(session: Session, svc: Service, org: Organization, v: dict, *, user: User) -> None:
    """Edits of an existing service go live at once (audited old -> new)."""
    old = service_state(session, svc)
    _apply_service(session, svc, v)
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="update",
        entity_type="service",
        entity_id=svc.id,
        old=old,
        new=service_state(session, svc),
        organization_id=org.id,
        user_id=user.id,
    )


def propose_service(session: Session, org: Organization, v: dict, *, user: User) -> Service:
    """A new service waits for the coordinator ('pending'), unless the coordinator adds it."""
    svc = Service(organization_id=org.id, name=v["name"], status="active" if user.role == "coordinator" else "pending")
    session.add(svc)
    session.flush()
    _apply_service(session, svc, v)
    audit.record(
        session,
        actor=f"user:{user.email}",
        action="propose" if svc.status == "pending" else "create",
        entity_type="service",
        entity_id=svc.id,
        new=service_state(session, svc),
        organization_id=org.id,
        user_id=user.id,
    )
    return svc
