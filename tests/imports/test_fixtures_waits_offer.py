"""The monthly wait-time file and the Excel offer template from tests/fixtures (the project's own), row by row."""

from datetime import date

from sqlmodel import select

from tests.fixtures import OFFER, WAITS
from tests.imports.helpers import D, import_fixture, issues, rows, waits_of
from waitinfo.core.clock import today
from waitinfo.imports.models import ImportRowError, ImportRun

OCT = date(2026, 10, 1)


def test_wait_file_every_row(db):
    report = import_fixture(db, WAITS, "Rivierland GGZ (fictief)")
    assert report.status == "applied"
    assert report.organization_created is True
    assert (report.rows_total, report.rows_applied, report.rows_rejected) == (11, 8, 2)
    assert issues(report) == [
        (11, "Aanmeldwachttijd (weken)", "Negatieve wachttijd '-3' is niet mogelijk; vul 0 of meer weken in."),
        (12, "Peildatum", "Datum '31-09-2026' bestaat niet; controleer dag en maand."),
    ]
    assert issues(report, "warnings") == [
        (
            5,
            "Aantal wachtenden",
            "Leeg: aantal wachtenden is voor deze regel niet gemeld; een eerder opgeslagen waarde blijft staan.",
        ),
        (10, None, "Dubbele regel: gelijk aan regel 9; één keer verwerkt."),
    ]
    s, b = "ggz_specialist", "ggz_basic"
    rijssen = ("Rivierland GGZ Rijssen", "7461 KE", "GM1742")
    borne = ("Rivierland GGZ Borne", "7622 AB", "GM0147")  # "7622AB" normalised
    hengelo = ("Rivierland GGZ Hengelo", "7551 AH", "GM0164")  # "Hengelo (Ov)"
    ref = date(2026, 10, 1)
    assert waits_of(db, "rivierland-ggz-fictief") == [
        (*borne, "Specialistische ggz", s, "angst", OCT, D(3), None, D(6), None, 18, "unknown", ref),
        (*borne, "Specialistische ggz", s, "autisme", OCT, None, "n.v.t.", None, "n.v.t.", 0, "unknown", ref),
        (*borne, "Specialistische ggz", s, "trauma", OCT, D(10), None, D(15), None, 27, "unknown", ref),
        (*hengelo, "Specialistische ggz", s, "adhd", OCT, D(7), None, D(9), None, 25, "unknown", ref),
        (*rijssen, "Basis-ggz", b, "overig", OCT, D("0.5"), "<1", D(2), None, None, "unknown", ref),
        (*rijssen, "Specialistische ggz", s, "angst", OCT, D(4), None, D(7), None, 22, "unknown", ref),
        (*rijssen, "Specialistische ggz", s, "depressie", OCT, D("6.5"), None, D(10), None, 31, "unknown", ref),
        (*rijssen, "Specialistische ggz", s, "persoonlijkheid", OCT, D(14), None, D(26), None, 19, "unknown", ref),
    ]
    # Haaksbergen's only row was rejected: no location, nothing partial.
    assert rows(
        db,
        "select count(*) from location l join organization o on o.id = l.organization_id "
        "where o.slug = 'rivierland-ggz-fictief'",
    ) == [(3,)]
    run = db.get(ImportRun, report.import_run_id)
    assert (run.status, run.rows_total, run.rows_applied, run.rows_rejected, run.kind) == (
        "applied",
        11,
        8,
        2,
        "wait-times",
    )
    stored = db.exec(
        select(ImportRowError).where(ImportRowError.import_run_id == run.id).order_by(ImportRowError.line)
    ).all()
    assert [(e.line, e.field, e.severity) for e in stored] == [
        (5, "Aantal wachtenden", "warning"),
        (10, None, "warning"),
        (11, "Aanmeldwachttijd (weken)", "error"),
        (12, "Peildatum", "error"),
    ]
    # The services were confirmed by the provider today (assured_date), not only edited.
    assert rows(
        db,
        "select distinct s.assured_date from service s join organization o on o.id = s.organization_id "
        "where o.slug = 'rivierland-ggz-fictief'",
    ) == [(today(),)]


