"""Upload with a dry run and row-level report, then apply; the Excel template round trip changes nothing."""

import io
import re
from datetime import timedelta
from decimal import Decimal

from openpyxl import load_workbook
from sqlmodel import select

from tests import factories
from tests.auth_tools import login
from tests.jobs_tools import queued, run_jobs
from tests.portal.helpers import build
from waitinfo.accounts.models import AuditLog
from waitinfo.catalogue.models import Location, Service, ServiceArea, ServiceAtLocation, ServiceNeed
from waitinfo.core.clock import month_start, today
from waitinfo.imports.models import ImportRun
from waitinfo.waits.models import WaitTime

CSV = (
    "Vestiging;Adres;Postcode;Plaats;Aanmeldwachttijd (weken);Behandelwachttijd (weken);Aantal wachtenden;"
    "Peildatum;Meetmethode\n"
    "Kanaalzijde GGZ (fictief) Enschede;Marktstraat 1;7511 JD;Enschede;4;8;10;{d};actueel\n"
    "Kanaalzijde GGZ (fictief) Enschede;Marktstraat 1;7511 JD;Enschede;zes;8;10;{d};actueel\n"
)


def _upload_id(response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/portaal/upload/")[1].split("?")[0]


def test_upload_dry_run_then_apply(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    raw = CSV.format(d=today().strftime("%d-%m-%Y")).encode()
    r = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "kind": "wait-times"},
        files={"file": ("wachttijden.csv", raw, "text/csv")},
        follow_redirects=False,
    )
    dry_id = _upload_id(r)
    page = client.get(f"/portaal/upload/{dry_id}?organisatie={w.own.id}")
    assert "klaar om verwerkt te worden" in page.text and "Pagina vernieuwen" in page.text
    assert 'hx-trigger="every 1s"' in page.text  # HTMX polls; without JavaScript the refresh link
    fragment = client.get(f"/portaal/upload/{dry_id}?organisatie={w.own.id}", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith("<section") and "<html" not in fragment.text
    assert queued(db) and run_jobs(db) == 1  # what the worker does
    page = client.get(f"/portaal/upload/{dry_id}?organisatie={w.own.id}")
    assert "Proefverwerking: wachttijden.csv" in page.text and "niets opgeslagen" in page.text
    assert "zes" in page.text and "geen aantal weken" in page.text  # the rejected row, with its reason
    assert "hx-trigger" not in page.text.split('id="report"')[1].split(">")[0]  # polling stops
    fragment = client.get(f"/portaal/upload/{dry_id}?organisatie={w.own.id}", headers={"HX-Request": "true"})
    assert "goede regel(s) verwerken" in fragment.text and "<html" not in fragment.text
    assert db.exec(select(ImportRun).where(ImportRun.organization_id == w.own.id)).all() == []
    applied = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "upload_id": dry_id},
        follow_redirects=False,
    )
    apply_id = _upload_id(applied)
    assert run_jobs(db) == 1
    done = client.get(f"/portaal/upload/{apply_id}?organisatie={w.own.id}")
    assert "Verwerkt: wachttijden.csv" in done.text and "Klaar." in done.text
    run = db.exec(select(ImportRun).where(ImportRun.organization_id == w.own.id)).one()
    assert run.triggered_by == "portal" and run.rows_applied == 1 and run.rows_rejected == 1
    dash = client.get("/portaal")
    assert "wachttijden.csv" in dash.text and "1 verwerkt, 1 afgewezen" in dash.text
    # The dry run cannot be applied twice, nor seen or applied by another organisation.
    again = client.post(f"/portaal/upload?organisatie={w.own.id}", data={"csrf_token": csrf, "upload_id": dry_id})
    assert again.status_code == 422 and "niet (meer) beschikbaar" in again.text
    other = login(client, w.users["other_provider"])
    assert client.get(f"/portaal/upload/{dry_id}?organisatie={w.other.id}").status_code == 404
    assert (
        client.post(
            f"/portaal/upload?organisatie={w.other.id}", data={"csrf_token": other, "upload_id": dry_id}
        ).status_code
        == 422
    )


