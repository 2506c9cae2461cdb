"""Effect of the transfer tables over time: bottlenecks opened and closed, transfers, capacity, waits discussed."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from waitinfo.meetings import ranking
from waitinfo.meetings.models import CapacityOffer, Meeting, MeetingAction, MeetingBottleneck
from waitinfo.region.common import subregions

EXPORT_HEADER = [
    "Subregio",
    "Vergaderingen gehouden",
    "Knelpunten geopend",
    "Knelpunten opgelost",
    "Overdrachten afgesproken",
    "Acties gereed",
    "Acties open",
    "Plaatsen aangeboden",
    "Plaatsen gevuld",
    "Besproken knelpunten",
    "Gemiddelde verandering totale wachttijd (weken)",
]


@dataclass
class DiscussedWait:
    provider: str
    diagnosis: str
    first_on: date
    total_then: float | None
    total_now: float | None

    @property
    def change(self) -> float | None:
        if self.total_then is None or self.total_now is None:
            return None
        return round(self.total_now - self.total_then, 1)


@dataclass
class SubregionEffect:
    code: str
    name: str
    meetings_held: int = 0
    opened: int = 0
    closed: int = 0
    transfers: int = 0
    actions_done: int = 0
    actions_open: int = 0
    places_offered: int = 0
    places_taken: int = 0
    discussed: list[DiscussedWait] = field(default_factory=list)

    @property
    def mean_change(self) -> float | None:
        changes = [d.change for d in self.discussed if d.change is not None]
        return round(sum(changes) / len(changes), 1) if changes else None

    def row(self) -> list:
        return [
            self.name,
            self.meetings_held,
            self.opened,
            self.closed,
            self.transfers,
            self.actions_done,
            self.actions_open,
            self.places_offered,
            self.places_taken,
            len(self.discussed),
            self.mean_change,
        ]


def effect(session: Session, today: date, since: date) -> list[SubregionEffect]:
    """Per subregion, counted over the meetings from `since` up to today."""
    out = []
    for sub in subregions(session):
        e = SubregionEffect(sub.code, sub.name)
        in_period = (Meeting.subregion_id == sub.id, Meeting.held_on >= since, Meeting.held_on <= today)
        e.meetings_held = session.execute(
            select(func.count()).where(*in_period, Meeting.status.in_(("held", "closed")))
        ).scalar_one()
        statuses = session.execute(
            select(MeetingBottleneck.status, func.count())
            .join(Meeting, Meeting.id == MeetingBottleneck.meeting_id)
            .where(*in_period)
            .group_by(MeetingBottleneck.status)
        ).all()
        counts = dict(statuses)
        e.opened, e.closed = counts.get("new", 0), counts.get("resolved", 0)
        acts = session.execute(
            select(MeetingAction.kind, MeetingAction.done_on, MeetingAction.transfers_agreed)
            .join(Meeting, Meeting.id == MeetingAction.meeting_id)
            .where(*in_period)
        ).all()
        e.transfers = sum(t or 0 for _, _, t in acts)
        e.actions_done = sum(1 for k, d, _ in acts if k == "action" and d is not None)
        e.actions_open = sum(1 for k, d, _ in acts if k == "action" and d is None)
        offered = session.execute(
            select(
                func.coalesce(func.sum(CapacityOffer.places), 0), func.coalesce(func.sum(CapacityOffer.places_taken), 0)
            ).where(CapacityOffer.subregion_id == sub.id, CapacityOffer.ends_on >= since)
        ).one()
        e.places_offered, e.places_taken = int(offered[0]), int(offered[1])
        e.discussed = _discussed(session, sub.code, sub.id, since, today)
        out.append(e)
    return out


def _discussed(session: Session, code: str, subregion_id, since: date, today: date) -> list[DiscussedWait]:
    """Each bottleneck discussed in the period: its total wait at the first meeting and today."""
    rows = session.execute(
        select(MeetingBottleneck, Meeting.held_on)
        .join(Meeting, Meeting.id == MeetingBottleneck.meeting_id)
        .where(
            Meeting.subregion_id == subregion_id,
            Meeting.held_on >= since,
            Meeting.held_on <= today,
            MeetingBottleneck.status != "resolved",
        )
        .order_by(Meeting.held_on)
    ).all()
    first: dict[str, tuple] = {}
    for b, held_on in rows:
        first.setdefault(b.key, (b, held_on))
    if not first:
        return []
    _, every = ranking.current(session, code, today)
    out = []
    for key, (b, held_on) in first.items():
        then = None
        if b.registration_weeks is not None and b.treatment_weeks is not None:
            then = round(b.registration_weeks + b.treatment_weeks, 1)
        now_row = every.get(key)
        out.append(DiscussedWait(b.provider, b.diagnosis, held_on, then, now_row.total if now_row else None))
    out.sort(key=lambda d: (d.provider, d.diagnosis))
    return out
