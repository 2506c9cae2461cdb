"""Benchmark: import a generated 100,000-row wait-time CSV through the pipeline, against a PostgreSQL COPY of the
same rows into a bare table, in the same run and database. Not a test; run it by hand:

    WAITINFO_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/waitinfo_bench .venv/bin/python bench/import_bench.py

It creates (and afterwards drops) its own database next to the one in WAITINFO_DATABASE_URL, so nothing of
yours is touched. Prints rows/s of both and the ratio; target >= 10,000 rows/s and <= 3x the COPY time.
Then where the pipeline's time went, measured inside that same import run (not in a separate one): per phase the
wall seconds and, when PostgreSQL runs on this machine, the CPU seconds of the database backend (the rest of a
phase is this Python process, or waiting for a CPU on a busy machine). `--repeat N` runs it all N times, each in
a fresh database, so a noisy machine can be read from the spread.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

GROUPS = [
    "Angststoornissen",
    "Depressieve stemmingsstoornissen",
    "ADHD",
    "Autismespectrumstoornis",
    "Persoonlijkheidsstoornissen",
    "Trauma- en stressorgerelateerde stoornissen",
    "Overig",
    "Bipolaire stemmingsstoornissen",
]
PLACES = [
    ("Almelo", "7607"),
    ("Enschede", "7521"),
    ("Hengelo (Ov)", "7551"),
    ("Oldenzaal", "7571"),
    ("Borne", "7622"),
    ("Goor", "7471"),
    ("Rijssen", "7461"),
    ("Losser", "7581"),
]
HEADER = (
    "Vestiging;Adres;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd (weken);"
    "Behandelwachttijd (weken);Aantal wachtenden;Meetmethode;Peildatum"
)


def generate(rows: int) -> bytes:
    """Locations x 12 months x 8 diagnosis groups, with decimal commas, `<1`, ranges and n.v.t. sprinkled in."""
    out = io.StringIO()
    out.write(HEADER + "\r\n")
    n = loc = 0
    while n < rows:
        place, pc = PLACES[loc % len(PLACES)]
        for month in range(1, 13):
            for g, group in enumerate(GROUPS):
                if n >= rows:
                    break
                reg = ("<1", "2-4", "n.v.t.", f"{(loc + g) % 12},5")[(loc + month + g) % 4]
                out.write(
                    f"Vestiging {loc} (fictief);Straat {loc};{pc} {chr(65 + loc % 26)}{chr(65 + g)};{place};"
                    f"{'Basis-ggz' if g == 6 else 'Specialistische ggz'};{group};{reg};{(month + g) % 15};"
                    f"{(loc * 7 + g) % 90};{'gerealiseerd' if g % 2 else 'actueel'};15-{month:02d}-2026\r\n"
                )
                n += 1
        loc += 1
    return out.getvalue().encode("utf-8-sig")


def copy_baseline(url: str, raw: bytes) -> float:
    """COPY the same rows (as delimited text) into a bare table; seconds."""
    import psycopg

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        conn.execute(
            "create table bench_bare (location text, address text, postcode text, place text, "
            "care_type text, diagnosis text, reg text, treat text, waiting text, method text, ref text)"
        )
        started = time.perf_counter()
        with conn.cursor().copy("copy bench_bare from stdin (format csv, delimiter ';', header true)") as copy:
            copy.write(raw.decode("utf-8-sig"))
        conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("drop table bench_bare")
        conn.commit()
    return elapsed


# phase -> the pipeline functions whose time it is (wrapped only while the benchmark runs; a few calls each)
PHASES = {
    "read (decode, CSV, headers)": [("waitinfo.providers.wait_times", "parse")],
    "validate (rows -> records)": [("waitinfo.imports.service", "validate_all")],
    "match (locations, services, sal)": [
        ("waitinfo.imports.apply_waits", n) for n in ("match_locations", "ensure_services", "ensure_sals")
    ],
    # wrapped where they are looked up when called: write_waits (wait_store) calls these by module name
    "check stored months": [("waitinfo.imports.wait_store", "months_stored")],
    "write new months (COPY)": [("waitinfo.imports.wait_store", "copy_new_waits")],
    "stage (COPY to temp table)": [("waitinfo.imports.wait_store", "stage_waits")],
    "merge (audit + upsert)": [("waitinfo.imports.wait_store", "merge_staged")],
    "intake stops": [("waitinfo.imports.apply_waits", "apply_intake_stops")],
    "record run (errors, status)": [("waitinfo.imports.runs", "finish")],
}


class PhaseClock:
    """Wall and database-backend CPU seconds per phase of one import, by wrapping the pipeline's functions."""

    def __init__(self):
        self.wall: dict[str, float] = dict.fromkeys(PHASES, 0.0)
        self.db: dict[str, float] = dict.fromkeys(PHASES, 0.0)
        self.backend_pid: int | None = None
        self._undo: list[tuple] = []

    def backend_cpu(self) -> float:
        """utime + stime of the backend process (/proc; 0 when PostgreSQL is elsewhere)."""
        try:
            with open(f"/proc/{self.backend_pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, TypeError, ValueError, IndexError):
            return 0.0

    def __enter__(self):
        import functools
        import importlib

        for phase, targets in PHASES.items():
            for module_name, name in targets:
                module = importlib.import_module(module_name)
                fn = getattr(module, name)

                @functools.wraps(fn)
                def timed(*args, _fn=fn, _phase=phase, **kwargs):
                    wall, cpu = time.perf_counter(), self.backend_cpu()
                    try:
                        return _fn(*args, **kwargs)
                    finally:
                        self.wall[_phase] += time.perf_counter() - wall
                        self.db[_phase] += self.backend_cpu() - cpu

                setattr(module, name, timed)
                self._undo.append((module, name, fn))
        return self

    def __exit__(self, *exc):
        for module, name, fn in reversed(self._undo):
            setattr(module, name, fn)


def pipeline(url: str, raw: bytes) -> tuple[float, dict, PhaseClock]:
    from waitinfo.core import database
    from waitinfo.imports.service import run_import

    eng = database.make_engine(url, pool_size=2)
    database.set_engine(eng)
    with PhaseClock() as clock, Session(eng) as session:
        clock.backend_pid = session.execute(text("select pg_backend_pid()")).scalar()
        session.commit()
        started, cpu = time.perf_counter(), clock.backend_cpu()
        report = run_import(
            session, organization_name_or_id="Benchmark GGZ (fictief)", raw=raw, source="bench.csv", kind="wait-times"
        )
        before_commit = time.perf_counter()
        session.commit()
        elapsed = time.perf_counter() - started
        clock.wall["commit"] = elapsed - (before_commit - started)
        clock.db["commit"] = 0.0
        clock.db["total"] = clock.backend_cpu() - cpu
    eng.dispose()
    return elapsed, report.model_dump(include={"status", "rows_total", "rows_applied", "rows_rejected"}), clock


def floor(url: str) -> list[str]:
    """What storing the imported rows costs the database by itself: the same rows inserted again from an already
    typed temp table into an emptied wait_time (rolled back), with EXPLAIN ANALYZE's time for the insert (heap and
    indexes) and for each trigger (foreign-key checks, the statement trigger that touches services)."""
    import psycopg

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        conn.execute("create temp table bench_rows as select * from wait_time")
        conn.execute("truncate wait_time")
        plan = [r[0] for r in conn.execute("explain (analyze, buffers) insert into wait_time select * from bench_rows")]
        conn.rollback()
    return [line.strip() for line in plan if line.lstrip().startswith(("Insert on", "Trigger", "Execution Time"))]


def once(base, rows: int, with_floor: bool = False) -> tuple[float, float, dict, PhaseClock]:
    from waitinfo.core.migrate import upgrade

    name = f"waitinfo_bench_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'create database "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        raw = generate(rows)
        copy_s = copy_baseline(url, raw)
        pipe_s, report, clock = pipeline(url, raw)
        report["file_mb"] = round(len(raw) / 1e6, 1)
        if with_floor:
            report["floor"] = floor(url)
        return copy_s, pipe_s, report, clock
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


def print_phases(pipe_s: float, clock: PhaseClock) -> None:
    has_db = clock.db.get("total", 0) > 0
    print(f"  {'phase':34s} {'wall s':>7s}" + (f" {'db cpu s':>9s}" if has_db else ""))
    shown = 0.0
    for phase, wall in clock.wall.items():
        if wall < 0.0005 and phase != "commit":
            continue
        shown += wall
        print(f"  {phase:34s} {wall:7.2f}" + (f" {clock.db.get(phase, 0):9.2f}" if has_db else ""))
    print(f"  {'rest (bookkeeping, keys per row)':34s} {max(pipe_s - shown, 0):7.2f}")
    if has_db:
        print(f"  database backend CPU in all: {clock.db['total']:.2f} s of {pipe_s:.2f} s")


def main() -> int:
    import statistics

    from waitinfo.core.database import database_url

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="whole runs, each in a fresh database")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also EXPLAIN ANALYZE inserting the imported rows again from a typed temp table",
    )
    args = parser.parse_args()
    base = make_url(database_url())
    results = []
    for n in range(args.repeat):
        copy_s, pipe_s, report, clock = once(base, args.rows, args.floor)
        floor_lines = report.pop("floor", [])
        results.append((copy_s, pipe_s))
        if args.repeat > 1:
            print(f"--- run {n + 1} of {args.repeat}")
        print(f"rows: {args.rows:,}  file: {report.pop('file_mb')} MB  report: {report}")
        print(f"COPY into bare table: {copy_s:6.2f} s  {args.rows / copy_s:10,.0f} rows/s")
        print(f"import pipeline:      {pipe_s:6.2f} s  {args.rows / pipe_s:10,.0f} rows/s")
        print_phases(pipe_s, clock)
        if floor_lines:
            print("  database floor: the same rows again from a typed temp table (EXPLAIN ANALYZE, rolled back):")
            for line in floor_lines:
                print(f"    {line}")
        print(f"ratio pipeline/COPY:  {pipe_s / copy_s:6.1f}x")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPU(s)")
    if args.repeat > 1:
        pipes, ratios = [p for _, p in results], [p / c for c, p in results]
        print(
            f"=== {args.repeat} runs: pipeline median {statistics.median(pipes):.2f} s "
            f"({args.rows / statistics.median(pipes):,.0f} rows/s), min {min(pipes):.2f} s; ratio median "
            f"{statistics.median(ratios):.1f}x, min {min(ratios):.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
