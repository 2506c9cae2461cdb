"""Leadership through a PostgreSQL session advisory lock: held while the leader's connection lives, released by
the server the moment that process dies, so a waiting instance takes over."""

from __future__ import annotations

import logging
import os
import time

import psycopg
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

LOCK_KEY = 74_2026_04  # "waitinfo scheduler"; any fixed bigint shared by all instances


def libpq_url(sqlalchemy_url: str) -> str:
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


class LeaderLock:
    def __init__(self, url: str, key: int = LOCK_KEY):
        self.url, self.key = libpq_url(url), key
        self.conn: psycopg.Connection | None = None

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(
            self.url, autocommit=True, connect_timeout=5, application_name=f"waitinfo-scheduler-{os.getpid()}"
        )

    def try_acquire(self) -> bool:
        if self.conn is None or self.conn.closed:
            self.conn = self._connect()
        got = self.conn.execute("select pg_try_advisory_lock(%s)", (self.key,)).fetchone()[0]
        return bool(got)

    def wait(self, poll_seconds: float = 5.0, stop=lambda: False) -> bool:
        """Block until this instance is the leader (True), or stop() says to give up (False)."""
        announced = False
        while not stop():
            try:
                if self.try_acquire():
                    log.info("scheduler %s is now the leader", os.getpid())
                    return True
            except psycopg.OperationalError as exc:
                log.warning("database unreachable while waiting for leadership: %s", exc)
                self.release()
            if not announced:
                log.info("another scheduler is the leader; waiting to take over")
                announced = True
            time.sleep(poll_seconds)
        return False

    def alive(self) -> bool:
        """Is the lock connection still there (leadership kept)?"""
        try:
            return self.conn is not None and self.conn.execute("select 1").fetchone()[0] == 1
        except psycopg.Error:
            return False

    def release(self) -> None:
        if self.conn is not None and not self.conn.closed:
            try:
                self.conn.execute("select pg_advisory_unlock(%s)", (self.key,))
            except psycopg.Error:
                pass
            self.conn.close()
        self.conn = None
