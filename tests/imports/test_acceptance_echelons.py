"""Acceptance of issue 16, family 4: echelon/segment words (GB-GGZ, S-GGZ, the old BGGZ products, POH GGZ) choose the
service kind, a row of an echelon the location does not offer is held (never stored on another kind's service);
diagnosis groups as reference codes and DSM-5 (ICD-10) codes; a bare group number is refused in Dutch."""

from datetime import date

import pytest

from tests import factories
from tests.imports.helpers import D, rows
from waitinfo.imports.service import run_import

OCT = date(2026, 10, 1)
DINKEL = "Dinkelzorg Losser"


@pytest.fixture
def dinkel(db):
    """One location with a specialist anxiety service (September stored), a basic ggz service and a POH-ggz one."""
    org = factories.organization(db, "Dinkelzorg (fictief)", kind="specialist_ggz")
    loc = factories.location(db, org, "GM0168", name=DINKEL, postal_code="7581 AA")
    sggz = factories.service(db, org, "Specialistische behandeling angst", needs=("angst",), wait_kind="ggz_specialist")
    bggz = factories.service(db, org, "Basis-ggz", needs=("angst", "somberheid"), wait_kind="ggz_basic")
    poh = factories.service(db, org, "POH-ggz spreekuur", needs=("stress",), wait_kind="poh_ggz")
    sal = factories.at_location(db, sggz, loc)
    factories.at_location(db, bggz, loc)
    factories.at_location(db, poh, loc)
    factories.wait(db, sal, date(2026, 9, 1), 5, 9, "angst", waiting_count=40, method="current")
    db.flush()
    return org


def stored(db, slug):
    return rows(
        db,
        """select s.name, t.code, w.month, w.registration_weeks, w.treatment_weeks, w.waiting_count
        from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
        join service s on s.id = sal.service_id join organization o on o.id = s.organization_id
        left join taxonomy_term t on t.id = w.diagnosis_group_id where o.slug = :slug order by s.name, w.month, t.code""",
        slug=slug,
    )


def load(db, org, text: str):
    raw = text.encode()
    before = stored(db, org.slug)
    dry = run_import(db, organization_name_or_id=org.slug, raw=raw, source="f.csv", dry_run=True)
    assert stored(db, org.slug) == before and rows(db, "select 1 from held_wait_row") == []
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source="f.csv")
    assert [(e.line, e.message) for e in report.errors] == [(e.line, e.message) for e in dry.errors]
    return report


def held(db):
    return rows(db, "select line, reason from held_wait_row order by line")


def test_echelon_words_choose_the_service_kind(db, dinkel):
    report = load(
        db,
        dinkel,
        "Vestiging;Maand;Echelon;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd\n"
        f"{DINKEL};okt-26;S-GGZ;angst;4;8\n"
        f"{DINKEL};okt-26;GB-GGZ;depressie;2;3\n"
        f"{DINKEL};okt-26;POH GGZ;;1;1\n",
    )
    assert report.status == "applied" and report.errors == []
    assert stored(db, dinkel.slug) == [
        ("Basis-ggz", "depressie", OCT, D(2), D(3), None),
        ("POH-ggz spreekuur", None, OCT, D(1), D(1), None),
        ("Specialistische behandeling angst", "angst", date(2026, 9, 1), D(5), D(9), 40),
        ("Specialistische behandeling angst", "angst", OCT, D(4), D(8), None),
    ]


@pytest.mark.parametrize(
    "echelon",
    [
        "generalistische basis-ggz",
        "basis GGZ",
        "Basis GGZ Kort",
        "Basis GGZ Middel",
        "Basis GGZ Intensief",
        "Basis GGZ Chronisch",
        "BGGZ",
        "G-GGZ",
    ],
)
def test_basic_ggz_spellings_and_old_products(db, dinkel, echelon):
    report = load(
        db,
        dinkel,
        f"Vestiging;Maand;Segment;Stoornis;Aanmeldwachttijd;Behandelwachttijd\n{DINKEL};okt-26;{echelon};angst;3;\n",
    )
    assert report.status == "applied", report
    assert ("Basis-ggz", "angst", OCT, D(3), None, None) in stored(db, dinkel.slug)


