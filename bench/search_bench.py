"""Referrer search (municipality + need) side by side: bare SQL, the search service, the page through the app.

For each parameter combination the search runs once and the statements it ran are taken from its page
(`SearchPage.sql`, recorded by `waitinfo.search.repository.search`), compiled for psycopg, so the bare run uses
the very same SQL and parameters as the app. Samples are interleaved (bare, service, app, bare, ...) over the
combinations, so a burst of load from others on the shared machine hits all three alike.

- bare SQL: psycopg 3 directly on one connection, the statements the page needs (the ranked query with the
  alternatives in the same statement where they share their candidates, else a second statement for them when
  the page shows alternatives), rows fetched.
- service: `repository.search(session, params)` in a fresh Session (resolve + ranked query (+ alternatives) +
  building the result objects), as the route calls it.
- app: in-process GET /zoeken?gemeente=..&hulpvraag=.. through the ASGI app (httpx.AsyncClient with
  ASGITransport, no network), full HTML page; wall time from request to the last body byte.
"""

from __future__ import annotations

import asyncio
import itertools
import time

from bench.common import Stats, bench_env, conninfo, log
from waitinfo.core.database import SESSION_OPTIONS

TWENTE = ["GM0153", "GM0164", "GM0141", "GM0183"]  # Enschede, Hengelo, Almelo, Tubbergen
NEEDS = ["angst", "somberheid", "verslaving", "geldzorgen", "stress", "adhd-autisme"]


def _prepare_env() -> None:
    import os

    for k, v in bench_env().items():
        if k.startswith("WAITINFO_"):
            os.environ[k] = v


def combos(session) -> list[tuple[str, str]]:
    from sqlalchemy import text

    # The busiest fictional municipality (most locations), so the national data is searched too.
    busy = session.execute(
        text(
            "select municipality_code from location where municipality_code like 'GM9%' "
            "group by 1 order by count(*) desc limit 1"
        )
    ).scalar()
    munis = TWENTE + ([busy] if busy else [])
    return list(itertools.product(munis, NEEDS))


def _compiled(sql: str, bind: dict):
    from sqlalchemy import text
    from sqlalchemy.dialects.postgresql import psycopg as pg_dialect

    stmt = text(sql).bindparams(**bind)
    c = stmt.compile(dialect=pg_dialect.dialect())
    return str(c), dict(c.params)


def run(samples: int = 400, warmup: int = 2) -> dict:
    _prepare_env()
    import sys

    # httpx's in-process ASGI transport tries `import sniffio` on every request; it is not installed, so each
    # try searched sys.path (client-side cost counted as app time). None in sys.modules fails the import at once.
    sys.modules.setdefault("sniffio", None)
    import httpx
    import psycopg
    from sqlmodel import Session

    from waitinfo.core.database import get_engine
    from waitinfo.search import repository
    from waitinfo.search import service as rules
    from waitinfo.search.schemas import SearchParams
    from waitinfo.web.app import create_app

    engine = get_engine()
    with Session(engine) as session:
        combis = combos(session)
        plans = []
        for muni, need in combis:
            params = SearchParams(gemeente=muni, hulpvraag=need)
            page = repository.search(session, params)
            stmts = [_compiled(sql, bind) for sql, bind in page.sql]  # exactly the statements the page ran
            plans.append(
                {
                    "muni": muni,
                    "need": need,
                    "params": params,
                    "stmts": stmts,
                    "total": page.total,
                    "alternatives": page.show_alternatives,
                    "url": f"/zoeken?gemeente={muni}&hulpvraag={need}",
                }
            )
        explain = repository.explain(session, rules.resolve(session, plans[0]["params"]))

    app = create_app()
    bare, svc, web = Stats(), Stats(), Stats()
    per_combo: dict[tuple, list] = {}

    async def main() -> None:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            # The app's session settings (jit off: waitinfo.core.database.SESSION_OPTIONS), so the same plans.
            with psycopg.connect(conninfo(), options=SESSION_OPTIONS) as conn:
                # Each ends its transaction with COMMIT, as a GET through the app does: psycopg forgets a
                # connection's prepared statements on ROLLBACK, which would make every run re-plan.
                def do_bare(plan):
                    for sql, params in plan["stmts"]:
                        conn.execute(sql, params).fetchall()
                    conn.commit()

                def do_svc(plan):
                    with Session(engine) as s:
                        repository.search(s, plan["params"])
                        s.commit()

                async def do_web(plan):
                    r = await client.get(plan["url"])
                    if r.status_code != 200:
                        raise RuntimeError(f"{plan['url']}: HTTP {r.status_code}")

                for plan in plans * warmup:
                    do_bare(plan)
                    do_svc(plan)
                    await do_web(plan)
                order = 0
                for i in range(samples):
                    plan = plans[i % len(plans)]
                    timings = {}
                    kinds = ["bare", "svc", "web"]
                    order = (order + 1) % 3
                    for kind in kinds[order:] + kinds[:order]:
                        t0 = time.perf_counter()
                        if kind == "bare":
                            do_bare(plan)
                        elif kind == "svc":
                            do_svc(plan)
                        else:
                            await do_web(plan)
                        timings[kind] = (time.perf_counter() - t0) * 1000
                    bare.add(timings["bare"])
                    svc.add(timings["svc"])
                    web.add(timings["web"])
                    per_combo.setdefault((plan["muni"], plan["need"]), []).append(timings)

    log(f"search: {len(plans)} combinations, {samples} interleaved samples per method")
    asyncio.run(main())
    slowest = sorted(per_combo.items(), key=lambda kv: -max(t["web"] for t in kv[1]))[:3]
    return {
        "combinations": [(p["muni"], p["need"], p["total"], p["alternatives"]) for p in plans],
        "samples": samples,
        "bare": bare,
        "service": svc,
        "app": web,
        "explain": explain,
        "slowest": [(k, max(t["web"] for t in v), max(t["bare"] for t in v)) for k, v in slowest],
    }


if __name__ == "__main__":
    r = run(samples=100)
    for k in ("bare", "service", "app"):
        print(k, f"p50 {r[k].p50:.1f} ms  p95 {r[k].p95:.1f} ms")
