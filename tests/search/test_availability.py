"""Fit and availability rules (waitinfo.search.availability): the Python rules, and the SQL of the search giving the
same answers on the same rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests import factories as f
from tests.auth_tools import login, make_user
from waitinfo.catalogue.details import GroupOffer
from waitinfo.core.clock import today
from waitinfo.search import availability as fit
from waitinfo.search.repository import search
from waitinfo.search.schemas import SearchParams
from waitinfo.search.service import PRACTICE_BOUND_PENALTY


def test_level_and_practice_bound():
    assert fit.level_of("social", "social", "welfare") == "sociaal"
    assert fit.level_of("ggz", "poh_ggz", "gp_care") == "poh"
    assert fit.level_of("ggz", "ggz_specialist", "specialist_ggz") == "specialistisch"
    assert fit.level_of("ggz", "none", "addiction_care") == "specialistisch"
    assert fit.level_of("ggz", "ggz_basic", "independent_practice") == "basis"
    assert fit.practice_bound("poh_ggz", "gp_care") and fit.practice_bound("none", "gp_care")
    assert not fit.practice_bound("ggz_basic", "basic_ggz")


def test_offer_kind_and_age():
    assert fit.offer_kind_matches("groep", "group_offer", False)
    assert fit.offer_kind_matches("online", "treatment", True) and not fit.offer_kind_matches(
        "online", "treatment", False
    )
    assert fit.offer_kind_matches("inloop", "support_point", False) and not fit.offer_kind_matches(
        "advies", "crisis", False
    )
    assert fit.offer_kind_sql(["groep", "online"]) == "(s.kind in ('ehealth', 'group_offer') or s.online_possible)"
    assert fit.age_fits(18, None, 34) and not fit.age_fits(18, None, 15) and fit.age_fits(None, None, 15)
    assert not fit.age_fits(None, 17, 18) and fit.age_fits(12, 17, 15) and fit.age_fits(18, None, None)
    assert fit.age_text(18, None) == "vanaf 18 jaar" and fit.age_text(12, 17) == "12 tot en met 17 jaar"
    assert fit.age_text(None, None) == "alle leeftijden"


def test_wait_applies_only_beyond_walk_in_and_direct_contact():
    for kind in ("support_point", "peer_support", "crisis", "information", "ehealth"):
        assert not fit.wait_applies(kind)
    for kind in ("treatment", "consultation", "group_offer"):
        assert fit.wait_applies(kind)
    assert fit.weeks_until(date(2027, 2, 1), date(2026, 12, 3)) == Decimal(9)
    assert fit.weeks_until(date(2026, 12, 3), date(2026, 12, 3)) == 0
    assert fit.weeks_until(date(2026, 10, 20), date(2026, 12, 3)) is None  # started: no next start known
    assert fit.weeks_until(None, date.today()) is None


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((2, "treatment", None, None, None, "053"), "stop"),
        ((0, "group_offer", 0, False, None, None), "full"),
        ((0, "group_offer", 0, True, None, None), None),  # rolling intake: not full
        ((0, "group_offer", None, False, None, None), None),  # unknown is not "full"
        ((0, "treatment", None, None, True, "053"), "ceiling"),
        ((0, "treatment", None, None, False, "053"), None),
        ((0, "crisis", None, None, None, " "), "no_phone"),
        ((0, "crisis", None, None, None, "0800"), None),
        ((1, "treatment", None, None, None, None), None),  # no figure: not available as such, but not "no place"
    ],
)
def test_unavailable_reason(args, reason):
    assert fit.unavailable_reason(*args) == reason


@pytest.fixture
def extra(db, known):
    t = today()
    org = f.organization(db, "Jeugd en Groep (fictief)", kind="welfare")
    loc = f.location(db, org, "GM0141")
    full = f.service(db, org, "Volle groep angst", needs=("angst",), areas=("GM0141",), domain="social",
                     kind="group_offer", wait_kind="none", cost="free")  # fmt: skip
    f.at_location(db, full, loc)
    db.add(GroupOffer(service_id=full.id, domain_type="social_work_welfare", places_total=15, places_free=0,
                      start_date=t + timedelta(days=70)))  # fmt: skip
    running = f.service(db, org, "Lopende groep angst", needs=("angst",), areas=("GM0141",), domain="social",
                        kind="group_offer", wait_kind="none", cost="free")  # fmt: skip
    f.at_location(db, running, loc)
    db.add(GroupOffer(service_id=running.id, domain_type="social_work_welfare", places_total=10, places_free=3,
                      start_date=t - timedelta(days=30)))  # fmt: skip
    teen = f.service(db, org, "Jongerenpraatgroep", needs=("angst",), areas=("GM0141",), domain="social",
                     kind="consultation", wait_kind="social", cost="free", minimum_age=12, maximum_age=17)  # fmt: skip
    f.at_location(db, teen, loc)
    crisis_org = f.organization(db, "Crisis Zonder Nummer (fictief)", kind="specialist_ggz")
    crisis = f.service(db, crisis_org, "Crisisdienst", needs=("angst",), areas=("GM0141",), kind="crisis",
                       wait_kind="none", phone=None)  # fmt: skip
    f.at_location(db, crisis, f.location(db, crisis_org, "GM0141"))
    unreported = f.service(db, crisis_org, "Behandeling zonder cijfer", needs=("angst",), areas=("GM0141",),
                           kind="treatment", wait_kind="none", minimum_age=18)  # fmt: skip
    f.at_location(db, unreported, f.location(db, crisis_org, "GM0141"))
    db.flush()
    return {"full": full, "teen": teen, "crisis": crisis, "unreported": unreported}


def by_name(page):
    return {r.service_name: r for r in page.results}


def test_search_availability_matches_the_rules(db, known, extra):
    insured = by_name(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", verzekeraar="vgz")))
    assert insured["Snel Angst Almelo"].unavailable == "ceiling" and not insured["Snel Angst Almelo"].available
    assert by_name(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst")))["Snel Angst Almelo"].available
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst"))
    found = by_name(page)
    full = found["Volle groep angst"]
    assert full.unavailable == "full" and full.shown_group == 2 and full not in page.ranked
    assert full.wait.status == "group" and full.wait.next_start == today() + timedelta(days=70)
    assert full.wait.start_weeks == 10
    assert found["Crisisdienst"].unavailable == "no_phone" and not found["Crisisdienst"].available
    running = found["Lopende groep angst"]  # started a month ago: its start is no wait of 0 weeks
    assert running.available and running.wait.status == "group" and running.wait.next_start is None
    assert running.wait.start_weeks is None
    short = by_name(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", max_wacht=4)))
    assert "Lopende groep angst" not in short and "Groep Omgaan met angst" in short  # starts in 20 days
    assert "Volle groep angst" not in short  # starts in 10 weeks
    unreported = found["Behandeling zonder cijfer"]
    assert unreported.wait.status == "no_data"  # a wait applies: "niet gemeld", and so not "beschikbaar"
    assert unreported.shown_group == 1 and unreported in page.unranked and not unreported.available
    assert found["Groep Omgaan met angst"].wait.status == "group" and found["Groep Omgaan met angst"].available
    assert found["POH-ggz spreekuur"].practice_bound and found["POH-ggz spreekuur"].level == "poh"
    # One practice's offer ranks after open offers that fit as well: its score carries the practice penalty.
    assert found["POH-ggz spreekuur"].score >= PRACTICE_BOUND_PENALTY
    # The SQL and the Python rules agree on every row.
    for r in page.results:
        assert (r.wait.status == "no_data" and r.wait_kind == "none") == fit.wait_missing(
            r.kind, r.wait_kind, bool(r.wait.figures)
        ), r.service_name
        assert not (r.wait.status == "no_data" and r.available), r.service_name
        expected = fit.unavailable_reason(
            r.rank_group, r.kind, r.places_free, r.ongoing, r.contract_ceiling_reached, r.phone
        )
        assert r.unavailable == expected, r.service_name
        assert r.level == fit.level_of(r.domain, r.wait_kind, r.organization_kind), r.service_name


def test_age_level_kind_filters(db, known, extra):
    teen = by_name(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", leeftijd=15)))
    assert "Jongerenpraatgroep" in teen and "Snel Angst Almelo" not in teen
    assert all(fit.age_fits(r.minimum_age, r.maximum_age, 15) for r in teen.values())
    adult = by_name(search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", leeftijd=40)))
    assert "Jongerenpraatgroep" not in adult and "Snel Angst Almelo" in adult
    poh = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", niveau=["poh"])).results
    assert [r.service_name for r in poh] == ["POH-ggz spreekuur"]
    social = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", niveau=["sociaal"])).results
    assert social and all(r.domain == "social" for r in social)
    groups = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", soort=["groep"])).results
    assert {r.service_name for r in groups} == {"Groep Omgaan met angst", "Volle groep angst", "Lopende groep angst"}


def test_sort_on_wait_and_distance(db, known, extra):
    on_wait = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", sorteer="wachttijd")).ranked
    names = [r.service_name for r in on_wait]
    assert names.index("Snel Angst Almelo") < names.index("Traag Angst Almelo")
    near = search(db, SearchParams(postcode="7607", hulpvraag="angst", sorteer="afstand")).ranked
    distances = [r.distance_km for r in near if r.distance_km is not None]
    assert distances == sorted(distances)


def test_coordinator_sees_crisis_offer_without_phone(client, db, known, extra):
    login(client, make_user(db, "coordinator@example.org", "coordinator"))
    page = client.get("/beheer").text
    assert "Crisisaanbod zonder telefoonnummer" in page and "Crisisdienst" in page
    assert "Crisis Zonder Nummer (fictief)" in page
