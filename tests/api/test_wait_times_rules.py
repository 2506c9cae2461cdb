"""/api/v1/wait-times answers by the shared rules: incomplete is its own verdict, pending offer is not public."""

from datetime import date

from tests import factories as f
from waitinfo.core.clock import frozen


def test_incomplete_figure_has_no_over_norm_and_pending_is_hidden(db, client):
    org = f.organization(db, "Eerlijke Praktijk (fictief)")
    svc = f.service(db, org, "Alleen aanmelding bekend", needs=("angst",), areas=("GM0141",), wait_kind="ggz_basic")
    f.wait(db, f.at_location(db, svc, f.location(db, org, "GM0141")), date(2026, 11, 1), 6, None)
    hidden = f.service(db, org, "Voorstel", needs=("angst",), areas=("GM0141",), status="pending")
    f.wait(db, f.at_location(db, hidden, f.location(db, org, "GM0141")), date(2026, 11, 1), 2, 2)
    db.flush()
    with frozen(date(2026, 12, 20)):
        rows = client.get("/api/v1/wait-times", params={"provider": str(org.id)}).json()["contents"]
    assert [r["service_name"] for r in rows] == ["Alleen aanmelding bekend"]
    row = rows[0]
    assert row["over_norm"] is None and row["verdict"] == "incomplete" and row["verdict_label"] == "onvolledig"
    assert row["freshness"] == "fresh" and row["due"] == "cijfer over november; december verwacht uiterlijk 10 januari"
