"""Wide wait files with one column per main diagnosis group (fixture tests/fixtures/provider_files/wide_groups.csv,
fictional; provider GGZ Dinkelland as in test_layouts): per row and group what is stored, held or rejected, and that
nothing stored before is erased."""

from datetime import date

from tests.imports import test_provider_files as known
from tests.imports.helpers import D, rows
from tests.imports.test_layouts import ALMELO, ANXIETY, ENSCHEDE, MOOD, NOV, OCTOBER, figures, load, stored
from waitinfo.providers import registry

DEC = date(2026, 12, 1)

dinkelland = known.dinkelland
fixture, messages, catalogue = known.fixture, known.messages, known.catalogue


def test_group_columns_become_one_row_per_location_and_group(db, dinkelland):
    assert registry.detect_kind(fixture("wide_groups.csv")) == "wait-times"
    dry = load(db, dinkelland, "wide_groups.csv", no_treatment_wait=True, dry_run=True)
    assert dry.status == "dry_run", dry
    assert stored(db, dinkelland.slug) == [OCTOBER]  # the dry run changed nothing
    report = load(db, dinkelland, "wide_groups.csv", no_treatment_wait=True)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        OCTOBER[:8],  # not in the file: kept as it was
        (ALMELO, ANXIETY, "angst", NOV, D(6), None, False, None),  # line 5, Angststoornissen
        (ALMELO, MOOD, "depressie", NOV, D(8), None, False, None),  # line 5, Depressieve stemmingsstoornissen
        (ALMELO, MOOD, "depressie", DEC, D(9), None, False, None),  # line 7 (Angststoornissen empty: nothing)
        (ENSCHEDE, ANXIETY, "angst", NOV, D(3), None, False, None),  # line 6
    ]
    assert stored(db, dinkelland.slug)[0] == OCTOBER  # waiting count and method untouched
    # line 6: the PTSS cell is rejected with its column as field; the other groups of the row are stored
    assert [(e.line, e.field, e.message) for e in report.errors] == [
        (6, "PTSS", "'drie' is geen aantal weken; gebruik een getal zoals 6 of 7,5.")
    ]
    warnings = messages(report)
    assert (
        4,
        "Kolommen per diagnosegroep ('Angststoornissen' t/m 'Diagnose nog niet gesteld') gelezen als: "
        "aanmeldwachttijd (aanmelding tot intake), volgens de titel 'Aanmeldwachttijd in weken'. Elke regel is per "
        "diagnosegroep verwerkt.",
    ) in warnings
    assert (4, "Kolom 'Totaal' is niet herkend en niet gebruikt.") in warnings  # neither a group nor a field
    # PTSS (line 5) and "Diagnose nog niet gesteld" (line 7) fit no service at Almelo: held; Hengelo: unknown
    assert rows(db, "select line, month, label from held_wait_row order by line, label") == [
        (5, NOV, "Dinkelland Almelo · Trauma- en stressorgerelateerde stoornissen"),
        (7, DEC, "Dinkelland Almelo · Diagnose nog niet gesteld"),
        (8, NOV, "Dinkelland Hengelo · Angststoornissen"),
        (8, NOV, "Dinkelland Hengelo · Depressieve stemmingsstoornissen"),
        (8, NOV, "Dinkelland Hengelo · Diagnose nog niet gesteld"),
        (8, NOV, "Dinkelland Hengelo · Trauma- en stressorgerelateerde stoornissen"),
    ]
    assert [line for line, m in warnings if m.startswith("Nieuwe vestiging? 'Dinkelland Hengelo'")] == [8]
    assert catalogue(db, dinkelland.slug) == [(2, 2)]  # nothing created


def test_group_and_part_in_one_header_and_short_names(db, dinkelland):
    raw = (
        b"Vestiging;Peildatum;Angst aanmelding;Angst behandeling;Aanmeldwachttijd Depressie;"
        b"Behandelwachttijd Depressie\r\n"
        b"Dinkelland Almelo;01-10-2026;5;9;;\r\n"
        b"Dinkelland Almelo;01-11-2026;6;11;7;-2\r\n"
    )
    report = load(db, dinkelland, "groepen.csv", raw=raw)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        OCTOBER[:8],  # line 2: the same figures again, unchanged
        (ALMELO, ANXIETY, "angst", NOV, D(6), None, False, D(11)),
        # line 3, Depressie: a negative treatment wait rejects that group's figures (not the row's other group)
    ]
    assert [(e.line, e.field) for e in report.errors] == [(3, "Behandelwachttijd Depressie")]
    assert "Negatieve wachttijd '-2'" in report.errors[0].message
    assert stored(db, dinkelland.slug)[0] == OCTOBER


