"""The figures the demo catalogue promises (issue 3 item 6 and issue 10), checked on the loaded demo."""

from sqlalchemy import text

from waitinfo.catalogue.models import ORGANIZATION_KINDS, SERVICE_KINDS


def scalar(db, sql: str, **params):
    return db.execute(text(sql), params).scalar()


def test_organisations_of_every_kind(demo_db):
    kinds = dict(demo_db.execute(text("select kind, count(*) from organization group by kind")).all())
    assert sum(kinds.values()) >= 40
    assert set(kinds) == set(ORGANIZATION_KINDS)
    assert all(name.endswith(" (fictief)") for (name,) in demo_db.execute(text("select name from organization")))
    assert 10 <= scalar(demo_db, "select count(*) from organization where participates_kpi33") <= 15


def test_services_in_both_domains_and_all_kinds(demo_db):
    assert scalar(demo_db, "select count(*) from service") >= 250
    domains = dict(demo_db.execute(text("select domain, count(*) from service group by domain")).all())
    assert domains["ggz"] >= 100 and domains["social"] >= 100
    kinds = {k for (k,) in demo_db.execute(text("select distinct kind from service"))}
    assert kinds == set(SERVICE_KINDS)
    # every service has 1-3 needs and a service area
    assert (
        scalar(
            demo_db,
            """select count(*) from service s where (select count(*) from service_need n
                              where n.service_id = s.id) not between 1 and 3""",
        )
        == 0
    )
    assert (
        scalar(
            demo_db,
            """select count(*) from service s where not exists
                              (select 1 from service_area a where a.service_id = s.id)""",
        )
        == 0
    )
    assert (
        scalar(
            demo_db,
            """select count(*) from service s where not exists
                              (select 1 from service_at_location a where a.service_id = s.id)""",
        )
        == 0
    )
    ages = demo_db.execute(text("select minimum_age, maximum_age, count(*) from service group by 1, 2")).all()
    assert max(ages, key=lambda r: r[2])[:2] == (18, None)  # mostly adults from 18
    assert any(r[1] is not None for r in ages)
    costs = {c for (c,) in demo_db.execute(text("select distinct cost from service"))}
    assert {"insured", "free", "own_contribution", "voluntary"} <= costs
    flags = demo_db.execute(
        text("""select bool_or(suitable_while_waiting), bool_or(online_possible),
        bool_and(referral_required) filter (where kind = 'treatment' and wait_kind like 'ggz%'),
        bool_or(referral_required) filter (where kind = 'support_point' or domain = 'social'),
        bool_and(how_to_register <> '' and assured_date is not null) from service""")
    ).one()
    assert flags == (True, True, True, False, True)


def test_locations_in_all_fourteen_municipalities(demo_db):
    # Real Twente postcode areas: 74xx (Rijssen, Goor, Haaksbergen, Nijverdal), 75xx and 76xx.
    assert scalar(demo_db, "select count(distinct municipality_code) from location") == 14
    assert scalar(demo_db, "select count(*) from location where location_type = 'virtual'") >= 3
    assert (
        scalar(
            demo_db,
            r"""select count(*) from location where location_type = 'physical'
                               and postal_code !~ '^7[4-6]\d\d [A-Z]{2}$'""",
        )
        == 0
    )


def test_every_need_has_services_in_several_municipalities(demo_db):
    rows = demo_db.execute(
        text("""
        select t.code, count(distinct l.municipality_code)
        from taxonomy_term t join taxonomy x on x.id = t.taxonomy_id and x.code = 'needs'
        left join service_need n on n.taxonomy_term_id = t.id
        left join service_at_location sal on sal.service_id = n.service_id
        left join location l on l.id = sal.location_id
        group by t.code""")
    ).all()
    assert rows and all(count >= 3 for _, count in rows), rows


