"""Meeting rules: the series and its dates, preparing (snapshot), holding and closing, actions carried over."""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session

from waitinfo.catalogue.models import Organization
from waitinfo.core.clock import now
from waitinfo.meetings import matching, privacy, ranking
from waitinfo.meetings import repository as repo
from waitinfo.meetings.models import (
    CapacityOffer,
    Meeting,
    MeetingAction,
    MeetingBottleneck,
    MeetingSeries,
    TransferRequest,
)
from waitinfo.meetings.schemas import ActionIn, SeriesIn
from waitinfo.reference.models import Subregion

DEFAULT_INTERVAL_DAYS = 14
PLAN_AHEAD = 6  # meetings created at once from the series
STATUS_LABELS = {"planned": "Gepland", "prepared": "Voorbereid", "held": "Bezig", "closed": "Afgesloten"}


class MeetingClosed(Exception):
    """The meeting is closed: its agenda and snapshot no longer change."""


def ensure_series(session: Session, sub: Subregion, today: date) -> MeetingSeries:
    """The subregion's series; a fortnightly one starting next Tuesday when it has none yet."""
    s = repo.series(session, sub.id)
    if s is None:
        first = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
        s = MeetingSeries(subregion_id=sub.id, interval_days=DEFAULT_INTERVAL_DAYS, first_on=first)
        session.add(s)
        session.flush()
    return s


