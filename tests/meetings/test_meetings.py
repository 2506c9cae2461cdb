"""Ranking by severity, new / still open / improved / resolved over three meetings, and actions carried over."""

import uuid
from datetime import date

from tests.meetings.builders import MEETING_DAYS, add_month, build
from waitinfo.meetings import ranking, service
from waitinfo.meetings import repository as repo
from waitinfo.meetings.privacy import AllowedContacts
from waitinfo.meetings.schemas import ActionIn

ALLOWED = AllowedContacts(["vechtdal.example"])


def _by_diag(rows):
    return {r.diagnosis: r for r in rows}


def test_severity_weighs_weeks_over_norm_by_people_waiting():
    assert ranking.severity(8, 12, 10, ["over_norm"]) == 60.0  # 6 weeks over 14, ten people
    assert ranking.severity(5, 11, None, ["over_norm"]) == 2.0  # unknown number waiting counts as one
    assert ranking.severity(2, 6, 3, ["rising_3", "intake_stop", "stale"]) == 55.0  # within norm: points only
    assert ranking.severity(6, None, 4, ["over_norm"]) == 8.0  # only registration known: 2 weeks over 4


def test_three_meetings_rank_and_compare(db, fixed_now):
    w = build(db)
    statuses = []
    for k, meeting in enumerate(w.meetings):
        add_month(db, w, k)
        service.prepare(db, meeting, w.sub, MEETING_DAYS[k])
        rows = repo.snapshot(db, meeting.id)
        statuses.append({r.diagnosis: (r.rank, r.status, r.score) for r in rows})

    angst, depressie, trauma = (
        "Angststoornissen",
        "Depressieve stemmingsstoornissen",
        "Trauma- en stressorgerelateerde stoornissen",
    )
    # Meeting 1: angst (6 weeks over x 10 waiting) before depressie (2 x 4); trauma is within the norm.
    assert statuses[0] == {angst: (1, "new", 60.0), depressie: (2, "new", 8.0)}
    # Meeting 2: angst improved (4 x 10), trauma new (4 x 5), depressie still open and worse (3 x 4).
    assert statuses[1] == {angst: (1, "improved", 40.0), trauma: (2, "new", 20.0), depressie: (3, "open", 12.0)}
    # Meeting 3: angst within the norm -> resolved (no rank); trauma worse -> still open, now first.
    assert statuses[2] == {
        trauma: (1, "open", 30.0),
        depressie: (2, "open", 12.0),
        angst: (None, "resolved", 0.0),
    }  # today within the norm


def test_snapshot_is_stable_once_held(db, fixed_now):
    w = build(db)
    add_month(db, w, 0)
    m = w.meetings[0]
    service.hold(db, m, w.sub, MEETING_DAYS[0])  # prepares on the way
    before = [(r.key, r.score) for r in repo.snapshot(db, m.id)]
    add_month(db, w, 1)  # new figures arrive after the meeting started
    agenda = service.agenda(db, m, w.sub, MEETING_DAYS[1])
    assert agenda.stored and [(r.key, r.score) for r in agenda.bottlenecks] == before
    try:
        service.prepare(db, m, w.sub, MEETING_DAYS[1])
        raise AssertionError("a held meeting must not be prepared again")
    except service.MeetingClosed:
        pass


def test_live_preview_before_preparing_compares_with_the_last_snapshot(db, fixed_now):
    w = build(db)
    add_month(db, w, 0)
    service.prepare(db, w.meetings[0], w.sub, MEETING_DAYS[0])
    add_month(db, w, 1)
    agenda = service.agenda(db, w.meetings[1], w.sub, MEETING_DAYS[1])
    assert not agenda.stored
    assert agenda.previous.id == w.meetings[0].id
    assert {b.status for b in agenda.bottlenecks} == {"improved", "new", "open"}
    assert repo.snapshot(db, w.meetings[1].id) == []  # nothing stored by looking


