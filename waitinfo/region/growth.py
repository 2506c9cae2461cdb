"""Capacity growth of the support-point network (KPI 38): points, opening hours and visitors against the baseline."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.catalogue.details import SUPPORT_POINT_TYPES, SupportPointMonth
from waitinfo.core.clock import add_months, month_start
from waitinfo.region.common import POINT_TYPE_LABELS, point_open_on, support_points
from waitinfo.region.models import KpiBaseline

# The programme's baseline (start of Mentaal Gezond Twente) and its aims: the programme's own numbers, shown
# next to the register's (the stored baseline snapshot, KpiBaseline), never instead of them.
BASELINE_MONTH = date(2025, 7, 1)
BASELINE_POINTS = {"recovery_centre": 4, "walk_in": 7}
PLAN_POINTS = {"recovery_centre": 7, "walk_in": 14}
TARGET_GROWTH_PCT = 10.0
CORE_TYPES = ("recovery_centre", "walk_in")


def register_on(session: Session, on: date) -> dict:
    """What the support-point register holds on a date: open points per type, opening hours per week and
    visitors per month of that month's figures (None when no point reported them)."""
    points = {p.service_id: p for p in support_points(session, include_closed=True)}
    open_points = [p for p in points.values() if point_open_on(p, on)]
    counts = {t: sum(1 for p in open_points if p.point_type == t) for t in SUPPORT_POINT_TYPES}
    rows = (
        list(
            session.execute(
                select(SupportPointMonth).where(
                    SupportPointMonth.service_id.in_([p.service_id for p in open_points]),
                    SupportPointMonth.month == month_start(on),
                )
            ).scalars()
        )
        if open_points
        else []
    )
    hours = [float(r.hours_per_week) for r in rows if r.hours_per_week is not None]
    visitors = [r.visitors for r in rows if r.visitors is not None]
    return {
        "points": counts,
        "hours_per_week": round(sum(hours), 1) if hours else None,
        "visitors_per_month": sum(visitors) if visitors else None,
    }


def stored_baseline(session: Session, on: date = BASELINE_MONTH) -> KpiBaseline | None:
    return session.execute(select(KpiBaseline).where(KpiBaseline.baseline_date == on)).scalar_one_or_none()


def take_baseline(session: Session, on: date = BASELINE_MONTH, note: str = "") -> KpiBaseline:
    """Store (or replace) the register's snapshot on the baseline date; the caller's transaction commits."""
    data = register_on(session, on)
    row = stored_baseline(session, on) or KpiBaseline(baseline_date=on)
    row.points, row.hours_per_week = data["points"], data["hours_per_week"]
    row.visitors_per_month = data["visitors_per_month"]
    row.note = note or "vastgelegd uit het register"
    session.add(row)
    session.flush()
    return row


def baseline(session: Session, on: date = BASELINE_MONTH) -> tuple[dict, bool]:
    """The register's baseline ({points, hours_per_week, visitors_per_month}) and whether it is the stored
    snapshot (True) or, none being stored yet, computed from today's register (False)."""
    row = stored_baseline(session, on)
    if row is not None:
        return {
            "points": dict(row.points),
            "hours_per_week": row.hours_per_week,
            "visitors_per_month": row.visitors_per_month,
        }, True
    return register_on(session, on), False


@dataclass
class Measure:
    label: str
    baseline: float | None
    baseline_note: str
    current: float | None
    current_note: str

    @property
    def growth_pct(self) -> float | None:
        if self.baseline in (None, 0) or self.current is None:
            return None
        return round((self.current - self.baseline) / self.baseline * 100, 1)

    @property
    def target(self) -> float | None:
        return None if self.baseline is None else round(self.baseline * (1 + TARGET_GROWTH_PCT / 100), 1)

    @property
    def target_met(self) -> bool | None:
        g = self.growth_pct
        return None if g is None else g >= TARGET_GROWTH_PCT


