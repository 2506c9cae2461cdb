"""The monthly update: this month's waits per location (and diagnosis group), prefilled with last month."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from waitinfo.accounts import audit
from waitinfo.accounts.models import User
from waitinfo.catalogue.models import Location, Organization, Service, ServiceAtLocation, TaxonomyTerm
from waitinfo.core.clock import month_start
from waitinfo.portal import validation
from waitinfo.waits.models import WaitTime

REPORTING_STATUSES = ("active", "pending")
WAIT_FIELDS = (
    "registration_weeks",
    "treatment_weeks",
    "waiting_count",
    "method",
    "reference_date",
    "registration_text",
    "treatment_text",
    "intake_within_norm",
    "intake_outside_norm",
)
GGZ_WAIT_KINDS = ("ggz_specialist", "ggz_basic")
COUNT_FIELDS = {"waiting": "waiting_count", "within": "intake_within_norm", "outside": "intake_outside_norm"}


@dataclass
class MonthRow:
    key: str
    sal_id: uuid.UUID
    diagnosis_group_id: uuid.UUID | None
    service: Service
    location: Location
    diagnosis_name: str | None
    previous: WaitTime | None  # newest observation before this month
    current: WaitTime | None  # this month's observation, when already given
    values: dict = field(default_factory=dict)  # what the form shows (typed text is kept)
    errors: dict = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.current is not None


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return (f"{v.normalize():f}").replace(".", ",")
    return str(v)


def row_key(sal_id: uuid.UUID, group_id: uuid.UUID | None) -> str:
    return f"{sal_id}_{group_id or 'alle'}"


def month_rows(session: Session, org: Organization, today: date) -> list[MonthRow]:
    """One row per service at location (per diagnosis group it reports), sorted by location and service."""
    this_month = month_start(today)
    pairs = session.exec(
        select(ServiceAtLocation, Service, Location)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(Service.organization_id == org.id, Service.status.in_(REPORTING_STATUSES), Service.wait_kind != "none")
        .order_by(Location.name, Service.name)
    ).all()
    if not pairs:
        return []
    sal_ids = [sal.id for sal, _, _ in pairs]
    waits = (
        session.execute(
            sa_select(WaitTime).where(WaitTime.service_at_location_id.in_(sal_ids)).order_by(WaitTime.month.desc())
        )
        .scalars()
        .all()
    )
    by_key: dict[tuple, list[WaitTime]] = {}
    for w in waits:
        by_key.setdefault((w.service_at_location_id, w.diagnosis_group_id), []).append(w)
    group_ids = {g for _, g in by_key if g}
    names = (
        {t.id: t.name for t in session.exec(select(TaxonomyTerm).where(TaxonomyTerm.id.in_(group_ids)))}
        if group_ids
        else {}
    )
    rows = []
    for sal, svc, loc in pairs:
        groups = sorted({g for s, g in by_key if s == sal.id}, key=lambda g: (g is not None, names.get(g, "")))
        for group in groups or [None]:
            history = by_key.get((sal.id, group), [])
            current = next((w for w in history if w.month == this_month), None)
            previous = next((w for w in history if w.month < this_month), None)
            shown = current or previous
            rows.append(
                MonthRow(
                    key=row_key(sal.id, group),
                    sal_id=sal.id,
                    diagnosis_group_id=group,
                    service=svc,
                    location=loc,
                    diagnosis_name=names.get(group) if group else None,
                    previous=previous,
                    current=current,
                    values={
                        "registration": shown.registration_text or _text(shown.registration_weeks) if shown else "",
                        "treatment": shown.treatment_text or _text(shown.treatment_weeks) if shown else "",
                        **{name: _text(getattr(shown, col)) if shown else "" for name, col in COUNT_FIELDS.items()},
                    },
                )
            )
    return rows


@dataclass
class MonthResult:
    saved: int = 0
    errors: int = 0
    form_errors: dict = field(default_factory=dict)


def save_month(
    session: Session, org: Organization, rows: list[MonthRow], form: dict, *, user: User, today: date
) -> MonthResult:
    """Validate every row first; store nothing when any field is wrong (the form comes back with the typed values)."""
    result = MonthResult()
    try:
        wait_method = validation.method("method", form.get("method"), org.default_wait_method or "unknown")
    except validation.FieldError as exc:
        result.form_errors["method"] = exc.message
        wait_method = org.default_wait_method or "unknown"
    try:
        ref = validation.day("reference_date", form.get("reference_date"), required=True, label="peildatum")
        if ref and ref > today:
            raise validation.FieldError("reference_date", "De peildatum kan niet in de toekomst liggen.")
    except validation.FieldError as exc:
        result.form_errors["reference_date"] = exc.message
        ref = None
    parsed = {}
    for row in rows:
        typed = {
            name: (form.get(f"{name}_{row.key}") or "").strip() for name in ("registration", "treatment", *COUNT_FIELDS)
        }
        row.values = typed
        try:
            reg, reg_text = validation.weeks("registration", typed["registration"])
        except validation.FieldError as exc:
            row.errors["registration"] = exc.message
        try:
            treat, treat_text = validation.weeks("treatment", typed["treatment"])
        except validation.FieldError as exc:
            row.errors["treatment"] = exc.message
        counts = {}
        for name, col in COUNT_FIELDS.items():
            try:
                counts[col] = validation.count(name, typed[name])
            except validation.FieldError as exc:
                row.errors[name] = exc.message
        if row.errors:
            result.errors += len(row.errors)
            continue
        if reg is None and treat is None and not (reg_text or treat_text) and all(v is None for v in counts.values()):
            continue  # nothing reported for this row: never stored as zero
        parsed[row.key] = (row, reg, treat, counts, (reg_text, treat_text))
    if result.errors or result.form_errors:
        result.errors += len(result.form_errors)
        return result
    this_month = month_start(today)
    touched_services = set()
    for row, reg, treat, counts, (reg_text, treat_text) in parsed.values():
        values = {
            "registration_weeks": reg,
            "treatment_weeks": treat,
            **counts,
            "method": wait_method,
            "reference_date": ref,
            "registration_text": reg_text,
            "treatment_text": treat_text,
        }
        _write(session, row, this_month, values, user=user, org=org, action=None)
        touched_services.add(row.service.id)
        result.saved += 1
    _assure(session, org, touched_services, user=user, today=today)
    return result


def _write(
    session: Session, row: MonthRow, month: date, values: dict, *, user: User, org: Organization, action: str | None
) -> WaitTime:
    obs = row.current
    actor = f"user:{user.email}"
    if obs is None:
        obs = WaitTime(
            service_at_location_id=row.sal_id, month=month, diagnosis_group_id=row.diagnosis_group_id, **values
        )
        session.add(obs)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action=action or "create",
            entity_type="wait_time",
            entity_id=obs.id,
            new=audit.snapshot(obs, ("service_at_location_id", "month", "diagnosis_group_id", *WAIT_FIELDS)),
            organization_id=org.id,
            user_id=user.id,
        )
    else:
        old = audit.snapshot(obs, WAIT_FIELDS)
        for k, v in values.items():
            setattr(obs, k, v)
        session.add(obs)
        audit.record(
            session,
            actor=actor,
            action="update",
            entity_type="wait_time",
            entity_id=obs.id,
            old=old,
            new=audit.snapshot(obs, WAIT_FIELDS),
            organization_id=org.id,
            user_id=user.id,
        )
    row.current = obs
    return obs


def _assure(session: Session, org: Organization, service_ids, *, user: User, today: date) -> None:
    for sid in service_ids:
        svc = session.get(Service, sid)
        if svc.assured_date == today:
            continue
        old = {"assured_date": svc.assured_date}
        svc.assured_date = today
        session.add(svc)
        audit.record(
            session,
            actor=f"user:{user.email}",
            action="confirm",
            entity_type="service",
            entity_id=svc.id,
            old=old,
            new={"assured_date": today},
            organization_id=org.id,
            user_id=user.id,
            only_changes=False,
        )


def confirm_unchanged(session: Session, org: Organization, rows: list[MonthRow], *, user: User, today: date) -> int:
    """'Niets veranderd': copy last month's figures as this month's, dated today, and confirm every service."""
    this_month = month_start(today)
    copied = 0
    for row in rows:
        if row.current is not None or row.previous is None:
            continue
        p = row.previous
        values = {
            "registration_weeks": p.registration_weeks,
            "treatment_weeks": p.treatment_weeks,
            "waiting_count": p.waiting_count,
            "method": p.method,
            "reference_date": today,
            "registration_text": p.registration_text,
            "treatment_text": p.treatment_text,
            "intake_within_norm": p.intake_within_norm,
            "intake_outside_norm": p.intake_outside_norm,
        }
        _write(session, row, this_month, values, user=user, org=org, action="confirm")
        copied += 1
    services = session.exec(
        select(Service.id).where(Service.organization_id == org.id, Service.status.in_(REPORTING_STATUSES))
    ).all()
    _assure(session, org, services, user=user, today=today)
    return copied
