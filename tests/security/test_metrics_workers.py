"""`waitinfo serve --workers 2`: /metrics adds up every worker (shared multiprocess directory), whichever
worker answers the scrape, and the directory is removed when the server stops."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-for-two-workers-0123456789"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthz_count(text: str) -> float:
    pattern = r'waitinfo_http_request_duration_seconds_count\{[^}]*route="/healthz"[^}]*\} ([0-9.e+]+)'
    return sum(float(v) for v in re.findall(pattern, text))


def test_two_workers_report_one_sum(migrated_url, tmp_path):
    port = _port()
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    env |= {
        "WAITINFO_DATABASE_URL": migrated_url,
        "TMPDIR": str(tmp_path),
        "WAITINFO_LOG_LEVEL": "WARNING",
        "WAITINFO_ENV": "development",  # the default secret key is fine for this local server
        "WAITINFO_METRICS_TOKEN": TOKEN,
    }
    errlog = tmp_path / "serve.log"
    with errlog.open("wb") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "waitinfo.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, errlog.read_text(errors="replace")[-2000:]
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        for _ in range(40):  # a new connection each time: the kernel spreads them over both workers
            assert httpx.get(base + "/healthz", timeout=5).status_code == 200
        (shared,) = [p for p in tmp_path.glob("waitinfo-metrics-*") if p.is_dir()]
        writers = {re.sub(r"\D", "", p.stem) for p in shared.glob("histogram_*.db")}
        assert len(writers) == 2, "both workers should have answered and written their figures"
        assert httpx.get(base + "/metrics", timeout=5).status_code == 401  # the scraper's token is needed
        scraper = {"Authorization": f"Bearer {TOKEN}"}
        counts = {_healthz_count(httpx.get(base + "/metrics", headers=scraper, timeout=5).text) for _ in range(6)}
        assert counts == {41.0}, counts  # the 41 health checks (incl. the readiness probe), from either worker
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert not [p for p in tmp_path.glob("waitinfo-metrics-*")], "the shared metrics directory is removed at exit"
