"""A real procrastinate worker (`waitinfo worker --once`, a subprocess) on a committed database runs the upload
job the portal deferred, in its memory-capped child process, and stores the report; old uploads are cleaned."""

import subprocess
import sys
import uuid
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from tests import factories
from tests.auth_tools import login, make_user
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


def _committing_client(session: Session) -> TestClient:
    """The app on a committed database: each request's work is committed, so the worker process sees it."""
    from waitinfo.web.app import create_app
    from waitinfo.web.deps import get_session

    app = create_app()

    def override():
        yield session
        session.commit()

    app.dependency_overrides[get_session] = override
    return TestClient(app, base_url="http://127.0.0.1")


def test_worker_runs_the_jobs_the_upload_route_deferred(server_url):
    with scratch_database(server_url, "wtjobs") as url:
        eng = create_engine(url)
        with Session(eng) as s:
            org = factories.organization(s, "Werkerpraktijk (fictief)")
            # A wait file creates no service: the figures go to the practice's own offer at that location.
            loc = factories.location(s, org, "GM0141", name="Worker Almelo", postal_code="7607 GH")
            factories.at_location(s, factories.service(s, org, "Behandeling", wait_kind="ggz_basic"), loc)
            user = make_user(s, "editor@werker.example", "provider", [org])
            s.commit()
            with _committing_client(s) as client:
                csrf = login(client, user)
                raw = CSV.format(d=today().strftime("%d-%m-%Y")).encode()
                r = client.post(
                    f"/portaal/upload?organisatie={org.id}",
                    data={"csrf_token": csrf, "kind": "wait-times"},
                    files={"file": ("w.csv", raw, "text/csv")},
                    follow_redirects=False,
                )
                assert r.status_code == 303, r.text
                status_url = r.headers["location"]
                assert "Pagina vernieuwen" in client.get(status_url).text  # queued: the page polls
                done = _worker(url)
                assert done.returncode == 0, done.stderr[-3000:]
                s.expire_all()
                page = client.get(status_url).text
                assert "Proefverwerking: w.csv" in page and "niets opgeslagen" in page
                assert "zes" in page  # the rejected row with its reason
                assert s.exec(select(ImportRun)).all() == []  # a dry run stores no run
                dry_id = status_url.split("/portaal/upload/")[1].split("?")[0]
                r = client.post(
                    f"/portaal/upload?organisatie={org.id}",
                    data={"csrf_token": csrf, "upload_id": dry_id},
                    follow_redirects=False,
                )
                apply_url = r.headers["location"]
                done = _worker(url)
                assert done.returncode == 0, done.stderr[-3000:]
                s.expire_all()
                assert "Verwerkt: w.csv" in client.get(apply_url).text
            item = s.get(ImportUpload, uuid.UUID(apply_url.split("/portaal/upload/")[1].split("?")[0]))
            assert item.status == "done" and item.report["status"] == "applied" and item.content is None
            run = s.exec(select(ImportRun)).one()
            assert (run.triggered_by, run.rows_applied, run.rows_rejected) == ("portal", 1, 1)
            left = s.execute(text("select count(*) from procrastinate_jobs where status = 'todo'")).scalar()
            assert left == 0
        eng.dispose()


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


def test_cleanup_and_webhooks_are_periodic_tasks():
    from waitinfo.jobs.app import get_app

    app = get_app()
    periodic = {t.task.name: t.cron for t in app.periodic_registry.periodic_tasks.values()}
    assert periodic == {"waitinfo:clean_uploads": "17 * * * *", "waitinfo:send_webhooks": "* * * * *"}