def test_groups_over_a_second_header_row_in_days(db, dinkelland):
    raw = (
        b"Vestiging;Maand;Angststoornissen;;Depressieve stemmingsstoornissen;\r\n"
        b";;Aanmelding (dagen);Behandeling (dagen);Aanmelding (dagen);Behandeling (dagen)\r\n"
        b"Dinkelland Almelo;2026-11;42;70;;\r\n"
        b"Dinkelland Enschede;2026-11;14;;;\r\n"
    )
    report = load(db, dinkelland, "twee.csv", raw=raw)
    assert report.status == "applied", report
    assert figures(db, dinkelland) == [
        OCTOBER[:8],
        (ALMELO, ANXIETY, "angst", NOV, D(6), "42 dagen", False, D(10)),
        (ENSCHEDE, ANXIETY, "angst", NOV, D(2), "14 dagen", False, None),
    ]
    assert any("volgens de tweede kopregel" in m for _, m in messages(report))


def test_undecided_group_columns_apply_nothing_until_confirmed(db, dinkelland):
    raw = b"Vestiging;Peildatum;Angststoornissen;Depressie;ADHD\r\nDinkelland Almelo;01-11-2026;6;7;\r\n"
    refused = load(db, dinkelland, "groepen.csv", raw=raw)
    assert refused.status == "rejected"
    assert refused.errors[0].message.startswith(
        "Niet duidelijk welke wachttijd in de kolommen 'Angststoornissen', 'Depressie', 'ADHD' staat; er is niets "
        "gewijzigd. Noem de kolommen naar wachttijd en diagnosegroep, bijvoorbeeld 'Aanmeldwachttijd "
        "Angststoornissen'"
    )
    assert [c.header for c in refused.unmapped_columns] == ["Diagnosegroepkolommen"]
    assert stored(db, dinkelland.slug) == [OCTOBER]
    confirmed = load(db, dinkelland, "groepen.csv", raw=raw, mapping={"Diagnosegroepkolommen": "treatment_weeks"})
    assert confirmed.status == "applied", confirmed
    assert figures(db, dinkelland)[1:] == [
        (ALMELO, ANXIETY, "angst", NOV, None, None, False, D(6)),
        (ALMELO, MOOD, "depressie", NOV, None, None, False, D(7)),
    ]


def test_a_group_column_of_its_own_keeps_the_file_long(db, dinkelland):
    """A header `Diagnosegroep` beside cells that happen to be group names: not read per group."""
    raw = (
        b"Vestiging;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum;Overig;Angst\r\n"
        b"Dinkelland Almelo;Depressie;7;12;01-11-2026;x;y\r\n"
    )
    report = load(db, dinkelland, "lang.csv", raw=raw)
    assert report.status == "applied", report
    assert figures(db, dinkelland)[1:] == [(ALMELO, MOOD, "depressie", NOV, D(7), None, False, D(12))]


def test_cli_imports_a_file_per_group(db, dinkelland, monkeypatch, tmp_path):
    from contextlib import contextmanager

    from typer.testing import CliRunner

    from waitinfo.cli import app
    from waitinfo.core import database

    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr(database, "session_scope", scope)
    path = tmp_path / "groepen.csv"
    path.write_bytes(fixture("wide_groups.csv"))
    runner = CliRunner()
    args = ["import", str(path), "--provider", dinkelland.slug, "--no-treatment-wait"]
    dry = runner.invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert stored(db, dinkelland.slug) == [OCTOBER]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    assert "4 regel(s) verwerkt: 4 nieuw" in done.output
    assert len(stored(db, dinkelland.slug)) == 5


def test_group_and_period_in_one_header_are_read_per_group_and_month():
    from waitinfo.providers import wait_times

    parsed = wait_times.parse(
        b"Vestiging;Aanmeldwachttijd Angst okt-26;Aanmeldwachttijd PTSS okt-26;Aanmeldwachttijd Angst nov-26\r\n"
        b"Dinkelland Almelo;5;;7\r\n"
    )
    assert [
        (r.line, r.values["diagnosis_group"], r.values["month"], r.values["registration_weeks"]) for r in parsed.rows
    ] == [
        (2, "Angst", "okt-26", "5"),
        (2, "Angst", "nov-26", "7"),  # PTSS October empty: nothing reported
    ]
