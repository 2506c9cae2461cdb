"""Freshness reminders (30, 60, escalation at 90 days), mail sending, feed job sync and the snapshot job."""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlmodel import select

from tests import factories
from waitinfo.accounts.models import OutboxMessage, User, UserOrganization
from waitinfo.imports import feeds
from waitinfo.scheduler import jobs
from waitinfo.scheduler.reminders import send_reminders

TODAY = date(2026, 11, 20)


def provider_with(db, name, assured: date, email=None, editor=None):
    org = factories.organization(db, name, email=email)
    factories.service(db, org, assured_date=assured)
    if editor:
        user = User(email=editor, role="provider")
        db.add(user)
        db.flush()
        db.add(UserOrganization(user_id=user.id, organization_id=org.id))
        db.flush()
    return org


def outbox(db) -> list[tuple]:
    return sorted((m.kind, m.to_address) for m in db.exec(select(OutboxMessage)).all())


@pytest.fixture(autouse=True)
def coordinator(db):
    db.add(User(email="coordinator@twente.example", role="coordinator"))
    db.flush()


def test_reminders_at_30_60_and_escalation_at_90_days_once(db):
    provider_with(db, "Vers (fictief)", TODAY - timedelta(days=10), email="vers@praktijk.example")
    provider_with(db, "Maand (fictief)", TODAY - timedelta(days=35), editor="editor@maand.example")
    provider_with(db, "Twee maanden (fictief)", TODAY - timedelta(days=61), email="twee@praktijk.example")
    provider_with(db, "Kwartaal (fictief)", TODAY - timedelta(days=95), email="kwartaal@praktijk.example")
    queued = send_reminders(db, TODAY)
    assert sorted(queued) == [
        ("kwartaal-fictief", "escalation_90", "coordinator@twente.example"),
        ("kwartaal-fictief", "escalation_90", "kwartaal@praktijk.example"),
        ("maand-fictief", "reminder_30", "editor@maand.example"),  # the provider's editors before its address
        ("twee-maanden-fictief", "reminder_60", "twee@praktijk.example"),
    ]
    message = db.exec(select(OutboxMessage).where(OutboxMessage.to_address == "editor@maand.example")).one()
    assert message.subject == "Herinnering: werk de wachttijden en het aanbod van Maand (fictief) bij"
    assert "voor het laatst bevestigd op 16-10-2026 (35 dagen geleden, verouderd)" in message.body
    # The next day nothing new: each level goes out once per stale period.
    assert send_reminders(db, TODAY + timedelta(days=1)) == []
    assert len(outbox(db)) == 4


def test_old_waits_trigger_a_reminder_even_with_a_fresh_offer(db):
    org = provider_with(db, "Oude cijfers (fictief)", TODAY - timedelta(days=2), email="oud@praktijk.example")
    svc = db.exec(select(factories.Service).where(factories.Service.organization_id == org.id)).one()
    loc = factories.location(db, org)
    factories.wait(db, factories.at_location(db, svc, loc), date(2026, 9, 1), 3, 4, reference_date=date(2026, 9, 1))
    assert send_reminders(db, TODAY) == [("oude-cijfers-fictief", "reminder_60", "oud@praktijk.example")]


@pytest.fixture
def in_test_transaction(db, monkeypatch):
    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr(jobs, "session_scope", scope)
    return db


def test_jobs_reminders_mail_and_snapshot(in_test_transaction, monkeypatch):
    db = in_test_transaction
    monkeypatch.setattr(jobs, "today", lambda: TODAY)
    provider_with(db, "Maand (fictief)", TODAY - timedelta(days=35), email="maand@praktijk.example")
    assert jobs.send_reminders() == 1
    assert jobs.send_mail() == 0  # no SMTP host configured: kept in the outbox, unsent
    assert db.exec(select(OutboxMessage.sent_at)).all() == [None]
    assert jobs.region_snapshot("2026-10-01") is True
    from waitinfo.region.models import RegionSnapshot

    assert [s.month for s in db.exec(select(RegionSnapshot)).all()] == [date(2026, 10, 1)]


class FakeScheduler:
    def __init__(self):
        self.jobs = {}

    def get_jobs(self):
        return list(self.jobs.values())

    def get_job(self, job_id):
        return self.jobs.get(job_id)

    def add_job(self, func, trigger, args=None, id=None, replace_existing=False, **kw):  # noqa: A002
        job = type("Job", (), {"id": id, "trigger": trigger, "args": args, "kw": kw})()
        job.remove = lambda: self.jobs.pop(id)
        self.jobs[id] = job
        return job


def test_feed_jobs_follow_feed_settings_and_failed_pull_is_retried(in_test_transaction, monkeypatch):
    db = in_test_transaction
    org = factories.organization(db, "Feed (fictief)", slug="feed")
    feeds.configure(db, "feed", adapter="hsds", url="http://127.0.0.1:9/services", schedule="0 4 3 * *")
    fake = FakeScheduler()
    jobs.set_scheduler(fake)
    try:
        assert jobs.sync_feed_jobs() == 1
        job = fake.get_job(f"feed:{org.id}")
        assert "hour='4'" in str(job.trigger) and "day='3'" in str(job.trigger)
        from waitinfo.providers import http

        monkeypatch.setattr(http, "BACKOFF_SECONDS", 0)
        monkeypatch.setattr(http, "timeout", lambda: 0.2)
        assert jobs.pull_feed(str(org.id)) == "failed"  # nothing listens on port 9
        assert f"retry:{org.id}" in fake.jobs
        feeds.configure(db, "feed", enabled=False)
        assert jobs.sync_feed_jobs() == 0
        assert f"feed:{org.id}" not in fake.jobs
    finally:
        jobs.set_scheduler(None)
