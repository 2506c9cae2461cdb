"""With no database configured, waitinfo starts its own PostgreSQL in the data folder."""

import os
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_embedded_database_starts_from_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("WAITINFO_")}
    env["WAITINFO_DATA_DIR"] = str(tmp_path / "data")
    code = (
        "from sqlalchemy import text\n"
        "from waitinfo.core.database import get_engine, database_url\n"
        "from waitinfo.core.migrate import upgrade\n"
        "upgrade(database_url())\n"
        "with get_engine().connect() as c:\n"
        "    print(c.execute(text('select count(*) from municipality')).scalar())\n"
        "    print(c.execute(text('show server_version')).scalar())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split()
    assert lines[0] == "14"
    assert lines[1].startswith("18")
    assert (tmp_path / "data" / "pgdata" / "PG_VERSION").exists()
    # Reused on the next start, and stopped cleanly at exit (no postmaster.pid left behind).
    assert not (tmp_path / "data" / "pgdata" / "postmaster.pid").exists()
    out2 = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180)
    assert out2.returncode == 0, out2.stderr[-2000:]
