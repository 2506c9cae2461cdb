"""The result row (search/_result.html `row`, a card on phones): every part shown, user text escaped."""

import uuid
from datetime import date
from decimal import Decimal

from waitinfo.core.clock import today
from waitinfo.search.display import WaitView, wait_view
from waitinfo.search.schemas import SearchResult
from waitinfo.web.templating import templates


def result(**changes) -> SearchResult:
    base = dict(
        service_id=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        service_name="Angst & <paniek>",
        description="",
        domain="ggz",
        kind="treatment",
        wait_kind="ggz_basic",
        organization_id=uuid.uuid4(),
        organization_name='Mind "Twente"',
        location_name="Locatie",
        address="Straat 1, 7511 AA Enschede",
        city="Enschede",
        location_type="physical",
        distance_km=3.5,
        referral_required=True,
        cost="insured",
        cost_description="",
        how_to_register="Bel ons",
        online_possible=True,
        suitable_while_waiting=False,
        assured_date=None,
        updated_at=date(2026, 3, 4),
        url=None,
        phone="053-1234567",
        email=None,
        wait=wait_view(
            {"registration_weeks": Decimal("3"), "treatment_weeks": Decimal("5"), "month": today().replace(day=1)},
            "ggz_basic",
        ),
        rank_group=0,
        score=1.0,
        other_locations=2,
    )
    return SearchResult(**{**base, **changes})


def card(r, token="", insurer_name=None, **kw) -> str:
    src = '{% import "search/_result.html" as rm with context %}{{ rm.row(r, **kw) }}'
    return templates.env.from_string(src).render(
        r=r, kw=kw, request=object(), csrf_token=lambda request: token, insurer_name=insurer_name
    )


def test_row_parts_and_escaping():
    html = card(result(), detail_query="terug=%2Fzoeken", heading="h4")
    assert html.startswith('<li class="result" id="r-12345678-1234-5678-1234-567812345678">')
    assert "Angst &amp; &lt;paniek&gt;" in html and "<paniek>" not in html and "Mind &#34;Twente&#34;" in html
    assert '<h4 class="result-title"><a href="/aanbod/12345678-1234-5678-1234-567812345678?terug=%2Fzoeken">' in html
    assert "3,5 km" in html and "nog 2 andere vestigingen" in html
    assert "<dt>Verwijzing</dt><dd><strong>nodig</strong>" in html
    assert "basis-ggz · behandeling · ook online" in html
    assert '<a class="tel" href="tel:0531234567">053-1234567</a>' in html  # tap to call
    # A complete figure: the total leads, its parts beside it (an incomplete one would never get a total).
    assert '8 weken</span> <span class="small">totale wachttijd</span>' in html and 'class="badge within">✓' in html
    assert "aanmelding 3 + behandeling 5 weken" in html
    assert "Leeftijd: alle leeftijden" in html and "Alleen voor patiënten" not in html
    assert "vergoed uit de basisverzekering" in html and "Bel ons" in html
    assert 'aria-pressed="false"' in html and "csrf_token" not in html
    assert "<dt>Contract" not in html  # only with an insurer


def test_row_unavailable_group_practice_contract_and_shortlist():
    group = result(
        kind="group_offer",
        wait_kind="none",
        wait=WaitView("none", "groepsaanbod", "group", next_start=date(2027, 2, 1), start_weeks=Decimal(9)),
        places_free=0,
        places_total=15,
        shown_group=2,
        unavailable="full",
        location_type="virtual",
        distance_km=None,
        other_locations=0,
    )
    html = card(group, shortlist=[group.service_id], compact=True, id_prefix="alt-", token="t<k")
    assert "result-unavailable" in html and "Groep vol" in html
    assert (
        "Volgende start <strong>1 februari 2027</strong> (over 9 weken)" in html and "<strong>0</strong> van 15" in html
    )
    assert "geen wachttijd van toepassing" not in html and "online" in html
    assert 'aria-pressed="true"' in html and 'name="csrf_token" value="t&lt;k"' in html
    assert "Bel ons" not in html  # compact: no registration details

    poh = result(
        wait_kind="poh_ggz",
        organization_kind="gp_care",
        level="poh",
        minimum_age=18,
        eligibility="Voor patiënten <van> deze praktijk.",
        contract_ceiling_reached=True,
        shown_group=2,
        unavailable="ceiling",
        wait=wait_view(None, "poh_ggz"),
    )
    html = card(poh, insurer_name="VGZ")
    assert "Alleen voor patiënten van Mind &#34;Twente&#34;" in html and "Leeftijd: vanaf 18 jaar" in html
    assert "Voor wie" not in html  # the practice label says it
    assert (
        "Omzetplafond bij deze verzekeraar bereikt" in html and "plafond bereikt" in html and "<dt>Contract VGZ" in html
    )
    assert "wachttijd niet gemeld" in html
    assert "Op de lijst" not in html  # not usable now: not offered for the handout
    html = card(result(eligibility="Voor mensen met <angst>."))
    assert "Voor wie: Voor mensen met &lt;angst&gt;." in html


def test_tel_href_keeps_digits_and_plus():
    from waitinfo.web.templating import tel_href

    assert tel_href("053 - 123 45 67") == "0531234567" and tel_href("+31 (0)53 1234567") == "+31531234567"
    assert tel_href(None) == ""
