"""Acceptance of issue 16, family 3: JSON as providers' systems produce it, through a feed (http-json) and as a file
given to the CLI or the portal: flat objects with Dutch keys, locations with their waits nested, camelCase and
snake_case English keys with a unit in the key, numbers as text with decimal commas. Per record the figure stored;
what a record lacks never erases a stored figure; a dry run stores nothing."""

import json
from datetime import date

import pytest

from tests.imports import test_acceptance_files as acceptance
from tests.imports.helpers import D
from tests.imports.test_acceptance_files import HENGELO, OLDENZAAL, held, stored
from waitinfo.imports.service import run_import

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
regge = acceptance.regge  # the fixture: GGZ Reggestroom with September stored
ANXIETY = "Behandeling angst"


def load(db, org, data, adapter):
    raw = json.dumps(data, ensure_ascii=False).encode()
    before = stored(db, org.slug)
    dry = run_import(db, organization_name_or_id=org.slug, raw=raw, source="w.json", dry_run=True, adapter=adapter)
    assert dry.status == "dry_run", dry
    assert stored(db, org.slug) == before and held(db) == []
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source="w.json", adapter=adapter)
    assert report.status == "applied", report
    return report


def figures(db, org):
    """(location, group, month, reg, reg text, treat, treat text, waiting count, reference date)"""
    return [(r[0], r[2], r[3], r[4], r[5], r[7], r[8], r[10], r[14]) for r in stored(db, org.slug)]


FEED_OR_FILE = pytest.mark.parametrize("adapter", ["http-json", None], ids=["feed", "file"])


@FEED_OR_FILE
def test_flat_objects_with_dutch_keys_and_text_numbers(db, regge, adapter):
    data = [
        {
            "Vestiging": HENGELO,
            "Maand": "2026-10",
            "Diagnosegroep": "Angststoornissen",
            "Aanmeldwachttijd": "3,5",
            "Behandelwachttijd (dagen)": "42",
            "Aantal wachtenden": "1.204",
            "Opmerking": "incl. spoed",
        },
        {
            "Vestiging": OLDENZAAL,
            "Maand": "okt-26",
            "Diagnosegroep": "angst",
            "Aanmeldwachttijd": 2,
            "Behandelwachttijd (dagen)": None,
        },
    ]
    report = load(db, regge, data, adapter)
    assert figures(db, regge) == [
        (HENGELO, "angst", SEP, D(5), None, D(9), None, 40, None),
        (HENGELO, "angst", OCT, D(3.5), None, D(6), "42 dagen", 1204, None),
        (OLDENZAAL, "angst", OCT, D(2), None, None, None, None, None),
    ]
    assert any("Veld 'Opmerking' is niet herkend" in w.message for w in report.warnings)


@FEED_OR_FILE
def test_locations_with_nested_waits(db, regge, adapter):
    data = {
        "aanbieder": {"naam": "GGZ Reggestroom", "agb": "44440001"},
        "peildatum": "2026-10-15",
        "vestigingen": [
            {
                "naam": HENGELO,
                "agb": "44441001",
                "wachttijden": [
                    {"maand": "2026-09", "diagnosegroep": "angst", "aanmeldwachttijd": 6},  # September again
                    {
                        "maand": "2026-10",
                        "diagnosegroep": "angst",
                        "aanmeldwachttijd": 3,
                        "behandelwachttijd": 5,
                        "wachtenden": 33,
                    },
                ],
            },
            {
                "naam": OLDENZAAL,
                "postcode": "7571 EA",
                "wachttijden": [
                    {
                        "maand": "2026-10",
                        "diagnosegroep": "angst",
                        "aanmeldwachttijd": "4,5",
                        "behandelwachttijd": "> 26",
                    }
                ],
            },
        ],
    }
    load(db, regge, data, adapter)
    peil = date(2026, 10, 15)
    assert figures(db, regge) == [
        # September: only the registration wait changes; treatment wait and count stay
        (HENGELO, "angst", SEP, D(6), None, D(9), None, 40, peil),
        (HENGELO, "angst", OCT, D(3), None, D(5), None, 33, peil),
        (OLDENZAAL, "angst", OCT, D(4.5), None, D(26), "> 26", None, peil),
    ]


@FEED_OR_FILE
def test_english_camel_and_snake_case_keys_with_units(db, regge, adapter):
    data = {
        "data": [
            {
                "locationName": HENGELO,
                "reportingMonth": "2026-10",
                "diagnosisGroup": "F41.1",
                "registrationWaitWeeks": 3,
                "treatment_wait_days": "42",
                "waitingCount": "12",
            },
            {"location_agb": "44441001", "month": "2026-09", "diagnosis_group": "angst", "registrationWaitWeeks": 4},
        ]
    }
    report = load(db, regge, data, adapter)
    assert figures(db, regge) == [
        (HENGELO, "angst", SEP, D(4), None, D(9), None, 40, None),  # treatment wait and count kept
        (HENGELO, "angst", OCT, D(3), None, D(6), "42 dagen", 12, None),
    ]
    assert any("Veld 'treatment_wait_days' staat in dagen" in w.message for w in report.warnings)


