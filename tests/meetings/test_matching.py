"""Matching capacity offers to transfer requests: need, subregion, ages, timing, free places."""

import uuid
from datetime import date, timedelta
from types import SimpleNamespace

from waitinfo.meetings.matching import ages_overlap, matches

TODAY = date(2026, 11, 15)
ALMELO, ENSCHEDE = uuid.uuid4(), uuid.uuid4()
A, B = uuid.uuid4(), uuid.uuid4()


def offer(**kw):
    base = dict(id=uuid.uuid4(), organization_id=A, subregion_id=ALMELO, need_code="angst", age_min=18, age_max=65,
                places=8, places_taken=2, starts_on=TODAY - timedelta(days=3), ends_on=TODAY + timedelta(days=60),
                title="Groep")  # fmt: skip
    return SimpleNamespace(**(base | kw))


def request(**kw):
    base = dict(id=uuid.uuid4(), organization_id=B, subregion_id=ALMELO, need_code="angst", age_min=18, age_max=40,
                waiting_count=14, waiting_weeks=16, closed_on=None)  # fmt: skip
    return SimpleNamespace(**(base | kw))


def test_ages_overlap():
    assert ages_overlap(18, 65, 60, None)
    assert ages_overlap(None, None, 12, 17)
    assert not ages_overlap(18, 65, 12, 17)
    assert ages_overlap(18, 18, 18, 30)


def test_an_offer_matches_by_need_subregion_age_and_time():
    o, r = offer(), request()
    found = matches([o], [r], TODAY)
    assert len(found) == 1
    assert found[0].free == 6 and found[0].covers == 6
    assert "zelfde hulpvraag" in found[0].reasons and "nu beschikbaar" in found[0].reasons


def test_what_does_not_match():
    r = request()
    refused = [
        offer(need_code="somberheid"),
        offer(subregion_id=ENSCHEDE),
        offer(age_min=65, age_max=None),
        offer(ends_on=TODAY - timedelta(days=1)),  # expired
        offer(places_taken=8),  # full
        offer(starts_on=TODAY + timedelta(weeks=9)),  # too far ahead
        offer(organization_id=B),  # the requester's own capacity
    ]
    assert matches(refused, [r], TODAY) == []
    assert matches([offer()], [request(closed_on=TODAY)], TODAY) == []


def test_twente_wide_offer_and_order_longest_wait_first():
    o = offer(subregion_id=None, starts_on=TODAY + timedelta(weeks=2))
    short, long = request(waiting_weeks=4), request(waiting_weeks=20, subregion_id=ENSCHEDE)
    found = matches([o], [short, long], TODAY)
    assert [m.request for m in found] == [long, short]
    assert "heel Twente" in found[0].reasons and any(x.startswith("beschikbaar vanaf") for x in found[0].reasons)
