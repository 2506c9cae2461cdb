"""The meeting pages on the demo data: agenda, preparing, holding, closing (mail), actions, summary, exchange."""

import csv
import io
from datetime import timedelta

from sqlmodel import select

from tests.auth_tools import login, make_user
from waitinfo.accounts.models import OutboxMessage
from waitinfo.catalogue.models import Organization
from waitinfo.core.clock import today
from waitinfo.demo.common import did
from waitinfo.meetings.models import CapacityOffer, Meeting, MeetingAction, TransferRequest
from waitinfo.reference.models import Subregion


def _almelo_meetings(db):
    sub = db.exec(select(Subregion).where(Subregion.code == "almelo")).one()
    return list(db.exec(select(Meeting).where(Meeting.subregion_id == sub.id).order_by(Meeting.held_on)).all())


def test_demo_has_meetings_offers_requests_and_actions(demo_db):
    meetings = _almelo_meetings(demo_db)
    assert [m.status for m in meetings] == ["closed", "closed", "planned", "planned"]
    assert demo_db.exec(select(CapacityOffer)).all() and demo_db.exec(select(TransferRequest)).all()
    open_actions = demo_db.exec(select(MeetingAction).where(MeetingAction.done_on.is_(None))).all()
    assert any(a.kind == "action" for a in open_actions)


def test_run_a_meeting_from_the_agenda(demo_db, demo_client):
    csrf = login(demo_client, make_user(demo_db, "voorzitter@twente.example", "transfer"))
    past, _, coming, _ = _almelo_meetings(demo_db)
    index = demo_client.get("/regio/overleg")
    assert index.status_code == 200 and "Subregio Almelo" in index.text

    page = demo_client.get(f"/regio/overleg/vergadering/{coming.id}")
    assert page.status_code == 200
    assert "Voorlopige agenda" in page.text  # not prepared yet: a live preview
    for text in (
        "Knelpunten op ernst",
        "Nieuw",
        "Verbeterd",
        "Groep omgaan met angst",
        "Sociaal werk neemt contact op",
    ):
        assert text in page.text, text
    assert page.text.count('class="sparkline"') >= 3

    r = demo_client.post(f"/regio/overleg/vergadering/{coming.id}/voorbereiden", data={"csrf_token": csrf})
    assert r.status_code == 200 and "vastgelegd voor deze vergadering" in r.text
    r = demo_client.post(f"/regio/overleg/vergadering/{coming.id}/starten", data={"csrf_token": csrf})
    assert "De vergadering is gestart" in r.text

    carried = demo_db.exec(select(MeetingAction).where(MeetingAction.done_on.is_(None), MeetingAction.kind == "action",
                                                       MeetingAction.meeting_id != coming.id)).first()  # fmt: skip
    r = demo_client.post(f"/regio/overleg/vergadering/{coming.id}/actie/{carried.id}/gereed", data={"csrf_token": csrf})
    assert r.status_code == 200
    demo_db.refresh(carried)
    assert carried.done_meeting_id == coming.id

    bad = {"csrf_token": csrf, "kind": "action", "text": "Bel mevrouw op 06-12345678", "owner_organization_id": ""}
    r = demo_client.post(f"/regio/overleg/vergadering/{coming.id}/besluit", data=bad)
    assert r.status_code == 422
    assert "mobiel nummer" in r.text and "Bel mevrouw op 06-12345678</textarea>" in r.text  # kept as typed
    assert "Kies de organisatie die de actie uitvoert" in r.text

    good = {"csrf_token": csrf, "kind": "decision", "text": "Vier wachtenden naar de groep", "transfers_agreed": "4"}
    r = demo_client.post(f"/regio/overleg/vergadering/{coming.id}/besluit", data=good)
    assert r.status_code == 200 and "Het besluit is vastgelegd" in r.text

    r = demo_client.post(f"/regio/overleg/vergadering/{coming.id}/afsluiten", data={"csrf_token": csrf})
    assert "verslag staat in de outbox" in r.text
    mails = demo_db.exec(select(OutboxMessage).where(OutboxMessage.kind == "meeting_summary")).all()
    assert len(mails) == 4 and all(m.to_address.endswith(".example") for m in mails)
    assert "Vier wachtenden naar de groep" in mails[0].body and "geen cliëntgegevens" in mails[0].body

    summary = demo_client.get(f"/regio/overleg/vergadering/{coming.id}/verslag")
    assert summary.status_code == 200 and "Vier wachtenden naar de groep" in summary.text
    body = demo_client.get(f"/regio/overleg/vergadering/{coming.id}/verslag.csv")
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Soort" and any(r[0] == "Besluit" and r[8] == "4" for r in rows)
    assert demo_client.get(f"/regio/overleg/vergadering/{past.id}").status_code == 200