@pytest.mark.parametrize("echelon", ["gespecialiseerde ggz", "SGGZ", "sGGZ", "GGZ-S", "specialistische ggz"])
def test_specialist_spellings(db, dinkel, echelon):
    report = load(
        db,
        dinkel,
        f"Vestiging;Maand;Echelon;Stoornis;Aanmeldwachttijd;Behandelwachttijd\n{DINKEL};okt-26;{echelon};angst;6;\n",
    )
    assert report.status == "applied", report
    assert ("Specialistische behandeling angst", "angst", OCT, D(6), None, None) in stored(db, dinkel.slug)


def test_echelon_the_location_lacks_is_held_not_stored_on_another_kind(db):
    """A basic-ggz figure at a location that has only a specialist service was stored on that service before."""
    org = factories.organization(db, "Dinkelzorg (fictief)", kind="specialist_ggz")
    loc = factories.location(db, org, "GM0168", name=DINKEL, postal_code="7581 AA")
    sggz = factories.service(db, org, "Specialistische behandeling angst", needs=("angst",), wait_kind="ggz_specialist")
    factories.wait(db, factories.at_location(db, sggz, loc), date(2026, 9, 1), 5, 9, "angst")
    db.flush()
    report = load(
        db,
        org,
        f"Vestiging;Maand;Echelon;Stoornis;Aanmeldwachttijd;Behandelwachttijd\n{DINKEL};okt-26;GB-GGZ;angst;2;\n",
    )
    assert stored(db, org.slug) == [("Specialistische behandeling angst", "angst", date(2026, 9, 1), D(5), D(9), None)]
    assert held(db) == [(2, "service")]
    assert any(
        i.line == 2
        and "De regel noemt 'GB-GGZ' (basis-ggz); op deze vestiging is geen aanbod van die soort" in i.message
        for i in report.warnings
    )


def test_reference_codes_and_dsm5_codes_as_groups(db, dinkel):
    report = load(
        db,
        dinkel,
        "Vestiging;Maand;Echelon;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd\n"
        f"{DINKEL};okt-26;S-GGZ;F41.1;4;\n"  # DSM-5 code as EPDs write it
        f"{DINKEL};okt-26;GB-GGZ;nog_niet_gesteld;2;\n"  # the reference list's code
        f"{DINKEL};okt-26;GB-GGZ;F32.9 Depressieve stoornis, eenmalige episode;3;\n"
        f"{DINKEL};okt-26;GB-GGZ;1;3;\n"  # a number: refused
        f"{DINKEL};okt-26;GB-GGZ;05;3;\n",
    )
    assert stored(db, dinkel.slug) == [
        ("Basis-ggz", "depressie", OCT, D(3), None, None),
        ("Basis-ggz", "nog_niet_gesteld", OCT, D(2), None, None),
        ("Specialistische behandeling angst", "angst", date(2026, 9, 1), D(5), D(9), 40),
        ("Specialistische behandeling angst", "angst", OCT, D(4), None, None),
    ]
    errors = [(e.line, e.message) for e in report.errors]
    assert [line for line, _ in errors] == [5, 6]
    assert errors[0][1].startswith("Diagnosegroep '1' is een nummer; nummers van diagnosegroepen verschillen")


def test_old_bggz_product_column(db, dinkel):
    report = load(
        db,
        dinkel,
        "Vestiging;Maand;Product;Stoornis;Aanmeldwachttijd;Behandelwachttijd\n"
        f"{DINKEL};okt-26;Basis GGZ Intensief;angst;3;4\n",
    )
    assert report.status == "applied", report
    assert ("Basis-ggz", "angst", OCT, D(3), D(4), None) in stored(db, dinkel.slug)
