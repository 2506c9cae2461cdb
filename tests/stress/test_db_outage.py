"""Faults: PostgreSQL stopped and started while the app is under load.

A private PostgreSQL (never the machine's shared server) serves a uvicorn subprocess; a small bounded load of
httpx clients runs on loopback. While the server is away every database page answers 503 with the Dutch
page (and /healthz 503); once it is back the same app process answers 200 again without a restart.
Scheduler-leader takeover and kill -9 during an import are covered by tests/scheduler and tests/imports.
"""

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.stress.private_pg import PrivateServer, free_port
from waitinfo.core.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/zoeken?gemeente=Enschede&hulpvraag=angst", "/api/hsds/services?per_page=5", "/healthz"]


@pytest.fixture(scope="module")
def private_server():
    server = PrivateServer().init()
    server.start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def app_url(private_server):
    upgrade(private_server.url)
    port = free_port()
    env = {
        **os.environ,
        "WAITINFO_DATABASE_URL": private_server.url,
        "WAITINFO_LOG_LEVEL": "WARNING",
        "WAITINFO_GEOCODER_ENABLED": "false",
    }
    env.pop("WAITINFO_LOG_JSON", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "waitinfo.web.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("app did not start: " + proc.stderr.read().decode(errors="replace")[-2000:])
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        proc.stderr.close()


class Load:
    """A few threads requesting PAGES in turn until stopped (bounded by a deadline as well)."""

    def __init__(self, url: str, threads: int = 4, max_seconds: float = 60):
        self.url = url
        self.results: list[tuple[float, str, int, str]] = []
        self.stop_event = threading.Event()
        self.deadline = time.monotonic() + max_seconds
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]
        self.lock = threading.Lock()

    def _run(self, i: int) -> None:
        with httpx.Client(base_url=self.url, timeout=10, headers={"accept": "text/html"}) as c:
            n = i
            while not self.stop_event.is_set() and time.monotonic() < self.deadline:
                path = PAGES[n % len(PAGES)]
                n += 1
                try:
                    r = c.get(path)
                    status, body = r.status_code, r.text
                except httpx.TransportError as exc:
                    status, body = -1, repr(exc)
                with self.lock:
                    self.results.append((time.monotonic(), path, status, body))
                time.sleep(0.02)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for t in self.threads:
            t.join(15)

    def between(self, start: float, end: float):
        with self.lock:
            return [r for r in self.results if start <= r[0] <= end]


def _wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.slow
def test_database_outage_gives_503_and_recovers(private_server, app_url):
    with Load(app_url) as load:
        # phases are bounded in time but driven by what the load saw (the CI machine may be busy)
        _wait_for(lambda: len(load.between(0, time.monotonic())) >= 12, 30, "requests before the outage")
        t_stop = time.monotonic()
        private_server.stop()
        t_down = time.monotonic()
        _wait_for(lambda: len(load.between(t_down + 0.2, time.monotonic())) >= 12, 30, "requests during the outage")
        # direct checks while the database is away
        page = httpx.get(app_url + PAGES[0], headers={"accept": "text/html"}, timeout=10)
        assert page.status_code == 503
        assert "Tijdelijk niet beschikbaar" in page.text and "Probeer het over een paar minuten opnieuw" in page.text
        assert "Traceback" not in page.text and "psycopg" not in page.text
        assert page.headers["retry-after"] == "30"
        health = httpx.get(app_url + "/healthz", timeout=10)
        assert health.status_code == 503 and health.json()["database"] == "down"
        t_up_begin = time.monotonic()
        private_server.start()
        private_server.wait_until_up()
        t_up = time.monotonic()
        _wait_for(lambda: len(load.between(t_up + 1.0, time.monotonic())) >= 12, 30, "requests after recovery")
        t_end = time.monotonic()

    before = load.between(0, t_stop)
    down = load.between(t_down + 0.2, t_up_begin)
    after = load.between(t_up + 1.0, t_end)
    everything = load.results
    assert before and down and after, "the load produced no requests in a phase"
    assert {r[2] for r in before} == {200}, Counter(r[2] for r in before)
    assert {r[2] for r in down} == {503}, Counter((r[1], r[2]) for r in down)
    assert all("Tijdelijk niet beschikbaar" in r[3] or '"down"' in r[3] or "niet bereiken" in r[3] for r in down), (
        "503 without the Dutch explanation"
    )
    assert {r[2] for r in after} == {200}, Counter((r[1], r[2]) for r in after)  # recovered, same process
    # never a 500 or a dropped connection, not even during the switch-over
    assert not [r for r in everything if r[2] not in (200, 503)], Counter(r[2] for r in everything)
    assert not [r for r in everything if "Traceback" in r[3]]
