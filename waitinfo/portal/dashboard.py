"""The provider's dashboard: freshness per service and location, what is due this month, recent import runs."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from waitinfo.catalogue.models import Organization, Service
from waitinfo.core.clock import month_start
from waitinfo.imports.models import ImportRowError, ImportRun
from waitinfo.portal.monthly import month_rows
from waitinfo.waits.models import InsurerContract, IntakeStop
from waitinfo.waits.rules import figure_freshness
from waitinfo.waits.treeknorm import FRESHNESS_LABELS, Freshness, freshness

COLOURS = {Freshness.FRESH: "green", Freshness.STALE: "amber", Freshness.HIDDEN: "red", Freshness.NONE: "red"}


@dataclass
class Light:
    colour: str  # green, amber, red
    label: str
    since: date | None


def light(last_confirmed: date | None, today: date) -> Light:
    """An offer confirmation's light (by its age)."""
    f = freshness(last_confirmed, today)
    return Light(COLOURS[f], FRESHNESS_LABELS[f], last_confirmed)


def figure_light(month: date | None, reference_date: date | None, today: date) -> Light:
    """A wait figure's light: by the delivery cycle (waitinfo.waits.rules), as every page judges it."""
    f = figure_freshness(month, today)
    return Light(COLOURS[f], FRESHNESS_LABELS[f], reference_date or month)


def dashboard(session: Session, org: Organization, today: date) -> dict:
    services = session.exec(
        select(Service).where(Service.organization_id == org.id, Service.status != "defunct").order_by(Service.name)
    ).all()
    rows = month_rows(session, org, today)
    wait_lights = []
    for row in rows:
        obs = row.current or row.previous
        wait_lights.append((row, figure_light(obs.month if obs else None, obs.reference_date if obs else None, today)))
    service_lights = [(s, light(s.assured_date, today)) for s in services]
    this_month = month_start(today)
    due = []
    open_rows = [r for r in rows if not r.done]
    if open_rows:
        due.append(
            ("maand", f"Wachttijden van deze maand invullen of bevestigen ({len(open_rows)} van {len(rows)} nog open).")
        )
    unconfirmed = [
        s for s in services if s.status == "active" and (s.assured_date is None or s.assured_date < this_month)
    ]
    if unconfirmed:
        due.append(
            (
                "aanbod",
                f"Aanbod controleren en bevestigen ({len(unconfirmed)} dienst(en) deze maand nog niet bevestigd).",
            )
        )
    contracts = session.exec(
        select(InsurerContract).where(InsurerContract.organization_id == org.id, InsurerContract.year == today.year)
    ).all()
    if org.kind in ("specialist_ggz", "basic_ggz", "independent_practice", "addiction_care") and not contracts:
        due.append(("profiel", f"Contracten met zorgverzekeraars voor {today.year} doorgeven."))
    service_ids = [s.id for s in services]
    stops = (
        session.exec(
            select(IntakeStop)
            .where(IntakeStop.service_id.in_(service_ids or [None]))
            .order_by(IntakeStop.starts_on.desc())
        ).all()
        if service_ids
        else []
    )
    lapsed = [s for s in stops if s.ends_on and s.ends_on < today]
    active_stops = [s for s in stops if s.starts_on <= today and (s.ends_on is None or s.ends_on >= today)]
    return {
        "services": service_lights,
        "waits": wait_lights,
        "due": due,
        "runs": recent_runs(session, org),
        "active_stops": active_stops,
        "lapsed_stops": lapsed,
        "pending": [s for s in services if s.status == "pending"],
    }


def recent_runs(session: Session, org: Organization, limit: int = 5) -> list[tuple[ImportRun, list[ImportRowError]]]:
    runs = session.exec(
        select(ImportRun).where(ImportRun.organization_id == org.id).order_by(ImportRun.started_at.desc()).limit(limit)
    ).all()
    out = []
    for run in runs:
        errors = session.exec(
            select(ImportRowError)
            .where(ImportRowError.import_run_id == run.id)
            .order_by(ImportRowError.line)
            .limit(200)
        ).all()
        out.append((run, list(errors)))
    return out
