"""Support-point and group-offer inventories and the HSDS feed page from ../shared/samples, row by row."""

import json
from datetime import date, time

from tests.imports.helpers import D, import_sample, issues, rows, sample
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
    report = import_sample(db, "steunpunten_twente.csv", "Regio Twente (fictief)", multi_organisation=True)
    assert report.status == "applied"
    assert (report.rows_total, report.rows_applied, report.rows_rejected) == (6, 6, 0)
    assert report.errors == []
    assert issues(report, "warnings") == [
        (
            5,
            "Openingstijden",
            "Openingstijden 'dag en nacht, na aanmelding' niet eenduidig te lezen; getoond zoals aangeleverd.",
        ),
        (6, "Openingstijden", "Openingstijden '24/7 chat' niet eenduidig te lezen; getoond zoals aangeleverd."),
        (
            None,
            None,
            "Nieuwe aanbieder 'Stichting Herstel Twente (fictief)' aangemaakt; wacht op goedkeuring door de coördinator.",
        ),
        (
            None,
            None,
            "Nieuwe aanbieder 'Sociaal Werk Tukkerland (fictief)' aangemaakt; wacht op goedkeuring door de coördinator.",
        ),
        (
            None,
            None,
            "Nieuwe aanbieder 'Welzijn Hengelo (fictief)' aangemaakt; wacht op goedkeuring door de coördinator.",
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
    herstel, tukkerland, welzijn = (
        "Stichting Herstel Twente (fictief)",
        "Sociaal Werk Tukkerland (fictief)",
        "Welzijn Hengelo (fictief)",
    )
    assert points == [
        (
            "Dorpskamer 't Hoeske",
            tukkerland,
            "village_room",
            ["no_referral", "free"],
            35,
            "di 9:30-12:00",
            "physical",
            "Dorpsstraat 1",
            "7651 AA",
            "Tubbergen",
            "GM0183",
            None,
            False,
            "free",
            ["GM0183"],
        ),
        (
            "Herstelhuis De Esch",
            herstel,
            "recovery_centre",
            ["no_referral", "free", "peer_workers", "open_all_twente"],
            420,
            "ma-vr 10:00-16:00",
            "physical",
            "Eschstraat 4",
            "7601 AA",
            "Almelo",
            "GM0141",
            "https://herstelhuis-de-esch.example",
            False,
            "free",
            ALL14,
        ),
        (
            "Inloop Hengelo-Noord",
            welzijn,
            "walk_in",
            ["no_referral", "free"],
            None,
            "ma-do 10-15",
            "physical",
            "Noordstraat 77",
            "7553 CD",
            "Hengelo",
            "GM0164",
            None,
            False,
            "free",
            ["GM0164"],
        ),
        (
            "Inloop Het Rondeel",
            tukkerland,
            "walk_in",
            ["no_referral", "free", "open_all_twente"],
            610,
            "ma, wo, vr 13:00-17:00; za 10:00-13:00",
            "physical",
            "Rondweg 8",
            "7513 AB",
            "Enschede",
            "GM0153",
            None,
            False,
            "free",
            ALL14,
        ),
        (
            "Respijthuis De Linde",
            herstel,
            "respite_house",
            ["free", "peer_workers"],
            12,
            "dag en nacht, na aanmelding",
            "physical",
            "Lindelaan 20",
            "7471 AB",
            "Goor",
            "GM1735",
            None,
            False,
            "free",
            ["GM1735"],
        ),  # Goor
        (
            "Steunpunt Online Twente",
            herstel,
            "digital",
            ["no_referral", "free", "anonymous"],
            900,
            "24/7 chat",
            "virtual",
            None,
            None,
            None,
            None,
            "https://steunpunt-online.example",
            False,
            "free",
            ALL14,
        ),
    ]
    schedules = rows(
        db,
        """
        select s.name, sc.byday, sc.opens_at, sc.closes_at, sc.description from schedule sc
        join service s on s.id = sc.service_id order by s.name, sc.opens_at nulls first""",
    )
    assert schedules == [
        ("Dorpskamer 't Hoeske", "TU", time(9, 30), time(12, 0), "di 9:30-12:00"),
        ("Herstelhuis De Esch", "MO,TU,WE,TH,FR", time(10), time(16), "ma-vr 10:00-16:00"),
        ("Inloop Hengelo-Noord", "MO,TU,WE,TH", time(10), time(15), "ma-do 10-15"),
        ("Inloop Het Rondeel", "SA", time(10), time(13), "ma, wo, vr 13:00-17:00; za 10:00-13:00"),
        ("Inloop Het Rondeel", "MO,WE,FR", time(13), time(17), "ma, wo, vr 13:00-17:00; za 10:00-13:00"),
        ("Respijthuis De Linde", None, None, None, "dag en nacht, na aanmelding"),  # kept as text, not guessed
        ("Steunpunt Online Twente", None, None, None, "24/7 chat"),
    ]


def test_group_offers_every_row(db):
    report = import_sample(db, "groepsaanbod_sociaal-werk-tukkerland.csv", "Sociaal Werk Tukkerland (fictief)")
    assert (report.status, report.rows_total, report.rows_applied, report.rows_rejected) == ("applied", 4, 3, 1)
    assert issues(report) == [(5, "start", "Datum '2026-13-01' bestaat niet; controleer dag en maand.")]
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
            "Grip op geldzorgen",
            "social",
            "group_offer",
            "social_work_welfare",
            "volwassenen met schulden",
            "6 x dinsdagochtend",
            date(2026, 11, 10),
            False,
            12,
            4,
            False,
            "",
            "free",
            "gratis",
            "via wijkteam of zelf",
            "Buurthuis De Riet",
            "Rietstraat 3",
            "7603 AA",
            "Almelo",
            "GM0141",
            ["GM0141"],
        ),
        (
            "Omgaan met somberheid (cursus)",
            "ggz",
            "group_offer",
            "ggz",
            "volwassenen met lichte depressieve klachten",
            "8 x maandagavond",
            date(2027, 1, 12),
            False,
            10,
            10,
            True,
            "ja (huisarts)",
            "insured",
            "basisverzekering",
            "huisarts",
            "Marktstraat 3",
            "Marktstraat 3",
            "7551 DR",
            "Hengelo",
            "GM0164",
            ["GM0164"],
        ),
        (
            "Wandelgroep In Beweging",
            "social",
            "group_offer",
            "paramedical",
            "iedereen",
            "wekelijks woensdag",
            None,
            True,
            20,
            None,
            False,
            "",
            "free",
            "gratis",
            "zelf",
            "start bij Station Borne",
            None,
            None,
            None,
            "GM0147",
            ["GM0147"],
        ),
    ]
    assert rows(db, "select count(*) from service where name = 'Lotgenotengroep rouw'") == [(0,)]


