"""Two schedulers in subprocesses: exactly one leads; kill -9 the leader and the other takes over."""

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ROOT
from tests.imports.helpers import scratch_database, subprocess_env
from waitinfo.scheduler.leader import LOCK_KEY

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scratch_url(server_url):
    with scratch_database(server_url, "wtsched") as url:
        yield url


def leader_pid(eng) -> int | None:
    with eng.connect() as conn:
        name = conn.execute(
            text(
                "select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                "where l.locktype = 'advisory' and l.granted and l.objid = :k"
            ),
            {"k": LOCK_KEY},
        ).scalar()
    return int(name.rsplit("-", 1)[1]) if name else None


def wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return None


def start(url: str, log_path) -> subprocess.Popen:
    with open(log_path, "wb") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "waitinfo", "scheduler", "--poll-seconds", "0.5"],
            cwd=ROOT,
            env=subprocess_env(url),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_one_leader_and_takeover_after_kill(scratch_url, tmp_path):
    eng = create_engine(scratch_url)
    procs = [start(scratch_url, tmp_path / "a.log"), start(scratch_url, tmp_path / "b.log")]
    try:
        first = wait_for(lambda: leader_pid(eng), 20)
        assert first in {p.pid for p in procs}, "no scheduler became the leader"
        follower = next(p for p in procs if p.pid != first)
        leader = next(p for p in procs if p.pid == first)
        # The leader installed its jobs in the PostgreSQL job store; the follower is only waiting.
        wanted = {"reminders", "send-mail", "region-snapshot", "sync-feeds", "hsds-documents"}
        assert wait_for(lambda: wanted <= set(_job_ids(eng)), 10), _job_ids(eng)
        time.sleep(1.5)
        assert leader_pid(eng) == first and follower.poll() is None
        killed_at = time.monotonic()
        os.kill(leader.pid, signal.SIGKILL)
        leader.wait(10)
        taken = wait_for(lambda: leader_pid(eng) == follower.pid, 25)
        assert taken, "the waiting scheduler did not take over"
        assert time.monotonic() - killed_at < 30
        log = (tmp_path / ("a.log" if follower is procs[0] else "b.log")).read_text()
        assert wait_for(
            lambda: "running as leader" in (tmp_path / ("a.log" if follower is procs[0] else "b.log")).read_text(), 10
        ), log
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
        eng.dispose()


def _job_ids(eng) -> list[str]:
    with eng.connect() as conn:
        exists = conn.execute(text("select to_regclass('apscheduler_job')")).scalar()
        if not exists:
            return []
        return [r[0] for r in conn.execute(text("select id from apscheduler_job"))]
