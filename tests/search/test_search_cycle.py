"""The search judges freshness by the delivery cycle on the day it runs (figures for M due by day 10 of M+1)."""

from datetime import UTC, date, datetime

from tests import factories as f
from tests.search.test_search_query import by_name
from waitinfo.search.repository import search
from waitinfo.search.schemas import SearchParams


def test_october_figure_is_current_until_the_tenth_of_december(db):
    org = f.organization(db, "Op Tijd (fictief)")
    svc = f.service(db, org, "Levert op tijd", needs=("angst",), areas=("GM0141",), domain="ggz", wait_kind="ggz_basic")
    f.wait(db, f.at_location(db, svc, f.location(db, org, "GM0141")), date(2026, 10, 1), 2, 3)
    db.flush()
    params = SearchParams(gemeente="Almelo", hulpvraag="angst", domein="ggz")

    def on(day: date):
        page = search(db, params, moment=datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
        return by_name(page, "Levert op tijd")

    for day in (date(2026, 12, 2), date(2026, 12, 10)):
        r = on(day)
        assert (r.rank_group, r.wait.freshness) == (0, "fresh"), day
        assert "november verwacht uiterlijk 10 december" in r.wait.due_text
    stale = on(date(2026, 12, 11))
    assert (stale.rank_group, stale.wait.freshness) == (0, "stale")
    assert stale.score > on(date(2026, 12, 10)).score  # the stale penalty
    hidden = on(date(2027, 2, 11))  # three cycles behind (January's figures were due)
    assert (hidden.rank_group, hidden.wait.freshness) == (1, "hidden")
