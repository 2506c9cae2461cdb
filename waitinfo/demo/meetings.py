"""Demo transfer-table meetings: two held meetings and one coming per subregion, offers, requests and actions.

Deterministic: stable ids, dates counted from today, and the bottleneck snapshots derived from the demo's own
transfer-table rows (scaled, so the agenda shows new, still open, improved and resolved bottlenecks).
"""

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from waitinfo.catalogue.models import Organization
from waitinfo.demo.common import did
from waitinfo.demo.store import upsert
from waitinfo.meetings import ranking
from waitinfo.meetings.models import (
    CapacityOffer,
    Meeting,
    MeetingAction,
    MeetingBottleneck,
    MeetingSeries,
    TransferRequest,
)
from waitinfo.reference.models import Subregion

# (subregion, key, organisation, title, kind, need, ages, unit, places, taken, start, end (days from today), referral)
OFFERS = [
    ("almelo", "angstgroep", "reggevecht", "Groep omgaan met angst (8 weken)", "group", "angst", (18, 65), "places",
     8, 2, -7, 60, True),
    ("almelo", "somber-sw", "mwtn", "Begeleiding bij somberheid door sociaal werk", "service", "somberheid",
     (18, None), "intake_slots", 6, 1, 0, 90, False),
    ("enschede-hengelo", "traumagroep", "lonneker", "Stabilisatiegroep na trauma", "group", "trauma", (18, None),
     "places", 10, 0, 14, 120, True),
    ("enschede-hengelo", "stress-kort", "stadsweide", "Kortdurende behandeling stressklachten", "service", "stress",
     (18, 67), "intake_slots", 4, 4, -60, -10, True),
]  # fmt: skip
# (subregion, key, organisation, need, ages, waiting, weeks, bridging help)
REQUESTS = [
    ("almelo", "angst", "angstcentrum", "angst", (18, 40), 14, 16,
     "Groepsbehandeling of begeleide e-health in afwachting van de intake."),
    ("almelo", "somber", "reggedal", "somberheid", (18, None), 9, 12,
     "Steun van sociaal werk of een herstelgroep tot de behandeling begint."),
    ("enschede-hengelo", "trauma", "tpg", "trauma", (18, None), 11, 20,
     "Stabilisatiegroep of psycho-educatie voor wie op traumabehandeling wacht."),
]  # fmt: skip
PARTICIPANTS = {
    "almelo": ["reggevecht", "angstcentrum", "reggedal", "mwtn"],
    "enschede-hengelo": ["tpg", "lonneker", "stadsweide", "mwzo"],
}


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(11, 0), tzinfo=UTC)


def _scaled(items: list[ranking.Bottleneck], factor) -> list[ranking.Bottleneck]:
    """Copies as they might have stood at an earlier meeting: score and figures scaled per position."""
    out = []
    for i, b in enumerate(items):
        f = factor(i)
        reg = None if b.registration is None else round(b.registration * f, 1)
        treat = None if b.treatment is None else round(b.treatment * f, 1)
        out.append(replace(b, registration=reg, treatment=treat, score=round(b.score * f, 1), status="new", rank=None))
    return out


def _snapshot(meeting_id: uuid.UUID, items: list[ranking.Bottleneck]) -> list[dict]:
    return [
        {
            "id": did("meeting-bottleneck", meeting_id, b.key),
            "meeting_id": meeting_id,
            "key": b.key,
            "rank": b.rank,
            "status": b.status,
            "score": b.score,
            "organization_id": b.organization_id,
            "provider": b.provider,
            "diagnosis": b.diagnosis,
            "registration_weeks": b.registration,
            "treatment_weeks": b.treatment,
            "waiting_count": b.waiting,
            "signals": b.signals,
            "trend": b.trend,
        }
        for b in items
    ]


