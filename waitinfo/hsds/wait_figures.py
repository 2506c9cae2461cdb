"""The wait-time API's rows: published wait figures with their method, reference date, kind and definition."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from waitinfo.catalogue.models import Location, Organization, Service, TaxonomyTerm
from waitinfo.hsds.facts import definition_for
from waitinfo.hsds.repository import service_public
from waitinfo.reference.ids import DIAGNOSIS_TAXONOMY, stable_uuid
from waitinfo.reference.models import Municipality, Subregion
from waitinfo.waits import rules
from waitinfo.waits.models import WaitTime
from waitinfo.waits.repository import current_figure_ids, join_wait_context
from waitinfo.waits.treeknorm import JUDGEMENT_LABELS, METHOD_LABELS, WAIT_KIND_LABELS

MAX_ROWS = 100_000
COLUMNS = [
    "id",
    "month",
    "reference_date",
    "method",
    "method_label",
    "wait_kind",
    "wait_kind_label",
    "registration_weeks",
    "treatment_weeks",
    "registration_text",
    "treatment_text",
    "waiting_count",
    "intake_within_norm",
    "intake_outside_norm",
    "over_norm",
    "verdict",
    "verdict_label",
    "freshness",
    "due",
    "diagnosis_group",
    "diagnosis_group_name",
    "organization_id",
    "organization_name",
    "agb_code",
    "service_id",
    "service_name",
    "location_id",
    "location_name",
    "municipality_code",
    "municipality_name",
    "subregion",
    "service_at_location_id",
    "import_run_id",
    "updated_at",
    "definition",
]


@dataclass
class WaitFilters:
    municipality: str | None = None
    subregion: str | None = None
    provider: str | None = None  # organisation id or slug
    diagnosis_group: str | None = None  # code
    wait_kind: str | None = None
    month_from: date | None = None
    month_to: date | None = None

    def __post_init__(self):
        for name in ("municipality", "subregion", "provider", "diagnosis_group", "wait_kind"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, value.replace("\x00", ""))  # PostgreSQL text cannot hold NUL

    @property
    def latest_only(self) -> bool:
        return self.month_from is None and self.month_to is None


def _query(f: WaitFilters):
    group = aliased(TaxonomyTerm)
    q = join_wait_context(
        select(WaitTime, Service, Organization, Location, Municipality, Subregion, group), group
    ).where(service_public(), Service.wait_kind != "none")
    if f.municipality:
        q = q.where(Location.municipality_code == f.municipality)
    if f.subregion:
        q = q.where(Subregion.code == f.subregion)
    if f.provider:
        try:
            q = q.where(Organization.id == uuid.UUID(f.provider))
        except ValueError:
            q = q.where(Organization.slug == f.provider)
    if f.diagnosis_group:
        q = q.where(WaitTime.diagnosis_group_id == stable_uuid("term", DIAGNOSIS_TAXONOMY, f.diagnosis_group))
    if f.wait_kind:
        q = q.where(Service.wait_kind == f.wait_kind)
    if f.latest_only:  # the current figure per location and diagnosis group (the one definition)
        q = q.where(WaitTime.id.in_(current_figure_ids()))
    if f.month_from:
        q = q.where(WaitTime.month >= f.month_from)
    if f.month_to:
        q = q.where(WaitTime.month <= f.month_to)
    return q.order_by(Organization.name, Service.name, Location.name, WaitTime.month, WaitTime.id)


def rows(
    session: Session, f: WaitFilters, today: date, *, offset: int = 0, limit: int = MAX_ROWS
) -> tuple[list[dict], int]:
    q = _query(f)
    total = session.execute(select(func.count()).select_from(q.order_by(None).subquery())).scalar_one()
    result = session.execute(q.offset(offset).limit(limit)).all()
    return [_row(*r, today=today) for r in result], total


def _row(
    w: WaitTime,
    s: Service,
    org: Organization,
    loc: Location,
    m: Municipality | None,
    sub: Subregion | None,
    group: TaxonomyTerm | None,
    *,
    today: date,
) -> dict:
    v = rules.verdict(w.registration_weeks, w.treatment_weeks, s.wait_kind)
    return {
        "id": str(w.id),
        "month": f"{w.month:%Y-%m}",
        "reference_date": w.reference_date.isoformat() if w.reference_date else None,
        "method": w.method,
        "method_label": METHOD_LABELS.get(w.method, w.method),
        "wait_kind": s.wait_kind,
        "wait_kind_label": WAIT_KIND_LABELS.get(s.wait_kind, s.wait_kind),
        "registration_weeks": float(w.registration_weeks) if w.registration_weeks is not None else None,
        "treatment_weeks": float(w.treatment_weeks) if w.treatment_weeks is not None else None,
        "registration_lower_bound": bool(w.registration_lower_bound),
        "treatment_lower_bound": bool(w.treatment_lower_bound),
        "registration_text": w.registration_text,
        "treatment_text": w.treatment_text,
        "waiting_count": w.waiting_count,
        "intake_within_norm": w.intake_within_norm,
        "intake_outside_norm": w.intake_outside_norm,
        "over_norm": rules.over_norm(v),
        "verdict": v.value,
        "verdict_label": JUDGEMENT_LABELS[v],
        "freshness": rules.figure_freshness(w.month, today).value,
        "due": rules.due_text(w.month, today),
        "diagnosis_group": group.code if group else None,
        "diagnosis_group_name": group.name if group else None,
        "organization_id": str(org.id),
        "organization_name": org.name,
        "agb_code": org.agb_code,
        "service_id": str(s.id),
        "service_name": s.name,
        "location_id": str(loc.id),
        "location_name": loc.name,
        "municipality_code": loc.municipality_code,
        "municipality_name": m.name if m else None,
        "subregion": sub.code if sub else None,
        "service_at_location_id": str(w.service_at_location_id),
        "import_run_id": str(w.import_run_id) if w.import_run_id else None,
        "updated_at": w.updated_at.isoformat(),
        "definition": definition_for(s.wait_kind),
    }