def test_upload_without_file_says_what_to_do(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    r = client.post("/portaal/upload", data={"csrf_token": csrf})
    assert r.status_code == 422 and "Kies een bestand" in r.text


def _state(db, org):
    """Everything the offer template covers, without timestamps."""
    services = db.exec(select(Service).where(Service.organization_id == org.id).order_by(Service.name)).all()
    out = []
    for s in services:
        d = s.model_dump(exclude={"updated_at", "created_at"})
        d["needs"] = sorted(
            str(x) for x in db.exec(select(ServiceNeed.taxonomy_term_id).where(ServiceNeed.service_id == s.id))
        )
        d["areas"] = sorted(db.exec(select(ServiceArea.municipality_code).where(ServiceArea.service_id == s.id)))
        sals = db.exec(select(ServiceAtLocation).where(ServiceAtLocation.service_id == s.id)).all()
        d["sals"] = sorted(str(x.location_id) for x in sals)
        d["waits"] = sorted(
            (str(x.month), str(x.registration_weeks), str(x.treatment_weeks), x.method, str(x.reference_date))
            for x in db.exec(
                select(WaitTime).where(WaitTime.service_at_location_id.in_([x.id for x in sals] or [None]))
            )
        )
        out.append(d)
    locs = [
        loc.model_dump(exclude={"updated_at", "created_at"})
        for loc in db.exec(select(Location).where(Location.organization_id == org.id).order_by(Location.name))
    ]
    return out, locs


def test_template_round_trip_changes_nothing(db, client):
    w = build(db)
    assured = today() - timedelta(days=2)
    svc = w.own_service
    svc.assured_date, svc.cost, svc.cost_description = assured, "free", "gratis"
    svc.minimum_age, svc.maximum_age, svc.referral_required = 18, 65, True
    svc.how_to_register, svc.description = "Bel het secretariaat", "Kortdurende behandeling"
    w.own_location.name, w.own_location.address_1, w.own_location.postal_code = (
        "Kanaalzijde Almelo",
        "Marktstraat 1",
        "7607 GH",
    )
    w.own_location.city, w.own_location.municipality_code = "Almelo", "GM0141"
    db.add(ServiceNeed(service_id=svc.id, taxonomy_term_id=factories.need_id("somberheid")))
    db.add(ServiceArea(service_id=svc.id, municipality_code="GM0141"))
    existing = db.exec(
        select(WaitTime).where(
            WaitTime.service_at_location_id == w.own_sal.id, WaitTime.month == assured.replace(day=1)
        )
    ).first()
    if existing:  # early in the month, "last month" of the helper may be the assured month
        db.delete(existing)
        db.flush()
    factories.wait(
        db, w.own_sal, assured.replace(day=1), registration=2.5, treatment=6, method="current", reference_date=assured
    )
    online = factories.service(
        db,
        w.own,
        "E-health module",
        needs=(),
        kind="ehealth",
        assured_date=assured,
        online_possible=True,
        cost="free",
        cost_description="gratis",
    )
    virtual = factories.location(
        db, w.own, "GM0141", name="Online", location_type="virtual", latitude=None, longitude=None
    )
    factories.at_location(db, online, virtual)
    db.flush()
    csrf = login(client, w.users["provider"])
    r = client.get("/portaal/sjabloon.xlsx")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Naam aanbod" and len(rows) == 3
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[svc.name][8] == "Kanaalzijde Almelo, Marktstraat 1, 7607 GH Almelo"
    assert by_name[svc.name][4] == "18 - 65" and by_name["E-health module"][8] == "Online"
    before = _state(db, w.own)
    audits_before = db.exec(select(AuditLog)).all()
    dry_id = _upload_id(
        client.post(
            "/portaal/upload",
            data={"csrf_token": csrf, "kind": "offer"},
            files={"file": ("aanbod.xlsx", r.content, "application/octet-stream")},
            follow_redirects=False,
        )
    )
    assert run_jobs(db) == 1
    dry = client.get(f"/portaal/upload/{dry_id}")
    assert dry.status_code == 200 and "Proefverwerking" in dry.text
    assert ">0</dd>" in dry.text.split("Afgewezen")[1][:80]  # no rejected rows
    done_id = _upload_id(
        client.post("/portaal/upload", data={"csrf_token": csrf, "upload_id": dry_id}, follow_redirects=False)
    )
    assert run_jobs(db) == 1
    done = client.get(f"/portaal/upload/{done_id}")
    assert done.status_code == 200 and "Verwerkt" in done.text
    db.expire_all()
    after = _state(db, w.own)
    for b, a in zip(before[0], after[0], strict=True):
        assert {k: (v, a[k]) for k, v in b.items() if a[k] != v} == {}
    assert after == before
    changes = [a for a in db.exec(select(AuditLog)).all() if a not in audits_before and a.action == "update"]
    assert changes == []
    assert Decimal("2.5") in [x.registration_weeks for x in db.exec(select(WaitTime))]


def test_wait_file_mappings_confirmation_and_jumps_through_the_upload(db, client):
    w = build(db)  # last month: 3 weeks registration wait at the provider's location
    csrf = login(client, w.users["provider"])
    this_month = month_start(today())
    raw = (
        f"Vestiging;Aanmeldtermijn;Peildatum\nKanaalzijde GGZ (fictief) Enschede;12;{today().strftime('%d-%m-%Y')}\n"
    ).encode()

    def dry(**form):
        r = client.post(
            f"/portaal/upload?organisatie={w.own.id}",
            data={"csrf_token": csrf, "kind": "wait-times", **form},
            files={"file": ("w.csv", raw, "text/csv")},
            follow_redirects=False,
        )
        upload_id = _upload_id(r)
        assert run_jobs(db) == 1
        return upload_id, client.get(f"/portaal/upload/{upload_id}?organisatie={w.own.id}").text

    _, plain = dry()
    assert "Kolom &#39;Aanmeldtermijn&#39; is niet herkend" in plain
    _, mapped = dry(koppelingen="Aanmeldtermijn=registration_weeks")
    assert "geen kolom met de behandelwachttijd" in mapped
    dry_id, confirmed = dry(koppelingen="Aanmeldtermijn=registration_weeks", no_treatment_wait="on")
    assert "Grote sprong: aanmeldwachttijd" in confirmed and 'name="sprongen_bevestigd" required' in confirmed
    applied = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "upload_id": dry_id, "sprongen_bevestigd": "on"},
        follow_redirects=False,
    )
    apply_id = _upload_id(applied)
    assert run_jobs(db) == 1
    assert "Verwerkt: w.csv" in client.get(f"/portaal/upload/{apply_id}?organisatie={w.own.id}").text
    stored = db.exec(select(WaitTime).where(WaitTime.month == this_month)).one()
    assert (stored.registration_weeks, stored.treatment_weeks) == (Decimal("12.0"), None)
    # remembered: the next file needs neither the mapping nor the confirmation
    _, later = dry()
    assert "is niet herkend" not in later and "geen kolom met de behandelwachttijd" not in later


