"""Shared pieces of the benchmarks: the national bench database, timing statistics, a uvicorn subprocess.

The benchmarks run against one database on the local server, `waitinfo_bench_national` (override with
WAITINFO_BENCH_URL). It is created and filled once with `waitinfo demo --scale national` (a few minutes) and
reused by later runs when it already holds the national catalogue. No other database is touched.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Benchmarks serve a local bench database: development mode, so the app accepts the default secret key (decision 1150).
os.environ.setdefault("WAITINFO_ENV", "development")
BENCH_DB = "waitinfo_bench_national"
DEFAULT_URL = f"postgresql://postgres@127.0.0.1:5432/{BENCH_DB}"
NATIONAL_SERVICES = 50_000


def bench_url() -> str:
    return os.environ.get("WAITINFO_BENCH_URL", DEFAULT_URL)


def conninfo(url: str | None = None) -> str:
    """A libpq connection string for psycopg from a SQLAlchemy-style URL."""
    url = url or bench_url()
    for prefix in ("postgresql+psycopg://", "postgresql+psycopg2://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql://" + url[len(prefix) :]
    return url


def bench_env(**extra: str) -> dict:
    """Environment for app processes: the bench database, no outside geocoder, quiet logs, no API rate limit."""
    env = dict(os.environ)
    env.update(
        WAITINFO_DATABASE_URL=bench_url(),
        WAITINFO_GEOCODER_ENABLED="false",
        WAITINFO_LOG_LEVEL="WARNING",
        WAITINFO_API_ANONYMOUS_PER_MINUTE="1000000",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def _admin_url() -> str:
    base, _, _ = conninfo().rpartition("/")
    return base + "/postgres"


def national_present() -> int:
    """Number of national services in the bench database (0 when it does not exist)."""
    import psycopg

    name = conninfo().rpartition("/")[2].split("?")[0]
    with psycopg.connect(_admin_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            return 0
    with psycopg.connect(conninfo()) as conn:
        if not conn.execute("select to_regclass('service')").fetchone()[0]:
            return 0
        return conn.execute(
            "select count(*) from service s join organization o on o.id = s.organization_id "
            "where o.slug like 'landelijk-%%'"
        ).fetchone()[0]


def ensure_national(say=print) -> float:
    """Create and fill the bench database unless it already holds the national catalogue; seconds spent."""
    import psycopg

    have = national_present()
    if have >= NATIONAL_SERVICES:
        say(f"bench database present ({have:,} national services), reused")
        return 0.0
    name = conninfo().rpartition("/")[2].split("?")[0]
    with psycopg.connect(_admin_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            admin.execute(f'create database "{name}"')
    say("filling the bench database with the national catalogue (once; a few minutes) ...")
    started = time.monotonic()
    subprocess.run(
        [str(ROOT / ".venv/bin/waitinfo"), "demo", "--scale", "national"], env=bench_env(), cwd=ROOT, check=True
    )
    with psycopg.connect(conninfo(), autocommit=True) as conn:
        conn.execute("vacuum analyze")
    return time.monotonic() - started


def pct(values: list[float], p: float) -> float:
    """Percentile by linear interpolation (p in 0..100)."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


@dataclass
class Stats:
    samples: list[float] = field(default_factory=list)  # milliseconds

    def add(self, ms: float) -> None:
        self.samples.append(ms)

    @property
    def p50(self) -> float:
        return pct(self.samples, 50)

    @property
    def p95(self) -> float:
        return pct(self.samples, 95)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples) if self.samples else float("nan")


def machine() -> dict:
    import psutil
    import psycopg

    with psycopg.connect(conninfo()) as conn:
        pg = conn.execute("show server_version").fetchone()[0]
        counts = conn.execute(
            "select (select count(*) from service), (select count(*) from service_at_location),"
            " (select count(*) from wait_time)"
        ).fetchone()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "postgres": pg,
        "load": os.getloadavg(),
        "rows": {"service": counts[0], "service_at_location": counts[1], "wait_time": counts[2]},
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(workers: int = 1, **env: str):
    """`waitinfo serve` as a subprocess on a free loopback port; yields (base_url, Popen)."""
    port = free_port()
    cmd = [
        str(ROOT / ".venv/bin/waitinfo"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        # The web process only: the upload/feed worker `serve` starts beside it by default is not part of what is
        # measured (its ~100 MB were counted in the export's RSS, which sums the server's child processes).
        "--no-worker",
    ]
    errlog = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=bench_env(**env), stdout=subprocess.DEVNULL, stderr=errlog)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc, errlog)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        errlog.close()


def _wait_ready(base: str, proc, errlog, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            errlog.seek(0)
            err = errlog.read().decode(errors="replace")
            raise RuntimeError(f"server exited early ({proc.returncode}): {err[-2000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("server did not become ready in time")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)
