"""Each KPI recomputed here from the fixture's raw rows and the programme's definitions, then compared."""

from collections import defaultdict
from datetime import date, time

from sqlalchemy import select

from tests import factories as f
from tests.region.builders import TODAY, build_network, build_transfer, support_point
from waitinfo.catalogue.models import Organization, Service, ServiceAtLocation
from waitinfo.region import fitgap, growth, kpi
from waitinfo.region.common import haversine_km
from waitinfo.waits.models import WaitTime


def _latest_due_month(today: date, due_day: int = 10) -> date:
    """Figures for month M are due by day 10 of M+1: on 15 November October's are the latest due."""
    y, m = today.year, today.month - (1 if today.day > due_day else 2)
    while m < 1:
        y, m = y - 1, m + 12
    return date(y, m, 1)


def test_kpi33_share_of_units_with_a_current_figure(db):
    build_transfer(db)
    # A participating provider's second location that never reported, and a non-participating provider.
    oost = db.execute(select(Organization).where(Organization.name == "GGZ Oost (fictief)")).scalar_one()
    treat = db.execute(select(Service).where(Service.name == "Behandeling angst")).scalar_one()
    f.at_location(db, treat, f.location(db, oost, "GM0164", name="Oost Hengelo"))
    other = f.organization(db, "Niet Deelnemend (fictief)")
    f.at_location(db, f.service(db, other, "Los", wait_kind="ggz_basic"), f.location(db, other, "GM0141"))
    db.flush()

    due = _latest_due_month(TODAY)
    assert due == date(2026, 10, 1)
    units: dict = {}
    q = (
        select(ServiceAtLocation.id, Organization.name, Service.wait_kind)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Organization, Organization.id == Service.organization_id)
        .where(Organization.participates_kpi33.is_(True), Service.status == "active", Organization.status == "active")
    )
    for sal_id, org, kind in db.execute(q).all():
        if kind not in ("ggz_basic", "ggz_specialist"):
            continue
        months = defaultdict(list)
        for w in db.execute(select(WaitTime).where(WaitTime.service_at_location_id == sal_id)).scalars():
            months[w.diagnosis_group_id].append(w.month)
        for group, ms in (months or {None: []}).items():
            units[(sal_id, group)] = (org, bool(ms) and max(ms) >= due)
    expected_share = round(sum(ok for _, ok in units.values()) / len(units) * 100, 1)
    k = kpi.kpi33(db, TODAY)
    assert len(units) == 5 and expected_share == 60.0
    assert k.value == expected_share and k.met is False
    per_org = defaultdict(lambda: [0, 0])
    for org, ok in units.values():
        per_org[org][0] += 1
        per_org[org][1] += ok
    assert {r[0]: (r[1], r[2]) for r in k.rows} == {o: tuple(v) for o, v in per_org.items()}
    missing = {(r[0], r[2]) for r in k.extra[0][2]}
    assert missing == {
        ("GGZ Oost (fictief)", "Oost Hengelo"),
        ("Praktijk Licht (fictief)", "Praktijk Licht (fictief) Hengelo"),
    }
    # Confirmations are counted apart: Oost confirmed on 2 November (in the cycle), Licht on 1 August (not).
    assert [(r[0], r[5], r[6]) for r in k.rows] == [("GGZ Oost (fictief)", 1, 1), ("Praktijk Licht (fictief)", 1, 0)]


def test_kpi36_counts_only_support_point_criteria(db):
    build_network(db)
    crit = [c for c in fitgap.criteria(db) if c.kind in fitgap.SUPPORT_POINT_KINDS]
    assert {c.code for c in crit} == {
        "walk_in_10km",
        "hours_per_10k",
        "no_referral_10km",
        "free_10km",
        "peer_workers_10km",
    }
    # By hand: walk-in within 10 km of the municipality's centre (Almelo walk-in, Borne recovery centre open).
    from waitinfo.region.common import municipalities

    points = fitgap.support_points(db, on=TODAY)
    unmet_walk_in = 0
    for m in municipalities(db):
        near = [
            p
            for p in points
            if p.point_type in ("walk_in", "recovery_centre")
            and (p.municipality_code == m.code or haversine_km(m.latitude, m.longitude, p.latitude, p.longitude) <= 10)
        ]
        unmet_walk_in += not near
    unmet_hours = 14  # at most 30 hours a week anywhere: below 8 per 10,000 residents in every municipality
    # Characteristics (10 km): both open points are free and need no referral; none has peer workers.
    assert all({"no_referral", "free"} <= set(p.characteristics) for p in points)
    unmet_characteristics = unmet_walk_in * 2 + 14
    k = kpi.kpi36(db, TODAY)
    assert k.value == unmet_walk_in + unmet_hours + unmet_characteristics == 52
    # A group-offer criterion changes nothing here (it belongs to KPI 44).
    assert all("Groepsaanbod" not in r[2] for r in k.rows)


def test_kpi38_baseline_from_the_stored_register_snapshot(db):
    build_network(db)
    # The register on 1-7-2025 holds one walk-in house (Almelo) and no recovery centre; now also Borne's centre.
    stored = growth.take_baseline(db)
    assert stored.points["walk_in"] == 1 and stored.points["recovery_centre"] == 0
    assert (stored.hours_per_week, stored.visitors_per_month) == (30.0, 200)
    # A point registered later with an opening date before the baseline does not move the stored baseline.
    org = f.organization(db, "Later Geregistreerd (fictief)", kind="peer_recovery")
    support_point(
        db,
        org,
        "Inloop Later (fictief)",
        "GM0153",
        "walk_in",
        opened_on=date(2024, 5, 1),
        schedule=[("MO", time(10), time(12))],
    )
    k = kpi.kpi38(db, TODAY)
    baseline, now = 1, 3  # Almelo walk-in; now Almelo, Borne and the later-registered walk-in
    assert k.value == round((now - baseline) / baseline * 100, 1) == 200.0 and k.met is True
    side = {r[0]: r[1:] for r in k.extra[0][2]}
    # type: register at baseline, programme baseline, register now, programme plan, progress to plan
    assert side["Zelfregie- en herstelcentrum"] == [0, 4, 1, 7, round((1 - 4) / (7 - 4) * 100, 1)]
    assert side["Inloophuis"] == [1, 7, 2, 14, round((2 - 7) / (14 - 7) * 100, 1)]


def test_every_kpi_says_met_or_not(db):
    build_transfer(db)
    build_network(db)
    for k in kpi.all_kpis(db, TODAY):
        assert k.target and k.met_label in ("gehaald", "niet gehaald", "niet te beoordelen")
    k47 = kpi.kpi47(db, TODAY)
    assert k47.met is (k47.value == 3)