def test_offer_workbook_every_row(db):
    report = import_fixture(db, OFFER, "Dinkeldal Psychologie (fictief)")
    assert report.status == "applied"
    assert (report.rows_total, report.rows_applied, report.rows_rejected) == (4, 3, 1)  # the empty row is skipped
    assert issues(report) == [
        (7, "Gemeenten", "Onbekende gemeente of plaats 'Almeloo'. Bedoelt u Almelo?"),
        (7, "Wachttijd aanmelding (weken)", "'drie' is geen aantal weken; gebruik een getal zoals 6 of 7,5."),
    ]
    assert issues(report, "warnings") == [
        (
            4,
            "Hulpvragen",
            "Hulpvraag 'slapen' niet herkend; niet opgeslagen. Gebruik de hulpvragen van de regio "
            "(bijvoorbeeld angst, somberheid, stress).",
        )
    ]
    services = rows(
        db,
        """
        select s.name, s.domain, s.minimum_age, s.maximum_age, s.referral_required, s.cost, s.cost_description,
               s.how_to_register, s.url, s.email, s.online_possible, s.assured_date,
               (select string_agg(a.municipality_code, ',' order by a.municipality_code) from service_area a
                 where a.service_id = s.id),
               (select string_agg(t.code, ',' order by t.code) from service_need n
                 join taxonomy_term t on t.id = n.taxonomy_term_id where n.service_id = s.id)
        from service s join organization o on o.id = s.organization_id
        where o.slug = 'dinkeldal-psychologie-fictief' order by s.name""",
    )
    all14 = "GM0141,GM0147,GM0153,GM0158,GM0163,GM0164,GM0168,GM0173,GM0183,GM0189,GM1700,GM1735,GM1742,GM1774"
    assured = date(2026, 10, 20)  # a real date cell and a text date give the same day
    assert services == [
        (
            "Gezinsgesprekken",
            "ggz",
            18,
            None,
            True,
            "insured",
            "Basisverzekering",
            "telefoon 0541-000001",
            None,
            None,
            False,
            assured,
            "GM1774",
            "relaties-gezin",
        ),
        (
            "Kortdurende behandeling stress en somberheid",
            "ggz",
            18,
            None,
            True,
            "insured",
            "Basisverzekering (eigen risico)",
            "www.dinkeldal-psychologie.example/aanmelden",
            "https://www.dinkeldal-psychologie.example/aanmelden",
            None,
            False,
            assured,
            "GM0141,GM0183,GM1774",
            "angst,somberheid,stress",
        ),
        (
            "Online cursus beter slapen",
            "ggz",
            18,
            99,
            False,
            "free",
            "gratis",
            "info@dinkeldal-psychologie.example",
            None,
            "info@dinkeldal-psychologie.example",
            True,
            assured,
            all14,  # "heel Twente"
            "stress",
        ),
    ]
    locations = rows(
        db,
        """
        select s.name, l.name, l.location_type, l.address_1, l.postal_code, l.city, l.municipality_code,
               w.month, w.registration_weeks, w.treatment_weeks, w.method, w.reference_date
        from service s join organization o on o.id = s.organization_id
        join service_at_location sal on sal.service_id = s.id join location l on l.id = sal.location_id
        join wait_time w on w.service_at_location_id = sal.id
        where o.slug = 'dinkeldal-psychologie-fictief' order by s.name""",
    )
    assert locations == [
        (
            "Gezinsgesprekken",
            "Dinkeldal Psychologie Denekamp",
            "physical",
            "Grotestraat 8",
            "7591 AA",
            "Denekamp",
            "GM1774",
            date(2026, 10, 1),
            D("6.0"),
            D("4.0"),
            "unknown",  # no method column, none stored for the provider: never guessed
            assured,
        ),
        (
            "Kortdurende behandeling stress en somberheid",
            "Dinkeldal Psychologie Tubbergen",
            "physical",
            "Dorpsstraat 10",
            "7651 AB",
            "Tubbergen",
            "GM0183",
            date(2026, 10, 1),
            D("4.0"),
            D("3.0"),
            "unknown",  # no method column, none stored for the provider: never guessed
            assured,
        ),
        (
            "Online cursus beter slapen",
            "Online",
            "virtual",
            None,
            None,
            None,
            None,
            date(2026, 10, 1),
            D("0.0"),
            D("0.0"),
            "unknown",  # no method column, none stored for the provider: never guessed
            assured,
        ),
    ]
    assert rows(db, "select count(*) from service where name = 'Partnergesprekken'") == [(0,)]
