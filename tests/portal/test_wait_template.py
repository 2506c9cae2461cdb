"""The monthly wait-time template: prefilled rows, drop-down lists, definitions, and the round trip (download,
fill in, upload, applied); the offer template has the same drop-downs."""

import io
from datetime import date

import openpyxl

from tests import factories
from tests.auth_tools import login, make_user
from tests.imports.helpers import D, rows
from waitinfo.imports.service import run_import
from waitinfo.providers.offer import ALIASES


def _provider(db):
    org = factories.organization(db, "GGZ Sjabloon (fictief)", kind="specialist_ggz", default_wait_method="current")
    loc = factories.location(db, org, "GM0141", name="Sjabloon Almelo", postal_code="7607 GH", agb_code="22223001")
    anxiety = factories.service(db, org, "Behandeling angst", wait_kind="ggz_specialist")
    mood = factories.service(db, org, "Behandeling somberheid", needs=("somberheid",), wait_kind="ggz_specialist")
    sal = factories.at_location(db, anxiety, loc)
    factories.at_location(db, mood, loc)
    factories.wait(db, sal, date(2026, 9, 1), 4, 8, "angst", reference_date=date(2026, 9, 1), method="current")
    return org


def _validations(ws) -> dict[str, str]:
    return {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}


def test_round_trip_download_fill_upload_applied(db, client):
    org = _provider(db)
    login(client, make_user(db, "editor@sjabloon.example", "provider", [org]))
    r = client.get(f"/portaal/wachttijden-sjabloon.xlsx?organisatie={org.id}")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Wachttijden", "Lijsten", "Definities"]
    assert wb["Lijsten"].sheet_state == "hidden"
    ws = wb["Wachttijden"]
    body = [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [row[:5] for row in body] == [
        ["22223001", "Sjabloon Almelo", "7607 GH", "Behandeling angst", "Angststoornissen"],
        ["22223001", "Sjabloon Almelo", "7607 GH", "Behandeling somberheid", None],
    ]
    validations = _validations(ws)
    assert set(validations) == {"E2", "D2", "L2", "M2"}  # diagnosis group, service, method, yes/no
    lists = wb["Lijsten"]
    method_col = validations["L2"].split("!")[1].split("$")[1]
    assert [lists[f"{method_col}{i}"].value for i in (2, 3)] == ["gerealiseerd", "actueel"]
    group_col = validations["E2"].split("!")[1].split("$")[1]
    groups = [c.value for c in lists[group_col][1:] if c.value]
    assert "Diagnose nog niet gesteld" in groups and "Angststoornissen" in groups
    definitions = {row[0]: row[1] for row in wb["Definities"].iter_rows(min_row=2, values_only=True)}
    assert "Treeknorm: ten hoogste 4 weken" in definitions["Aanmeldwachttijd (weken)"]
    # fill in the first row only; the second stays empty (not reported, skipped)
    ws["F2"], ws["G2"], ws["H2"], ws["K2"], ws["L2"] = 5, "> 26", 31, date(2026, 10, 15), "gerealiseerd"
    filled = io.BytesIO()
    wb.save(filled)
    report = run_import(db, organization_name_or_id=org.slug, raw=filled.getvalue(), source="sjabloon.xlsx")
    assert report.status == "applied", report
    assert report.errors == []
    assert [w.message for w in report.warnings if w.line == 3] == [
        "Regel zonder cijfers: overgeslagen, er is niets gewijzigd."
    ]
    assert rows(
        db,
        "select w.month, w.registration_weeks, w.treatment_weeks, w.treatment_lower_bound, w.waiting_count, w.method "
        "from wait_time w order by w.month",
    ) == [
        (date(2026, 9, 1), D(4), D(8), False, None, "current"),
        (date(2026, 10, 1), D(5), D(26), True, 31, "realised"),
    ]


def test_offer_template_has_drop_downs(db, client):
    org = _provider(db)
    login(client, make_user(db, "editor@sjabloon.example", "provider", [org]))
    r = client.get(f"/portaal/sjabloon.xlsx?organisatie={org.id}")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    validated = {headers[openpyxl.utils.column_index_from_string(ref[0]) - 1] for ref in _validations(ws)}
    fields = ("domain", "kind", "referral", "cost", "method", "suitable_while_waiting")
    assert validated == {ALIASES[f][0] for f in fields}
