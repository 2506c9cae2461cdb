"""Issue 15: search latency and server memory while a provider uploads a 40,000-row file and an XLSX bomb.

Bounded: USERS simulated searchers (httpx, loopback only) for a fixed time per phase; each upload phase ends
when its job is done or after PHASE_LIMIT seconds. Phases: idle (search only), a 40,000-row wait-time CSV dry
run, an XLSX bomb (a few hundred KB that unpacks to millions of cells). Per phase: search p50/p95 and the
peak RSS of the server process tree (web server + job worker + the job's child process).

    waitinfo demo && waitinfo serve --port 8765 &      # the server starts its job worker
    python bench/upload_under_load.py --base http://127.0.0.1:8765 --server-pid <pid of waitinfo serve>
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import time

import httpx
import psutil

USERS = 50
IDLE_SECONDS = 15
PHASE_LIMIT = 120
MUNIS = ["GM0153", "GM0164", "GM0141", "GM0183", "GM0173", "GM0147", "GM0158", "GM1735"]
NEEDS = ["angst", "somberheid", "verslaving", "geldzorgen", "stress", "trauma", "eenzaamheid"]
PROVIDER = ("editor@reggedal.example", "demo-wachtwoord")  # a fictional demo account
CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def big_csv(rows: int = 40_000) -> bytes:
    head = "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;Peildatum\n"
    groups = ["Angststoornissen", "Depressieve stemmingsstoornissen", "ADHD", "Overig"]
    lines = [
        f"Vestiging {i // 48};7607 GH;Almelo;Specialistische ggz;{groups[i % 4]};{i % 9},5;{i % 13};"
        f"01-{(i // 4) % 12 + 1:02d}-2026"
        for i in range(rows)
    ]
    return (head + "\n".join(lines) + "\n").encode()


def xlsx_bomb() -> bytes:
    """The shape of finding 2: a small workbook whose one sheet holds millions of cells."""
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests/ builds the workbook
    from tests.security.test_file_limits import million_cells, workbook

    return workbook(million_cells(), dimension="A1:XFD1048576")


class Meter:
    def __init__(self, pid: int | None):
        self.proc = psutil.Process(pid) if pid else None
        self.peak = 0

    def sample(self) -> None:
        if self.proc is None:
            return
        try:
            tree = [self.proc, *self.proc.children(recursive=True)]
            self.peak = max(self.peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass


async def searcher(client: httpx.AsyncClient, stop: asyncio.Event, times: list[float], rng: random.Random):
    while not stop.is_set():
        url = f"/zoeken?gemeente={rng.choice(MUNIS)}&hulpvraag={rng.choice(NEEDS)}"
        start = time.perf_counter()
        try:
            r = await client.get(url)
            if r.status_code == 200:
                times.append(time.perf_counter() - start)
        except httpx.HTTPError:
            times.append(30.0)  # a timeout counts as a very slow search
        await asyncio.sleep(rng.uniform(0.2, 0.6))  # a person reading results


async def login(client: httpx.AsyncClient) -> str:
    page = await client.get("/inloggen")
    token = CSRF.search(page.text)[1]
    r = await client.post("/inloggen", data={"csrf_token": token, "email": PROVIDER[0], "password": PROVIDER[1]})
    r.raise_for_status()
    page = await client.get("/portaal/upload")
    return CSRF.search(page.text)[1]


async def upload(client: httpx.AsyncClient, token: str, name: str, raw: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    r = await client.post(
        "/portaal/upload",
        data={"csrf_token": token, "kind": ""},
        files={"file": (name, raw, "application/octet-stream")},
        follow_redirects=False,
    )
    if r.status_code != 303:
        return time.perf_counter() - start, f"HTTP {r.status_code}"
    status_url = r.headers["location"]
    while time.perf_counter() - start < PHASE_LIMIT:
        page = (await client.get(status_url, headers={"HX-Request": "true"})).text
        if "Pagina vernieuwen" not in page:
            message = re.search(r"<p[^>]*>([^<]*(?:regel|bestand|Excel|geheugen)[^<]*)</p>", page)
            return time.perf_counter() - start, (message[1] if message else "klaar").strip()[:160]
        await asyncio.sleep(1)
    return time.perf_counter() - start, "niet klaar binnen de tijdslimiet"


async def phase(base: str, meter: Meter, name: str, work) -> dict:
    times: list[float] = []
    stop = asyncio.Event()
    meter.peak = 0
    limits = httpx.Limits(max_connections=USERS + 5)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as pool:
        users = [asyncio.create_task(searcher(pool, stop, times, random.Random(i))) for i in range(USERS)]

        async def sample():
            while not stop.is_set():
                meter.sample()
                await asyncio.sleep(0.2)

        sampler = asyncio.create_task(sample())
        started = time.perf_counter()
        outcome = await work()
        stop.set()
        await asyncio.gather(*users, sampler)
    times.sort()
    q = statistics.quantiles(times, n=100) if len(times) > 2 else [0.0] * 99
    return {
        "phase": name,
        "seconds": round(time.perf_counter() - started, 1),
        "searches": len(times),
        "search_p50_ms": round(q[49] * 1000),
        "search_p95_ms": round(q[94] * 1000),
        "server_rss_peak_mb": round(meter.peak / 1e6) if meter.proc else None,
        **outcome,
    }


async def main(base: str, pid: int | None) -> list[dict]:
    meter = Meter(pid)

    async def idle():
        await asyncio.sleep(IDLE_SECONDS)
        return {}

    results = [await phase(base, meter, "idle", idle)]
    async with httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=True) as provider:
        token = await login(provider)
        for name, raw in (("wachttijden-40000.csv", big_csv()), ("bom.xlsx", xlsx_bomb())):

            async def work(name=name, raw=raw):
                seconds, message = await upload(provider, token, name, raw)
                return {"file": name, "file_kb": len(raw) // 1024, "job_seconds": round(seconds, 1), "outcome": message}

            results.append(await phase(base, meter, f"upload {name}", work))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--server-pid", type=int, default=None, help="pid of `waitinfo serve` (RSS of its tree)")
    parser.add_argument("--users", type=int, default=USERS, help=f"simulated searchers (default {USERS}, at most 100)")
    args = parser.parse_args()
    USERS = min(args.users, 100)
    if not args.base.startswith(("http://127.0.0.1", "http://localhost")):
        sys.exit("Alleen tegen een lokale server (loopback).")
    for row in asyncio.run(main(args.base, args.server_pid)):
        print(json.dumps(row, ensure_ascii=False))