def test_effect_page_and_kpi_link(demo_db, demo_client):
    login(demo_client, make_user(demo_db, "coord-e@twente.example", "coordinator"))
    r = demo_client.get("/regio/overleg/effect")
    assert r.status_code == 200 and "Overdrachten afgesproken" in r.text
    csv_body = demo_client.get("/regio/overleg/effect.csv").content.decode("utf-8-sig")
    assert "Subregio Almelo;2;" in csv_body
    assert "/regio/overleg/effect" in demo_client.get("/regio/kpi").text


def test_provider_offers_capacity_and_updates_filled_places(demo_db, demo_client):
    org_id = did("org", "reggedal")
    org = demo_db.get(Organization, org_id)
    csrf = login(demo_client, make_user(demo_db, "aanbod@reggedal.example", "provider", [org]))
    start, end = today(), today() + timedelta(days=30)
    form = {"csrf_token": csrf, "title": "Groep piekeren", "kind": "group", "need_code": "angst", "care_level": "basic",
            "unit": "places", "places": "6", "places_taken": "0", "starts_on": start.isoformat(),
            "ends_on": end.isoformat(), "contact": "Aanmeldteam, 06-12345678", "age_min": "18", "age_max": ""}  # fmt: skip
    r = demo_client.post(f"/portaal/capaciteit/aanbod/nieuw?organisatie={org_id}", data=form)
    assert r.status_code == 422 and "mobiel nummer" in r.text and 'value="Groep piekeren"' in r.text
    form["contact"] = "Aanmeldteam, info@ggz-reggedal.example"
    r = demo_client.post(f"/portaal/capaciteit/aanbod/nieuw?organisatie={org_id}", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    offer = demo_db.exec(select(CapacityOffer).where(CapacityOffer.title == "Groep piekeren")).one()
    form["places_taken"] = "5"
    r = demo_client.post(f"/portaal/capaciteit/aanbod/{offer.id}", data=form, follow_redirects=False)
    assert r.status_code == 303
    demo_db.refresh(offer)
    assert offer.places_taken == 5
    form["places_taken"] = "7"
    r = demo_client.post(f"/portaal/capaciteit/aanbod/{offer.id}", data=form)
    assert r.status_code == 422 and "meer plaatsen gevuld dan aangeboden" in r.text

    req = {"csrf_token": csrf, "need_code": "angst", "waiting_count": "5", "waiting_weeks": "10",
           "bridging_help": "Groep of e-health", "age_min": "", "age_max": ""}  # fmt: skip
    r = demo_client.post(f"/portaal/capaciteit/vraag/nieuw?organisatie={org_id}", data=req, follow_redirects=False)
    assert r.status_code == 303
    page = demo_client.get(f"/portaal/capaciteit?organisatie={org_id}")
    assert "Groep piekeren" in page.text and "Groep of e-health" in page.text
    assert "Geen cliëntgegevens" in demo_client.get(f"/portaal/capaciteit/vraag/nieuw?organisatie={org_id}").text


def test_exchange_shows_matches(demo_db, demo_client):
    login(demo_client, make_user(demo_db, "tafel-x@twente.example", "transfer"))
    r = demo_client.get("/regio/capaciteit?subregio=almelo")
    assert r.status_code == 200
    assert "Groep omgaan met angst" in r.text and "wachtenden" in r.text
    assert "Kortdurende behandeling stressklachten" not in r.text  # expired, and another subregion


def test_edit_the_series_and_plan_meetings(demo_db, demo_client):
    csrf = login(demo_client, make_user(demo_db, "reeks@twente.example", "transfer"))
    form = {"csrf_token": csrf, "interval_days": "7", "first_on": today().isoformat(), "starts_at": "9 uur",
            "duration_minutes": "60", "place": "Online", "participants": "info@ggz-reggedal.example\npiet@gmail.com"}  # fmt: skip
    r = demo_client.post("/regio/overleg/almelo/reeks", data=form)
    assert r.status_code == 422 and "Vul een tijd in als uu:mm" in r.text
    form["starts_at"] = "09:30"
    r = demo_client.post("/regio/overleg/almelo/reeks", data=form)
    assert r.status_code == 422 and "piet@gmail.com" in r.text and "buiten de domeinen" in r.text
    form["participants"] = "info@ggz-reggedal.example"
    r = demo_client.post("/regio/overleg/almelo/reeks", data=form, follow_redirects=False)
    assert r.status_code == 303
    r = demo_client.post("/regio/overleg/almelo/plannen", data={"csrf_token": csrf})
    assert r.status_code == 200 and "nieuwe vergadering(en) ingepland" in r.text
    assert len(_almelo_meetings(demo_db)) > 4
    assert demo_client.post("/regio/overleg/nergens/plannen", data={"csrf_token": csrf}).status_code == 404
