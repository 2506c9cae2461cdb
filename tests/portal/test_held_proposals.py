"""Proposals for held wait rows in the portal: the proposed service is preselected with the ground, "Alle
voorstellen koppelen" links every proposed row of the provider's own organisation (or, for the coordinator, all
shown), each link is remembered, and the same file uploaded again links those rows by itself."""

from datetime import date

from tests.auth_tools import login, make_user
from tests.imports.helpers import D, rows
from tests.imports.practice_regge import REGGE_FILE, regge
from waitinfo.imports.service import run_import

OCT, NOV = date(2026, 10, 1), date(2026, 11, 1)
BASIC_WAITS = """select w.month, w.registration_weeks, w.treatment_weeks from wait_time w
    join service_at_location sal on sal.id = w.service_at_location_id where sal.service_id = :s order by 1"""


def _upload(db, org, raw: bytes | None = None):
    raw = raw or REGGE_FILE.read_bytes()
    report = run_import(db, organization_name_or_id=org.slug, raw=raw, source="regge.csv")
    assert report.status in ("applied", "unchanged"), report
    return report


def test_provider_links_all_proposals_and_the_next_file_links_itself(db, client):
    w = regge(db)
    _upload(db, w.org)
    csrf = login(client, make_user(db, "editor@regge.example", "provider", [w.org]))
    page = client.get(f"/portaal/koppelen?organisatie={w.org.id}")
    assert page.status_code == 200
    text = page.text
    assert f'<option value="{w.basic.id}" selected>Basis-ggz Oldenzaal (voorstel)</option>' in text
    assert text.count("(voorstel)</option>") == 2  # the two ZVT 2 rows; "Kort" has none
    assert "Voorgesteld op grond van zorgvraagtype 2: lichte niet-psychotische problematiek." in text
    assert "Alle voorstellen koppelen" in text and "Voor 2 regel(s) staat een voorstel klaar" in text
    done = client.post(
        f"/portaal/koppelen/alle-voorstellen?organisatie={w.org.id}",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/portaal/koppelen?organisatie={w.org.id}&melding=voorstellen&aantal=2&over=0"
    assert rows(db, BASIC_WAITS, s=w.basic.id) == [(OCT, D(3), D(5)), (NOV, D(4), D(6))]
    assert rows(db, "select line from held_wait_row") == [(7,)]  # "Kort": no proposal, still waiting
    assert rows(db, "select count(*) from audit_log where action = 'link' and actor = 'user:editor@regge.example'") == [
        (2,)
    ]
    after = client.get(done.headers["location"])
    assert "2 regel(s) gekoppeld volgens het voorstel" in after.text
    assert "Alle voorstellen koppelen" not in after.text  # nothing left to propose
    # the same file again (the identical bytes are skipped as read before; here ZVT 2 spelled "zvt2"): the ZVT 2
    # rows are linked by the confirmed link, not held again, and nothing changes
    again = _upload(db, w.org, REGGE_FILE.read_bytes().replace(b"ZVT 2", b"zvt2"))
    assert again.status == "unchanged" and again.message.startswith("Geen wijzigingen"), again.message
    assert rows(db, "select line from held_wait_row") == [(7,)]
    assert any(c.line == 4 and c.message.endswith("(eerder bevestigd).") for c in again.changes)
    assert rows(db, BASIC_WAITS, s=w.basic.id) == [(OCT, D(3), D(5)), (NOV, D(4), D(6))]


def test_another_organisations_rows_cannot_be_linked_from_the_portal(db, client):
    own, other = regge(db), regge(db, "GGZ Dinkel (fictief)")
    _upload(db, own.org)
    _upload(db, other.org)
    csrf = login(client, make_user(db, "editor@regge.example", "provider", [own.org]))
    refused = client.post(
        f"/portaal/koppelen/alle-voorstellen?organisatie={other.org.id}",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    other_rows = "select count(*) from held_wait_row where organization_id = :o"
    assert rows(db, other_rows, o=other.org.id) == [(3,)]
    # the provider's own button links its own rows only
    client.post(f"/portaal/koppelen/alle-voorstellen?organisatie={own.org.id}", data={"csrf_token": csrf})
    assert rows(db, other_rows, o=own.org.id) == [(1,)]
    assert rows(db, other_rows, o=other.org.id) == [(3,)]
    assert rows(db, BASIC_WAITS, s=other.basic.id) == []
    # nor through the coordinator's route
    assert client.post("/beheer/koppelen/alle-voorstellen", data={"csrf_token": csrf}).status_code == 403
    assert rows(db, other_rows, o=other.org.id) == [(3,)]


def test_coordinator_links_the_proposals_of_every_provider(db, client):
    first, second = regge(db), regge(db, "GGZ Dinkel (fictief)")
    _upload(db, first.org)
    _upload(db, second.org)
    csrf = login(client, make_user(db, "coord@waitinfo.example", "coordinator"))
    page = client.get("/beheer/koppelen")
    assert page.text.count("(voorstel)</option>") == 4
    done = client.post("/beheer/koppelen/alle-voorstellen", data={"csrf_token": csrf}, follow_redirects=False)
    assert done.headers["location"] == "/beheer/koppelen?melding=voorstellen&aantal=4&over=0"
    assert rows(db, "select count(*) from held_wait_row") == [(2,)]
    assert rows(db, BASIC_WAITS, s=second.basic.id) == [(OCT, D(3), D(5)), (NOV, D(4), D(6))]
    assert rows(db, "select count(*) from column_mapping where kind = 'service-link'") == [(2,)]
