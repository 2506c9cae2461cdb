"""Known region data for the figure tests: every expected number in the tests follows from this file."""

from dataclasses import dataclass, field
from datetime import date, time

from sqlmodel import Session

from tests import factories as f
from waitinfo.catalogue.details import GroupOffer, SupportPoint, SupportPointMonth
from waitinfo.catalogue.models import Schedule
from waitinfo.reference.ids import stable_uuid
from waitinfo.waits.models import IntakeStop, ServiceCapacity

TODAY = date(2026, 11, 15)  # a Sunday


@dataclass
class Region:
    orgs: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    sals: dict = field(default_factory=dict)


def months_back(n: int) -> date:
    """First day of the month n months before TODAY's month."""
    y, m = divmod(TODAY.month - 1 - n, 12)
    return date(TODAY.year + y, m + 1, 1)


def build_transfer(db: Session) -> Region:
    """Two ggz providers in two subregions, with waits that trigger each signal exactly where the tests expect."""
    r = Region()
    oost = f.organization(db, "GGZ Oost (fictief)", kind="specialist_ggz", participates_kpi33=True)
    licht = f.organization(db, "Praktijk Licht (fictief)", kind="basic_ggz", participates_kpi33=True)
    r.orgs = {"oost": oost, "licht": licht}
    almelo = f.location(db, oost, "GM0141")
    enschede = f.location(db, oost, "GM0153")
    hengelo = f.location(db, licht, "GM0164")
    treat = f.service(db, oost, "Behandeling angst", wait_kind="ggz_specialist", assured_date=date(2026, 11, 2))
    basic = f.service(db, licht, "Basis-ggz", wait_kind="ggz_basic", assured_date=date(2026, 8, 1))
    r.services = {"treat": treat, "basic": basic}
    r.sals = {
        "almelo": f.at_location(db, treat, almelo),
        "enschede": f.at_location(db, treat, enschede),
        "hengelo": f.at_location(db, basic, hengelo),
    }
    # Almelo, angst: registration rises 3, 4, 5, 6 over the last four months (rising_3 + over norm), waiting 10 -> 12.
    for k, (reg, count) in enumerate([(3, 8), (4, 9), (5, 10), (6, 12)]):
        f.wait(
            db,
            r.sals["almelo"],
            months_back(3 - k),
            reg,
            8,
            diagnosis="angst",
            waiting_count=count,
            reference_date=months_back(3 - k).replace(day=10),
        )
    # Almelo, depressie: within the norm, steady, fresh.
    for k in range(3):
        f.wait(
            db,
            r.sals["almelo"],
            months_back(2 - k),
            2,
            6,
            diagnosis="depressie",
            waiting_count=5,
            reference_date=months_back(2 - k).replace(day=10),
        )
    # Enschede, angst (same provider, other subregion): waiting falls, within norm.
    f.wait(
        db,
        r.sals["enschede"],
        months_back(1),
        3,
        9,
        diagnosis="angst",
        waiting_count=20,
        reference_date=months_back(1).replace(day=28),
    )
    f.wait(
        db,
        r.sals["enschede"],
        months_back(0),
        3.5,
        9,
        diagnosis="angst",
        waiting_count=18,
        reference_date=date(2026, 11, 3),
    )
    # Hengelo, basic ggz without diagnosis group: last figure in August -> stale; intake stop since October.
    f.wait(db, r.sals["hengelo"], date(2026, 8, 1), 2, 3, waiting_count=4, reference_date=date(2026, 8, 5))
    db.add(IntakeStop(service_id=basic.id, starts_on=date(2026, 10, 1), reason="Te veel aanmeldingen"))
    # An intake stop that is over does not count.
    db.add(IntakeStop(service_id=treat.id, starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1), reason="oud"))
    db.add(
        ServiceCapacity(
            service_id=treat.id,
            service_at_location_id=r.sals["almelo"].id,
            unit_id=stable_uuid("unit", "intake_slots_week"),
            available=3,
            maximum=10,
        )
    )
    db.add(
        ServiceCapacity(
            service_id=treat.id,
            service_at_location_id=r.sals["enschede"].id,
            unit_id=stable_uuid("unit", "intake_slots_week"),
            available=5,
            maximum=12,
        )
    )
    db.flush()
    return r