def _org_ids(session: Session, keys) -> dict[str, uuid.UUID]:
    wanted = {k: did("org", k) for k in keys}
    present = set(session.execute(select(Organization.id).where(Organization.id.in_(list(wanted.values())))).scalars())
    return {k: v for k, v in wanted.items() if v in present}


def load_meetings(session: Session, today: date) -> int:
    """Upsert the demo meetings; returns how many meetings the demo has. The caller commits."""
    subs = {s.code: s for s in session.execute(select(Subregion)).scalars()}
    keys = {o[2] for o in OFFERS} | {r[2] for r in REQUESTS} | {k for ks in PARTICIPANTS.values() for k in ks}
    orgs = _org_ids(session, keys)
    emails = dict(session.execute(select(Organization.id, Organization.email)).all())
    upcoming = today + timedelta(days=(1 - today.weekday()) % 7)  # next Tuesday (today when it is one)
    rows: dict[type, list[dict]] = {m: [] for m in (MeetingSeries, Meeting, CapacityOffer, TransferRequest)}
    snapshots, actions, count = [], [], 0
    offer_ids, request_ids = {}, {}
    for sub_code, key, org, title, kind, need, (lo, hi), unit, places, taken, start, end, referral in OFFERS:
        if sub_code not in subs or org not in orgs:
            continue
        offer_ids[key] = did("capacity-offer", key)
        rows[CapacityOffer].append(
            dict(id=offer_ids[key], organization_id=orgs[org], subregion_id=subs[sub_code].id, title=title,
                 kind=kind, need_code=need, age_min=lo, age_max=hi, care_level="any", unit=unit, places=places,
                 places_taken=taken, starts_on=today + timedelta(days=start), ends_on=today + timedelta(days=end),
                 referral_required=referral, insurers="Alle zorgverzekeraars" if referral else "",
                 conditions="Fictief demo-aanbod.", contact=f"Aanmeldteam, {emails.get(orgs[org]) or ''}",
                 created_at=_moment(today + timedelta(days=min(start, 0) - 3)),
                 updated_at=_moment(today + timedelta(days=min(start, 0) - 3)))
        )  # fmt: skip
    for sub_code, key, org, need, (lo, hi), waiting, weeks, bridging in REQUESTS:
        if sub_code not in subs or org not in orgs:
            continue
        request_ids[key] = did("transfer-request", key)
        rows[TransferRequest].append(
            dict(id=request_ids[key], organization_id=orgs[org], subregion_id=subs[sub_code].id, need_code=need,
                 age_min=lo, age_max=hi, waiting_count=waiting, waiting_weeks=weeks, bridging_help=bridging,
                 closed_on=None, created_at=_moment(today - timedelta(days=20)),
                 updated_at=_moment(today - timedelta(days=20)))
        )  # fmt: skip
    for code, sub in sorted(subs.items()):
        first = upcoming - timedelta(days=28)
        participants = sorted(emails[orgs[k]] for k in PARTICIPANTS.get(code, []) if k in orgs and emails.get(orgs[k]))
        rows[MeetingSeries].append(
            dict(id=did("meeting-series", code), subregion_id=sub.id, interval_days=14, first_on=first,
                 starts_at="10:00", duration_minutes=60, place="Online (videovergadering)",
                 participants=participants, updated_at=_moment(first))
        )  # fmt: skip
        dates = [first, first + timedelta(days=14), upcoming, upcoming + timedelta(days=14)]
        ids = [did("meeting", code, i) for i in range(len(dates))]
        # A demo meeting takes its day: a meeting planned by hand on that day gives way.
        session.execute(delete(Meeting).where(Meeting.subregion_id == sub.id, Meeting.held_on.in_(dates),
                                              Meeting.id.not_in(ids)))  # fmt: skip
        for i, day in enumerate(dates):
            held = i < 2
            rows[Meeting].append(
                dict(id=ids[i], subregion_id=sub.id, held_on=day, status="closed" if held else "planned",
                     chair_organization="", notes="", prepared_at=_moment(day - timedelta(days=1)) if held else None,
                     closed_at=_moment(day) if held else None, mailed_at=_moment(day) if held else None,
                     created_at=_moment(first - timedelta(days=7)))
            )  # fmt: skip
        count += len(dates)
        items, every = ranking.current(session, code, today)
        extra = [b for k, b in sorted(every.items()) if b not in items][:1]
        first_items = ranking.rank(_scaled(items[1:] + extra, lambda i: (1.15, 0.9, 1.05)[i % 3]))
        second = ranking.compare(ranking.rank(_scaled(items[:-1], lambda i: 1.2 if i % 2 == 0 else 1.0)), every,
                                 first_items)  # fmt: skip
        snapshots += _snapshot(ids[0], first_items) + _snapshot(ids[1], second)
        actions += _actions(code, ids, dates, orgs, items, offer_ids, request_ids)
    for model in (MeetingSeries, Meeting, CapacityOffer, TransferRequest):
        upsert(session, model, rows[model])
    demo_meetings = [r["id"] for r in rows[Meeting]]
    session.execute(delete(MeetingBottleneck).where(MeetingBottleneck.meeting_id.in_(demo_meetings)))
    session.execute(delete(MeetingAction).where(MeetingAction.meeting_id.in_(demo_meetings)))
    session.flush()
    # Removed above, so plain inserts (a JSON column has no equality operator for an upsert's change check).
    for model, new_rows in ((MeetingBottleneck, snapshots), (MeetingAction, actions)):
        if new_rows:
            session.execute(insert(model.__table__), new_rows)
    session.flush()
    return count


