"""The ranked search on known data: ranking, filters, badges, stale marks, intake stops, insurer, alternatives."""

from waitinfo.search.repository import explain, search, search_sql
from waitinfo.search.schemas import SearchParams
from waitinfo.search.service import resolve


def names(page):
    return [r.service_name for r in page.results]


def by_name(page, name):
    return next(r for r in page.results if r.service_name == name)


def test_ranking_groups_and_order(db, known):
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", domein="ggz"))
    got = names(page)
    # Within the Treeknorm and near ranks before over the norm; the far (Enschede-only) service is not served.
    assert got.index("Snel Angst Almelo") < got.index("Traag Angst Almelo")
    assert "Ver Angst Enschede" not in got
    # Stale (two months) is ranked but marked; figures older than three months and never-reported come after.
    stale = by_name(page, "Oud Cijfer Almelo")
    assert stale.rank_group == 0 and stale.wait.freshness == "stale"
    ancient, never = by_name(page, "Heel Oud Cijfer Almelo"), by_name(page, "Nooit Gemeld Almelo")
    assert ancient.rank_group == 1 and ancient.wait.freshness == "hidden"
    assert never.rank_group == 1 and never.wait.status == "no_data" and never.wait.figures == []
    # An intake stop is never ranked as available: always last, with the stop attached.
    stopped = by_name(page, "Aanmeldstop Almelo")
    assert stopped.rank_group == 2 and got[-1] == "Aanmeldstop Almelo"
    assert stopped.intake_stop.reason == "wachtlijst vol"
    groups = [r.rank_group for r in page.results]
    assert groups == sorted(groups)


def test_badges_against_the_treeknorm(db, known):
    page = search(db, SearchParams(gemeente="GM0141", hulpvraag="angst"))
    fast = {f.part: f.judgement for f in by_name(page, "Snel Angst Almelo").wait.figures}
    slow = {f.part: f.judgement for f in by_name(page, "Traag Angst Almelo").wait.figures}
    assert fast == {"registration": "within", "treatment": "within", "total": "within"}
    assert slow == {"registration": "over", "treatment": "over", "total": "over"}
    poh = by_name(page, "POH-ggz spreekuur").wait
    assert [f.part for f in poh.figures] == ["poh_ggz"] and poh.regional_norm
    social = by_name(page, "Steun bij spanning").wait
    assert [f.part for f in social.figures] == ["social"] and "regionale norm" in social.figures[0].judgement_label


def test_ook_verouderd_ranks_old_figures(db, known):
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", ook_verouderd=True))
    assert by_name(page, "Heel Oud Cijfer Almelo").rank_group == 0


