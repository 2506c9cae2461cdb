"""Load: 200 concurrent referrers on loopback against `waitinfo serve --workers 2` (as many workers as cores).

A small asyncio + httpx load generator (no extra dependency): each virtual user repeats
search -> detail of one of the results -> another search, with a think time between clicks (uniform
THINK_MIN..THINK_MAX seconds: a referrer reads the result list and a detail page before the next click).
The users start spread over the first RAMP seconds; the run is bounded to DURATION seconds. Every response is
timed from request to the last body byte in the client; an error is a transport failure, a timeout (10 s) or
any status >= 400.

The server keeps the default anonymous API limit (WAITINFO_API_ANONYMOUS_PER_MINUTE=120 per address): all
users share 127.0.0.1, so a 429 here would show that the pages under /zoeken were rate limited.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import Counter

from bench.common import Stats, log, server

USERS = 200
DURATION = 60.0
RAMP = 10.0
THINK_MIN, THINK_MAX = 5.0, 15.0
TIMEOUT = 10.0  # seconds for a whole response; slower counts as an error
MUNIS = ["GM0153", "GM0164", "GM0141", "GM0183", "GM0173", "GM0147", "GM0158", "GM1735"]
NEEDS = ["angst", "somberheid", "verslaving", "geldzorgen", "stress", "adhd-autisme", "trauma", "eenzaamheid"]
DETAIL = re.compile(r'href="(/aanbod/[0-9a-f-]{36})')


async def _user(n: int, client, stop_at: float, stats: dict, errors: Counter, rng: random.Random) -> None:
    await asyncio.sleep(RAMP * n / USERS)

    async def hit(kind: str, url: str) -> str | None:
        t0 = time.perf_counter()
        try:
            r = await asyncio.wait_for(client.get(url), TIMEOUT)
            body = r.text
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error (and in the latencies)
            errors[f"{kind}: {type(exc).__name__}"] += 1
            stats[kind].add((time.perf_counter() - t0) * 1000)
            stats["all"].add((time.perf_counter() - t0) * 1000)
            return None
        stats[kind].add((time.perf_counter() - t0) * 1000)
        stats["all"].add((time.perf_counter() - t0) * 1000)
        if r.status_code >= 400:
            errors[f"{kind}: HTTP {r.status_code}"] += 1
            return None
        return body

    async def think() -> bool:
        await asyncio.sleep(rng.uniform(THINK_MIN, THINK_MAX))
        return time.monotonic() < stop_at

    while time.monotonic() < stop_at:
        page = await hit("search", f"/zoeken?gemeente={rng.choice(MUNIS)}&hulpvraag={rng.choice(NEEDS)}")
        if not await think():
            break
        links = DETAIL.findall(page or "")
        if links:
            await hit("detail", rng.choice(links))
            if not await think():
                break
        await hit("search", f"/zoeken?gemeente={rng.choice(MUNIS)}&hulpvraag={rng.choice(NEEDS)}&domein=ggz")
        if not await think():
            break


def run(users: int = USERS, duration: float = DURATION, workers: int = 2) -> dict:
    import httpx

    stats = {"search": Stats(), "detail": Stats(), "all": Stats()}
    errors: Counter = Counter()
    with server(workers=workers, WAITINFO_API_ANONYMOUS_PER_MINUTE="120") as (base, _proc):

        async def main() -> float:
            # Drop idle connections before uvicorn does (its keep-alive timeout is 5 s): no reuse race.
            limits = httpx.Limits(
                max_connections=users + 10, max_keepalive_connections=users + 10, keepalive_expiry=4.0
            )
            async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as client:
                for _ in range(3):  # warm both workers
                    await client.get("/zoeken?gemeente=GM0153&hulpvraag=angst")
                started = time.monotonic()
                stop_at = started + duration
                await asyncio.gather(
                    *(_user(i, client, stop_at, stats, errors, random.Random(i)) for i in range(users))
                )
                return time.monotonic() - started

        log(f"load: {users} users for {duration:.0f} s against {workers} workers")
        elapsed = asyncio.run(main())
    return {
        "users": users,
        "duration": duration,
        "elapsed": elapsed,
        "workers": workers,
        "stats": stats,
        "requests": len(stats["all"].samples),
        "errors": errors,
        "rps": len(stats["all"].samples) / elapsed if elapsed else 0.0,
    }


if __name__ == "__main__":
    r = run(duration=20)
    print(
        {k: (v.p95 if isinstance(v, Stats) else v) for k, v in r.items() if k != "stats"},
        {k: round(v.p95, 1) for k, v in r["stats"].items()},
    )
