"""Monthly region snapshot (called by the scheduler): KPI figures, growth and transfer-table signals for a month."""

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from waitinfo.core.clock import month_start
from waitinfo.region import growth, kpi, transfer
from waitinfo.region.models import RegionSnapshot


def take_snapshot(session: Session, month: date) -> dict:
    """Compute the figures as of today for `month` and store them (one row per month, replaced when re-run).

    The caller owns the transaction (scheduler: session_scope()); nothing is committed here.
    """
    from waitinfo.core.clock import today

    month = month_start(month)
    day = today()
    kpis = kpi.all_kpis(session, day)
    blocks = transfer.dashboard(session, day)
    g = growth.growth(session, day)
    data = {
        "month": month.isoformat(),
        "taken_on": day.isoformat(),
        "kpis": {str(k.number): {"title": k.title, "headline": k.headline, "value": k.value, "unit": k.unit}
                 for k in kpis},
        "transfer": {
            b.code or "none": {"name": b.name, "rows": len(b.rows), "waiting": b.waiting,
                               **{s: b.count(s) for s in transfer.SIGNAL_LABELS}}
            for b in blocks
        },
        "growth": {"counts": g["counts_now"],
                   "measures": [{"label": m.label, "baseline": m.baseline, "current": m.current,
                                 "growth_pct": m.growth_pct} for m in g["measures"]]},
    }
    snap = session.execute(select(RegionSnapshot).where(RegionSnapshot.month == month)).scalar_one_or_none()
    if snap is None:
        snap = RegionSnapshot(month=month, data=data)
        session.add(snap)
    else:
        snap.data = data
    session.flush()
    return data