def support_point(
    db: Session,
    org,
    name: str,
    municipality: str,
    point_type: str,
    *,
    lat=None,
    lon=None,
    opened_on=None,
    closed_on=None,
    characteristics=("no_referral", "free"),
    hours=None,
    schedule=None,
):
    svc = f.service(
        db,
        org,
        name,
        needs=(),
        kind="support_point",
        domain="social",
        wait_kind="none",
        cost="free",
        referral_required=False,
    )
    kw = {}
    if lat is not None:
        kw = {"latitude": lat, "longitude": lon}
    loc = f.location(
        db, org, municipality, name=f"{name} locatie", address_1="Dorpsstraat 1", postal_code="7600 AA", **kw
    )
    sal = f.at_location(db, svc, loc)
    db.add(
        SupportPoint(
            service_id=svc.id,
            point_type=point_type,
            characteristics=list(characteristics),
            opened_on=opened_on,
            closed_on=closed_on,
        )
    )
    for byday, opens, closes in schedule or []:
        db.add(Schedule(service_id=svc.id, byday=byday, opens_at=opens, closes_at=closes))
    for month, h, visitors in hours or []:
        db.add(SupportPointMonth(service_id=svc.id, month=month, hours_per_week=h, visitors=visitors))
    db.flush()
    return svc, sal


def group_offer(
    db: Session,
    org,
    name: str,
    municipality: str,
    domain: str,
    *,
    start=None,
    ongoing=False,
    total=None,
    free=None,
    professionals=(),
    areas=(),
    needs=("eenzaamheid",),
):
    svc = f.service(db, org, name, needs=needs, areas=areas, kind="group_offer", domain="social", wait_kind="none")
    loc = f.location(db, org, municipality, name=f"{name} locatie")
    f.at_location(db, svc, loc)
    db.add(
        GroupOffer(
            service_id=svc.id,
            domain_type=domain,
            start_date=start,
            ongoing=ongoing,
            places_total=total,
            places_free=free,
            professional_domains=list(professionals),
        )
    )
    db.flush()
    return svc


def build_network(db: Session) -> dict:
    """Support points and group offers in a few municipalities (see the fit-gap and growth tests)."""
    org = f.organization(db, "Stichting Steun (fictief)", kind="peer_recovery")
    pts = {}
    # Almelo: a walk-in house open Mon-Fri 10-16 (30 h/week; monthly figures 30 h, visitors 200 -> 260).
    pts["almelo"] = support_point(
        db,
        org,
        "Inloophuis De Brug (fictief)",
        "GM0141",
        "walk_in",
        opened_on=date(2024, 1, 1),
        schedule=[("MO,TU,WE,TH,FR", time(10), time(16))],
        hours=[(date(2025, 7, 1), 30, 200), (date(2026, 10, 1), 30, 260)],
    )
    # Borne (about 8 km from Hengelo's centre): a recovery centre opened after the baseline, 12 h/week.
    pts["borne"] = support_point(
        db,
        org,
        "Herstelcentrum Borne (fictief)",
        "GM0147",
        "recovery_centre",
        opened_on=date(2026, 3, 1),
        schedule=[("TU,TH", time(9), time(15))],
        hours=[(date(2026, 10, 1), 12, 40)],
    )
    # Enschede: a village room closed before today does not count.
    pts["closed"] = support_point(
        db,
        org,
        "Dorpskamer Oud (fictief)",
        "GM0153",
        "village_room",
        opened_on=date(2023, 1, 1),
        closed_on=date(2026, 6, 1),
    )
    offers = {
        "ggz_almelo": group_offer(
            db,
            org,
            "Omgaan met angst (fictief)",
            "GM0141",
            "ggz",
            start=date(2026, 12, 7),
            total=10,
            free=4,
            professionals=("ggz", "social_work_welfare"),
        ),
        "welzijn_almelo": group_offer(
            db,
            org,
            "Samen koken (fictief)",
            "GM0141",
            "social_work_welfare",
            ongoing=True,
            total=12,
            free=0,
            professionals=("social_work_welfare",),
        ),
        "para_enschede": group_offer(
            db,
            org,
            "Bewegen bij somberheid (fictief)",
            "GM0153",
            "paramedical",
            start=date(2027, 2, 1),
            total=8,
            free=8,
            professionals=("paramedical", "ggz"),
            areas=("GM0164",),
        ),
    }
    return {"org": org, "points": pts, "offers": offers}
