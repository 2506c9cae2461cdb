"""Every wait figure on the transfer-table dashboard expands to its exact definition (issue 10)."""

from tests.auth_tools import login, make_user
from tests.region.builders import build_transfer
from waitinfo.waits.treeknorm import DEFINITIONS


def test_each_figure_has_its_definition(client, db, fixed_now):
    build_transfer(db)
    login(client, make_user(db, "tafel@twente.example", "transfer"))
    html = client.get("/regio/transfertafel").text
    figures = html.count('<span class="fig">')
    assert figures > 0
    assert html.count('<details class="definition no-print"><summary>uitleg') == figures
    assert DEFINITIONS["registration"] in html and DEFINITIONS["treatment"] in html
