"""Support-point and group-offer inventories and the HSDS feed page from tests/fixtures (the project's own), row by row."""

import json
from datetime import date, time

from tests.fixtures import GROUP_OFFERS, HSDS_FEED, SUPPORT_POINTS, fixture
from tests.imports.helpers import D, import_fixture, issues, rows
from waitinfo.imports.service import run_import

ALL14 = [
    "GM0141",
    "GM0147",
    "GM0153",
    "GM0158",
    "GM0163",
    "GM0164",
    "GM0168",
    "GM0173",
    "GM0183",
    "GM0189",
    "GM1700",
    "GM1735",
    "GM1742",
    "GM1774",
]


def test_support_points_every_row(db):
    report = import_fixture(db, SUPPORT_POINTS, "Regio Twente (fictief)", multi_organisation=True)
    assert report.status == "applied"
    assert (report.rows_total, report.rows_applied, report.rows_rejected) == (6, 6, 0)
    assert report.errors == []
    assert issues(report, "warnings") == [
        (
            5,
            "Openingstijden",
            "Openingstijden 'altijd, in overleg' niet eenduidig te lezen; getoond zoals aangeleverd.",
        ),
        (
            6,
            "Openingstijden",
            "Openingstijden 'dag en nacht via chat' niet eenduidig te lezen; getoond zoals aangeleverd.",
        ),
        (
            None,
            None,
            "Nieuwe aanbieder 'Stichting Eigen Kracht Twente (fictief)' aangemaakt; wacht op goedkeuring door de coördinator.",
        ),
        (
            None,
            None,
            "Nieuwe aanbieder 'Welzijn Noordoost (fictief)' aangemaakt; wacht op goedkeuring door de coördinator.",
        ),
        (
            None,
            None,
            "Nieuwe aanbieder 'Welzijn Delden (fictief)' aangemaakt; wacht op goedkeuring door de coördinator.",
        ),
    ]
    points = rows(
        db,
        """
        select s.name, o.name, p.point_type, p.characteristics, p.visitors_per_month, p.opening_hours_text,
               l.location_type, l.address_1, l.postal_code, l.city, l.municipality_code, s.url, s.referral_required,
               s.cost, array(select a.municipality_code from service_area a where a.service_id = s.id
                             order by a.municipality_code)
        from support_point p join service s on s.id = p.service_id join organization o on o.id = s.organization_id
        join service_at_location sal on sal.service_id = s.id join location l on l.id = sal.location_id
        order by s.name""",
    )
    assert points == [
        (
            "Chatpunt Twente",
            "Stichting Eigen Kracht Twente (fictief)",
            "digital",
            ["no_referral", "free", "anonymous"],
            700,
            "dag en nacht via chat",
            "virtual",
            None,
            None,
            None,
            None,
            "https://chatpunt.example",
            False,
            "free",
            [
                "GM0141",
                "GM0147",
                "GM0153",
                "GM0158",
                "GM0163",
                "GM0164",
                "GM0168",
                "GM0173",
                "GM0183",
                "GM0189",
                "GM1700",
                "GM1735",
                "GM1742",
                "GM1774",
            ],
        ),
        (
            "Dorpskamer De Spil",
            "Welzijn Noordoost (fictief)",
            "village_room",
            ["no_referral", "free"],
            20,
            "wo 9:00-11:30",
            "physical",
            "Kerkstraat 3",
            "7665 AA",
            "Albergen",
            "GM0183",
            None,
            False,
            "free",
            ["GM0183"],
        ),
        (
            "Herstelplek De Molen",
            "Stichting Eigen Kracht Twente (fictief)",
            "recovery_centre",
            ["no_referral", "free", "peer_workers", "open_all_twente"],
            310,
            "ma-vr 9:30-15:30",
            "physical",
            "Molenstraat 7",
            "7671 AB",
            "Vriezenveen",
            "GM1700",
            "https://herstelplek-de-molen.example",
            False,
            "free",
            [
                "GM0141",
                "GM0147",
                "GM0153",
                "GM0158",
                "GM0163",
                "GM0164",
                "GM0168",
                "GM0173",
                "GM0183",
                "GM0189",
                "GM1700",
                "GM1735",
                "GM1742",
                "GM1774",
            ],
        ),
        (
            "Inloop De Brink",
            "Welzijn Noordoost (fictief)",
            "walk_in",
            ["no_referral", "free", "open_all_twente"],
            150,
            "di, do 13:00-16:00; za 10:00-12:00",
            "physical",
            "Brink 2",
            "7631 AA",
            "Ootmarsum",
            "GM1774",
            None,
            False,
            "free",
            [
                "GM0141",
                "GM0147",
                "GM0153",
                "GM0158",
                "GM0163",
                "GM0164",
                "GM0168",
                "GM0173",
                "GM0183",
                "GM0189",
                "GM1700",
                "GM1735",
                "GM1742",
                "GM1774",
            ],
        ),
        (
            "Inloop Delden-Zuid",
            "Welzijn Delden (fictief)",
            "walk_in",
            ["no_referral", "free"],
            None,
            "ma-wo 9-12",
            "physical",
            "Zuidstraat 11",
            "7491 AA",
            "Hof van Twente",
            "GM1735",
            None,
            False,
            "free",
            ["GM1735"],
        ),
        (
            "Logeerhuis Het Anker",
            "Stichting Eigen Kracht Twente (fictief)",
            "respite_house",
            ["free", "peer_workers"],
            8,
            "altijd, in overleg",
            "physical",
            "Ankerweg 4",
            "7478 AA",
            "Diepenheim",
            "GM1735",
            None,
            False,
            "free",
            ["GM1735"],
        ),
    ]
    schedules = rows(
        db,
        """
        select s.name, sc.byday, sc.opens_at, sc.closes_at, sc.description from schedule sc
        join service s on s.id = sc.service_id order by s.name, sc.opens_at nulls first""",
    )
    assert schedules == [
        ("Chatpunt Twente", None, None, None, "dag en nacht via chat"),
        ("Dorpskamer De Spil", "WE", time(9, 0), time(11, 30), "wo 9:00-11:30"),
        ("Herstelplek De Molen", "MO,TU,WE,TH,FR", time(9, 30), time(15, 30), "ma-vr 9:30-15:30"),
        ("Inloop De Brink", "SA", time(10, 0), time(12, 0), "di, do 13:00-16:00; za 10:00-12:00"),
        ("Inloop De Brink", "TU,TH", time(13, 0), time(16, 0), "di, do 13:00-16:00; za 10:00-12:00"),
        ("Inloop Delden-Zuid", "MO,TU,WE", time(9, 0), time(12, 0), "ma-wo 9-12"),
        ("Logeerhuis Het Anker", None, None, None, "altijd, in overleg"),
    ]


