"""Incomplete figures (a part unknown) in the search: ranked after complete ones, never through the total-wait
filter (counted and offered), never summed as 0; the need's own diagnosis group leads."""

from tests import factories as f
from tests.search.test_search_query import by_name, names
from waitinfo.core.clock import month_start, today
from waitinfo.search.repository import search
from waitinfo.search.schemas import SearchParams


def _ggz(db, name, reg, treat, *, diagnosis=None, kind="ggz_basic", sal=None):
    if sal is None:
        org = f.organization(db, f"{name} (fictief)")
        svc = f.service(db, org, name, needs=("angst",), areas=("GM0141",), domain="ggz", wait_kind=kind)
        sal = f.at_location(db, svc, f.location(db, org, "GM0141"))
    f.wait(db, sal, month_start(today()), reg, treat, reference_date=today(), diagnosis=diagnosis)
    return sal


def test_incomplete_ranks_after_complete_and_never_as_zero(db, known):
    # Only registration reported (1 week): with the treatment wait as 0 it would have ranked first.
    _ggz(db, "Alleen Aanmelding Almelo", 1, None)
    db.flush()
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", domein="ggz"))
    got = names(page)
    incomplete = by_name(page, "Alleen Aanmelding Almelo")
    assert incomplete.rank_group == 0 and incomplete.wait.verdict == "incomplete" and not incomplete.wait.over
    assert "total" not in [fig.part for fig in incomplete.wait.figures]
    # After every complete figure of its group, even the one over the norm.
    assert got.index("Traag Angst Almelo") < got.index("Alleen Aanmelding Almelo")
    assert got.index("Snel Angst Almelo") < got.index("Alleen Aanmelding Almelo")
    # Counted neither within nor over the norm.
    assert page.ggz_within + page.ggz_over == sum(
        1 for r in page.ranked if r.wait_kind.startswith("ggz") and r.wait.verdict in ("within", "over")
    )


def test_total_wait_filter_leaves_incomplete_out_and_says_so(db, known, client):
    _ggz(db, "Alleen Aanmelding Almelo", 1, None)
    _ggz(db, "Alleen Behandeling Almelo", None, 30)  # known part already over the limit: not counted
    db.flush()
    params = dict(gemeente="Almelo", hulpvraag="angst", domein="ggz", max_wacht=10)
    page = search(db, SearchParams(**params))
    assert "Alleen Aanmelding Almelo" not in names(page) and "Snel Angst Almelo" in names(page)
    assert page.left_out_incomplete == 1
    shown = search(db, SearchParams(**params, ook_onvolledig=True))
    assert "Alleen Aanmelding Almelo" in names(shown) and "Alleen Behandeling Almelo" not in names(shown)
    assert shown.left_out_incomplete == 0
    # The combined statement (page plus alternatives) counts the same.
    both = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", max_wacht=10))
    assert both.left_out_incomplete == 1
    html = client.get("/zoeken", params=params).text
    assert "1 aanbieder niet getoond" in html and "ook_onvolledig=1" in html


def test_card_shows_the_needs_own_diagnosis_group(db, known):
    # Specialist ggz reporting per group: OCD is long, anxiety short; "angst" maps to anxiety first.
    sal = _ggz(db, "Specialist Angst Almelo", 2, 6, diagnosis="angst", kind="ggz_specialist")
    _ggz(db, None, 10, 30, diagnosis="ocd", sal=sal)
    _ggz(db, None, 5, 10, diagnosis="depressie", sal=sal)
    db.flush()
    page = search(db, SearchParams(gemeente="Almelo", hulpvraag="angst", domein="ggz"))
    card = by_name(page, "Specialist Angst Almelo").wait
    assert card.diagnosis and "angst" in card.diagnosis.lower()
    assert [fig.weeks for fig in card.figures if fig.part == "total"] == [8]
    assert card.others == "andere diagnosegroepen: 15-40 weken"
