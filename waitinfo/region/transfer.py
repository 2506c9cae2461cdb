"""Transfer-table dashboard: aggregate ggz waits per subregion, provider and diagnosis group, with signals."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session

from waitinfo.catalogue.models import Organization, Service, ServiceAtLocation, TaxonomyTerm
from waitinfo.core.clock import add_months, month_start
from waitinfo.reference.models import Subregion
from waitinfo.region.common import GGZ_WAIT_KINDS, last_months
from waitinfo.waits.models import CapacityUnit, IntakeStop, ServiceCapacity, WaitTime
from waitinfo.waits.repository import join_wait_context
from waitinfo.waits.treeknorm import Freshness, freshness, verdict

TREND_MONTHS = 12
NO_SUBREGION = "Zonder subregio (online of zonder gemeente)"

SIGNAL_LABELS = {
    "over_norm": "Boven Treeknorm",
    "rising_3": "Wachttijd stijgt 3 maanden op rij",
    "waiting_rising": "Aantal wachtenden stijgt",
    "stale": "Gegevens verouderd",
    "intake_stop": "Aanmeldstop",
}
METHOD_SHORT = {"realised": "gerealiseerde wachttijd", "current": "actuele wachttijd (derde vrije plek)"}
SIGNAL_DEFINITIONS = {
    "over_norm": "De laatste aanmeld- of behandelwachttijd, of hun som, ligt boven de Treeknorm (4, 10 en 14 weken).",
    "rising_3": "De aanmeld- of behandelwachttijd is in elk van de laatste drie maanden gestegen ten opzichte van "
    "de maand ervoor (vier opeenvolgende maanden met cijfers).",
    "waiting_rising": "Het aantal wachtenden in de laatste maand is hoger dan in de maand ervoor.",
    "stale": "Het laatste cijfer is ouder dan een maand (peildatum, of de eerste dag van de maand als er geen "
    "peildatum is).",
    "intake_stop": "Voor dit aanbod of deze vestiging geldt vandaag een aanmeldstop.",
}


@dataclass
class MonthFigure:
    month: date
    registration: float | None = None
    treatment: float | None = None
    waiting: int | None = None


@dataclass
class StopInfo:
    starts_on: date
    ends_on: date | None
    reason: str
    service: str


@dataclass
class DashboardRow:
    subregion: str
    provider: str
    provider_id: uuid.UUID
    diagnosis: str
    latest: MonthFigure | None
    previous: MonthFigure | None
    reference_date: date | None
    series: list[MonthFigure]
    freshness: Freshness
    over_norm: bool
    signals: list[str] = field(default_factory=list)
    stops: list[StopInfo] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)  # measurement methods behind the latest figure

    @property
    def method_label(self) -> str:
        if not self.methods:
            return "methode onbekend"
        if len(self.methods) > 1:
            return "gemengd: gerealiseerd en actueel"
        return METHOD_SHORT.get(self.methods[0], self.methods[0])

    @property
    def total(self) -> float | None:
        if self.latest is None or self.latest.registration is None or self.latest.treatment is None:
            return None
        return round(self.latest.registration + self.latest.treatment, 1)

    def change(self, attr: str) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        a, b = getattr(self.latest, attr), getattr(self.previous, attr)
        if a is None or b is None:
            return None
        return round(a - b, 1)


@dataclass
class ProviderBlock:
    provider: str
    provider_id: uuid.UUID
    capacity: list[tuple[str, float, float | None]]  # unit, available, maximum
    stops: list[StopInfo]
    rows: list[DashboardRow]


@dataclass
class SubregionBlock:
    code: str
    name: str
    providers: list[ProviderBlock]

    @property
    def rows(self) -> list[DashboardRow]:
        return [r for p in self.providers for r in p.rows]

    def count(self, signal: str) -> int:
        return sum(1 for r in self.rows if signal in r.signals)

    @property
    def waiting(self) -> int | None:
        values = [r.latest.waiting for r in self.rows if r.latest and r.latest.waiting is not None]
        return sum(values) if values else None


def subregion_series(block: "SubregionBlock") -> list[MonthFigure]:
    """Per month over the subregion: mean registration and treatment wait of its rows, total number waiting."""
    rows = block.rows
    if not rows:
        return []
    out = []
    for i, month in enumerate(f.month for f in rows[0].series):
        figs = [r.series[i] for r in rows]
        counts = [f.waiting for f in figs if f.waiting is not None]
        out.append(
            MonthFigure(
                month,
                _mean([f.registration for f in figs]),
                _mean([f.treatment for f in figs]),
                sum(counts) if counts else None,
            )
        )
    return out


def _mean(values: list) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return round(sum(vals) / len(vals), 1) if vals else None


def rising_three_months(series: list[MonthFigure], attr: str) -> bool:
    """True when the last four consecutive months all have a figure and each rose against the one before."""
    known = {f.month: getattr(f, attr) for f in series if getattr(f, attr) is not None}
    if not known:
        return False
    last = max(known)
    months = [add_months(last, -k) for k in (3, 2, 1, 0)]
    if any(m not in known for m in months):
        return False
    vals = [known[m] for m in months]
    return all(b > a for a, b in zip(vals, vals[1:], strict=False))


def dashboard(
    session: Session, today: date, subregion_code: str | None = None, only_signals: bool = False
) -> list[SubregionBlock]:
    """Subregion blocks of provider blocks of rows per diagnosis group (ggz waits only; aggregate figures)."""
    window_start = add_months(month_start(today), -23)
    q = join_wait_context(
        select(
            WaitTime,
            ServiceAtLocation.service_id,
            Organization.id,
            Organization.name,
            Subregion.code,
            Subregion.name,
            TaxonomyTerm.name,
        )
    ).where(Service.wait_kind.in_(GGZ_WAIT_KINDS), Service.status == "active", WaitTime.month >= window_start)
    if subregion_code:
        q = q.where(Subregion.code == subregion_code)
    groups: dict = defaultdict(lambda: defaultdict(list))
    meta: dict = {}
    sals: dict = defaultdict(set)  # (subregion, org) -> {(service_id, sal_id)}
    for w, service_id, org_id, org_name, sub_code, sub_name, diag in session.execute(q).all():
        key = (sub_code or "", org_id, diag or "Geen hoofddiagnosegroep")
        groups[key][w.month].append(w)
        meta[key] = (sub_name or NO_SUBREGION, org_name)
        sals[(sub_code or "", org_id)].add((service_id, w.service_at_location_id))
    stops = _active_stops(session, today, {p for v in sals.values() for p in v})
    capacity = _capacity(session, sals)
    trend = last_months(today, TREND_MONTHS)
    rows_by_provider: dict = defaultdict(list)
    for key, by_month in groups.items():
        sub_name, org_name = meta[key]
        figures = {
            m: MonthFigure(
                m,
                _mean([w.registration_weeks for w in ws]),
                _mean([w.treatment_weeks for w in ws]),
                sum(w.waiting_count for w in ws if w.waiting_count is not None)
                if any(w.waiting_count is not None for w in ws)
                else None,
            )
            for m, ws in by_month.items()
        }
        latest_month = max(figures)
        latest = figures[latest_month]
        previous = figures.get(add_months(latest_month, -1))
        refs = [w.reference_date or w.month for w in by_month[latest_month]]
        ref = min(refs)  # the oldest part decides how fresh the aggregate is
        row_stops = [s for pair in sals[(key[0], key[1])] for s in stops.get(pair, [])]
        row = DashboardRow(
            subregion=sub_name,
            provider=org_name,
            provider_id=key[1],
            diagnosis=key[2],
            latest=latest,
            previous=previous,
            reference_date=ref,
            series=[figures.get(m, MonthFigure(m)) for m in trend],
            freshness=freshness(ref, today),
            over_norm=verdict(latest.registration, latest.treatment).over,
            stops=_unique(row_stops),
            methods=sorted({w.method for w in by_month[latest_month]}),
        )
        row.signals = signals_for(row, list(figures.values()))
        rows_by_provider[(key[0], sub_name, key[1], org_name)].append(row)
    blocks: dict[str, SubregionBlock] = {}
    # Subregions by name, providers by name; rows without a subregion (online services) last.
    ordered = sorted(rows_by_provider.items(), key=lambda kv: (kv[0][0] == "", kv[0][1], kv[0][3]))
    for (sub_code, sub_name, org_id, org_name), rows in ordered:
        if only_signals:
            rows = [r for r in rows if r.signals]
            if not rows:
                continue
        rows.sort(key=lambda r: r.diagnosis)
        block = blocks.setdefault(sub_code, SubregionBlock(sub_code, sub_name, []))
        block.providers.append(
            ProviderBlock(
                org_name,
                org_id,
                capacity.get((sub_code, org_id), []),
                _unique([s for r in rows for s in r.stops]),
                rows,
            )
        )
    return list(blocks.values())


def signals_for(row: DashboardRow, figures: list[MonthFigure]) -> list[str]:
    out = []
    if row.over_norm:
        out.append("over_norm")
    if rising_three_months(figures, "registration") or rising_three_months(figures, "treatment"):
        out.append("rising_3")
    if (
        row.latest
        and row.previous
        and row.latest.waiting is not None
        and row.previous.waiting is not None
        and row.latest.waiting > row.previous.waiting
    ):
        out.append("waiting_rising")
    if row.freshness in (Freshness.STALE, Freshness.HIDDEN):
        out.append("stale")
    if row.stops:
        out.append("intake_stop")
    return out


def _unique(stops: list[StopInfo]) -> list[StopInfo]:
    seen, out = set(), []
    for s in stops:
        k = (s.service, s.starts_on, s.ends_on, s.reason)
        if k not in seen:
            seen.add(k)
            out.append(s)
    return out


def _active_stops(session: Session, today: date, pairs: set) -> dict:
    """Intake stops in force today per (service_id, sal_id); a service-wide stop applies to all its locations."""
    if not pairs:
        return {}
    service_ids = {s for s, _ in pairs}
    q = (
        select(IntakeStop, Service.name)
        .join(Service, Service.id == IntakeStop.service_id)
        .where(
            IntakeStop.service_id.in_(service_ids),
            IntakeStop.starts_on <= today,
            or_(IntakeStop.ends_on.is_(None), IntakeStop.ends_on >= today),
        )
    )
    out: dict = defaultdict(list)
    for stop, name in session.execute(q).all():
        info = StopInfo(stop.starts_on, stop.ends_on, stop.reason, name)
        for service_id, sal_id in pairs:
            if service_id == stop.service_id and stop.service_at_location_id in (None, sal_id):
                out[(service_id, sal_id)].append(info)
    return out


def _capacity(session: Session, sals: dict) -> dict:
    """Summed capacity per (subregion, provider) and unit; location-level rows count once, service-wide once."""
    all_services = {s for v in sals.values() for s, _ in v}
    if not all_services:
        return {}
    q = (
        select(ServiceCapacity, CapacityUnit.name)
        .join(CapacityUnit, CapacityUnit.id == ServiceCapacity.unit_id)
        .where(ServiceCapacity.service_id.in_(all_services))
    )
    caps = session.execute(q).all()
    out = {}
    for key, pairs in sals.items():
        services = {s for s, _ in pairs}
        sal_ids = {sal for _, sal in pairs}
        totals: dict = {}
        for cap, unit in caps:
            if cap.service_id not in services:
                continue
            if cap.service_at_location_id is not None and cap.service_at_location_id not in sal_ids:
                continue
            avail, maximum = totals.get(unit, (0.0, None))
            avail += float(cap.available)
            if cap.maximum is not None:
                maximum = (maximum or 0.0) + float(cap.maximum)
            totals[unit] = (avail, maximum)
        out[key] = [(u, a, m) for u, (a, m) in sorted(totals.items())]
    return out


EXPORT_HEADER = [
    "Subregio",
    "Aanbieder",
    "Hoofddiagnosegroep",
    "Maand",
    "Peildatum",
    "Aanmeldwachttijd (weken)",
    "Behandelwachttijd (weken)",
    "Totaal (weken)",
    "Aantal wachtenden",
    "Verschil aanmeld t.o.v. vorige maand",
    "Verschil behandel t.o.v. vorige maand",
    "Verschil wachtenden t.o.v. vorige maand",
    "Capaciteit aanbieder in subregio",
    "Aanmeldstop",
    "Signalen",
    "Meetmethode",
]


def export_rows(blocks: list[SubregionBlock]) -> list[list]:
    out = []
    for b in blocks:
        for p in b.providers:
            cap = "; ".join(f"{_n(a)}{'/' + _n(m) if m is not None else ''} {u}" for u, a, m in p.capacity)
            for r in p.rows:
                lt = r.latest
                out.append(
                    [
                        b.name,
                        r.provider,
                        r.diagnosis,
                        lt.month.strftime("%Y-%m") if lt else "",
                        r.reference_date,
                        lt.registration if lt else None,
                        lt.treatment if lt else None,
                        r.total,
                        lt.waiting if lt else None,
                        r.change("registration"),
                        r.change("treatment"),
                        r.change("waiting"),
                        cap,
                        "; ".join(f"{s.service} vanaf {s.starts_on.isoformat()}" for s in r.stops),
                        ", ".join(SIGNAL_LABELS[s] for s in r.signals),
                        r.method_label,
                    ]
                )
    return out


def _n(v: float) -> str:
    return f"{v:g}".replace(".", ",")
