"""HSDS API over the national catalogue: a page of 50 services, and the full ndjson export.

Both against `waitinfo serve --workers 1` as a subprocess on a free loopback port (the real server, HTTP over
127.0.0.1), in the same run:
- page: GET /api/hsds/services?per_page=50&page=N for N cycling through 1..PAGES (offsets up to ~10,000),
  wall time per request in the client, after a warm-up;
- export: GET /api/hsds/services?format=ndjson streamed to the end or for at most `cap` seconds (the full
  documents stream slowly; the run must stay bounded), then the same with minimal=true; services per second
  (lines / seconds), peak resident memory of the server process (and any children) sampled with psutil every
  20 ms.
"""

from __future__ import annotations

import threading
import time

from bench.common import ROOT, Stats, bench_env, log, server

PAGES = 200


def _rss(proc) -> int:
    import psutil

    try:
        p = psutil.Process(proc.pid)
        total = p.memory_info().rss
        for c in p.children(recursive=True):
            try:
                total += c.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total
    except psutil.NoSuchProcess:
        return 0


def refresh_documents() -> dict:
    """`waitinfo hsds documents` before measuring, as the scheduler keeps them (quarter-hourly, after midnight):
    builds what is missing or outdated (all 50,000 when the bench database is new or was last used another day)."""
    import re
    import subprocess

    t0 = time.perf_counter()
    out = subprocess.run(
        [str(ROOT / ".venv/bin/waitinfo"), "hsds", "documents", "--quiet"],
        env=bench_env(),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    seconds = time.perf_counter() - t0
    built = int(re.search(r"([\d.]+) HSDS-documenten", out).group(1).replace(".", ""))
    log(f"hsds: {built:,} stored documents built in {seconds:.1f} s")
    return {"built": built, "seconds": seconds}


def run(samples: int = 300, warmup: int = 20, cap: float = 60.0) -> dict:
    import httpx

    pages = Stats()
    documents = refresh_documents()
    with server(workers=1) as (base, proc):
        with httpx.Client(base_url=base, timeout=120) as client:
            for i in range(warmup):
                client.get("/api/hsds/services", params={"per_page": 50, "page": 1 + i % PAGES}).raise_for_status()
            log(f"hsds: {samples} pages of 50")
            for i in range(samples):
                t0 = time.perf_counter()
                r = client.get("/api/hsds/services", params={"per_page": 50, "page": 1 + (i * 37) % PAGES})
                r.raise_for_status()
                pages.add((time.perf_counter() - t0) * 1000)
            total_items = r.json().get("total_items")

            idle_rss = _rss(proc)
            full = _export(client, proc, {"format": "ndjson"}, cap)
            log("hsds: minimal ndjson export")
            minimal = _export(client, proc, {"format": "ndjson", "minimal": "true"}, cap)
    return {
        "pages": pages,
        "samples": samples,
        "total_items": total_items,
        "idle_rss_mb": idle_rss / 2**20,
        "documents": documents,
        "cap_s": cap,
        "full": full,
        "minimal": minimal,
    }


def _export(client, proc, params: dict, cap: float) -> dict:
    """Stream an export to the end, or for at most cap seconds (then the rate is that of the part streamed)."""
    peak = [_rss(proc)]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _rss(proc))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines = nbytes = 0
    first_byte = None
    complete = True
    t0 = time.perf_counter()
    with client.stream("GET", "/api/hsds/services", params=params) as resp:
        resp.raise_for_status()
        for line in resp.iter_lines():
            if first_byte is None:
                first_byte = time.perf_counter() - t0
            if line.strip():
                lines += 1
                nbytes += len(line) + 1
            if time.perf_counter() - t0 > cap:
                complete = False
                break
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    return {
        "services": lines,
        "seconds": seconds,
        "rate": lines / seconds if seconds else 0.0,
        "mb": nbytes / 2**20,
        "first_byte_s": first_byte or 0.0,
        "complete": complete,
        "peak_rss_mb": peak[0] / 2**20,
    }


if __name__ == "__main__":
    r = run(samples=50, cap=15)
    print({k: (v.p95 if isinstance(v, Stats) else v) for k, v in r.items()})
