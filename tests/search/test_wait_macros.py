"""The wait macro (macros/wait.html, written once in Jinja) shows every figure with its Treeknorm badge and definition; stale and missing are never zero."""

from datetime import date, timedelta
from decimal import Decimal

from waitinfo.core.clock import frozen, today
from waitinfo.search.display import wait_view
from waitinfo.web.templating import templates


def render(src: str, **ctx) -> str:
    return templates.env.from_string('{% import "macros/wait.html" as wm %}' + src).render(**ctx)


def test_figures_badges_and_definition():
    w = {
        "registration_weeks": Decimal("3"),
        "treatment_weeks": Decimal("12.5"),
        "waiting_count": 40,
        "month": today().replace(day=1),
        "reference_date": today(),
        "method": "current",
    }
    html = render(
        "{{ wm.wait(w, 'ggz_specialist', diagnosis='Angststoornissen', run=run) }}",
        w=w,
        run={"adapter": "csv", "source": "wachttijden.csv", "started_at": today(), "id": "abcdef123456"},
    )
    assert "3 weken" in html and "12,5 weken" in html and "15,5 weken" in html
    assert 'class="badge within"' in html and 'class="badge over"' in html
    assert "<details" in html and "Aanmeldwachttijd: de tijd van aanmelding" in html
    assert "derde vrije plek" in html and "wachttijden.csv" in html and "importrun abcdef12" in html
    assert "Angststoornissen" in html and "badge stale" not in html


def test_missing_is_niet_gemeld_never_zero():
    html = render("{{ wm.wait(None, 'ggz_basic') }}")
    assert "wachttijd niet gemeld" in html and "0 weken" not in html and "<details" in html
    assert "geen wachttijd van toepassing" not in html.lower()


def test_stale_and_hidden_marked():
    # On 11 December November's figures are due: an October figure is stale, an August one out of the ranking.
    with frozen(date(2026, 12, 11)):
        w = {"registration_weeks": 2, "treatment_weeks": 3, "month": date(2026, 10, 1), "reference_date": None}
        html = render("{{ wm.wait(w, 'ggz_basic') }}", w=w)
        assert 'badge stale">verouderd<' in html
        assert "cijfer over oktober; november was verwacht uiterlijk 10 december" in html
        assert wait_view({"registration_weeks": 2, "month": date(2026, 8, 1)}).hidden
    with frozen(date(2026, 12, 10)):
        html = render("{{ wm.wait(w, 'ggz_basic') }}", w=w)
        assert "verouderd<" not in html and "november verwacht uiterlijk 10 december" in html


def test_incomplete_shows_the_known_part_and_no_total():
    w = {"registration_weeks": Decimal("3"), "treatment_weeks": None, "month": today().replace(day=1)}
    view = wait_view(w, "ggz_specialist")
    assert view.verdict == "incomplete" and not view.over
    assert [f.part for f in view.figures] == ["registration", "treatment"]  # no total line
    assert view.figures[1].judgement == "unknown"
    html = render("{{ wm.wait(w, 'ggz_specialist') }}", w=w)
    assert "3 weken" in html and "onbekend" in html and "onvolledig" in html
    assert "Totale wachttijd" not in html.split("<details")[0] and "binnen Treeknorm" not in html.split("<details")[0]


def test_social_wait_judged_with_regional_norm():
    view = wait_view({"registration_weeks": 5, "month": date(2026, 1, 1)}, "social")
    assert [f.part for f in view.figures] == ["social"]
    assert view.figures[0].judgement_label == "binnen regionale norm (6 weken)"
    html = render("{{ wm.wait(w, 'poh_ggz') }}", w={"registration_weeks": 8, "month": date(2026, 1, 1)})
    assert "POH-ggz" in html and "boven referentiewaarde (4 weken)" in html
    assert "Beoordeeld met de referentiewaarde POH-ggz (4 weken)" in html
    assert "Treeknorm" not in html.split("<details")[0] and "sociaal domein" not in html.split("<details")[0]


def test_not_applicable_and_intake_stop():
    assert "Geen wachttijd van toepassing" in render("{{ wm.wait(None, 'none') }}")
    html = render("{{ wm.intake_stop(s) }}", s={"starts_on": date(2026, 10, 1), "ends_on": None, "reason": "vol"})
    assert "Aanmeldstop" in html and "1 oktober 2026" in html and "vol" in html


def test_trust_dates_distinguish_confirmed_and_modified():
    html = render("{{ wm.trust_dates(a, u) }}", a=today() - timedelta(days=40), u=today())
    assert "Door aanbieder bevestigd op" in html and "laatst gewijzigd" in html and "verouderd" in html
    assert "nog niet door de aanbieder bevestigd" in render("{{ wm.trust_dates(None, u) }}", u=today())
