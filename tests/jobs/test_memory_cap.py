"""A job's import runs in a child process whose address space is capped: a file that needs too much memory
kills only that child, and the upload gets a clear Dutch message (issue 15, finding 2)."""

import subprocess
import sys
from contextlib import contextmanager
from types import SimpleNamespace

from tests import factories
from tests.conftest import ROOT
from waitinfo.imports.models import ImportUpload
from waitinfo.jobs import tasks


def test_child_memory_cap_stops_a_runaway_allocation():
    code = (
        "from waitinfo.jobs.child import cap_memory\n"
        "cap_memory(300)\n"
        "try:\n"
        "    block = bytearray(600 * 1024 * 1024)\n"
        "except MemoryError:\n"
        "    raise SystemExit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60)
    assert done.returncode == 3


def _upload(db):
    org = factories.organization(db, "Geheugenpraktijk (fictief)")
    item = ImportUpload(organization_id=org.id, actor="user:x@y.example", filename="bom.xlsx", content=b"PK")
    db.add(item)
    db.flush()
    return item


def _in_test_transaction(monkeypatch, db):
    @contextmanager
    def scope():
        yield db
        db.flush()

    monkeypatch.setattr("waitinfo.core.database.session_scope", scope)


def test_a_child_out_of_memory_marks_the_upload_failed_in_dutch(db, monkeypatch):
    item = _upload(db)
    _in_test_transaction(monkeypatch, db)
    monkeypatch.setattr(tasks.subprocess, "run", lambda *a, **kw: SimpleNamespace(returncode=3, stderr=""))
    tasks.run_upload(str(item.id))
    db.refresh(item)
    assert item.status == "failed" and item.content is None
    assert "te veel geheugen" in item.report["message"] and "niets gewijzigd" in item.report["message"]


def test_a_child_killed_by_the_kernel_or_a_timeout_is_a_failure_too(db, monkeypatch):
    item = _upload(db)
    _in_test_transaction(monkeypatch, db)

    def timeout(*a, **kw):
        raise subprocess.TimeoutExpired(cmd="child", timeout=1)

    monkeypatch.setattr(tasks.subprocess, "run", timeout)
    tasks.run_upload(str(item.id))
    db.refresh(item)
    assert item.status == "failed" and "te lang" in item.report["message"]


def test_the_periodic_cleanup_task_removes_old_uploads(db, monkeypatch):
    from datetime import timedelta

    from waitinfo.core.clock import now

    item = _upload(db)
    item.created_at = now() - timedelta(days=2)
    db.add(item)
    db.flush()
    _in_test_transaction(monkeypatch, db)
    assert tasks.clean_uploads(timestamp=0) >= 1
    db.expire_all()
    assert db.get(ImportUpload, item.id) is None


def test_a_feed_pull_runs_in_the_capped_child_too(monkeypatch):
    seen = []

    def run(cmd, **kw):
        seen.append((cmd, kw["timeout"]))
        return SimpleNamespace(returncode=3, stderr="MemoryError")

    monkeypatch.setattr(tasks.subprocess, "run", run)
    tasks.pull_feed("0b0e0f00-0000-4000-8000-000000000001", "user:coordinator@waitinfo.example")
    ((cmd, timeout),) = seen
    assert cmd[1:] == [
        "-m",
        "waitinfo.jobs.child",
        "feed",
        "0b0e0f00-0000-4000-8000-000000000001",
        "user:coordinator@waitinfo.example",
    ]
    assert timeout == tasks.JOB_TIMEOUT_SECONDS
