"""KPI 33 (current information on waits): the share of reporting units with a current figure, per provider and
for the region, with the list of who is missing; offer confirmations counted apart from wait figures."""

from collections import defaultdict
from datetime import date

from sqlalchemy import false, select
from sqlmodel import Session

from waitinfo.catalogue.models import Organization, Service
from waitinfo.region import reporting
from waitinfo.waits import rules

KPI33_TARGET_PCT = 100.0  # live at all participating ggz institutions: every unit current


def pct(a: int, b: int) -> float | None:
    return round(a / b * 100, 1) if b else None


def kpi33_figures(session: Session, today: date) -> dict:
    """Everything KPI 33 reports (the page, the export and the tests read the same)."""
    units = reporting.units(session, today, kpi33_only=True)
    cycle = rules.cycle(today)
    by_org: dict = defaultdict(list)
    for u in units:
        by_org[(u.organization, u.organization_id)].append(u)
    orgs = session.execute(
        select(Organization.name, Organization.id)
        .where(
            Organization.participates_kpi33.is_(True),
            rules.sa(rules.ORGANIZATION_PUBLISHED, organization_status=Organization.status),
        )
        .order_by(Organization.name)
    ).all()
    services = session.execute(
        select(Service.organization_id, Service.assured_date, Service.wait_kind).where(
            Service.organization_id.in_([o.id for o in orgs]) if orgs else false(),
            Service.status == "active",  # listed: the organisation is published (above)
        )
    ).all()
    offers: dict = defaultdict(lambda: [0, 0])
    for org_id, assured, _ in services:
        offers[org_id][0] += 1
        offers[org_id][1] += rules.confirmation_current(assured, today)
    rows, missing = [], []
    for name, org_id in orgs:
        mine = by_org.get((name, org_id), [])
        current = [u for u in mine if u.reported(today)]
        for u in mine:
            if not u.reported(today):
                last = u.current.month if u.current else None
                missing.append([name, u.service, u.location, u.diagnosis, last])
        n_offers, n_confirmed = offers[org_id]
        rows.append(
            [
                name,
                len(mine),
                len(current),
                pct(len(current), len(mine)),
                "ja" if mine and len(current) == len(mine) else "nee",
                n_offers,
                n_confirmed,
                pct(n_confirmed, n_offers),
            ]
        )
    total = sum(r[1] for r in rows)
    up = sum(r[2] for r in rows)
    return {
        "rows": rows,
        "missing": missing,
        "units": total,
        "current": up,
        "share": pct(up, total),
        "providers": len(rows),
        "providers_current": sum(1 for r in rows if r[4] == "ja"),
        "fresh_from": cycle.fresh_from,
    }


HEADER = [
    "Aanbieder",
    "Eenheden (vestiging x hoofddiagnosegroep)",
    "Met actueel cijfer",
    "Aandeel actueel (%)",
    "Alle eenheden actueel",
    "Actief aanbod",
    "Aanbod bevestigd deze cyclus",
    "Aandeel bevestigd (%)",
]
MISSING_HEADER = ["Aanbieder", "Aanbod", "Vestiging", "Hoofddiagnosegroep", "Laatste cijfer over"]