def test_hsds_feed_page(db):
    report = import_sample(db, "hsds_feed_reggedal.json", "Reggedal Verslavingszorg (fictief)")
    assert (report.status, report.rows_total, report.rows_applied, report.rows_rejected) == ("applied", 2, 2, 0)
    services = rows(
        db,
        """
        select s.id::text, s.name, s.status, s.url, s.email, s.assured_date, s.minimum_age, s.eligibility_description,
               array(select a.municipality_code from service_area a where a.service_id = s.id
                     order by a.municipality_code),
               (select count(*) from service_at_location sal where sal.service_id = s.id)
        from service s join organization o on o.id = s.organization_id
        where o.slug = 'reggedal-verslavingszorg-fictief' order by s.name""",
    )
    assert services == [
        (
            "0f02a7cf-30fb-5897-bdb4-4bbeca042a31",
            "Ambulante verslavingszorg",
            "active",
            "https://reggedal.example/ambulant",
            "aanmelden@reggedal.example",
            date(2026, 10, 2),
            18,
            "18 jaar en ouder; verwijzing huisarts nodig",
            ["GM0141", "GM0147", "GM0153", "GM0164"],
            1,
        ),
        (
            "7737e10b-8eb9-5636-b7e3-18a9b6329868",
            "Online hulp bij minderen met drinken",
            "active",
            "https://reggedal.example/online",
            None,
            date(2026, 10, 2),
            18,
            "",
            [],
            0,
        ),  # no locations: no waits
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
            "e85092ed-0ee2-583e-ae9c-e2abdd25b597",
            "Reggedal Enschede",
            "Stationsplein 5",
            "7511 JD",
            "Enschede",
            "GM0153",
            52.219,
            6.893,
            date(2026, 10, 1),
            D(5),
            D(7),
            "unknown",  # no method attribute, no method stored for the provider: never guessed
            date(2026, 10, 2),
        )
    ]


def test_hsds_push_of_one_service_object_then_put_by_id(db):
    page = json.loads(sample("hsds_feed_reggedal.json"))
    service = page["contents"][0]
    first = run_import(
        db,
        organization_name_or_id="Reggedal Verslavingszorg (fictief)",
        raw=json.dumps(service).encode(),
        source="api",
        kind="hsds",
        triggered_by="api",
    )
    assert (first.status, first.rows_applied) == ("applied", 1)
    service["name"] = "Ambulante verslavingszorg volwassenen"
    service["attributes"][0]["value"] = "6"
    second = run_import(
        db,
        organization_name_or_id="reggedal-verslavingszorg-fictief",
        raw=json.dumps(service).encode(),
        source="api",
        kind="hsds",
        triggered_by="api",
    )
    assert second.status == "applied" and second.organization_created is False
    assert rows(db, "select name from service where id = '0f02a7cf-30fb-5897-bdb4-4bbeca042a31'") == [
        ("Ambulante verslavingszorg volwassenen",)
    ]
    assert rows(db, "select registration_weeks from wait_time") == [(D(6),)]  # the same month corrected
    assert rows(
        db,
        "select old->>'registration_weeks', new->>'registration_weeks' from audit_log where entity_type = 'wait_time'",
    ) == [("5.0", "6.0")]


def test_non_hsds_json_is_rejected_and_changes_nothing(db):
    report = run_import(
        db,
        organization_name_or_id="Reggedal Verslavingszorg (fictief)",
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
    assert rows(db, "select count(*) from organization where slug like 'reggedal%'") == [(0,)]
