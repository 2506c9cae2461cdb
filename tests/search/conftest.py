"""A small known catalogue around Almelo for the search tests (fictional organisations)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests import factories as f
from waitinfo.catalogue.details import GroupOffer
from waitinfo.core.clock import add_months, month_start, today
from waitinfo.waits import rules
from waitinfo.waits.models import Insurer, InsurerContract, IntakeStop


@dataclass
class Known:
    fast: object  # ggz Almelo, within the Treeknorm
    slow: object  # ggz Almelo, over the Treeknorm
    far: object  # ggz Enschede, within
    stale: object  # figure two months old
    ancient: object  # figure five months old
    never: object  # never reported
    stopped: object  # intake stop
    social: object  # social domain, for angst
    group: object  # group offer with free places
    point: object  # support point
    poh: object  # POH-ggz
    org_fast: object


@pytest.fixture
def known(db):
    t = today()
    this_month = month_start(t)
    due = rules.cycle(t).fresh_from  # the latest month whose figures are due

    def ggz(name, muni="GM0141", reg=None, treat=None, ref=t, kind="basic_ggz", needs=("angst",), **kw):
        org = f.organization(db, f"{name} (fictief)", kind=kind)
        loc = f.location(db, org, muni)
        svc = f.service(
            db,
            org,
            name,
            needs=needs,
            areas=(muni,),
            domain="ggz",
            wait_kind="ggz_specialist" if kind == "specialist_ggz" else "ggz_basic",
            **kw,
        )
        sal = f.at_location(db, svc, loc)
        if reg is not None or treat is not None:
            f.wait(db, sal, month_start(ref), reg, treat, reference_date=ref, waiting_count=12)
        return org, svc, sal

    org_fast, fast, _ = ggz("Snel Angst Almelo", reg=2, treat=5, referral_required=True)
    _, slow, _ = ggz("Traag Angst Almelo", reg=9, treat=14, referral_required=True)
    _, far, _ = ggz("Ver Angst Enschede", muni="GM0153", reg=1, treat=2, referral_required=True)
    # One cycle behind the delivery cycle: stale; four behind: out of the ranking.
    _, stale, _ = ggz("Oud Cijfer Almelo", reg=3, treat=3, ref=add_months(due, -1) + timedelta(days=14))
    _, ancient, _ = ggz("Heel Oud Cijfer Almelo", reg=1, treat=1, ref=add_months(due, -4) + timedelta(days=14))
    _, never, _ = ggz("Nooit Gemeld Almelo")
    _, stopped, stopped_sal = ggz("Aanmeldstop Almelo", reg=1, treat=1)
    db.add(IntakeStop(service_id=stopped.id, starts_on=t - timedelta(days=10), reason="wachtlijst vol"))

    org_s = f.organization(db, "Welzijn Almelo (fictief)", kind="welfare")
    loc_s = f.location(db, org_s, "GM0141")
    social = f.service(
        db,
        org_s,
        "Steun bij spanning",
        needs=("angst", "stress"),
        areas=("GM0141",),
        domain="social",
        kind="consultation",
        wait_kind="social",
        cost="free",
        suitable_while_waiting=True,
    )
    f.wait(db, f.at_location(db, social, loc_s), this_month, 3, None, reference_date=t)
    group = f.service(
        db,
        org_s,
        "Groep Omgaan met angst",
        needs=("angst",),
        areas=("GM0141",),
        domain="social",
        kind="group_offer",
        wait_kind="none",
        cost="free",
    )
    f.at_location(db, group, loc_s)
    db.add(
        GroupOffer(
            service_id=group.id,
            domain_type="social_work_welfare",
            places_total=12,
            places_free=4,
            start_date=t + timedelta(days=20),
        )
    )
    point = f.service(
        db,
        org_s,
        "Inloophuis De Deur",
        needs=("eenzaamheid",),
        domain="social",
        kind="support_point",
        wait_kind="none",
        cost="free",
    )
    f.at_location(db, point, loc_s)
    org_p = f.organization(db, "Huisartsenpraktijk Zuid (fictief)", kind="gp_care")
    poh = f.service(
        db,
        org_p,
        "POH-ggz spreekuur",
        needs=("angst",),
        areas=("GM0141",),
        domain="ggz",
        kind="consultation",
        wait_kind="poh_ggz",
        cost="free",
    )
    f.wait(db, f.at_location(db, poh, f.location(db, org_p, "GM0141")), this_month, 2, None, reference_date=t)

    from sqlmodel import select

    vgz = db.exec(select(Insurer).where(Insurer.code == "vgz")).one()
    db.add(InsurerContract(organization_id=org_fast.id, insurer_id=vgz.id, year=t.year, ceiling_reached=True))
    db.flush()
    return Known(fast, slow, far, stale, ancient, never, stopped, social, group, point, poh, org_fast)
