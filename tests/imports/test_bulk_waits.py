"""The bulk write path of wait files: new months COPYed, stored months merged and audited (also when another
import got there first), intake stops for many locations at once, COPY text escaping, and validation of repeated
values giving exactly what validating every row from scratch gives."""

import uuid
from datetime import date

from tests import factories
from tests.imports.helpers import D, rows
from waitinfo.imports import apply_waits, validate_waits, wait_records, wait_store, wait_values
from waitinfo.imports.context import Context
from waitinfo.imports.service import run_import
from waitinfo.providers import wait_times

HEADER = "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum"
STOP_HEADER = HEADER + ";Aanmeldstop;Aanmeldstop vanaf;Reden aanmeldstop"


def wait_csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def test_corrections_of_stored_months_are_merged_and_each_change_audited(db):
    org = factories.organization(db, "Praktijk Correctie (fictief)", kind="specialist_ggz")
    first = run_import(
        db,
        organization_name_or_id=org.slug,
        source="w.csv",
        raw=wait_csv(
            "Locatie A;7607 GH;Almelo;Specialistische ggz;ADHD;3;4;15-10-2026",
            "Locatie A;7607 GH;Almelo;Specialistische ggz;Angststoornissen;<1;4;15-10-2026",
            "Locatie B;7521 AB;Enschede;Specialistische ggz;ADHD;2-4;n.v.t.;15-10-2026",
        ),
    )
    second = run_import(
        db,
        organization_name_or_id=org.slug,
        source="w.csv",
        raw=wait_csv(
            "Locatie A;7607 GH;Almelo;Specialistische ggz;ADHD;5;4;15-10-2026",  # corrected
            "Locatie A;7607 GH;Almelo;Specialistische ggz;Angststoornissen;<1;4;15-10-2026",  # the same
            "Locatie B;7521 AB;Enschede;Specialistische ggz;ADHD;2-4;6;15-10-2026",
        ),
    )  # corrected
    assert (first.status, second.status, second.rows_applied) == ("applied", "applied", 3)
    assert rows(
        db,
        "select l.name, w.registration_weeks, w.registration_text, w.treatment_weeks, "
        "w.import_run_id = :second from wait_time w join service_at_location s "
        "on s.id = w.service_at_location_id join location l on l.id = s.location_id "
        "order by l.name, w.registration_weeks",
        second=second.import_run_id,
    ) == [
        ("Locatie A", D("0.5"), "<1", D(4), False),  # unchanged: still from the first run
        ("Locatie A", D(5), None, D(4), True),
        ("Locatie B", D(4), "2-4", D(6), True),
    ]
    assert rows(
        db,
        "select actor, organization_id, old::text, new::text from audit_log "
        "where entity_type = 'wait_time' order by new::text",
    ) == [
        (f"import:{second.import_run_id}", org.id, '{"registration_weeks": "3.0"}', '{"registration_weeks": "5.0"}'),
        (
            f"import:{second.import_run_id}",
            org.id,
            '{"treatment_weeks": null, "treatment_text": "n.v.t."}',
            '{"treatment_weeks": "6.0", "treatment_text": null}',
        ),
    ]


def test_month_stored_by_someone_else_meanwhile_is_merged_not_failed(db, monkeypatch):
    org = factories.organization(db, "Praktijk Gelijktijdig (fictief)")
    raw = wait_csv("Locatie A;7607 GH;Almelo;Basis-ggz;;3;4;15-10-2026")
    assert run_import(db, organization_name_or_id=org.slug, raw=raw, source="a.csv").status == "applied"
    # As if the month was not there yet when checked: the COPY meets the stored row and the merge takes over.
    monkeypatch.setattr(wait_store, "months_stored", lambda *a: False)
    report = run_import(
        db,
        organization_name_or_id=org.slug,
        source="b.csv",
        raw=wait_csv("Locatie A;7607 GH;Almelo;Basis-ggz;;6;4;15-10-2026"),
    )
    assert (report.status, report.rows_applied) == ("applied", 1)
    assert rows(db, "select registration_weeks from wait_time") == [(D(6),)]
    assert rows(
        db,
        "select old->>'registration_weeks', new->>'registration_weeks' from audit_log where entity_type = 'wait_time'",
    ) == [("3.0", "6.0")]


