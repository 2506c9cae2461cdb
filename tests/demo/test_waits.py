"""Wait figures, intake stops, contracts, capacity and import runs of the demo catalogue (issue 10)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import text

from waitinfo.core import clock
from waitinfo.demo.load import generate
from waitinfo.waits import treeknorm
from waitinfo.waits.models import WaitTime

LATEST = """
    select distinct on (w.service_at_location_id, w.diagnosis_group_id) w.*, s.wait_kind, o.id as org_id
    from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
    join service s on s.id = sal.service_id join organization o on o.id = s.organization_id
    order by w.service_at_location_id, w.diagnosis_group_id, w.month desc"""


def scalar(db, sql: str, **params):
    return db.execute(text(sql), params).scalar()


def test_every_series_has_24_consecutive_months_ending_at_or_before_this_month(demo_db):
    newest = clock.month_start(clock.today())
    rows = demo_db.execute(
        text("""select service_at_location_id, diagnosis_group_id, count(*), min(month),
                                   max(month) from wait_time group by 1, 2""")
    ).all()
    assert len(rows) > 100
    for _, _, count, first, last in rows:
        assert count == 24 and clock.add_months(first, 23) == last and last <= newest
    assert max(r[4] for r in rows) == newest
    assert scalar(demo_db, "select count(distinct month) from wait_time") >= 24


def test_specialist_waits_per_diagnosis_group_basic_without(demo_db):
    by_kind = dict(
        demo_db.execute(
            text("""
        select s.wait_kind, bool_and(w.diagnosis_group_id is not null) from wait_time w
        join service_at_location sal on sal.id = w.service_at_location_id join service s on s.id = sal.service_id
        where s.wait_kind in ('ggz_specialist', 'ggz_basic') group by 1""")
        ).all()
    )
    assert by_kind == {"ggz_specialist": True, "ggz_basic": False}
    assert (
        scalar(
            demo_db, "select count(*) from wait_time where diagnosis_group_id is not null and treatment_weeks is null"
        )
        == 0
    )
    kinds = {k for (k,) in demo_db.execute(text(f"select distinct wait_kind from ({LATEST}) x"))}
    assert kinds == {"ggz_specialist", "ggz_basic", "poh_ggz", "social"}


def test_latest_figures_over_and_within_the_treeknorm_and_fresh_stale_hidden(demo_db):
    today = clock.today()
    latest = demo_db.execute(text(LATEST)).mappings().all()
    ggz = [r for r in latest if r["wait_kind"].startswith("ggz")]
    verdicts = [treeknorm.verdict(r["registration_weeks"], r["treatment_weeks"], r["wait_kind"]) for r in ggz]
    assert sum(v.over for v in verdicts) >= 20
    assert sum(not v.over for v in verdicts) >= 10
    assert any(r["registration_weeks"] > 4 and r["treatment_weeks"] > 10 for r in ggz)  # far above
    fresh = {treeknorm.freshness(r["reference_date"], today) for r in latest}
    assert fresh == {treeknorm.Freshness.FRESH, treeknorm.Freshness.STALE, treeknorm.Freshness.HIDDEN}
    stale_orgs = {r["org_id"] for r in latest if treeknorm.freshness(r["reference_date"], today) != "fresh"}
    assert len(stale_orgs) >= 3
    basic = [r["registration_weeks"] + r["treatment_weeks"] for r in ggz if r["wait_kind"] == "ggz_basic"]
    assert Decimal(18) <= sum(basic) / len(basic) <= Decimal(24)  # regional average basic ggz about 21 weeks
    assert all(
        isinstance(r["registration_weeks"], Decimal) and r["registration_weeks"].as_tuple().exponent == -1
        for r in latest
    )
    assert {r["method"] for r in latest} == {"realised", "current"}
    assert all(r["reference_date"] is not None for r in latest)
    assert any(r["intake_within_norm"] is not None and r["intake_outside_norm"] for r in ggz)


def test_a_ggz_provider_that_never_reported(demo_db):
    silent = (
        demo_db.execute(
            text("""
        select o.name from organization o where o.kind = 'specialist_ggz'
        and exists (select 1 from service s where s.organization_id = o.id and s.wait_kind = 'ggz_specialist')
        and not exists (select 1 from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
                        join service s on s.id = sal.service_id where s.organization_id = o.id)""")
        )
        .scalars()
        .all()
    )
    assert len(silent) == 1


def test_some_series_rise_three_months_in_a_row_and_some_fall(demo_db):
    rows = demo_db.execute(
        text("""
        select service_at_location_id, diagnosis_group_id,
               array_agg(registration_weeks + coalesce(treatment_weeks, 0) order by month desc) as totals
        from wait_time group by 1, 2""")
    ).all()
    rising = [r for r in rows if r.totals[0] > r.totals[1] > r.totals[2] > r.totals[3]]
    falling = [r for r in rows if r.totals[0] < r.totals[1] < r.totals[2] < r.totals[3]]
    assert len(rising) >= 3 and len(falling) >= 3


def test_import_runs_are_linked_and_counted(demo_db):
    runs = demo_db.execute(
        text("""
        select r.status, r.rows_applied, r.rows_total, count(w.id) as linked from import_run r
        left join wait_time w on w.import_run_id = r.id group by r.id""")
    ).all()
    assert len(runs) >= 3
    assert all(r.status == "applied" and r.rows_applied == r.rows_total == r.linked > 0 for r in runs)


def test_intake_stops_current_and_ended(demo_db):
    stops = demo_db.execute(text("select starts_on, ends_on, reason, service_at_location_id from intake_stop")).all()
    today = clock.today()
    current = [s for s in stops if s.starts_on <= today and (s.ends_on is None or s.ends_on >= today)]
    ended = [s for s in stops if s.ends_on is not None and s.ends_on < today]
    assert 2 <= len(current) <= 3 and len(ended) >= 1
    assert any(s.ends_on is None for s in current) and any(s.service_at_location_id for s in current)
    assert all(s.reason for s in stops)


def test_insurer_contracts_for_this_year_with_some_ceilings(demo_db):
    year = clock.today().year
    assert scalar(demo_db, "select count(*) from insurer_contract where year = :y", y=year) >= 50
    assert scalar(demo_db, "select count(*) from insurer_contract where ceiling_reached") >= 3
    assert scalar(demo_db, "select count(distinct insurer_id) from insurer_contract") >= 5
    without = scalar(
        demo_db,
        """select count(*) from organization o where o.kind in ('specialist_ggz', 'basic_ggz')
                                 and not exists (select 1 from insurer_contract c where c.organization_id = o.id)""",
    )
    assert without == 0


def test_capacity_for_group_offers_and_some_treatments(demo_db):
    units = dict(
        demo_db.execute(
            text("""select u.code, count(*) from service_capacity c
                                         join capacity_unit u on u.id = c.unit_id group by 1""")
        ).all()
    )
    assert units["places"] >= 60 and units["intake_slots_week"] >= 5
    assert scalar(demo_db, "select count(*) from service_capacity where available > maximum") == 0


def test_values_do_not_depend_on_the_date():
    def values(today: date) -> list:
        demo = generate(today)
        return [(r["registration_weeks"], r["treatment_weeks"], r["waiting_count"]) for r in demo.rows[WaitTime]]

    first, later = values(date(2026, 11, 23)), values(date(2027, 3, 2))
    assert first == later and len(first) > 1000
    months = sorted({r["month"] for r in generate(date(2027, 3, 2)).rows[WaitTime]})
    assert months[-1] == date(2027, 3, 1) and months[0] <= date(2025, 4, 1)