def test_almelo_anxiety_has_ggz_options_with_and_without_referral_and_alternatives(demo_db):
    rows = demo_db.execute(
        text("""
        select distinct s.id, s.domain, s.kind, s.referral_required, s.suitable_while_waiting
        from service s join service_need n on n.service_id = s.id
        join taxonomy_term t on t.id = n.taxonomy_term_id and t.code = 'angst'
        join service_at_location sal on sal.service_id = s.id
        join location l on l.id = sal.location_id and l.municipality_code = 'GM0141'""")
    ).all()
    ggz = [r for r in rows if r.domain == "ggz"]
    assert len(ggz) >= 5
    assert any(not r.referral_required for r in ggz)
    assert any(r.domain == "social" for r in rows)
    assert any(r.kind == "support_point" for r in rows)
    latest = (
        demo_db.execute(
            text("""
        select distinct on (w.service_at_location_id, w.diagnosis_group_id)
               w.registration_weeks + coalesce(w.treatment_weeks, 0) as total
        from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
        join location l on l.id = sal.location_id and l.municipality_code = 'GM0141'
        join service_need n on n.service_id = sal.service_id
        join taxonomy_term t on t.id = n.taxonomy_term_id and t.code = 'angst'
        join service s on s.id = sal.service_id and s.domain = 'ggz'
        order by w.service_at_location_id, w.diagnosis_group_id, w.month desc""")
        )
        .scalars()
        .all()
    )
    assert any(total > 14 for total in latest) and any(total <= 14 for total in latest)


def test_support_points_show_programme_growth(demo_db):
    def count(point_type: str, before: str) -> int:
        return scalar(
            demo_db,
            f"""select count(*) from support_point where point_type = :t
                                   and opened_on < {before}""",
            t=point_type,
        )

    window_start = "(select min(month) from support_point_month) "
    assert count("recovery_centre", window_start) == 4
    assert count("recovery_centre", "current_date + 1") == 7
    assert count("walk_in", window_start) == 7
    assert count("walk_in", "current_date + 1") == 14
    types = {t for (t,) in demo_db.execute(text("select distinct point_type from support_point"))}
    assert types == {"recovery_centre", "walk_in", "respite_house", "village_room", "digital"}
    months = scalar(demo_db, "select count(distinct month) from support_point_month")
    assert months == 24
    visitors = demo_db.execute(
        text("""select month, sum(visitors), sum(hours_per_week) from support_point_month
                                       group by month order by month""")
    ).all()
    assert visitors[-1][1] > visitors[0][1] * 1.1  # visitors grew by more than 10% (KPI 38)
    assert visitors[-1][2] > visitors[0][2] * 1.1
    assert (
        scalar(
            demo_db,
            """select count(*) from support_point p where not exists
                              (select 1 from schedule s where s.service_id = p.service_id)""",
        )
        == 0
    )


def test_group_offers_with_places(demo_db):
    assert scalar(demo_db, "select count(*) from group_offer where places_total > 0") >= 60
    assert scalar(demo_db, "select count(*) from group_offer where places_free = 0") >= 5
    assert scalar(demo_db, "select count(*) from group_offer where places_free > 0") >= 30
    assert scalar(demo_db, "select count(distinct domain_type) from group_offer") == 4
    assert scalar(demo_db, "select count(*) from group_offer where ongoing") >= 5
    assert scalar(demo_db, "select count(*) from group_offer where start_date > current_date") >= 5
    multi = dict(
        demo_db.execute(
            text("""
        select l.municipality_code, count(distinct g.service_id) from group_offer g
        join service_at_location sal on sal.service_id = g.service_id join location l on l.id = sal.location_id
        where cardinality(g.professional_domains) >= 2 group by 1""")
        ).all()
    )
    for code in ("GM0153", "GM0164", "GM0141"):  # Enschede, Hengelo, Almelo (KPI 47)
        assert multi.get(code, 0) >= 2


def test_no_real_looking_personal_data(demo_db):
    for table, column in (("organization", "email"), ("service", "email")):
        bad = scalar(
            demo_db, f"select count(*) from {table} where {column} is not null and {column} not like '%.example'"
        )
        assert bad == 0
    assert scalar(demo_db, "select count(*) from organization where website not like 'https://www.%.example'") == 0
    phones = [
        p
        for (p,) in demo_db.execute(
            text(
                "select phone from organization where phone is not null union select phone from service "
                "where phone is not null"
            )
        )
    ]
    assert phones and all(p.startswith("088-0000") and len(p) == 11 for p in phones)