def growth(session: Session, today: date, municipality: str | None = None) -> dict:
    """Monthly series from the baseline month to now, and the baseline-vs-now measures."""
    points = support_points(session, include_closed=True)
    if municipality:
        points = [p for p in points if p.municipality_code == municipality]
    # A service with several sites is one point for Twente, one per municipality in a municipality view.
    by_service = {p.service_id: p for p in points}
    months = []
    m = BASELINE_MONTH
    while m <= month_start(today):
        months.append(m)
        m = add_months(m, 1)
    ids = set(by_service)
    figures: dict = defaultdict(dict)
    if ids:
        q = select(SupportPointMonth).where(
            SupportPointMonth.service_id.in_(ids), SupportPointMonth.month >= BASELINE_MONTH
        )
        for r in session.execute(q).scalars():
            figures[r.month][r.service_id] = r
    series = []
    for mo in months:
        on = min(add_months(mo, 1) - timedelta(days=1), today)
        open_points = [p for p in by_service.values() if point_open_on(p, on)]
        counts = {t: sum(1 for p in open_points if p.point_type == t) for t in SUPPORT_POINT_TYPES}
        month_rows = figures.get(mo, {})
        hours = [float(r.hours_per_week) for r in month_rows.values() if r.hours_per_week is not None]
        visitors = [r.visitors for r in month_rows.values() if r.visitors is not None]
        series.append(
            {
                "month": mo,
                "counts": counts,
                "total": len(open_points),
                "core": counts["recovery_centre"] + counts["walk_in"],
                "hours": round(sum(hours), 1) if hours else None,
                "visitors": sum(visitors) if visitors else None,
            }
        )
    first = series[0] if series else None
    last = series[-1] if series else None
    with_hours = [s for s in series if s["hours"] is not None]
    with_visitors = [s for s in series if s["visitors"] is not None]
    base_hours = first["hours"] if first else None
    base_visitors = first["visitors"] if first else None
    if municipality:
        base_core = float(first["core"]) if first else None
        base_note = f"gemeten in {BASELINE_MONTH:%m-%Y}"
    else:
        base, stored = baseline(session)
        base_core = float(sum(base["points"].get(t, 0) for t in CORE_TYPES))
        base_hours, base_visitors = base["hours_per_week"], base["visitors_per_month"]
        base_note = (
            f"register op {BASELINE_MONTH:%d-%m-%Y}"
            + (" (vastgelegde nulmeting)" if stored else " (nog niet vastgelegd: berekend uit het register)")
            + f"; programma: {BASELINE_POINTS['recovery_centre']} herstelcentra en {BASELINE_POINTS['walk_in']} "
            "inloophuizen"
        )
    measures = [
        Measure(
            "Herstelcentra en inloophuizen",
            base_core,
            base_note,
            float(last["core"]) if last else None,
            f"op {today:%d-%m-%Y}",
        ),
        Measure(
            "Openingsuren per week (alle steunpunten)",
            base_hours,
            f"{BASELINE_MONTH:%m-%Y}",
            with_hours[-1]["hours"] if with_hours else None,
            f"{with_hours[-1]['month']:%m-%Y}" if with_hours else "geen gegevens",
        ),
        Measure(
            "Bezoekers per maand (alle steunpunten)",
            float(base_visitors) if base_visitors is not None else None,
            f"{BASELINE_MONTH:%m-%Y}",
            float(with_visitors[-1]["visitors"]) if with_visitors else None,
            f"{with_visitors[-1]['month']:%m-%Y}" if with_visitors else "geen gegevens",
        ),
    ]
    return {
        "series": series,
        "measures": measures,
        "counts_now": last["counts"] if last else {},
        "type_labels": POINT_TYPE_LABELS,
        "baseline_points": BASELINE_POINTS,
        "plan_points": PLAN_POINTS,
        "baseline_month": BASELINE_MONTH,
        "target_pct": TARGET_GROWTH_PCT,
    }


EXPORT_HEADER = (
    ["Maand"]
    + [POINT_TYPE_LABELS[t] for t in SUPPORT_POINT_TYPES]
    + ["Totaal steunpunten", "Openingsuren per week", "Bezoekers per maand"]
)


def export_rows(data: dict) -> list[list]:
    return [
        [s["month"].strftime("%Y-%m")]
        + [s["counts"][t] for t in SUPPORT_POINT_TYPES]
        + [s["total"], s["hours"], s["visitors"]]
        for s in data["series"]
    ]