def test_actions_carry_over_until_done(db, fixed_now):
    w = build(db)
    m1, m2, m3 = w.meetings
    data = ActionIn(kind="action", text="Groepsplaatsen inventariseren", owner_organization_id=w.other.id,
                    due_on=date(2026, 10, 1))  # fmt: skip
    a, errors = service.record_action(db, m1, data, "tafel@vechtdal.example", ALLOWED, MEETING_DAYS[0])
    assert errors == {}
    decision, _ = service.record_action(
        db, m1, ActionIn(kind="decision", text="Stops eerst"), "x", ALLOWED, MEETING_DAYS[0]
    )
    later, _ = service.record_action(db, m2, ActionIn(kind="action", text="Plan maken", owner_organization_id=w.org.id),
                                     "x", ALLOWED, MEETING_DAYS[1])  # fmt: skip

    assert [x.id for x in repo.carried_actions(db, m2)] == [a.id]  # decisions are not carried
    assert {x.id for x in repo.carried_actions(db, m3)} == {a.id, later.id}
    service.mark_done(db, a, m2, MEETING_DAYS[1])
    assert [x.id for x in repo.carried_actions(db, m2)] == [a.id]  # still shown where it was closed, as done
    assert [x.id for x in repo.carried_actions(db, m3)] == [later.id]  # and gone from the next agenda
    service.mark_done(db, a, m2, MEETING_DAYS[1], done=False)
    assert {x.id for x in repo.carried_actions(db, m3)} == {a.id, later.id}
    assert decision.kind == "decision"


def test_an_action_with_personal_data_is_refused(db, fixed_now):
    w = build(db)
    data = ActionIn(kind="decision", text="Mevrouw, geboren 12-03-1980, gaat naar de groep")
    action, errors = service.record_action(db, w.meetings[0], data, "x", ALLOWED, MEETING_DAYS[0])
    assert action is None and "geboortedatum" in errors["text"]
    assert repo.actions_of(db, w.meetings[0].id) == []


def test_series_dates_and_planning(db, fixed_now):
    w = build(db)
    s = service.ensure_series(db, w.sub, date(2026, 11, 15))
    assert s.interval_days == 14 and s.first_on == date(2026, 11, 17)  # next Tuesday
    s.first_on = date(2026, 11, 3)
    assert service.next_dates(s, date(2026, 11, 15), 3) == [date(2026, 11, 17), date(2026, 12, 1), date(2026, 12, 15)]
    assert service.plan(db, w.sub, date(2026, 11, 15)) == 6
    assert service.plan(db, w.sub, date(2026, 11, 15)) == 0  # idempotent
    assert service.move(db, w.meetings[2], date(2026, 11, 17)) is not None  # that day is taken


def test_links_to_things_that_do_not_exist_are_refused(db, fixed_now):
    w = build(db)
    data = ActionIn(kind="action", text="Plan", owner_organization_id=uuid.uuid4(), offer_id=uuid.uuid4())
    action, errors = service.record_action(db, w.meetings[0], data, "x", ALLOWED, MEETING_DAYS[0])
    assert action is None and set(errors) == {"owner_organization_id", "offer_id"}


def test_offer_form_with_an_unknown_subregion_or_need_gets_messages(db, fixed_now):
    from tests.auth_tools import make_user
    from waitinfo.meetings import capacity

    w = build(db)
    user = make_user(db, "aanbod@vechtdal.example", "provider", [w.org])
    values = capacity.offer_form(None, MEETING_DAYS[2]) | {
        "title": "Groep",
        "need_code": "bestaat-niet",
        "subregion_id": str(uuid.uuid4()),
        "ends_on": "2026-12-31",
        "contact": "Aanmeldteam",
    }
    offer, errors = capacity.save_offer(db, values, w.org.id, {"angst": "Angst"}, ALLOWED, MEETING_DAYS[2], user)
    assert offer is None and set(errors) == {"need_code", "subregion_id"}
    values |= {"need_code": "angst", "subregion_id": str(w.sub.id)}
    offer, errors = capacity.save_offer(db, values, w.org.id, {"angst": "Angst"}, ALLOWED, MEETING_DAYS[2], user)
    assert errors == {} and offer.subregion_id == w.sub.id and offer.places == 1
