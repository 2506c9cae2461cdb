"""Transfer-table dashboard figures and signals on known data."""

from datetime import date

from tests.region.builders import TODAY, build_transfer, months_back
from waitinfo.region import transfer
from waitinfo.region.transfer import MonthFigure, rising_three_months


def _rows(blocks):
    return {(b.name, r.provider, r.diagnosis): r for b in blocks for r in b.rows}


def test_dashboard_groups_per_subregion_provider_and_diagnosis(db):
    build_transfer(db)
    blocks = transfer.dashboard(db, TODAY)
    assert [b.name for b in blocks] == ["Subregio Almelo", "Subregio Enschede/Hengelo"]
    rows = _rows(blocks)
    assert set(rows) == {
        ("Subregio Almelo", "GGZ Oost (fictief)", "Angststoornissen"),
        ("Subregio Almelo", "GGZ Oost (fictief)", "Depressieve stemmingsstoornissen"),
        ("Subregio Enschede/Hengelo", "GGZ Oost (fictief)", "Angststoornissen"),
        ("Subregio Enschede/Hengelo", "Praktijk Licht (fictief)", "Geen hoofddiagnosegroep"),
    }
    angst = rows[("Subregio Almelo", "GGZ Oost (fictief)", "Angststoornissen")]
    assert (angst.latest.month, angst.latest.registration, angst.latest.treatment, angst.latest.waiting) == (
        date(2026, 11, 1),
        6.0,
        8.0,
        12,
    )
    assert angst.total == 14.0
    assert angst.change("registration") == 1.0 and angst.change("treatment") == 0.0 and angst.change("waiting") == 2
    assert len(angst.series) == 12 and angst.series[-1].registration == 6.0 and angst.series[0].registration is None
    enschede = rows[("Subregio Enschede/Hengelo", "GGZ Oost (fictief)", "Angststoornissen")]
    assert enschede.change("registration") == 0.5 and enschede.change("waiting") == -2


def test_each_signal(db):
    build_transfer(db)
    rows = _rows(transfer.dashboard(db, TODAY))
    assert rows[("Subregio Almelo", "GGZ Oost (fictief)", "Angststoornissen")].signals == [
        "over_norm",
        "rising_3",
        "waiting_rising",
    ]
    assert rows[("Subregio Almelo", "GGZ Oost (fictief)", "Depressieve stemmingsstoornissen")].signals == []
    assert rows[("Subregio Enschede/Hengelo", "GGZ Oost (fictief)", "Angststoornissen")].signals == []
    licht = rows[("Subregio Enschede/Hengelo", "Praktijk Licht (fictief)", "Geen hoofddiagnosegroep")]
    assert licht.signals == ["stale", "intake_stop"]
    assert [s.reason for s in licht.stops] == ["Te veel aanmeldingen"]  # the stop that ended is not shown


def test_capacity_is_per_provider_in_its_subregion(db):
    build_transfer(db)
    blocks = transfer.dashboard(db, TODAY)
    caps = {(b.name, p.provider): p.capacity for b in blocks for p in b.providers}
    assert caps[("Subregio Almelo", "GGZ Oost (fictief)")] == [("intakeplekken per week", 3.0, 10.0)]
    assert caps[("Subregio Enschede/Hengelo", "GGZ Oost (fictief)")] == [("intakeplekken per week", 5.0, 12.0)]
    assert caps[("Subregio Enschede/Hengelo", "Praktijk Licht (fictief)")] == []


def test_filters_subregion_and_only_signals(db):
    build_transfer(db)
    only = transfer.dashboard(db, TODAY, "almelo", only_signals=True)
    assert [(b.name, [r.diagnosis for r in b.rows]) for b in only] == [("Subregio Almelo", ["Angststoornissen"])]
    assert transfer.dashboard(db, TODAY, "enschede-hengelo")[0].count("intake_stop") == 1


def test_rising_needs_four_consecutive_months():
    m = [months_back(k) for k in (4, 3, 2, 1, 0)]
    assert rising_three_months(
        [MonthFigure(m[1], 1), MonthFigure(m[2], 2), MonthFigure(m[3], 3), MonthFigure(m[4], 4)], "registration"
    )
    # A gap breaks the run, and equal values are not a rise.
    assert not rising_three_months(
        [MonthFigure(m[0], 1), MonthFigure(m[2], 2), MonthFigure(m[3], 3), MonthFigure(m[4], 4)], "registration"
    )
    assert not rising_three_months(
        [MonthFigure(m[1], 1), MonthFigure(m[2], 2), MonthFigure(m[3], 2), MonthFigure(m[4], 4)], "registration"
    )


def test_export_rows_are_aggregates(db):
    build_transfer(db)
    rows = transfer.export_rows(transfer.dashboard(db, TODAY))
    assert len(rows) == 4 and all(len(r) == len(transfer.EXPORT_HEADER) for r in rows)
    first = rows[0]
    assert first[:3] == ["Subregio Almelo", "GGZ Oost (fictief)", "Angststoornissen"]
    assert first[12] == "3/10 intakeplekken per week"
    assert first[14] == "Boven Treeknorm, Wachttijd stijgt 3 maanden op rij, Aantal wachtenden stijgt"


def test_subregion_series_averages_rows_and_sums_waiting(db):
    build_transfer(db)
    almelo = transfer.dashboard(db, TODAY, "almelo")[0]
    series = transfer.subregion_series(almelo)
    assert len(series) == 12
    nov, oct_ = series[-1], series[-2]
    # angst 6 and depressie 2 -> 4; treatment 8 and 6 -> 7; waiting 12 + 5.
    assert (nov.registration, nov.treatment, nov.waiting) == (4.0, 7.0, 17)
    assert (oct_.registration, oct_.waiting) == (3.5, 15)
