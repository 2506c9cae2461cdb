"""The change feed misses nothing: calendar-driven changes (an intake stop that starts or ends, hours that expire,
a group that starts) move last_modified on their day, so modified_after, _lastUpdated and Last-Modified see them.

The clock is fixed by the day handed to the job; the service's last edit is put on the day before."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from tests import factories as fx
from waitinfo.catalogue.details import GroupOffer
from waitinfo.catalogue.models import Schedule, Service
from waitinfo.core.clock import today
from waitinfo.hsds.calendar import touch_date_driven
from waitinfo.waits.models import IntakeStop

AMS = ZoneInfo("Europe/Amsterdam")


def _edited_on(db, service: Service, day) -> datetime:
    """Pretend the last real edit of `service` was at noon on `day` (Amsterdam)."""
    moment = datetime.combine(day, time(12), AMS)
    db.execute(text("update service set updated_at = :m where id = :id"), {"m": moment, "id": service.id})
    db.execute(
        text("update organization set updated_at = :m where id = :o"), {"m": moment, "o": service.organization_id}
    )
    db.execute(
        text("update location set updated_at = :m where organization_id = :o"),
        {"m": moment, "o": service.organization_id},
    )
    db.expire_all()
    return moment


def _modified_after(client, since: datetime) -> set[str]:
    body = client.get("/api/hsds/services", params={"modified_after": since.isoformat(), "per_page": 100}).json()
    return {d["id"] for d in body["contents"]}


def test_intake_stop_starting_today_moves_last_modified_once(client, db):
    org = fx.organization(db, "Praktijk Kalender (fictief)")
    svc = fx.service(db, org, "Behandeling met aanmeldstop", needs=())
    fx.at_location(db, svc, fx.location(db, org, "GM0153"))
    day = today()
    db.add(IntakeStop(service_id=svc.id, starts_on=day, reason="Wachtlijst vol"))
    db.flush()
    before = _edited_on(db, svc, day - timedelta(days=1))
    midnight = datetime.combine(day, time(0), AMS)

    # yesterday (fixed clock): the stop has not started; nothing moves
    assert touch_date_driven(db, day - timedelta(days=1)) == []
    assert db.get(Service, svc.id).updated_at == before
    assert str(svc.id) not in _modified_after(client, midnight)

    # today: the stop starts; last_modified moves past midnight, once
    assert touch_date_driven(db, day) == [svc.id]
    db.expire_all()
    moved = db.get(Service, svc.id).updated_at
    assert moved >= midnight
    assert touch_date_driven(db, day) == []  # idempotent: already changed today
    db.expire_all()
    assert db.get(Service, svc.id).updated_at == moved

    assert str(svc.id) in _modified_after(client, midnight)
    doc = client.get(f"/api/hsds/services/{svc.id}").json()
    assert doc["alert"].startswith("Aanmeldstop")
    assert datetime.fromisoformat(doc["last_modified"]) >= midnight
    fhir = client.get("/fhir/HealthcareService", params={"_lastUpdated": f"ge{midnight.astimezone(UTC).isoformat()}"})
    assert str(svc.id) in {e["resource"]["id"] for e in fhir.json().get("entry", [])}


def test_stop_ending_hours_expiring_and_group_starting_are_changes(db):
    org = fx.organization(db, "Welzijn Kalender (fictief)", kind="welfare")
    day = today()
    ended = fx.service(db, org, "Stop voorbij", domain="social", wait_kind="social")
    db.add(IntakeStop(service_id=ended.id, starts_on=day - timedelta(days=20), ends_on=day - timedelta(days=1)))
    hours = fx.service(db, org, "Zomertijden", domain="social", wait_kind="social")
    db.add(Schedule(service_id=hours.id, byday="MO", opens_at=time(9), closes_at=time(12), valid_to=day - timedelta(1)))
    group = fx.service(db, org, "Lotgenotengroep", domain="social", wait_kind="social", kind="group_offer")
    db.add(GroupOffer(service_id=group.id, domain_type="social_work_welfare", start_date=day))
    later = fx.service(db, org, "Groep volgende maand", domain="social", wait_kind="social", kind="group_offer")
    db.add(GroupOffer(service_id=later.id, domain_type="social_work_welfare", start_date=day + timedelta(days=30)))
    db.flush()
    for s in (ended, hours, group, later):
        _edited_on(db, s, day - timedelta(days=1))
    assert set(touch_date_driven(db, day)) == {ended.id, hours.id, group.id}
    # a missed run is caught up the next day; an old event does not touch again
    assert touch_date_driven(db, day + timedelta(days=1)) == []
