"""Transfer-table dashboard: ggz waits per subregion, provider (basis and specialist ggz apart), location and
diagnosis group, with signals.

Every service-at-location that should report has its rows (waitinfo.region.reporting), "niet gemeld" when it has
no figure for the latest month due; verdicts and freshness are the shared rules (waitinfo.waits.rules). Averages
over rows are weighted by the number waiting when every row has one, and say so.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from waitinfo.core.clock import add_months
from waitinfo.region import reporting
from waitinfo.region.common import last_months
from waitinfo.region.reporting import StopInfo
from waitinfo.region.reporting import active_stops as _active_stops
from waitinfo.region.reporting import capacity as _capacity
from waitinfo.region.reporting import unique_stops as _unique
from waitinfo.waits import rules
from waitinfo.waits.treeknorm import JUDGEMENT_LABELS, Freshness

TREND_MONTHS = 12
NO_SUBREGION = "Zonder subregio (online of zonder gemeente)"
CARE_ORDER = ("ggz_specialist", "ggz_basic")

SIGNAL_LABELS = {
    "over_norm": "Boven Treeknorm",
    "incomplete": "Onvolledig cijfer",
    "rising_3": "Wachttijd stijgt 3 maanden op rij",
    "waiting_rising": "Aantal wachtenden stijgt",
    "stale": "Niet gemeld (verouderd cijfer)",
    "not_reported": "Niet gemeld",
    "intake_stop": "Aanmeldstop",
}
METHOD_SHORT = {"realised": "gerealiseerde wachttijd", "current": "actuele wachttijd (derde vrije plek)"}
SIGNAL_DEFINITIONS = {
    "over_norm": "De laatste aanmeld- of behandelwachttijd, of hun som, ligt boven de Treeknorm (4, 10 en 14 weken).",
    "incomplete": "Van het laatste cijfer is de aanmeld- of de behandelwachttijd onbekend: er is geen totaal en het "
    "cijfer telt niet als binnen de Treeknorm.",
    "rising_3": "De aanmeld- of behandelwachttijd is in elk van de laatste drie maanden gestegen ten opzichte van "
    "de maand ervoor (vier opeenvolgende maanden met cijfers).",
    "waiting_rising": "Het aantal wachtenden op de peildatum is hoger dan in de maand ervoor.",
    "stale": "Er is geen cijfer over de laatst verwachte maand (cijfers over een maand zijn uiterlijk op de "
    "afgesproken dag van de maand erna verwacht); het laatste cijfer is ouder.",
    "not_reported": "Deze vestiging hoort ggz-wachttijden te melden, maar meldde in de afgelopen twee jaar niets.",
    "intake_stop": "Voor dit aanbod op deze vestiging geldt vandaag een aanmeldstop.",
}
WEIGHTED_NOTE = {
    True: "gewogen naar het aantal wachtenden",
    False: "ongewogen gemiddelde: niet van elke regel is het aantal wachtenden bekend",
}


@dataclass
class MonthFigure:
    month: date
    registration: float | None = None
    treatment: float | None = None
    waiting: int | None = None
    weighted: bool | None = None  # averages over rows: weighted by the number waiting (None: one row)


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
    stops: list[StopInfo] = field(default_factory=list)  # the stops of this row's service at this location
    methods: list[str] = field(default_factory=list)  # measurement method behind the latest figure
    service: str = ""
    location: str = ""
    sal_id: uuid.UUID | None = None
    diagnosis_group_id: uuid.UUID | None = None
    care: str = ""  # wait kind: ggz_specialist or ggz_basic
    verdict: str = rules.Verdict.UNKNOWN.value
    reported: bool = False  # a figure for the latest month due (or later)
    due_text: str | None = None

    @property
    def method_label(self) -> str:
        if not self.methods:
            return "methode onbekend"
        if len(self.methods) > 1:
            return "gemengd: gerealiseerd en actueel"
        return METHOD_SHORT.get(self.methods[0], self.methods[0])

    @property
    def verdict_label(self) -> str:
        return JUDGEMENT_LABELS[rules.Verdict(self.verdict)]

    @property
    def status_label(self) -> str:
        return "gemeld" if self.reported else "niet gemeld"

    @property
    def total(self) -> float | None:
        if self.latest is None or self.latest.registration is None or self.latest.treatment is None:
            return None  # never a total when a part is unknown
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
    stops: list[StopInfo]  # every stop on this provider's rows (each row names its own)
    rows: list[DashboardRow]
    care: str = ""  # ggz_specialist or ggz_basic: basis and specialist ggz are separate blocks

    @property
    def care_label(self) -> str:
        return reporting.CARE_LABELS.get(self.care, self.care)


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
        values = [r.latest.waiting for r in self.rows if r.reported and r.latest and r.latest.waiting is not None]
        return sum(values) if values else None

    @property
    def not_reported(self) -> int:
        return sum(1 for r in self.rows if not r.reported)


def weighted_mean(pairs: list[tuple]) -> tuple[float | None, bool | None]:
    """(mean, weighted) of (value, waiting count) pairs: weighted by the count when every value has one (and
    they add up to more than 0), else the plain mean; (None, None) without values."""
    known = [(float(v), c) for v, c in pairs if v is not None]
    if not known:
        return None, None
    if all(c is not None for _, c in known) and sum(c for _, c in known) > 0:
        return round(sum(v * c for v, c in known) / sum(c for _, c in known), 1), True
    return round(sum(v for v, _ in known) / len(known), 1), False


def subregion_series(block: "SubregionBlock", care: str | None = "ggz_specialist") -> list[MonthFigure]:
    """Per month over the subregion's rows of one kind of care (basis and specialist ggz are never averaged
    together; None: all rows): mean registration and treatment wait weighted by the number waiting where known
    (`weighted` says which), total number waiting."""
    rows = [r for r in block.rows if care is None or r.care == care]
    if not rows:
        return []
    out = []
    for i, month in enumerate(f.month for f in rows[0].series):
        figs = [r.series[i] for r in rows]
        counts = [f.waiting for f in figs if f.waiting is not None]
        reg, w1 = weighted_mean([(f.registration, f.waiting) for f in figs])
        treat, w2 = weighted_mean([(f.treatment, f.waiting) for f in figs])
        weighted = None if w1 is None and w2 is None else bool(w1 is not False and w2 is not False)
        out.append(MonthFigure(month, reg, treat, sum(counts) if counts else None, weighted))
    return out


def _f(v) -> float | None:
    return None if v is None else float(v)


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


def _row(u: reporting.Unit, today: date, trend: list[date], stops: list[StopInfo]) -> DashboardRow:
    figures = {
        w.month: MonthFigure(w.month, _f(w.registration_weeks), _f(w.treatment_weeks), w.waiting_count) for w in u.waits
    }
    cur = u.current
    latest = figures[cur.month] if cur else None
    verdict = rules.verdict(cur.registration_weeks, cur.treatment_weeks, u.wait_kind) if cur else rules.Verdict.UNKNOWN
    row = DashboardRow(
        subregion=u.subregion_name or NO_SUBREGION,
        provider=u.organization,
        provider_id=u.organization_id,
        diagnosis=u.diagnosis,
        latest=latest,
        previous=figures.get(add_months(cur.month, -1)) if cur else None,
        reference_date=(cur.reference_date or cur.month) if cur else None,
        series=[figures.get(m, MonthFigure(m)) for m in trend],
        freshness=u.freshness(today),
        over_norm=verdict == rules.Verdict.OVER,
        stops=stops,
        methods=[cur.method] if cur else [],
        service=u.service,
        location=u.location,
        sal_id=u.sal_id,
        diagnosis_group_id=u.diagnosis_group_id,
        care=u.wait_kind,
        verdict=verdict.value,
        reported=u.reported(today),
        due_text=rules.due_text(cur.month, today) if cur else None,
    )
    row.signals = signals_for(row, list(figures.values()))
    return row


def dashboard(
    session: Session, today: date, subregion_code: str | None = None, only_signals: bool = False
) -> list[SubregionBlock]:
    """Subregion blocks of provider blocks (per kind of ggz) of rows per location and diagnosis group."""
    units = reporting.units(session, today, subregion_code)
    stops = _active_stops(session, today, {(u.service_id, u.sal_id) for u in units})
    trend = last_months(today, TREND_MONTHS)
    rows_by_provider: dict = defaultdict(list)
    sals: dict = defaultdict(set)  # (subregion, org, care) -> {(service_id, sal_id)}
    for u in units:
        row = _row(u, today, trend, stops.get((u.service_id, u.sal_id), []))
        key = (u.subregion_code, row.subregion, u.organization_id, u.organization, u.wait_kind)
        rows_by_provider[key].append(row)
        sals[(u.subregion_code, u.organization_id, u.wait_kind)].add((u.service_id, u.sal_id))
    capacity = _capacity(session, sals)
    blocks: dict[str, SubregionBlock] = {}
    # Subregions by name, providers by name (specialist before basis ggz); rows without a subregion last.
    ordered = sorted(
        rows_by_provider.items(),
        key=lambda kv: (
            kv[0][0] == "",
            kv[0][1],
            kv[0][3],
            CARE_ORDER.index(kv[0][4]) if kv[0][4] in CARE_ORDER else 9,
        ),
    )
    for (sub_code, sub_name, org_id, org_name, care), rows in ordered:
        if only_signals:
            rows = [r for r in rows if r.signals]
            if not rows:
                continue
        rows.sort(key=lambda r: (r.location, r.service, r.diagnosis))
        block = blocks.setdefault(sub_code, SubregionBlock(sub_code, sub_name, []))
        block.providers.append(
            ProviderBlock(
                org_name,
                org_id,
                capacity.get((sub_code, org_id, care), []),
                _unique([s for r in rows for s in r.stops]),
                rows,
                care,
            )
        )
    return list(blocks.values())


def signals_for(row: DashboardRow, figures: list[MonthFigure]) -> list[str]:
    out = []
    if row.over_norm:
        out.append("over_norm")
    if row.verdict == rules.Verdict.INCOMPLETE:
        out.append("incomplete")
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
    if row.latest is None:
        out.append("not_reported")
    elif not row.reported:
        out.append("stale")
    if row.stops:
        out.append("intake_stop")
    return out


EXPORT_HEADER = [
    "Subregio",
    "Aanbieder",
    "Soort ggz",
    "Aanbod",
    "Vestiging",
    "Hoofddiagnosegroep",
    "Status",
    "Maand",
    "Peildatum",
    "Aanmeldwachttijd (weken)",
    "Behandelwachttijd (weken)",
    "Totaal (weken; leeg als een deel onbekend is)",
    "Oordeel",
    "Wachtenden op de peildatum",
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
                        p.care_label,
                        r.service,
                        r.location,
                        r.diagnosis,
                        r.status_label,
                        lt.month.strftime("%Y-%m") if lt else "",
                        r.reference_date,
                        lt.registration if lt else None,
                        lt.treatment if lt else None,
                        r.total,
                        r.verdict_label,
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
