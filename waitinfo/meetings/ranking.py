"""The meeting agenda's bottlenecks: transfer-table rows with a signal, ranked by severity, compared to last time.

The figures come from `waitinfo.region.transfer.dashboard` (the transfer table's own rows); this module only
decides which rows are bottlenecks, how severe they are, and what changed since the previous meeting.
"""

import uuid
from dataclasses import dataclass, field, replace
from datetime import date

from sqlmodel import Session

from waitinfo.region import transfer
from waitinfo.waits.treeknorm import REGISTRATION_NORM, TREATMENT_NORM

TOTAL_NORM = 14  # weeks from registration to start of treatment (Treeknorm)
# A row is a bottleneck when it has one of these signals.
BOTTLENECK_SIGNALS = {"over_norm", "rising_3", "intake_stop", "stale", "not_reported"}
NOT_REPORTED = {"stale", "not_reported"}
# Points added to the person-weeks over the norm; a wait within the norm still comes up when it rises, stops or
# goes unreported, but below every bottleneck with many people far over the norm.
RISING_POINTS = 25.0
STOP_POINTS = 20.0
NOT_REPORTED_POINTS = 10.0
# Short names of the transfer table's signals, so the agenda of 30 bottlenecks fits on a few A4 pages.
SHORT_SIGNAL_LABELS = {
    "over_norm": "Boven norm",
    "rising_3": "Stijgt 3 maanden",
    "waiting_rising": "Meer wachtenden",
    "stale": "Niet actueel",
    "not_reported": "Niet gemeld",
    "intake_stop": "Aanmeldstop",
}
STATUS_LABELS = {
    "new": "Nieuw",
    "open": "Nog open",
    "improved": "Verbeterd",
    "resolved": "Opgelost",
}
SEVERITY_EXPLANATION = (
    "Volgorde: eerst de weken boven de Treeknorm (totaal 14 weken) maal het aantal wachtenden, plus 25 punten "
    "als de wachttijd drie maanden op rij stijgt, 20 bij een aanmeldstop en 10 als er geen actuele cijfers zijn."
)


@dataclass
class Bottleneck:
    key: str
    organization_id: uuid.UUID | None
    provider: str
    diagnosis: str
    registration: float | None
    treatment: float | None
    waiting: int | None
    signals: list[str]
    score: float
    trend: list = field(default_factory=list)  # [[YYYY-MM, registration, treatment], ...] over 12 months
    status: str = "new"
    rank: int | None = None
    previous_score: float | None = None

    @property
    def total(self) -> float | None:
        if self.registration is None or self.treatment is None:
            return None
        return round(self.registration + self.treatment, 1)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def bottleneck_key(provider_id: uuid.UUID | str | None, diagnosis: str) -> str:
    return f"{provider_id}|{diagnosis}"


def weeks_over_norm(registration: float | None, treatment: float | None) -> float:
    """Weeks over the Treeknorm: of the total when both are known, else of the part that is known."""
    if registration is not None and treatment is not None:
        return max(0.0, registration + treatment - TOTAL_NORM)
    over = 0.0
    if registration is not None:
        over = max(over, registration - REGISTRATION_NORM)
    if treatment is not None:
        over = max(over, treatment - TREATMENT_NORM)
    return over


def severity(registration: float | None, treatment: float | None, waiting: int | None, signals) -> float:
    """Person-weeks over the norm (unknown number waiting counts as one) plus points for the other signals."""
    score = weeks_over_norm(registration, treatment) * max(waiting or 0, 1)
    if "rising_3" in signals:
        score += RISING_POINTS
    if "intake_stop" in signals:
        score += STOP_POINTS
    if NOT_REPORTED & set(signals):
        score += NOT_REPORTED_POINTS
    return round(score, 1)


def from_row(row) -> Bottleneck:
    lt = row.latest
    reg = lt.registration if lt else None
    treat = lt.treatment if lt else None
    waiting = lt.waiting if lt else None
    signals = [s for s in row.signals if s in BOTTLENECK_SIGNALS or s == "waiting_rising"]
    return Bottleneck(
        key=bottleneck_key(row.provider_id, row.diagnosis),
        organization_id=row.provider_id,
        provider=row.provider,
        diagnosis=row.diagnosis,
        registration=reg,
        treatment=treat,
        waiting=waiting,
        signals=signals,
        score=severity(reg, treat, waiting, signals),
        trend=[[f.month.strftime("%Y-%m"), f.registration, f.treatment] for f in row.series],
    )


def rank(items: list[Bottleneck]) -> list[Bottleneck]:
    """Most severe first; ties by most people waiting, then by name so the order is stable."""
    items.sort(key=lambda b: (-b.score, -(b.waiting or 0), b.provider, b.diagnosis))
    for i, b in enumerate(items, 1):
        b.rank = i
    return items


def current(session: Session, subregion_code: str, today: date) -> tuple[list[Bottleneck], dict[str, Bottleneck]]:
    """(ranked bottlenecks, every row of the subregion by key) as the transfer table shows them today."""
    blocks = transfer.dashboard(session, today, subregion_code)
    every = {}
    for block in blocks:
        if block.code != subregion_code:
            continue
        for row in block.rows:
            b = from_row(row)
            every[b.key] = b
    flagged = [b for b in every.values() if BOTTLENECK_SIGNALS & set(b.signals)]
    return rank(flagged), every


def compare(now: list[Bottleneck], every: dict[str, Bottleneck], previous: list | None) -> list[Bottleneck]:
    """Mark each bottleneck new / still open / improved against the previous meeting's snapshot.

    `previous` holds that meeting's snapshot rows (anything with key, status, score and figures); None for the
    first meeting of a subregion. Bottlenecks of last time that are no longer one come back as "resolved",
    with today's figures when the row still exists.
    """
    if previous is None:
        return now
    before = {p.key: p for p in previous if p.status != "resolved"}
    for b in now:
        p = before.get(b.key)
        if p is None:
            b.status = "new"
        else:
            b.previous_score = p.score
            b.status = "improved" if b.score < p.score - 0.05 else "open"
    keys = {b.key for b in now}
    resolved = []
    for key, p in before.items():
        if key in keys:
            continue
        if key in every:
            r = replace(every[key])  # a copy: the caller's rows stay as they are
        else:
            r = Bottleneck(
                key=key,
                organization_id=p.organization_id,
                provider=p.provider,
                diagnosis=p.diagnosis,
                registration=None,
                treatment=None,
                waiting=None,
                signals=[],
                score=0.0,
            )
        r.status, r.rank, r.previous_score = "resolved", None, p.score
        resolved.append(r)
    resolved.sort(key=lambda b: (b.provider, b.diagnosis))
    return now + resolved