def test_unrecognised_columns_are_picked_from_a_list_and_the_dry_run_runs_again(db, client):
    """A file whose wait columns carry the provider's own names: the dry run lists them with a proposed meaning in
    a pick list; the provider confirms or corrects them once, the dry run runs again, and the choice is kept."""
    w = build(db)
    csrf = login(client, w.users["provider"])
    raw = (
        "Vestiging;Aanmeld wachttyd;Wachtduur start traject;Opmerking;Peildatum\n"
        f"Kanaalzijde GGZ (fictief) Enschede;3;7;drukke maand;{today().strftime('%d-%m-%Y')}\n"
    ).encode()
    r = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "kind": "wait-times"},
        files={"file": ("eigen.csv", raw, "text/csv")},
        follow_redirects=False,
    )
    first = _upload_id(r)
    assert run_jobs(db) == 1
    page = client.get(f"/portaal/upload/{first}?organisatie={w.own.id}").text
    assert "Kolommen die we niet herkennen" in page
    form = page.split('class="card mapping-form"')[1].split("</form>")[0]
    headers = re.findall(r'name="kolom" value="([^"]+)"', form)
    assert headers == ["Aanmeld wachttyd", "Wachtduur start traject", "Opmerking"]
    assert re.search(r'<option value="registration_weeks" selected>[^<]*\(voorstel\)', form)  # proposed
    assert 'value="-" selected>niet gebruiken' in form  # "Opmerking": no guess, not used unless chosen
    # The provider corrects the second column (no guess there) and leaves the remark out.
    again = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={
            "csrf_token": csrf,
            "upload_id": first,
            "opnieuw": "1",
            "kolom": headers,
            "veld": ["registration_weeks", "treatment_weeks", "-"],
        },
        follow_redirects=False,
    )
    second = _upload_id(again)
    assert second != first and run_jobs(db) == 1
    page = client.get(f"/portaal/upload/{second}?organisatie={w.own.id}").text
    assert "Kolommen die we niet herkennen" not in page and "goede regel(s) verwerken" in page
    applied = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "upload_id": second, "sprongen_bevestigd": "on"},
        follow_redirects=False,
    )
    _upload_id(applied)
    assert run_jobs(db) == 1
    stored = db.exec(select(WaitTime).where(WaitTime.month == month_start(today()))).one()
    assert (stored.registration_weeks, stored.treatment_weeks) == (Decimal("3.0"), Decimal("7.0"))
    # Remembered: the next file with the same columns is read without asking.
    r = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "kind": "wait-times"},
        files={"file": ("eigen2.csv", raw, "text/csv")},
        follow_redirects=False,
    )
    later = _upload_id(r)
    assert run_jobs(db) == 1
    assert "Kolommen die we niet herkennen" not in client.get(f"/portaal/upload/{later}?organisatie={w.own.id}").text
    # The first dry run's file moved on to the second: it cannot be mapped twice.
    gone = client.post(
        f"/portaal/upload?organisatie={w.own.id}",
        data={"csrf_token": csrf, "upload_id": first, "opnieuw": "1", "kolom": headers, "veld": ["-", "-", "-"]},
    )
    assert gone.status_code == 422
