"""The national-scale generator (waitinfo/demo/national.py) on 1% of its size: counts, integrity, determinism."""

import io

from sqlalchemy import text

from waitinfo.demo.national import MONTHS, Progress, load_national
from waitinfo.search.repository import search
from waitinfo.search.schemas import SearchParams

FINGERPRINT = """
select md5(string_agg(w.id::text || w.service_at_location_id::text || w.month::text
                      || coalesce(w.registration_weeks::text, '-') || coalesce(w.treatment_weeks::text, '-'), ','
                      order by w.id))
from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
join service s on s.id = sal.service_id join organization o on o.id = s.organization_id
where o.slug like 'landelijk-%'
"""


def _count(db, sql: str) -> int:
    return db.execute(text(sql)).scalar_one()


def test_national_one_percent(db):
    summary = load_national(db, progress=False, factor=0.01)
    assert "50 aanbieders" in summary and "500 aanbod" in summary and "(waarvan 341 fictief)" in summary
    nat = "join organization o on o.id = s.organization_id where o.slug like 'landelijk-%'"
    assert _count(db, f"select count(*) from service s {nat}") == 500
    assert (
        _count(db, f"select count(*) from service_at_location sal join service s on s.id = sal.service_id {nat}")
        == 1000
    )
    assert (
        _count(
            db,
            f"select count(*) from wait_time w join service_at_location sal on sal.id = w.service_at_location_id "
            f"join service s on s.id = sal.service_id {nat}",
        )
        == 1000 * MONTHS
    )
    # 24 distinct months, the newest being this month; one figure per site per month
    assert _count(db, "select count(distinct month) from wait_time") >= MONTHS
    # only fictional municipalities were added, each marked as such, with a place for search
    assert _count(db, "select count(*) from municipality where code like 'GM9%' and name not like '%(fictief)'") == 0
    assert _count(db, "select count(*) from place where municipality_code like 'GM9%'") == 341
    assert (
        _count(db, "select count(*) from organization where slug like 'landelijk-%' and name not like '%(fictief)'")
        == 0
    )
    # every service has needs and a service area (so municipality search stays selective)
    assert (
        _count(
            db,
            f"select count(*) from service s {nat} and not exists "
            "(select 1 from service_area a where a.service_id = s.id)",
        )
        == 0
    )
    assert (
        _count(
            db,
            f"select count(*) from service s {nat} and not exists "
            "(select 1 from service_need n where n.service_id = s.id)",
        )
        == 0
    )
    # coordinates lie in the Netherlands
    assert (
        _count(
            db,
            "select count(*) from location l join organization o on o.id = l.organization_id "
            "where o.slug like 'landelijk-%' and not (latitude between 50.7 and 53.6 "
            "and longitude between 3.3 and 7.3)",
        )
        == 0
    )
    first = db.execute(text(FINGERPRINT)).scalar_one()

    # deterministic and rerunnable: a second run replaces the first with the same catalogue
    load_national(db, progress=False, factor=0.01)
    assert db.execute(text(FINGERPRINT)).scalar_one() == first
    assert _count(db, f"select count(*) from service s {nat}") == 500

    # the same query shapes work: a referrer search in a Twente municipality finds national offer with waits
    page = search(db, SearchParams(gemeente="Enschede", hulpvraag="angst"))
    assert page.total >= 1


def test_progress_bar_writes_one_line_per_stage():
    out = io.StringIO()
    bar = Progress(True, out)
    for done in (0, 50, 100):
        bar("wachttijden", done, 100, force=True)
    bar.close()  # Rich prints the final state of each stage once when not on a terminal
    text_out = out.getvalue()
    assert "wachttijden" in text_out and "100%" in text_out and "100/100" in text_out and text_out.endswith("\n")
    assert len(text_out.strip().splitlines()) == 1
    silent = io.StringIO()
    Progress(False, silent)("x", 1, 2)
    assert silent.getvalue() == ""
