"""kill -9 in the middle of a large import (a `waitinfo import` subprocess): nothing partial is stored."""

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ROOT
from tests.imports.helpers import scratch_database, subprocess_env

pytestmark = pytest.mark.slow

GROUPS = [
    "Angststoornissen",
    "Depressieve stemmingsstoornissen",
    "ADHD",
    "Autismespectrumstoornis",
    "Persoonlijkheidsstoornissen",
    "Trauma- en stressorgerelateerde stoornissen",
    "Overig",
]
PLACES = [("Almelo", "7607"), ("Enschede", "7521"), ("Hengelo", "7551"), ("Oldenzaal", "7571"), ("Borne", "7622")]


def big_csv(path, rows: int) -> None:
    lines = [
        "Vestiging;Postcode;Plaats;Zorgvorm;Diagnosegroep;Aanmeldwachttijd;Behandelwachttijd;"
        "Aantal wachtenden;Peildatum"
    ]
    n = 0
    loc = 0
    while n < rows:
        place, pc = PLACES[loc % len(PLACES)]
        for month in range(1, 13):
            for group in GROUPS:
                lines.append(
                    f"Vestiging {loc};{pc} AB;{place};Specialistische ggz;{group};{loc % 9},5;{month};"
                    f"{loc % 50};01-{month:02d}-2026"
                )
                n += 1
        loc += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_kill_during_import_leaves_nothing(server_url, tmp_path):
    path = tmp_path / "groot.csv"
    big_csv(path, 50_000)
    with scratch_database(server_url, "wtkill") as url:
        eng = create_engine(url)
        proc = subprocess.Popen(
            [sys.executable, "-m", "waitinfo", "import", str(path), "--provider", "Killtest GGZ (fictief)", "--json"],
            cwd=ROOT,
            env=subprocess_env(url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            writing = False
            while time.monotonic() < deadline and proc.poll() is None:
                with eng.connect() as conn:
                    # A backend of this import that has started writing (it has a transaction id).
                    writing = (
                        conn.execute(
                            text(
                                "select count(*) from pg_stat_activity where datname = current_database() "
                                "and application_name = 'waitinfo' and backend_xid is not null and pid <> pg_backend_pid()"
                            )
                        ).scalar()
                        > 0
                    )
                if writing:
                    break
                time.sleep(0.05)
            assert writing and proc.poll() is None, "the import finished before it could be killed"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            time.sleep(0.5)
            with eng.connect() as conn:
                counts = conn.execute(
                    text(
                        "select (select count(*) from organization), (select count(*) from location), "
                        "(select count(*) from service), (select count(*) from wait_time), "
                        "(select count(*) from import_run)"
                    )
                ).one()
            assert tuple(counts) == (0, 0, 0, 0, 0)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
            eng.dispose()
