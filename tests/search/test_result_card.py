"""The result card (web/templating.result_card, behind the card macro): every part shown, user text escaped."""

import uuid
from datetime import date
from decimal import Decimal

from waitinfo.core.clock import today
from waitinfo.search.display import wait_view
from waitinfo.search.schemas import IntakeStopInfo, SearchResult
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
        wait=wait_view({"registration_weeks": Decimal("3"), "month": today().replace(day=1)}, "ggz_basic"),
        rank_group=0,
        score=1.0,
        other_locations=2,
    )
    return SearchResult(**{**base, **changes})


def card(r, token="", **kw) -> str:
    src = '{% import "search/_result.html" as rm with context %}{{ rm.card(r, **kw) }}'
    return templates.env.from_string(src).render(r=r, kw=kw, request=object(), csrf_token=lambda request: token)


def test_card_parts_and_escaping():
    html = card(result(), detail_query="terug=%2Fzoeken", heading="h4")
    assert html.startswith('<li class="card result" id="r-12345678-1234-5678-1234-567812345678">')
    assert "Angst &amp; &lt;paniek&gt;" in html and "<paniek>" not in html and "Mind &#34;Twente&#34;" in html
    assert '<h4 class="result-title"><a href="/aanbod/12345678-1234-5678-1234-567812345678?terug=%2Fzoeken">' in html
    assert "<strong>3,5 km</strong>" in html
    assert "nog 2 andere vestigingen" in html and "<strong>verwijzing nodig</strong>" in html
    assert "vergoed uit de basisverzekering" in html and "tel. 053-1234567" in html
    assert 'class="badge within">✓' in html and "ook online" in html
    assert "nog niet door de aanbieder bevestigd" in html and "laatst gewijzigd 4 maart 2026" in html
    assert 'aria-pressed="false"' in html and "csrf_token" not in html
    assert "\n " not in html  # indentation squashed


def test_card_stop_unranked_places_contract_and_shortlist():
    r = result(
        intake_stop=IntakeStopInfo(date(2026, 1, 2), None, "Vol. "),
        rank_group=1,
        wait=wait_view(None, "ggz_basic"),
        places_free=0,
        places_total=12,
        contract_ceiling_reached=True,
        location_type="virtual",
        distance_km=None,
        other_locations=0,
    )
    html = card(r, shortlist=[r.service_id], compact=True, id_prefix="alt-", token="t<k")
    assert "result-stopped" in html and "sinds 2 januari 2026, einddatum onbekend: Vol. Nieuwe" in html
    assert "Zonder wachttijdcijfer: telt niet mee" in html and "Online of telefonisch" in html
    assert "<strong>0</strong> van 12" in html and "omzetplafond bereikt" in html
    assert 'aria-pressed="true"' in html and 'name="csrf_token" value="t&lt;k"' in html
    assert "Aanmelden en details" in html and "Bel ons" not in html  # compact: no registration facts
