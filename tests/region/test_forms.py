"""Coordinator forms: fit-gap criteria and subregions (CSRF, Dutch errors that keep the input, audit)."""

from sqlalchemy import select

from tests.auth_tools import login, make_user
from tests.region.builders import build_network
from waitinfo.accounts.models import AuditLog
from waitinfo.reference.ids import stable_uuid
from waitinfo.reference.models import Municipality
from waitinfo.region.models import FitGapCriterion


def _coordinator(client, db):
    return login(client, make_user(db, "coordinator@twente.example", "coordinator"))


def test_new_criterion_is_saved_and_shown_in_the_matrix(client, db, fixed_now):
    build_network(db)
    csrf = _coordinator(client, db)
    r = client.post(
        "/regio/witte-vlekken/criteria",
        data={
            "csrf_token": csrf,
            "name": "Respijthuis binnen 25 km",
            "kind": "support_point_within_km",
            "km": "25",
            "point_types": "respite_house",
            "position": "7",
            "active": "1",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    c = db.execute(select(FitGapCriterion).where(FitGapCriterion.name == "Respijthuis binnen 25 km")).scalar_one()
    assert c.params == {"km": 25.0, "point_types": ["respite_house"]} and c.active
    page = client.get("/regio/witte-vlekken").text
    assert "Respijthuis binnen 25 km" in page and "witte vlek" in page
    assert db.execute(select(AuditLog).where(AuditLog.entity_type == "fitgap_criterion")).scalars().first()


def test_invalid_criterion_keeps_input_and_explains_in_dutch(client, db):
    csrf = _coordinator(client, db)
    r = client.post(
        "/regio/witte-vlekken/criteria",
        data={"csrf_token": csrf, "name": "Mijn criterium", "kind": "hours_per_10k", "minimum": "veel"},
    )
    assert r.status_code == 422
    assert "Vul een getal in" in r.text and 'value="Mijn criterium"' in r.text and 'value="veel"' in r.text
    r = client.post(
        "/regio/witte-vlekken/criteria",
        data={"csrf_token": csrf, "name": "Groep", "kind": "group_offer_domain", "minimum": "1"},
    )
    assert r.status_code == 422 and "Kies een domeintype" in r.text


def test_edit_existing_criterion_and_deactivate(client, db):
    csrf = _coordinator(client, db)
    cid = stable_uuid("fitgap", "group_isb")
    assert "Groepsaanbod institutionele sociale basis" in client.get(f"/regio/witte-vlekken/criteria?bewerk={cid}").text
    r = client.post(
        "/regio/witte-vlekken/criteria",
        data={
            "csrf_token": csrf,
            "id": str(cid),
            "name": "ISB-groep",
            "kind": "group_offer_domain",
            "domain": "institutional_social_base",
            "minimum": "2",
            "position": "6",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    c = db.get(FitGapCriterion, cid)
    db.refresh(c)
    assert (c.name, c.params, c.active) == ("ISB-groep", {"domain": "institutional_social_base", "min": 2}, False)
    assert "ISB-groep" not in client.get("/regio/witte-vlekken").text  # inactive: not in the matrix


def test_forms_need_the_csrf_token(client, db):
    _coordinator(client, db)
    r = client.post("/regio/witte-vlekken/criteria", data={"name": "x", "kind": "hours_per_10k", "minimum": "1"})
    assert r.status_code == 403
    assert client.post("/regio/subregios", data={"gm_GM0141": ""}).status_code == 403


def test_coordinator_moves_a_municipality_to_another_subregion(client, db):
    csrf = _coordinator(client, db)
    enschede = str(stable_uuid("subregion", "enschede-hengelo"))
    page = client.get("/regio/subregios").text
    assert "Hof van Twente" in page and "Subregio Almelo" in page
    r = client.post("/regio/subregios", data={"csrf_token": csrf, "gm_GM1735": enschede}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/regio/subregios?opgeslagen=1"
    m = db.get(Municipality, "GM1735")
    db.refresh(m)
    assert str(m.subregion_id) == enschede
    r = client.post("/regio/subregios", data={"csrf_token": csrf, "gm_GM0141": "onzin"})
    assert r.status_code == 422 and "Kies voor Almelo een subregio uit de lijst." in r.text


def test_region_pages_render_known_figures(client, db, fixed_now):
    build_network(db)
    _coordinator(client, db)
    fitgap = client.get("/regio/witte-vlekken").text
    assert "<strong>14</strong> van 14 gemeenten hebben minstens één witte vlek" in fitgap
    assert "dichtstbijzijnde op 13 km" in fitgap
    only = client.get("/regio/witte-vlekken?gemeente=GM0147").text
    assert "Borne" in only and "Enschede</th>" not in only.split("<table")[1]
    csv = client.get("/regio/witte-vlekken.csv?gemeente=GM0141").content.decode("utf-8-sig")
    assert csv.count("\r\n") == 10 and "Almelo;GM0141;74776;Inloopvoorziening" in csv
    groei = client.get("/regio/groei").text
    assert "+100%" in groei and "+40%" in groei and "register op 01-07-2025" in groei and "<svg" in groei
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(client.get("/regio/groei.xlsx").content))
    assert wb.sheetnames == ["Per maand", "Nulmeting en nu"] and wb["Per maand"].max_row == 18
    assert [c.value for c in wb["Nulmeting en nu"]["F"]][1:] == [100, 40, 50]
    kpi = client.get("/regio/kpi").text
    for n in (33, 35, 36, 38, 44, 45, 47):
        assert f"KPI {n}:" in kpi
    assert "2 van 14 gemeenten hebben er minstens één" in kpi
    summary = client.get("/regio/kpi.csv").content.decode("utf-8-sig")
    assert summary.splitlines()[0].startswith("KPI;Titel;Uitkomst") and len(summary.splitlines()) == 8
