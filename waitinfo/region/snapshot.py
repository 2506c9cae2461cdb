"""Monthly region snapshot (called by the scheduler): KPI figures, growth and transfer-table signals for a month."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.core.clock import add_months, month_start
from waitinfo.region import growth, kpi, transfer
from waitinfo.region.models import RegionSnapshot


def take_snapshot(session: Session, month: date) -> dict:
    """Compute the figures for `month` and store them (one row per month, replaced when re-run).

    Figures are taken as of the month's last day, or today when the month is not over yet (the scheduler runs
    early in the next month for the month before).

    The caller owns the transaction (scheduler: session_scope()); nothing is committed here.
    """
    from waitinfo.core.clock import today

    month = month_start(month)
    day = min(today(), add_months(month, 1) - timedelta(days=1))
    kpis = kpi.all_kpis(session, day)
    blocks = transfer.dashboard(session, day)
    g = growth.growth(session, day)
    data = {
        "month": month.isoformat(),
        "as_of": day.isoformat(),
        "taken_on": today().isoformat(),
        "kpis": {
            str(k.number): {
                "title": k.title,
                "headline": k.headline,
                "value": k.value,
                "unit": k.unit,
                "target": k.target,
                "met": k.met,
            }
            for k in kpis
        },
        "transfer": {
            b.code or "none": {
                "name": b.name,
                "rows": len(b.rows),
                "waiting": b.waiting,
                **{s: b.count(s) for s in transfer.SIGNAL_LABELS},
            }
            for b in blocks
        },
        "growth": {
            "counts": g["counts_now"],
            "measures": [
                {"label": m.label, "baseline": m.baseline, "current": m.current, "growth_pct": m.growth_pct}
                for m in g["measures"]
            ],
        },
    }
    snap = session.execute(select(RegionSnapshot).where(RegionSnapshot.month == month)).scalar_one_or_none()
    if snap is None:
        snap = RegionSnapshot(month=month, data=data)
        session.add(snap)
    else:
        snap.data = data
    session.flush()
    return data
