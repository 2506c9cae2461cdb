"""The detail page /aanbod/{id} follows the shared rules: only published offer, and it leads with the figure the
search card shows (the need's own diagnosis group)."""

from urllib.parse import quote

from tests import factories as f
from waitinfo.core.clock import month_start, today


def test_pending_service_or_organisation_is_not_public(db, client):
    org = f.organization(db, "Nieuwe Praktijk (fictief)")
    svc = f.service(db, org, "Nog niet goedgekeurd", needs=("angst",), areas=("GM0141",), status="pending")
    db.flush()
    assert client.get(f"/aanbod/{svc.id}").status_code == 404
    svc.status = "active"
    org.status = "pending"
    db.add_all([svc, org])
    db.flush()
    assert client.get(f"/aanbod/{svc.id}").status_code == 404
    org.status = "active"
    db.add(org)
    db.flush()
    assert client.get(f"/aanbod/{svc.id}").status_code == 200


def test_detail_leads_with_the_needs_own_group(db, client):
    org = f.organization(db, "Specialist Twente (fictief)", kind="specialist_ggz")
    svc = f.service(db, org, "Specialistische ggz", needs=("angst",), areas=("GM0141",), wait_kind="ggz_specialist")
    sal = f.at_location(db, svc, f.location(db, org, "GM0141"))
    m = month_start(today())
    f.wait(db, sal, m, 10, 30, diagnosis="angst")
    f.wait(db, sal, m, 2, 6, diagnosis="depressie")
    db.flush()
    # Without a need: the longest first (honest); "somberheid" leads with depression, the need's own group.
    html = client.get(f"/aanbod/{svc.id}").text
    assert html.index("Angststoornissen") < html.index("Depressieve stemmingsstoornissen")
    back = quote("/zoeken?gemeente=Almelo&hulpvraag=somberheid", safe="")
    html = client.get(f"/aanbod/{svc.id}?terug={back}").text
    assert html.index("Depressieve stemmingsstoornissen") < html.index("Angststoornissen")
    assert "andere diagnosegroepen: 40 weken" in html
