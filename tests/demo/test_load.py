"""The demo loader: deterministic, idempotent, and it leaves other rows alone (issue 3 item 6)."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from tests import factories
from waitinfo.core import clock
from waitinfo.demo.load import load_demo

HASHED_TABLES = [
    "organization",
    "location",
    "service",
    "service_need",
    "service_area",
    "service_at_location",
    "schedule",
    "support_point",
    "support_point_month",
    "group_offer",
    "import_run",
    "wait_time",
    "service_capacity",
    "intake_stop",
    "insurer_contract",
    "meeting_series",
    "meeting",
    "meeting_bottleneck",
    "meeting_action",
    "capacity_offer",
    "transfer_request",
]


def fingerprint(db) -> dict[str, tuple[int, str]]:
    """Row count and md5 of all rows (every column, updated_at included) of each catalogue table."""
    out = {}
    for table in HASHED_TABLES:
        out[table] = tuple(
            db.execute(
                text(f"select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {table} t")
            ).one()
        )
    return out


def test_loading_twice_gives_the_same_catalogue_and_leaves_other_rows_alone(db, monkeypatch):
    org = factories.organization(db, "Eigen praktijk (fictief)", kind="basic_ggz")
    svc = factories.service(db, org, "Eigen behandeling")
    sal = factories.at_location(db, svc, factories.location(db, org))
    factories.wait(db, sal, clock.month_start(clock.today()), registration=3, treatment=5)

    # An older load (some weeks ago) first: reloading today moves the window without leaving old rows behind.
    real_today = clock.today()
    monkeypatch.setattr(clock, "today", lambda: real_today - timedelta(days=45))
    load_demo(db)
    monkeypatch.setattr(clock, "today", lambda: real_today)
    first_summary = load_demo(db)
    first = fingerprint(db)
    tombstones = db.execute(text("select count(*) from deletion")).scalar()
    second_summary = load_demo(db)
    second = fingerprint(db)

    assert first == second
    assert first_summary == second_summary and "79 aanbieders" in first_summary
    assert db.execute(text("select count(*) from deletion")).scalar() == tombstones  # a no-op for the sync API
    assert first["organization"][0] >= 40 and first["wait_time"][0] > 1000
    per_series = (
        db.execute(
            text("""
        select distinct n from (select count(*) as n from wait_time w
          join service_at_location sal on sal.id = w.service_at_location_id join service s on s.id = sal.service_id
          where s.organization_id <> :o group by w.service_at_location_id, w.diagnosis_group_id) x"""),
            {"o": org.id},
        )
        .scalars()
        .all()
    )
    assert per_series == [24]
    # the rows of the organisation that is not demo data are untouched
    assert db.execute(text("select count(*) from service where organization_id = :o"), {"o": org.id}).scalar() == 1
    assert (
        db.execute(text("select count(*) from wait_time where service_at_location_id = :s"), {"s": sal.id}).scalar()
        == 1
    )


def test_unknown_scale_is_refused(db):
    with pytest.raises(ValueError, match="schaal"):
        load_demo(db, scale="europa")