def test_a_json_file_of_wait_records_is_not_read_as_hsds(db, regge):
    raw = json.dumps([{"Vestiging": HENGELO, "Maand": "2026-10", "Aanmeldwachttijd": 2}]).encode()
    report = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="w.json", dry_run=True)
    assert not any("HSDS" in e.message or "Service zonder naam" in e.message for e in report.errors), report


def test_json_without_a_list_says_what_shape_is_expected(db, regge):
    raw = json.dumps({"vestiging": HENGELO, "aanmeldwachttijd": 3}).encode()
    report = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="w.json", adapter="http-json")
    assert report.status == "rejected"
    assert report.errors[0].message.startswith("Het JSON-bestand bevat geen lijst met regels (objecten): verwacht")


@FEED_OR_FILE
def test_values_with_their_unit_as_objects_and_english_units_in_cells(db, regge, adapter):
    data = [
        {
            "vestiging": HENGELO,
            "maand": "2026-10",
            "diagnosegroep": "angst",
            "aanmeldwachttijd": {"waarde": 21, "eenheid": "dagen"},
            "behandelwachttijd": {"value": "4", "unit": "weeks"},
            "wachtenden": {"aantal": 7},
        }
    ]
    load(db, regge, data, adapter)
    assert (HENGELO, "angst", OCT, D(3), "21 dagen", D(4), None, 7, None) in figures(db, regge)


def test_json_lines_one_object_per_line(db, regge):
    raw = (
        json.dumps(
            {
                "vestiging": HENGELO,
                "maand": "2026-10",
                "diagnosegroep": "angst",
                "aanmeldwachttijd": 2,
                "behandelwachttijd": 3,
            }
        )
        + "\n"
        + json.dumps({"vestiging": OLDENZAAL, "maand": "2026-10", "diagnosegroep": "angst", "aanmeldwachttijd": 1})
        + "\n"
    ).encode()
    report = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="w.jsonl")
    assert report.status == "applied", report
    assert (HENGELO, "angst", OCT, D(2), None, D(3), None, None, None) in figures(db, regge)
    assert (OLDENZAAL, "angst", OCT, D(1), None, None, None, None, None) in figures(db, regge)


def test_an_hsds_feed_is_still_read_as_hsds():
    from tests.fixtures import fixture
    from waitinfo.providers import json_rows

    raw = fixture("hsds_feed_vechtstroom.json")
    data = json.loads(raw)
    assert not json_rows.is_wait_rows(raw) and not json_rows.is_wait_rows(json.dumps(data["contents"]).encode())


def test_english_feed_with_value_objects_and_english_group_names(db, regge):
    data = {
        "locations": [
            {
                "name": HENGELO,
                "postalCode": "7551 DR",
                "waitingTimes": [
                    {
                        "period": "2026-10",
                        "diagnosisGroup": "Anxiety disorders",
                        "registrationWait": {"value": 3, "unit": "weeks"},
                        "treatmentWait": {"value": 35, "unit": "days"},
                    }
                ],
            }
        ]
    }
    load(db, regge, data, "http-json")
    assert (HENGELO, "angst", OCT, D(3), None, D(5), "35 days", None, None) in figures(db, regge)


def test_json_with_unknown_figure_keys_names_them(db, regge):
    data = {"vestigingen": [{"naam": HENGELO, "wachttijden": [{"maand": "2026-10", "aanmelding": 3}]}]}
    raw = json.dumps(data).encode()
    report = run_import(db, organization_name_or_id=regge.slug, raw=raw, source="w.json")
    assert report.status == "rejected"
    assert report.errors[0].message.startswith("In de JSON ontbreekt: aanmeldwachttijd, behandelwachttijd of aantal")
    assert "Niet herkende velden: 'aanmelding'." in report.errors[0].message


def test_a_list_of_definitions_beside_the_locations_is_not_read(db, regge):
    data = {
        "definities": [{"term": "aanmeldwachttijd", "betekenis": "aanmelding tot intake"}],
        "vestigingen": [
            {
                "naam": HENGELO,
                "wachttijden": [
                    {"maand": "2026-10", "diagnosegroep": "angst", "aanmeldwachttijd": 2, "behandelwachttijd": 3}
                ],
            }
        ],
    }
    load(db, regge, data, None)
    assert (HENGELO, "angst", OCT, D(2), None, D(3), None, None, None) in figures(db, regge)