def _actions(code, ids, dates, orgs, items, offer_ids, request_ids) -> list[dict]:
    def act(n, meeting, kind, text, owner=None, due=None, done_in=None, **links):
        return dict(id=did("meeting-action", code, n), meeting_id=ids[meeting], kind=kind, text=text,
                    owner_organization_id=orgs.get(owner) if owner else None, due_on=due,
                    bottleneck_key=links.get("bottleneck_key"), offer_id=links.get("offer_id"),
                    request_id=links.get("request_id"), transfers_agreed=links.get("transfers_agreed"),
                    done_on=dates[done_in] if done_in is not None else None,
                    done_meeting_id=ids[done_in] if done_in is not None else None,
                    created_by="transfer@waitinfo.example", created_at=_moment(dates[meeting]))  # fmt: skip

    top = items[0].key if items else None
    if code == "almelo":
        return [
            act(1, 0, "decision", "Knelpunten met een aanmeldstop komen elke vergadering als eerste aan bod."),
            act(2, 0, "action", "Inventariseren welke aanbieders vrije groepsplaatsen hebben voor angstklachten.",
                "reggevecht", dates[1], done_in=1),
            act(3, 1, "decision", "Zes wachtenden voor angstbehandeling starten in de groep omgaan met angst.",
                offer_id=offer_ids.get("angstgroep"), request_id=request_ids.get("angst"), transfers_agreed=6),
            act(4, 1, "action", "Sociaal werk neemt contact op met de verwijzers over overbrugging bij somberheid.",
                "mwtn", dates[2] + timedelta(days=7), request_id=request_ids.get("somber")),
            act(5, 1, "action", "Oorzaak van de stijgende wachttijd bespreken en een plan meenemen naar de tafel.",
                "reggedal", dates[2], bottleneck_key=top),
        ]  # fmt: skip
    return [
        act(1, 0, "action", "Nagaan of de stabilisatiegroep eerder kan starten voor wachtenden op traumazorg.",
            "lonneker", dates[2], request_id=request_ids.get("trauma")),
        act(2, 1, "decision", "Drie wachtenden met stressklachten gaan naar de kortdurende behandeling.",
            offer_id=offer_ids.get("stress-kort"), transfers_agreed=3),
    ]  # fmt: skip
