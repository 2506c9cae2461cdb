"""Benchmark: import a generated 100,000-row wait-time CSV through the pipeline, against a PostgreSQL COPY of the
same rows into a bare table, in the same run and database. Not a test; run it by hand:

    WAITINFO_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/waitinfo_bench .venv/bin/python bench/import_bench.py

It creates (and afterwards drops) its own database next to the one in WAITINFO_DATABASE_URL, so nothing of
yours is touched. Prints rows/s of both and the ratio; target >= 10,000 rows/s and <= 3x the COPY time.
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

GROUPS = ["Angststoornissen", "Depressieve stemmingsstoornissen", "ADHD", "Autismespectrumstoornis",
          "Persoonlijkheidsstoornissen", "Trauma- en stressorgerelateerde stoornissen", "Overig",
          "Bipolaire stemmingsstoornissen"]
PLACES = [("Almelo", "7607"), ("Enschede", "7521"), ("Hengelo (Ov)", "7551"), ("Oldenzaal", "7571"),
          ("Borne", "7622"), ("Goor", "7471"), ("Rijssen", "7461"), ("Losser", "7581")]
HEADER = ("Vestiging;Adres;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd (weken);"
          "Behandelwachttijd (weken);Aantal wachtenden;Meetmethode;Peildatum")


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
                out.write(f"Vestiging {loc} (fictief);Straat {loc};{pc} {chr(65 + loc % 26)}{chr(65 + g)};{place};"
                          f"{'Basis-ggz' if g == 6 else 'Specialistische ggz'};{group};{reg};{(month + g) % 15};"
                          f"{(loc * 7 + g) % 90};{'gerealiseerd' if g % 2 else 'actueel'};15-{month:02d}-2026\r\n")
                n += 1
        loc += 1
    return out.getvalue().encode("utf-8-sig")


def copy_baseline(url: str, raw: bytes) -> float:
    """COPY the same rows (as delimited text) into a bare table; seconds."""
    import psycopg

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        conn.execute("create table bench_bare (location text, address text, postcode text, place text, "
                     "care_type text, diagnosis text, reg text, treat text, waiting text, method text, ref text)")
        started = time.perf_counter()
        with conn.cursor().copy("copy bench_bare from stdin (format csv, delimiter ';', header true)") as copy:
            copy.write(raw.decode("utf-8-sig"))
        conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("drop table bench_bare")
        conn.commit()
    return elapsed


def pipeline(url: str, raw: bytes) -> tuple[float, dict]:
    from waitinfo.core import database
    from waitinfo.imports.service import run_import

    eng = database.make_engine(url, pool_size=2)
    database.set_engine(eng)
    started = time.perf_counter()
    with Session(eng) as session:
        report = run_import(session, organization_name_or_id="Benchmark GGZ (fictief)", raw=raw,
                            source="bench.csv", kind="wait-times")
        session.commit()
    elapsed = time.perf_counter() - started
    eng.dispose()
    return elapsed, report.model_dump(include={"status", "rows_total", "rows_applied", "rows_rejected"})


def phases(url: str, raw: bytes) -> tuple[float, float]:
    """Seconds spent reading the file and validating its rows (no database writes), measured separately."""
    import gc

    from providers import wait_times
    from waitinfo.catalogue.models import Organization
    from waitinfo.core import database
    from waitinfo.imports import validate_waits
    from waitinfo.imports.context import Context
    from waitinfo.imports.service import validate_all

    eng = database.make_engine(url, pool_size=1)
    gc.disable()
    try:
        started = time.perf_counter()
        parsed = wait_times.parse(raw)
        read_s = time.perf_counter() - started
        with Session(eng) as session:
            ctx = Context(session=session, organization=Organization(name="x", slug="x", kind="specialist_ggz"),
                          columns=parsed.columns)
            started = time.perf_counter()
            validate_all(ctx, parsed, validate_waits)
            validate_s = time.perf_counter() - started
    finally:
        gc.enable()
        eng.dispose()
    return read_s, validate_s


def main() -> int:
    from waitinfo.core.database import database_url
    from waitinfo.core.migrate import upgrade

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    base = make_url(database_url())
    name = f"waitinfo_bench_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'create database "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        raw = generate(args.rows)
        copy_s = copy_baseline(url, raw)
        pipe_s, report = pipeline(url, raw)
        read_s, validate_s = phases(url, raw)
        print(f"rows: {args.rows:,}  file: {len(raw) / 1e6:.1f} MB  report: {report}")
        print(f"COPY into bare table: {copy_s:6.2f} s  {args.rows / copy_s:10,.0f} rows/s")
        print(f"import pipeline:      {pipe_s:6.2f} s  {args.rows / pipe_s:10,.0f} rows/s")
        print(f"  of which reading ~{read_s:.2f} s, validating ~{validate_s:.2f} s, "
              f"writing ~{max(pipe_s - read_s - validate_s, 0):.2f} s")
        print(f"ratio pipeline/COPY:  {pipe_s / copy_s:6.1f}x")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPU(s)")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
