"""A real procrastinate worker (`waitinfo worker --once`, a subprocess) on a committed database runs the upload
job the portal deferred, in its memory-capped child process, and stores the report; old uploads are cleaned."""

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from tests import factories
from tests.auth_tools import make_user
from tests.conftest import ROOT
from tests.imports.helpers import scratch_database, subprocess_env
from waitinfo.core.clock import now, today
from waitinfo.imports.models import ImportRun, ImportUpload
from waitinfo.portal import upload

CSV = (
    "Vestiging;Postcode;Plaats;Aanmeldwachttijd (weken);Behandelwachttijd (weken);Peildatum\n"
    "Worker Almelo;7607 GH;Almelo;4;8;{d}\n"
    "Worker Almelo 2;7607 GH;Almelo;zes;8;{d}\n"
)


def _worker(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "waitinfo", "worker", "--once"],
        cwd=ROOT,
        env=subprocess_env(url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_worker_runs_the_deferred_upload_jobs(server_url):
    with scratch_database(server_url, "wtjobs") as url:
        eng = create_engine(url)
        with Session(eng) as s:
            org = factories.organization(s, "Werkerpraktijk (fictief)")
            user = make_user(s, "editor@werker.example", "provider", [org])
            raw = CSV.format(d=today().strftime("%d-%m-%Y")).encode()
            dry = upload.queue_file(s, org, user, raw, filename="w.csv", kind="wait-times")
            s.commit()
            dry_id, org_id = dry.id, org.id
        done = _worker(url)
        assert done.returncode == 0, done.stderr[-3000:]
        with Session(eng) as s:
            item = s.get(ImportUpload, dry_id)
            assert item.status == "done", item.report
            assert (item.report["status"], item.report["rows_applied"], item.report["rows_rejected"]) == (
                "dry_run",
                1,
                1,
            )
            assert s.exec(select(ImportRun)).all() == []  # a dry run stores no run
            apply = upload.queue_apply(s, _org(s, org_id), _user(s), str(dry_id))
            s.commit()
            apply_id = apply.id
        done = _worker(url)
        assert done.returncode == 0, done.stderr[-3000:]
        with Session(eng) as s:
            item = s.get(ImportUpload, apply_id)
            assert item.status == "done" and item.report["status"] == "applied" and item.content is None
            run = s.exec(select(ImportRun)).one()
            assert (run.triggered_by, run.rows_applied, run.rows_rejected) == ("portal", 1, 1)
            left = s.execute(text("select count(*) from procrastinate_jobs where status = 'todo'")).scalar()
            assert left == 0
        eng.dispose()


def _org(s, org_id):
    from waitinfo.catalogue.models import Organization

    return s.get(Organization, org_id)


def _user(s):
    from waitinfo.accounts.models import User

    return s.exec(select(User).where(User.email == "editor@werker.example")).one()


def test_old_uploads_are_cleaned_up(db):
    org = factories.organization(db, "Opruimpraktijk (fictief)")
    old = ImportUpload(organization_id=org.id, actor="user:x@y.example", filename="oud.csv", content=b"a")
    old.created_at = now() - timedelta(days=2)
    fresh = ImportUpload(organization_id=org.id, actor="user:x@y.example", filename="nieuw.csv", content=b"b")
    db.add_all([old, fresh])
    db.flush()
    assert upload.clean_old(db) >= 1
    db.expire_all()
    assert db.get(ImportUpload, old.id) is None and db.get(ImportUpload, fresh.id) is not None


def test_cleanup_is_a_periodic_task():
    from waitinfo.jobs.app import get_app

    app = get_app()
    periodic = {t.task.name: t.cron for t in app.periodic_registry.periodic_tasks.values()}
    assert periodic == {"waitinfo:clean_uploads": "17 * * * *"}