def test_group_offers_every_row(db):
    report = import_fixture(db, GROUP_OFFERS, "Welzijn Noordoost (fictief)")
    assert (report.status, report.rows_total, report.rows_applied, report.rows_rejected) == ("applied", 4, 3, 1)
    assert issues(report) == [(5, "start", "Datum '2026-02-30' bestaat niet; controleer dag en maand.")]
    offers = rows(
        db,
        """
        select s.name, s.domain, s.kind, g.domain_type, g.target_group, g.sessions, g.start_date, g.ongoing,
               g.places_total, g.places_free, s.referral_required, s.referral_description, s.cost, s.cost_description,
               s.how_to_register, l.name, l.address_1, l.postal_code, l.city, l.municipality_code,
               array(select a.municipality_code from service_area a where a.service_id = s.id)
        from group_offer g join service s on s.id = g.service_id
        join service_at_location sal on sal.service_id = s.id join location l on l.id = sal.location_id
        order by s.name""",
    )
    assert offers == [
        (
            "Budgetcafé",
            "social",
            "group_offer",
            "social_work_welfare",
            "inwoners met geldvragen",
            "5 x donderdagmiddag",
            date(2026, 11, 3),
            False,
            15,
            6,
            False,
            "",
            "free",
            "gratis",
            "zelf of via wijkteam",
            "Wijkcentrum De Thij",
            "Thijstraat 2",
            "7572 AA",
            "Oldenzaal",
            "GM0173",
            ["GM0173"],
        ),
        (
            "Fietsgroep Samen Op Weg",
            "social",
            "group_offer",
            "paramedical",
            "iedereen",
            "wekelijks vrijdag",
            None,
            True,
            16,
            None,
            False,
            "",
            "free",
            "gratis",
            "zelf",
            "start bij het gemeentehuis Wierden",
            None,
            None,
            None,
            "GM0189",
            ["GM0189"],
        ),
        (
            "Training piekeren de baas",
            "ggz",
            "group_offer",
            "ggz",
            "volwassenen met piekerklachten",
            "6 x dinsdagavond",
            date(2027, 2, 2),
            False,
            12,
            12,
            True,
            "ja (huisarts)",
            "insured",
            "basisverzekering",
            "huisarts",
            "Hengelosestraat 200",
            "Hengelosestraat 200",
            "7521 AG",
            "Enschede",
            "GM0153",
            ["GM0153"],
        ),
    ]
    assert rows(db, "select count(*) from service where name = 'Ouders in gesprek'") == [(0,)]


