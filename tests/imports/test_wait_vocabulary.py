"""The words of wait-time files: headers (with units), diagnosis groups, months, lower bounds; and the property
that a re-delivered subset of columns never changes a stored figure outside that subset."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.imports.helpers import D, rows
from waitinfo.imports.diagnosis_names import diagnosis_code
from waitinfo.imports.normalise import parse_wait
from waitinfo.imports.service import run_import
from waitinfo.imports.validate_waits import parse_month
from waitinfo.imports.vocabulary import header_unit
from waitinfo.providers import wait_times


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Aanmeldwachttijd (dagen)", "days"),
        ("Wachttijd tot intake in dagen", "days"),
        ("Wachttijd tot behandeling (d)", "days"),
        ("Behandelwachttijd [wk]", "weeks"),
        ("Totale wachttijd (maanden)", "months"),
        ("Wachttijd na intake (weken)", "weeks"),
        ("Aanmeldwachttijd", None),
        ("Aantal wachtenden", None),
    ],
)
def test_units_in_headers(header, unit):
    assert header_unit(header) == unit


def test_headers_of_nza_vektis_epd_and_practice_files_are_recognised():
    header = (
        "AGB-code onderneming;AGB-code vestiging;postcode vestiging;Huisnr;STOORNIS;Zorgvraagtypering;Segment;"
        "wachttijd aanmelding - intake;Wachttijd na intake;Totale wachttijd;# wachtend;Instroom binnen Treeknorm;"
        "Instroom buiten Treeknorm;Periode;Wijze van meten\r\n"
    )
    parsed = wait_times.parse((header + "1;2;3;4;5;6;7;8;9;10;11;12;13;14;15\r\n").encode())
    assert parsed.columns == {
        "organization_agb": "AGB-code onderneming",
        "location_agb": "AGB-code vestiging",
        "postal_code": "postcode vestiging",
        "house_number": "Huisnr",
        "diagnosis_group": "STOORNIS",
        "care_demand_type": "Zorgvraagtypering",
        "care_type": "Segment",
        "registration_weeks": "wachttijd aanmelding - intake",
        "treatment_weeks": "Wachttijd na intake",
        "total_weeks": "Totale wachttijd",
        "waiting_count": "# wachtend",
        "intake_within_norm": "Instroom binnen Treeknorm",
        "intake_outside_norm": "Instroom buiten Treeknorm",
        "month": "Periode",
        "method": "Wijze van meten",
    }


def test_unrecognised_column_gets_a_proposal_and_a_confirmed_mapping_is_used():
    raw = b"Vestiging;Wachttijd intake;Wachtduur behandeltraject;Peildatum\r\nA;3;4;01-10-2026\r\n"
    parsed = wait_times.parse(raw)
    assert "treatment_weeks" not in parsed.columns
    assert parsed.columns["registration_weeks"] == "Wachttijd intake"
    assert any("'Wachtduur behandeltraject' is niet herkend" in note for _, _, note in parsed.notes)
    mapped = wait_times.parse(raw, mapping={"Wachtduur behandeltraject": "treatment_weeks"})
    assert mapped.columns["treatment_weeks"] == "Wachtduur behandeltraject"
    assert mapped.rows[0].values["treatment_weeks"] == "4"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PTSS", "trauma"),
        ("Restgroep diagnoses", "overig"),
        ("Aan middelen gebonden stoornissen", "verslaving"),
        ("Cognitieve stoornissen", "neurocognitief"),
        ("Stemmingsstoornissen", "depressie"),
        ("OCD/dwang"[:3], "ocd"),
        ("Dwang", "ocd"),
        ("ASS", "autisme"),
        ("Diagnose nog niet gesteld", "nog_niet_gesteld"),
        ("Slaapstoornissen", "slaap"),
    ],
)
def test_diagnosis_group_synonyms(text, code):
    assert diagnosis_code(text) == code


def test_every_synonym_resolves_to_a_stored_group(db):
    from waitinfo.imports.context import Context
    from waitinfo.imports.diagnosis_names import DIAGNOSIS_SYNONYMS

    ctx = Context(session=db, organization=factories.organization(db))
    for code, names in DIAGNOSIS_SYNONYMS.items():
        expected = factories.term(db, "diagnosis_groups", code).id
        assert {ctx.diagnosis_group(n) for n in names} == {expected}, code


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("okt-26", date(2026, 10, 1)),
        ("oktober 2026", date(2026, 10, 1)),
        ("01-12-26", date(2026, 12, 1)),
        ("1 dec 2026", date(2026, 12, 1)),
        ("2026-10", date(2026, 10, 1)),
        ("202610", date(2026, 10, 1)),
        (46329, date(2026, 11, 1)),
    ],
)
def test_month_spellings(text, month):
    assert parse_month(text) == month


def test_lower_bounds_and_units_in_cells():
    assert parse_wait("> 26") == (D("26.0"), "> 26", True)
    assert parse_wait(">26") == (D("26.0"), ">26", True)
    assert parse_wait("meer dan 26") == (D("26.0"), "meer dan 26", True)
    assert parse_wait("21", unit="days") == (D("3.0"), "21 dagen", False)
    assert parse_wait("3 mnd") == (D("13.0"), "3 mnd", False)
    assert parse_wait("6") == (D("6.0"), None, False)


FIGURES = {
    "Aanmeldwachttijd": ("registration_weeks", st.integers(0, 60)),
    "Behandelwachttijd": ("treatment_weeks", st.integers(0, 60)),
    "Aantal wachtenden": ("waiting_count", st.integers(0, 500)),
    "Intakes binnen Treeknorm": ("intake_within_norm", st.integers(0, 99)),
    "Intakes buiten Treeknorm": ("intake_outside_norm", st.integers(0, 99)),
    "Meetmethode": ("method", st.sampled_from(["gerealiseerd", "actueel"])),
}
STORED = {
    "registration_weeks": D("5.0"),
    "treatment_weeks": D("9.0"),
    "waiting_count": 40,
    "intake_within_norm": 7,
    "intake_outside_norm": 2,
    "method": "current",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_subset_of_columns_redelivered_changes_nothing_outside_it(db, data):
    chosen = data.draw(st.lists(st.sampled_from(sorted(FIGURES)), min_size=1, unique=True))
    values = {h: data.draw(FIGURES[h][1]) for h in chosen}
    savepoint = db.begin_nested()
    try:
        org = factories.organization(db, "Praktijk Eigenschap (fictief)", kind="specialist_ggz")
        loc = factories.location(db, org, name="Eigenschap Almelo", postal_code="7607 GH")
        svc = factories.service(db, org, "Behandeling", wait_kind="ggz_specialist")
        sal = factories.at_location(db, svc, loc)
        factories.wait(
            db,
            sal,
            date(2026, 10, 1),
            STORED["registration_weeks"],
            STORED["treatment_weeks"],
            "angst",
            waiting_count=STORED["waiting_count"],
            intake_within_norm=STORED["intake_within_norm"],
            intake_outside_norm=STORED["intake_outside_norm"],
            method=STORED["method"],
            reference_date=date(2026, 10, 1),
        )
        header = ";".join(["Vestiging", "Postcode", "Diagnosegroep", *chosen, "Peildatum"])
        line = ";".join(
            ["Eigenschap Almelo", "7607 GH", "Angststoornissen", *(str(values[h]) for h in chosen), "01-10-2026"]
        )
        report = run_import(
            db,
            organization_name_or_id=org.slug,
            raw=f"{header}\r\n{line}\r\n".encode(),
            source="p.csv",
            no_treatment_wait=True,
        )
        assert report.status in ("applied", "unchanged", "rejected"), report
        if report.status == "rejected":  # a method alone is no figure: the row is refused, nothing changes
            assert chosen == ["Meetmethode"]
            values = {}
            chosen = []
        cols = list(STORED)
        after = dict(
            zip(
                cols,
                rows(db, f"select {', '.join(cols)} from wait_time where service_at_location_id = :s", s=sal.id)[0],
            )
        )
        delivered = {FIGURES[h][0]: values[h] for h in chosen}
        for col in cols:
            if col not in delivered:
                assert after[col] == STORED[col], col
            elif col == "method":
                assert after[col] == {"gerealiseerd": "realised", "actueel": "current"}[delivered[col]]
            else:
                assert after[col] == delivered[col], col
        assert rows(db, "select count(*) from wait_time where service_at_location_id = :s", s=sal.id) == [(1,)]
    finally:
        savepoint.rollback()


def test_lower_bound_and_unknown_method_are_shown_as_such():
    from waitinfo.search.display import wait_view
    from waitinfo.web.templating import templates

    figure = {
        "registration_weeks": D("3.0"),
        "treatment_weeks": D("26.0"),
        "treatment_text": "> 26",
        "treatment_lower_bound": True,
        "method": "unknown",
        "month": date(2026, 10, 1),
        "reference_date": date(2026, 10, 1),
    }
    html = templates.env.from_string('{% import "macros/wait.html" as wm %}{{ wm.wait_view_block(view) }}').render(
        view=wait_view(figure, "ggz_specialist")
    )
    assert '<strong class="wait-value">meer dan 26 weken</strong>' in html
    assert "meer dan 29 weken" in html  # the total of a lower bound is one too
    assert "opgegeven: “> 26”" not in html
    assert "methode onbekend" in html
