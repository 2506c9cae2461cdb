"""The demo loader: deterministic, idempotent, and it keeps its promises (issue 3 item 6, issue 10)."""

from sqlalchemy import text

from tests import factories
from waitinfo.demo.load import load_demo

HASHED_TABLES = [
    "organization", "location", "service", "service_need", "service_area", "service_at_location", "schedule",
    "support_point", "support_point_month", "group_offer", "import_run", "wait_time", "service_capacity",
    "intake_stop", "insurer_contract",
]


def fingerprint(db) -> dict[str, tuple[int, str]]:
    out = {}
    for table in HASHED_TABLES:
        out[table] = tuple(db.execute(text(
            f"select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {table} t"
        )).one())
    return out


def test_loading_twice_gives_the_same_catalogue(db):
    first_summary = load_demo(db)
    first = fingerprint(db)
    second_summary = load_demo(db)
    second = fingerprint(db)
    assert first == second
    assert first_summary == second_summary
    assert first["organization"][0] >= 40
    assert first["wait_time"][0] > 1000


def test_rows_that_are_not_demo_data_are_left_alone(db):
    org = factories.organization(db, "Eigen praktijk (fictief)", kind="basic_ggz")
    loc = factories.location(db, org)
    svc = factories.service(db, org, "Eigen behandeling")
    factories.at_location(db, svc, loc)
    load_demo(db)
    load_demo(db)
    assert db.execute(text("select count(*) from service where organization_id = :o"), {"o": org.id}).scalar() == 1
    assert db.execute(text("select count(*) from organization where name = 'Eigen praktijk (fictief)'")).scalar() == 1


def test_unknown_scale_is_refused(db):
    import pytest

    with pytest.raises(ValueError, match="schaal"):
        load_demo(db, scale="europa")
