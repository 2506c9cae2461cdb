"""Pooled connections: pinged on checkout only after sitting idle; a dead one is replaced, not handed out."""

import pytest
from sqlalchemy import text

from waitinfo.core import database, pool_ping


def _backend_pid(conn) -> int:
    return conn.execute(text("select pg_backend_pid()")).scalar()


def _terminate(server_url: str, pid: int) -> None:
    admin = database.make_engine(server_url, pool_size=1)
    with admin.connect() as c:
        assert c.execute(text("select pg_terminate_backend(:p)"), {"p": pid}).scalar() is True
    admin.dispose()


def test_idle_dead_connection_is_replaced_on_checkout(server_url, monkeypatch):
    engine = database.make_engine(server_url, pool_size=1)
    with engine.connect() as conn:
        pid = _backend_pid(conn)
    _terminate(server_url, pid)
    # Pretend the connection sat idle past the threshold: the checkout pings, finds it dead, makes a new one.
    monkeypatch.setattr(pool_ping.time, "monotonic", lambda: 10_000_000.0)
    with engine.connect() as conn:
        new_pid = _backend_pid(conn)
    assert new_pid != pid
    engine.dispose()


def test_recent_dead_connection_fails_once_then_pool_recovers(server_url):
    """No ping for a connection used moments ago (this is what saves the round trip): its death surfaces on use,
    SQLAlchemy invalidates the pool, and the next checkout gets a fresh connection."""
    engine = database.make_engine(server_url, pool_size=1)
    with engine.connect() as conn:
        pid = _backend_pid(conn)
    _terminate(server_url, pid)
    with pytest.raises(Exception) as caught:
        with engine.connect() as conn:
            _backend_pid(conn)
    assert getattr(caught.value, "connection_invalidated", False) is True
    with engine.connect() as conn:  # the pool was invalidated: a fresh connection
        assert _backend_pid(conn) != pid
    engine.dispose()