def test_intake_stops_open_keep_their_reason_and_end_for_many_locations(db):
    org = factories.organization(db, "Praktijk Stops (fictief)", kind="specialist_ggz")

    def deliver(*lines):
        report = run_import(
            db, organization_name_or_id=org.slug, raw=wait_csv(*lines, header=STOP_HEADER), source="s.csv"
        )
        assert report.status == "applied", report.errors

    deliver(
        "Locatie A;7607 GH;Almelo;Specialistische ggz;ADHD;3;4;01-10-2026;nee;;",
        "Locatie A;7607 GH;Almelo;Specialistische ggz;Angststoornissen;3;4;01-10-2026;ja;15-09-2026;vol",
        "Locatie B;7521 AB;Enschede;Specialistische ggz;ADHD;3;4;01-10-2026;nee;;",
        "Locatie C;7551 DR;Hengelo;Specialistische ggz;ADHD;3;4;01-10-2026;ja;;geen plek",
    )
    deliver(
        "Locatie A;7607 GH;Almelo;Specialistische ggz;ADHD;3;4;01-11-2026;ja;;",  # open: reason kept
        "Locatie C;7551 DR;Hengelo;Specialistische ggz;ADHD;3;4;01-11-2026;nee;20-11-2026;",
    )  # ended
    assert rows(
        db,
        "select l.name, i.starts_on, i.ends_on, i.reason from intake_stop i join service_at_location s "
        "on s.id = i.service_at_location_id join location l on l.id = s.location_id order by l.name",
    ) == [
        ("Locatie A", date(2026, 9, 15), None, "vol"),
        ("Locatie C", date(2026, 10, 1), date(2026, 11, 20), "geen plek"),
    ]


def test_copy_text_keeps_tabs_backslashes_newlines_and_nulls(db):
    waits = [
        {
            **dict.fromkeys(apply_waits.WAIT_COLUMNS),
            "month": date(2026, 10, 1),
            "method": "realised",
            "registration_text": text_value,
            "registration_weeks": D("2.5"),
            "waiting_count": 7,
        }
        for text_value in ("a\tb", "c\\d", "e\nf\rg", None, "\\N")
    ]
    apply_waits.stage_waits(db, [(uuid.uuid4(), w) for w in waits])
    assert rows(db, "select registration_text, registration_weeks, waiting_count, treatment_text from wait_stage") == [
        (w["registration_text"], D("2.5"), 7, None) for w in waits
    ]


def test_rows_validated_from_repeated_values_equal_rows_validated_from_scratch(db):
    org = factories.organization(db, "Praktijk Herhaling (fictief)", kind="specialist_ggz")
    lines = []
    for n in range(400):
        group = ("ADHD", "Angststoornissen", "Zomerdip", "")[n % 4]  # one unknown group: rejected rows
        weeks = ("<1", "2-4", "n.v.t.", "7,5", "-1")[n % 5]  # one negative: rejected rows
        city = ("Almelo", "Hengelo (Ov)", "Zwolle")[n % 3]  # Zwolle lies outside the region: rejected
        lines.append(
            f"Locatie {n % 7};76{n % 7:02d} AB;{city};{('Basis-ggz', 'Specialistische ggz')[n % 2]};{group};"
            f"{weeks};{n % 3};{1 + n % 2:02d}-10-2026"
        )
    parsed = wait_times.parse(wait_csv(*lines))
    fast = Context(session=db, organization=org, columns=parsed.columns)
    scratch = Context(session=db, organization=org, columns=parsed.columns)
    seen_fast = 0
    for row in parsed.rows:
        known = wait_records.known_good(fast, row.values)
        record, check = validate_waits.validate_row(fast, row.line, row.values)
        scratch.memo.clear()
        expected, expected_check = wait_values.validate(scratch, row.line, row.values)
        assert (record and {k: v for k, v in record.items() if k not in ("given", "line")}) == expected
        assert check.errors == expected_check.errors
        seen_fast += known is not None
    assert seen_fast > 100  # the repeated-values path was taken, and agreed every time