def test_hsds_feed_page(db):
    report = import_fixture(db, HSDS_FEED, "Vechtstroom Zorg (fictief)")
    assert (report.status, report.rows_total, report.rows_applied, report.rows_rejected) == ("applied", 2, 2, 0)
    services = rows(
        db,
        """
        select s.id::text, s.name, s.status, s.url, s.email, s.assured_date, s.minimum_age, s.eligibility_description,
               array(select a.municipality_code from service_area a where a.service_id = s.id
                     order by a.municipality_code),
               (select count(*) from service_at_location sal where sal.service_id = s.id)
        from service s join organization o on o.id = s.organization_id
        where o.slug = 'vechtstroom-zorg-fictief' order by s.name""",
    )
    assert services == [
        (
            "4b1f0c2e-8a3d-5e6f-9a1b-2c3d4e5f6a7b",
            "Ambulante behandeling eetproblemen",
            "pending",  # a provider's feed: new services wait for the coordinator
            "https://vechtstroom.example/eetproblemen",
            "aanmelden@vechtstroom.example",
            date(2026, 10, 5),
            18,
            "18 jaar en ouder; verwijzing huisarts nodig",
            ["GM0141", "GM0164", "GM1742"],
            1,
        ),
        (
            "7a8b9c0d-1e2f-5a3b-8c5d-6e7f8a9b0c1d",
            "Online cursus grip op eten",
            "pending",
            "https://vechtstroom.example/online",
            None,
            date(2026, 10, 5),
            18,
            "",
            [],
            0,
        ),
    ]
    waits = rows(
        db,
        """
        select l.id::text, l.name, l.address_1, l.postal_code, l.city, l.municipality_code, l.latitude, l.longitude,
               w.month, w.registration_weeks, w.treatment_weeks, w.method, w.reference_date
        from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
        join location l on l.id = sal.location_id""",
    )
    assert waits == [
        (
            "3c4d5e6f-7a8b-5c9d-8e1f-2a3b4c5d6e7f",  # the feed's own location id is kept
            "Vechtstroom Almelo",
            "Grotestraat 100",
            "7607 CV",
            "Almelo",
            "GM0141",
            52.357,
            6.662,
            date(2026, 10, 1),
            D(4),
            D(11),
            "unknown",  # no method attribute, none stored for the provider
            date(2026, 10, 5),
        )
    ]


def test_hsds_push_of_one_service_object_then_put_by_id(db):
    page = json.loads(fixture(HSDS_FEED))
    service = page["contents"][0]
    first = run_import(
        db,
        organization_name_or_id="Vechtstroom Zorg (fictief)",
        raw=json.dumps(service).encode(),
        source="api",
        kind="hsds",
        triggered_by="api",
    )
    assert (first.status, first.rows_applied) == ("applied", 1)
    service["name"] = "Ambulante behandeling eetproblemen volwassenen"
    service["attributes"][0]["value"] = "6"
    second = run_import(
        db,
        organization_name_or_id="vechtstroom-zorg-fictief",
        raw=json.dumps(service).encode(),
        source="api",
        kind="hsds",
        triggered_by="api",
    )
    assert second.status == "applied" and second.organization_created is False
    assert rows(db, "select name from service where id = '4b1f0c2e-8a3d-5e6f-9a1b-2c3d4e5f6a7b'") == [
        ("Ambulante behandeling eetproblemen volwassenen",)
    ]
    assert rows(db, "select registration_weeks from wait_time") == [(D(6),)]  # the same month corrected
    assert rows(
        db,
        "select old->>'registration_weeks', new->>'registration_weeks' from audit_log where entity_type = 'wait_time'",
    ) == [("4.0", "6.0")]


def test_non_hsds_json_is_rejected_and_changes_nothing(db):
    report = run_import(
        db,
        organization_name_or_id="Vechtstroom Zorg (fictief)",
        raw=b'{"foo": 1}',
        source="x.json",
        kind="hsds",
    )
    assert report.status == "rejected"
    assert issues(report) == [
        (
            None,
            None,
            "Dit is geen HSDS 3.0-antwoord: verwacht een pagina met 'contents', een "
            "lijst services of één service met 'name'.",
        )
    ]
    assert rows(db, "select count(*) from organization where slug like 'vechtstroom%'") == [(0,)]