def test_filters(db, known):
    no_referral = names(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", zonder_verwijzing=True)))
    assert "Snel Angst Almelo" not in no_referral and "Oud Cijfer Almelo" in no_referral
    free = names(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", gratis=True)))
    assert set(free) == {"Steun bij spanning", "Groep Omgaan met angst", "POH-ggz spreekuur"}
    social = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", domein="sociaal"))
    assert {r.domain for r in social.results} == {"social"}
    short = names(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", max_wacht=8)))
    assert "Snel Angst Almelo" in short and "Traag Angst Almelo" not in short
    assert "Nooit Gemeld Almelo" not in short and "Heel Oud Cijfer Almelo" not in short
    assert "Groep Omgaan met angst" in short  # no wait applies
    enschede = names(search(db, SearchParams(gemeente="Enschede", hulpvraag="angst")))
    assert "Ver Angst Enschede" in enschede and "Snel Angst Almelo" not in enschede


def test_insurer_filter_and_ceiling(db, known):
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", verzekeraar="vgz"))
    got = names(page)
    assert "Snel Angst Almelo" in got  # contract this year
    assert "Traag Angst Almelo" not in got  # insured care without a contract
    assert "Steun bij spanning" in got  # free offer does not depend on an insurer
    assert by_name(page, "Snel Angst Almelo").contract_ceiling_reached is True
    bad = search(db, SearchParams(gemeente="Almelo", verzekeraar="onbekend"))
    assert "verzekeraar" in bad.query.errors and bad.results == []


def test_alternatives_when_ggz_waits_over_norm(db, known):
    from tests import factories as f
    from waitinfo.core.clock import month_start, today

    # Two more slow ggz offers tip the balance: most current ggz figures are now over the Treeknorm.
    for i in range(3):
        org = f.organization(db, f"Traag {i} (fictief)")
        svc = f.service(db, org, f"Traag extra {i}", areas=("GM0141",))
        f.wait(db, f.at_location(db, svc, f.location(db, org)), month_start(today()), 8, 20, reference_date=today())
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst"))
    assert page.ggz_over > page.ggz_within and page.show_alternatives
    in_view = [a.service_name for a in page.alternatives + page.while_waiting + page.results]
    assert "Groep Omgaan met angst" in in_view and "Steun bij spanning" in in_view
    shown = {r.service_id for r in page.results}
    assert not shown & {a.service_id for a in page.alternatives + page.while_waiting}  # no offer twice
    assert "Inloophuis De Deur" in [a.service_name for a in page.alternatives]  # support points for every need


def test_no_alternatives_when_ggz_within_norm(db, known):
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst"))
    assert page.ggz_within >= page.ggz_over and not page.show_alternatives and page.alternatives == []


def test_errors_keep_input_and_run_nothing(db, known):
    page = search(db, SearchParams(gemeente="Amsterdam", hulpvraag="angst"))
    assert "Amsterdam" in page.query.errors["gemeente"] and page.results == []
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="bestaat-niet"))
    assert "bestaat-niet" in page.query.errors["hulpvraag"]


def test_pagination(db, known):
    first = search(db, SearchParams(gemeente="Almelo"))
    assert first.total == len(first.results) or first.pages > 1
    q = resolve(db, SearchParams(gemeente="Almelo"))
    q.page_size = 3
    from waitinfo.search.repository import run

    page1, counts = run(db, q)
    q.page = 2
    page2, _ = run(db, q)
    assert len(page1) == 3 and counts["total"] == first.total
    assert not {r.service_id for r in page1} & {r.service_id for r in page2}


def test_core_sql_runs_bare_and_explains(db, known):
    q = resolve(db, SearchParams(gemeente="Almelo", hulpvraag="angst"))
    sql, bind = search_sql(q)
    assert "asin(" in sql and ":lat" in sql and ":need_id" in sql
    plan = explain(db, q)
    assert "Execution Time" in plan
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst"))
    assert page.statements <= 4


def test_distance_is_earthdistance_to_the_bit(db):
    """The search's plain-arithmetic distance equals earthdistance's earth_distance exactly (ranking unchanged),
    also over half the globe and at the poles."""
    from sqlalchemy import text

    from waitinfo.search.sql import DISTANCE

    points = "(values (52.35, 6.66), (52.2215, 6.8937), (0.0, 0.0), (-52.35, -173.34), (90.0, 0.0), (-33.9, 151.2))"
    rows = db.execute(
        text(
            f"select ({DISTANCE.format(online=5.0, unknown=15.0)}) as ours, "
            "earth_distance(ll_to_earth(cast(:lat as float8), cast(:lon as float8)), "
            "ll_to_earth(l.latitude, l.longitude)) / 1000.0 as theirs "
            f"from {points} l(latitude, longitude), (select true as online_possible) s"
        ),
        {"lat": 52.35, "lon": 6.66},
    ).all()
    assert len(rows) == 6
    assert [r.ours for r in rows] == [r.theirs for r in rows]
    assert rows[0].ours == 0 and 20000 < rows[3].ours < 20040  # the antipode: half the earth's circumference


def _slow_ggz(db, n=3):
    from tests import factories as f
    from waitinfo.core.clock import month_start, today

    for i in range(n):
        org = f.organization(db, f"Traag {i} (fictief)")
        svc = f.service(db, org, f"Traag extra {i}", areas=("GM0141",))
        f.wait(db, f.at_location(db, svc, f.location(db, org)), month_start(today()), 8, 20, reference_date=today())


def test_page_and_alternatives_in_one_statement_as_in_two(db, known):
    """page_sql (one statement) gives the page, counts and alternatives of the two separate statements."""
    from waitinfo.search.repository import page_sql, run
    from waitinfo.search.service import ALTERNATIVES_SHOWN, split_alternatives

    _slow_ggz(db)
    for params in (
        SearchParams(gemeente="Almelo", hulpvraag="angst"),
        SearchParams(gemeente="GM0141", hulpvraag="angst", verzekeraar="vgz", gratis=True),
        SearchParams(gemeente="Almelo", max_wacht=10, pagina=2),
    ):
        page = search(db, params)
        assert page.sql and all("in_alternatives" in sql for sql, _ in page.sql)
        q = page.query  # as resolved (and moved to page 1 when past the last page)
        assert page_sql(q) is not None
        results, counts = run(db, q)
        found, _ = run(db, q, alternatives=True, limit=4 * ALTERNATIVES_SHOWN, offset=0)
        assert [(r.service_id, r.score, r.rank_group, r.distance_km) for r in page.results] == [
            (r.service_id, r.score, r.rank_group, r.distance_km) for r in results
        ]
        assert (page.total, page.ggz_within, page.ggz_over) == (
            counts["total"],
            counts["ggz_within"],
            counts["ggz_over"],
        )
        if page.show_alternatives:
            on_page = {r.service_id for r in results}
            alternatives, waiting = split_alternatives([r for r in found if r.service_id not in on_page])
            assert [r.service_id for r in page.alternatives] == [r.service_id for r in alternatives]
            assert [r.service_id for r in page.while_waiting] == [r.service_id for r in waiting]
            # Shown alternatives get their wait once picked: the same as built with every row.
            assert [r.wait for r in page.alternatives + page.while_waiting] == [r.wait for r in alternatives + waiting]
            assert all(r.wait is not None for r in page.alternatives + page.while_waiting)
    assert search(db, SearchParams(gemeente="Almelo", hulpvraag="angst")).alternatives  # shown at least once


def test_two_statements_where_candidates_differ(db, known):
    """Row-level filters (open now), the social domain only or no municipality: no shared statement."""
    from waitinfo.search.repository import page_sql

    assert page_sql(resolve(db, SearchParams(gemeente="Almelo", hulpvraag="angst", nu_open=True))) is None
    assert page_sql(resolve(db, SearchParams(gemeente="Almelo", hulpvraag="angst", domein="sociaal"))) is None
    assert page_sql(resolve(db, SearchParams(hulpvraag="angst"))) is None
    _slow_ggz(db)
    page = search(db, SearchParams(hulpvraag="angst"))
    assert page.show_alternatives and len(page.sql) == 2  # ranked statement, then the alternatives
    assert page.alternatives or page.while_waiting


def test_alternatives_statement_with_an_insurer(db, known):
    """The alternatives statement shows the insurer's contract too (it lacked that parameter and failed)."""
    from waitinfo.search.repository import run

    q = resolve(db, SearchParams(hulpvraag="angst", verzekeraar="vgz"))
    found, _ = run(db, q, alternatives=True, limit=12, offset=0)
    assert found and all(r.contract_ceiling_reached is None for r in found)  # no contract among these


def test_driver_errors_come_out_as_sqlalchemy_errors(db):
    """The search runs on the driver; its errors are still SQLAlchemy's (the app answers a lost database 503)."""
    import pytest
    from sqlalchemy.exc import DBAPIError

    from waitinfo.search.repository import _execute

    assert _execute(db, "select :a + 1 as b", {"a": 1, "unused": 2}) == [{"b": 2}]
    with pytest.raises(DBAPIError):
        _execute(db, "select 1 / :zero as x", {"zero": 0})