def next_dates(s: MeetingSeries, today: date, n: int = PLAN_AHEAD) -> list[date]:
    """The next n dates of the series from today on."""
    day = s.first_on
    if day < today:
        steps = -(-(today - day).days // s.interval_days)
        day = day + timedelta(days=steps * s.interval_days)
    return [day + timedelta(days=k * s.interval_days) for k in range(n)]


def update_series(session: Session, s: MeetingSeries, data: SeriesIn, allowed: privacy.AllowedContacts, today: date):
    """Apply the form; {field: message} when the place or a participant address is not allowed."""
    errors = privacy.check({"place": data.place}, today, allowed)
    private = [p for p in data.participants if not allowed.allows(p)]
    if private:
        errors["participants"] = privacy.message(
            f"een e-mailadres buiten de domeinen van de organisaties ({private[0]})"
        )
    if errors:
        return errors
    s.interval_days, s.first_on, s.starts_at = data.interval_days, data.first_on, data.starts_at
    s.duration_minutes, s.place, s.participants = data.duration_minutes, data.place.strip(), data.participants
    s.updated_at = now()
    session.flush()
    return {}


def plan(session: Session, sub: Subregion, today: date) -> int:
    """Create the next meetings of the series that do not exist yet; returns how many were made."""
    s = ensure_series(session, sub, today)
    existing = {m.held_on for m in repo.meetings(session, sub.id)}
    made = 0
    for day in next_dates(s, today):
        if day not in existing:
            session.add(Meeting(subregion_id=sub.id, held_on=day))
            made += 1
    session.flush()
    return made


def move(session: Session, meeting: Meeting, day: date) -> str | None:
    """Move a meeting to another day; a Dutch message when that is not possible."""
    if meeting.status == "closed":
        return "Deze vergadering is afgesloten; de datum verandert niet meer."
    if any(m.held_on == day and m.id != meeting.id for m in repo.meetings(session, meeting.subregion_id)):
        return "Op die dag staat al een vergadering voor deze subregio. Kies een andere dag."
    meeting.held_on = day
    session.flush()
    return None


def _snapshot_rows(meeting: Meeting, items: list[ranking.Bottleneck]) -> list[MeetingBottleneck]:
    return [
        MeetingBottleneck(
            meeting_id=meeting.id,
            key=b.key,
            rank=b.rank,
            status=b.status,
            score=b.score,
            organization_id=b.organization_id,
            provider=b.provider,
            diagnosis=b.diagnosis,
            registration_weeks=b.registration,
            treatment_weeks=b.treatment,
            waiting_count=b.waiting,
            signals=list(b.signals),
            trend=b.trend,
        )
        for b in items
    ]


def live_bottlenecks(session: Session, meeting: Meeting, sub: Subregion, today: date) -> list[ranking.Bottleneck]:
    """Today's ranked bottlenecks marked against the previous meeting's snapshot (not stored)."""
    now_items, every = ranking.current(session, sub.code, today)
    prev = repo.previous_meeting(session, meeting)
    return ranking.compare(now_items, every, repo.snapshot(session, prev.id) if prev else None)


def prepare(session: Session, meeting: Meeting, sub: Subregion, today: date) -> int:
    """Store the agenda's bottlenecks as they are today; again until the meeting is held. Returns the count."""
    if meeting.status in ("held", "closed"):
        raise MeetingClosed()
    items = live_bottlenecks(session, meeting, sub, today)
    repo.clear_snapshot(session, meeting.id)
    session.add_all(_snapshot_rows(meeting, items))
    meeting.status, meeting.prepared_at = "prepared", now()
    session.flush()
    return len([b for b in items if b.status != "resolved"])


def hold(session: Session, meeting: Meeting, sub: Subregion, today: date) -> None:
    """Start the meeting: from now on its snapshot stays as it is."""
    if meeting.status == "closed":
        raise MeetingClosed()
    if meeting.prepared_at is None:
        prepare(session, meeting, sub, today)
    meeting.status = "held"
    session.flush()


def close(session: Session, meeting: Meeting, sub: Subregion, today: date) -> None:
    if meeting.prepared_at is None:
        prepare(session, meeting, sub, today)
    meeting.status, meeting.closed_at = "closed", now()
    session.flush()


def record_action(
    session: Session, meeting: Meeting, data: ActionIn, user_email: str, allowed: privacy.AllowedContacts, today: date
) -> tuple[MeetingAction | None, dict[str, str]]:
    errors = privacy.check({"text": data.text}, today, allowed)
    for name, model in (
        ("owner_organization_id", Organization),
        ("offer_id", CapacityOffer),
        ("request_id", TransferRequest),
    ):
        value = getattr(data, name)
        if value is not None and session.get(model, value) is None:
            errors[name] = "Kies een waarde uit de lijst; deze bestaat niet (meer)."
    if errors:
        return None, errors
    action = MeetingAction(meeting_id=meeting.id, created_by=user_email, **data.model_dump())
    action.text = data.text.strip()
    session.add(action)
    session.flush()
    return action, {}


def mark_done(session: Session, action: MeetingAction, meeting: Meeting, today: date, done: bool = True) -> None:
    """Done at this meeting (or open again); a done action leaves the next agendas."""
    action.done_on = today if done else None
    action.done_meeting_id = meeting.id if done else None
    session.flush()


@dataclass
class Agenda:
    meeting: Meeting
    subregion: Subregion
    previous: Meeting | None
    bottlenecks: list  # MeetingBottleneck rows (stored) or ranking.Bottleneck (live preview)
    stored: bool
    offers: list
    requests: list
    matches: list
    carried: list[MeetingAction]
    actions: list[MeetingAction]
    needs: dict[str, str]
    organizations: dict[uuid.UUID, str]
    series: MeetingSeries | None = None
    counts: dict = field(default_factory=dict)


def agenda(session: Session, meeting: Meeting, sub: Subregion, today: date) -> Agenda:
    """Everything the meeting page shows; the snapshot once prepared, a live preview before that."""
    if meeting.prepared_at is not None:
        items, stored = repo.snapshot(session, meeting.id), True
    else:
        items, stored = live_bottlenecks(session, meeting, sub, today), False
    offers = [o for o in repo.offers(session, subregion_id=sub.id, active_on=today)]
    reqs = repo.requests(session, subregion_id=sub.id, open_only=True)
    carried = repo.carried_actions(session, meeting)
    actions = repo.actions_of(session, meeting.id)
    counts = {s: sum(1 for b in items if b.status == s) for s in ranking.STATUS_LABELS}
    return Agenda(
        meeting=meeting,
        subregion=sub,
        previous=repo.previous_meeting(session, meeting),
        bottlenecks=items,
        stored=stored,
        offers=offers,
        requests=reqs,
        matches=matching.matches(offers, reqs, today),
        carried=carried,
        actions=actions,
        needs=repo.need_labels(session),
        organizations=repo.organization_names(session),
        series=repo.series(session, sub.id),
        counts=counts,
    )
