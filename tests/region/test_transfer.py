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
    first = dict(zip(transfer.EXPORT_HEADER, rows[0], strict=True))
    assert [first[k] for k in ("Subregio", "Aanbieder", "Soort ggz", "Hoofddiagnosegroep", "Status")] == [
        "Subregio Almelo",
        "GGZ Oost (fictief)",
        "specialistische ggz",
        "Angststoornissen",
        "gemeld",
    ]
    assert first["Capaciteit aanbieder in subregio"] == "3/10 intakeplekken per week"
    assert first["Oordeel"] == "boven Treeknorm"
    assert first["Signalen"] == "Boven Treeknorm, Wachttijd stijgt 3 maanden op rij, Aantal wachtenden stijgt"


def test_subregion_series_weighs_rows_by_waiting_and_sums_waiting(db):
    build_transfer(db)
    almelo = transfer.dashboard(db, TODAY, "almelo")[0]
    series = transfer.subregion_series(almelo, "ggz_specialist")
    assert len(series) == 12
    nov, oct_ = series[-1], series[-2]
    # angst 6 weeks (12 waiting) and depressie 2 (5 waiting): (6*12 + 2*5) / 17; treatment (8*12 + 6*5) / 17.
    assert (nov.registration, nov.treatment, nov.waiting, nov.weighted) == (4.8, 7.4, 17, True)
    assert (oct_.registration, oct_.waiting) == (4.0, 15)  # (5*10 + 2*5) / 15
    assert transfer.subregion_series(almelo, "ggz_basic") == []  # basis ggz is never averaged in


def test_weighted_mean_says_when_it_could_not_weigh():
    assert transfer.weighted_mean([(6, 12), (2, 5)]) == (4.8, True)
    assert transfer.weighted_mean([(6, 12), (2, None)]) == (4.0, False)
    assert transfer.weighted_mean([(None, 3)]) == (None, None)


def test_rows_for_every_location_that_should_report(db):
    """A location that did not report appears as "niet gemeld"; basis and specialist ggz are separate blocks; an
    intake stop sits on the line of its location; an incomplete figure is a signal."""
    from tests import factories as f
    from waitinfo.waits.models import IntakeStop

    r = build_transfer(db)
    oost = r.orgs["oost"]
    # A second Almelo location of the same service: never reported, with a stop of its own.
    silent = f.at_location(db, r.services["treat"], f.location(db, oost, "GM0141", name="Vestiging Stil"))
    db.add(IntakeStop(service_id=r.services["treat"].id, service_at_location_id=silent.id, starts_on=date(2026, 11, 1)))
    # Basis ggz of the same provider in Almelo: registration only (incomplete).
    basic = f.service(db, oost, "Basis-ggz Oost", wait_kind="ggz_basic")
    f.wait(db, f.at_location(db, basic, f.location(db, oost, "GM0141")), months_back(0), 3, None, waiting_count=7)
    # A pending service should not report (not published).
    pending = f.service(db, oost, "Voorstel", wait_kind="ggz_basic", status="pending")
    f.at_location(db, pending, f.location(db, oost, "GM0141"))
    db.flush()
    almelo = transfer.dashboard(db, TODAY, "almelo")[0]
    assert [(p.provider, p.care) for p in almelo.providers] == [
        ("GGZ Oost (fictief)", "ggz_specialist"),
        ("GGZ Oost (fictief)", "ggz_basic"),
    ]
    rows = {(r.location, r.diagnosis): r for r in almelo.rows}
    stil = rows[("Vestiging Stil", "Geen hoofddiagnosegroep")]
    assert not stil.reported and stil.latest is None and stil.signals == ["not_reported", "intake_stop"]
    assert all("intake_stop" not in row.signals for row in almelo.rows if row is not stil)
    incomplete = next(row for row in almelo.rows if row.service == "Basis-ggz Oost")
    assert incomplete.verdict == "incomplete" and incomplete.total is None and "incomplete" in incomplete.signals
    assert not incomplete.over_norm
    assert "Voorstel" not in {row.service for row in almelo.rows}
    assert almelo.not_reported == 1
    export = transfer.export_rows([almelo])
    assert any(row[6] == "niet gemeld" and row[4] == "Vestiging Stil" for row in export)
