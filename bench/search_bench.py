"""Referrer search (municipality + need) side by side: bare SQL, the search service, the page through the app.

For each parameter combination the search runs once and the statements it ran are taken from its page
(`SearchPage.sql`, recorded by `waitinfo.search.repository.search`), compiled for psycopg, so the bare run uses
the very same SQL and parameters as the app. Samples are interleaved (bare, service, app, bare, ...) over the
combinations, so a burst of load from others on the shared machine hits all three alike.

- bare SQL in psql (the comparator issue 9 names: "the bare SQL of the same query in psql"): the same statements
  with their parameters written in as literals (psycopg's mogrify), sent by one long-running psql session with
  `\\timing on` (output to /dev/null); the time psql reports per statement: parse, plan, execute, result received.
  psql sends each statement afresh, so PostgreSQL plans it every time (~4 ms for the ranked statement).
- bare SQL, prepared: psycopg 3 directly on one connection, the statements the page needs (the ranked query with the
  alternatives in the same statement where they share their candidates, else a second statement for them when
  the page shows alternatives), rows fetched.
- service: `repository.search(session, params)` in a fresh Session (resolve + ranked query (+ alternatives) +
  building the result objects), as the route calls it.
- app: in-process GET /zoeken?gemeente=..&hulpvraag=.. handed to the ASGI app as a server hands it over (the
  scope, a browser's headers with `Accept-Encoding: gzip`), full HTML page gzipped by the app; wall time from the
  call to the last body message. This is the application's own time: routing, middleware, session, search, page,
  compression.
- app through httpx: the same GET through httpx.AsyncClient with ASGITransport (no network), to the last body
  byte, gunzipped. The difference to "app" is the client library's own work (building the request, its cookie
  jar, decoding the response: 0.5-1 ms), which earlier runs counted as app time; kept for comparison.
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


async def asgi_get(app, url: str) -> tuple[int, int]:
    """GET `url` from an ASGI app as a server would call it; (status, body bytes). A browser's request headers."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"accept", b"text/html"),
            (b"accept-encoding", b"gzip, deflate, br"),
            (b"user-agent", b"waitinfo-bench"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    status, size = 0, 0

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


class Psql:
    """One psql session that runs statements with `\\timing on` and returns the time psql reports for each."""

    def __init__(self, url: str, options: str):
        import os
        import shutil
        import subprocess

        exe = shutil.which("psql")
        if exe is None:
            raise FileNotFoundError("psql")
        env = {**os.environ, "PGOPTIONS": options}
        self.proc = subprocess.Popen(
            [exe, "-X", "-q", "-v", "ON_ERROR_STOP=1", url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self._send("\\timing on\n\\o /dev/null\n")

    def _send(self, text: str) -> None:
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def run(self, statements: list[str]) -> float:
        """Milliseconds psql reports, summed over the statements (each in its own transaction)."""
        total = 0.0
        for sql in statements:
            self._send(sql.rstrip().rstrip(";") + ";\n")
            line = self.proc.stdout.readline()
            if not line.startswith("Time: "):
                raise RuntimeError(f"psql: {line.strip() or 'no answer'}")
            total += float(line.split()[1])
        return total

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(10)


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

    with psycopg.connect(conninfo(), options=SESSION_OPTIONS) as conn:
        mogrify = psycopg.ClientCursor(conn).mogrify
        for plan in plans:
            plan["literal"] = [mogrify(sql, params) for sql, params in plan["stmts"]]
    try:
        psql = Psql(conninfo(), SESSION_OPTIONS)
    except FileNotFoundError:
        psql = None
        log("search: psql not found, the psql column is left out")

    app = create_app()
    bare, svc, web, client_web, in_psql = Stats(), Stats(), Stats(), Stats(), Stats()
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
                    status, size = await asgi_get(app, plan["url"])
                    if status != 200 or size < 1000:
                        raise RuntimeError(f"{plan['url']}: HTTP {status}, {size} bytes")

                async def do_client(plan):
                    r = await client.get(plan["url"])
                    if r.status_code != 200:
                        raise RuntimeError(f"{plan['url']}: HTTP {r.status_code}")

                for plan in plans * warmup:
                    if psql:
                        psql.run(plan["literal"])
                    do_bare(plan)
                    do_svc(plan)
                    await do_web(plan)
                    await do_client(plan)
                order = 0
                for i in range(samples):
                    plan = plans[i % len(plans)]
                    timings = {}
                    kinds = ["bare", "svc", "web", "client"] + (["psql"] if psql else [])
                    order = (order + 1) % len(kinds)
                    for kind in kinds[order:] + kinds[:order]:
                        t0 = time.perf_counter()
                        if kind == "bare":
                            do_bare(plan)
                        elif kind == "svc":
                            do_svc(plan)
                        elif kind == "web":
                            await do_web(plan)
                        elif kind == "client":
                            await do_client(plan)
                        if kind == "psql":
                            timings[kind] = psql.run(plan["literal"])  # psql's own \\timing
                        else:
                            timings[kind] = (time.perf_counter() - t0) * 1000
                    bare.add(timings["bare"])
                    svc.add(timings["svc"])
                    web.add(timings["web"])
                    client_web.add(timings["client"])
                    if psql:
                        in_psql.add(timings["psql"])
                    per_combo.setdefault((plan["muni"], plan["need"]), []).append(timings)

    log(f"search: {len(plans)} combinations, {samples} interleaved samples per method")
    try:
        asyncio.run(main())
    finally:
        if psql:
            psql.close()
    slowest = sorted(per_combo.items(), key=lambda kv: -max(t["web"] for t in kv[1]))[:3]
    return {
        "combinations": [(p["muni"], p["need"], p["total"], p["alternatives"]) for p in plans],
        "samples": samples,
        "bare": bare,
        "service": svc,
        "app": web,
        "app_client": client_web,
        "psql": in_psql if psql else None,
        "explain": explain,
        "slowest": [(k, max(t["web"] for t in v), max(t["bare"] for t in v)) for k, v in slowest],
    }


if __name__ == "__main__":
    r = run(samples=100)
    for k in ("psql", "bare", "service", "app", "app_client"):
        print(k, f"p50 {r[k].p50:.1f} ms  p95 {r[k].p95:.1f} ms")
