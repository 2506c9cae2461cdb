"""The monthly update: prefilled, validated next to the field, confirm-unchanged in one click, audited."""

from datetime import timedelta
from decimal import Decimal

from sqlmodel import select

from tests.auth_tools import login
from tests.portal.helpers import build
from waitinfo.accounts.models import AuditLog
from waitinfo.core.clock import month_start, today
from waitinfo.waits.models import WaitTime


def _this_month(db, sal):
    return db.exec(
        select(WaitTime).where(WaitTime.service_at_location_id == sal.id, WaitTime.month == month_start(today()))
    ).first()


def test_dashboard_shows_due_and_freshness(db, client):
    w = build(db)
    login(client, w.users["provider"])
    r = client.get("/portaal")
    assert r.status_code == 200
    assert w.own.name in r.text and w.other.name not in r.text
    assert "Wachttijden van deze maand invullen of bevestigen (1 van 1 nog open)" in r.text
    assert 'class="status green"' in r.text or 'class="status amber"' in r.text


def test_month_form_prefilled_with_last_month(db, client):
    w = build(db)
    login(client, w.users["provider"])
    r = client.get("/portaal/maand")
    key = f"{w.own_sal.id}_alle"
    assert f'name="registration_{key}" value="3"' in r.text
    assert f'name="waiting_{key}" value="12"' in r.text
    assert "Niets veranderd, bevestigen" in r.text


def test_month_save_with_method_reference_date_and_audit(db, client):
    w = build(db)
    w.own.default_wait_method = "current"
    db.flush()
    csrf = login(client, w.users["provider"])
    key = f"{w.own_sal.id}_alle"
    ref = (today() - timedelta(days=1)).isoformat()
    r = client.post(
        "/portaal/maand",
        data={
            "csrf_token": csrf,
            "method": "",
            "reference_date": ref,
            f"registration_{key}": "5,5",
            f"treatment_{key}": "8",
            f"waiting_{key}": "20",
            f"within_{key}": "30",
            f"outside_{key}": "4",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    obs = _this_month(db, w.own_sal)
    assert obs.registration_weeks == Decimal("5.5") and obs.treatment_weeks == Decimal("8")
    assert obs.waiting_count == 20 and obs.method == "current" and obs.reference_date.isoformat() == ref
    assert (obs.intake_within_norm, obs.intake_outside_norm) == (30, 4)
    assert w.own_service.assured_date == today()
    entry = db.exec(select(AuditLog).where(AuditLog.entity_type == "wait_time")).one()
    assert entry.actor == "user:editor@kanaalzijde.example" and entry.organization_id == w.own.id
    assert entry.new["registration_weeks"] == "5.5"
    # Saving again the same month corrects the observation (audited old -> new), it does not add a second one.
    client.post(
        "/portaal/maand",
        data={
            "csrf_token": csrf,
            "method": "realised",
            "reference_date": ref,
            f"registration_{key}": "6",
            f"treatment_{key}": "8",
            f"waiting_{key}": "20",
            f"within_{key}": "30",
            f"outside_{key}": "4",
        },
    )
    db.refresh(obs)
    assert obs.registration_weeks == Decimal("6") and obs.method == "realised"
    update = db.exec(select(AuditLog).where(AuditLog.entity_type == "wait_time", AuditLog.action == "update")).one()
    assert update.old == {"registration_weeks": "5.5", "method": "current"}


def test_month_validation_keeps_typed_values(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    key = f"{w.own_sal.id}_alle"
    r = client.post(
        "/portaal/maand",
        data={
            "csrf_token": csrf,
            "method": "realised",
            "reference_date": today().isoformat(),
            f"registration_{key}": "zes",
            f"treatment_{key}": "-2",
            f"waiting_{key}": "12a",
        },
    )
    assert r.status_code == 422
    assert 'value="zes"' in r.text and 'value="-2"' in r.text and 'value="12a"' in r.text
    assert "is geen aantal weken" in r.text or "geen geldig" in r.text
    assert f'aria-describedby="registration_{key}-error"' in r.text
    assert "er is nog niets opgeslagen" in r.text
    assert _this_month(db, w.own_sal) is None


def test_future_reference_date_rejected(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    key = f"{w.own_sal.id}_alle"
    r = client.post(
        "/portaal/maand",
        data={
            "csrf_token": csrf,
            "reference_date": (today() + timedelta(days=3)).isoformat(),
            f"registration_{key}": "4",
        },
    )
    assert r.status_code == 422 and "toekomst" in r.text


def test_empty_row_is_not_stored_as_zero(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    key = f"{w.own_sal.id}_alle"
    r = client.post(
        "/portaal/maand",
        data={
            "csrf_token": csrf,
            "reference_date": today().isoformat(),
            f"registration_{key}": "",
            f"treatment_{key}": "",
            f"waiting_{key}": "",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert _this_month(db, w.own_sal) is None


def test_confirm_unchanged_copies_last_month(db, client):
    w = build(db)
    csrf = login(client, w.users["provider"])
    r = client.post("/portaal/maand/bevestigen", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    obs = _this_month(db, w.own_sal)
    assert obs.registration_weeks == Decimal("3") and obs.waiting_count == 12
    assert obs.reference_date == today()
    assert w.own_service.assured_date == today()
    assert _this_month(db, w.other_sal) is None  # the other provider is untouched
    actions = set(db.exec(select(AuditLog.action).where(AuditLog.organization_id == w.own.id)).all())
    assert actions == {"confirm"}
    page = client.get(r.headers["location"])
    assert "Bevestigd: 1 wachttijd(en)" in page.text
    dash = client.get("/portaal")
    assert "Wachttijden van deze maand invullen" not in dash.text
    assert "Aanbod controleren" not in dash.text


def test_month_post_without_csrf_is_rejected(db, client):
    w = build(db)
    login(client, w.users["provider"])
    r = client.post("/portaal/maand/bevestigen", data={}, follow_redirects=False)
    assert r.status_code == 403
    assert _this_month(db, w.own_sal) is None


def test_freshness_lights():
    from waitinfo.portal.dashboard import light

    day = today()
    assert light(day - timedelta(days=3), day).colour == "green"
    assert light(day - timedelta(days=45), day).colour == "amber"
    assert light(day - timedelta(days=120), day).colour == "red"
    never = light(None, day)
    assert never.colour == "red" and never.label == "geen gegevens"


def test_dashboard_marks_never_reported_red(db, client):
    from tests import factories

    w = build(db)
    svc = factories.service(db, w.own, "Nieuwe groep", wait_kind="ggz_basic")
    factories.at_location(db, svc, w.own_location)
    login(client, w.users["provider"])
    r = client.get("/portaal")
    assert "nooit gemeld" in r.text and 'class="status red">geen gegevens' in r.text
    assert "(1 van 2 nog open)" not in r.text and "(2 van 2 nog open)" in r.text
