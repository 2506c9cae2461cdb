"""Shared fixtures: real PostgreSQL migrated by Alembic, each test in a rolled-back transaction."""

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from tests import db_setup
from waitinfo.core import database
from waitinfo.core.migrate import upgrade
from waitinfo.search import reference
from waitinfo.web.deps import get_session

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
SHARED = ROOT.parent / "shared"


# Servers the tests start in a subprocess (WAITINFO_DATABASE_URL set) are local try-outs: the default secret key
# is fine there. tests/security/test_sessions.py checks that production refuses it.
os.environ.setdefault("WAITINFO_ENV", "development")

# --- no network beyond localhost -------------------------------------------------------------
_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if host not in ("127.0.0.1", "::1", "localhost") and not str(host).startswith("127."):
            raise RuntimeError(f"Tests may not reach the network: connect to {address!r} refused")
    return _real_connect(self, address)


socket.socket.connect = _guarded_connect


# --- databases --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def server_url() -> str:
    return db_setup.server_url()


@pytest.fixture(scope="session")
def migrated_url(server_url) -> Iterator[str]:
    name = db_setup.unique_name("wt")
    url = db_setup.create_database(server_url, name)
    upgrade(url)
    yield url
    database.set_engine(None)
    db_setup.drop_database(server_url, name)


@pytest.fixture(scope="session")
def engine(migrated_url) -> Iterator[Engine]:
    eng = database.make_engine(migrated_url, pool_size=5)
    database.set_engine(eng)
    yield eng
    eng.dispose()


def _rolled_back_session(eng: Engine) -> Iterator[Session]:
    """A session whose commits become savepoints inside one outer transaction that is rolled back."""
    conn = eng.connect()
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        conn.close()
        reference.clear()  # the search's cached reference data may hold what this transaction added


@pytest.fixture
def db(engine) -> Iterator[Session]:
    yield from _rolled_back_session(engine)


@pytest.fixture(scope="session")
def demo_url(server_url) -> Iterator[str]:
    """A database with the demo catalogue loaded once (committed); also the template for live servers."""
    from waitinfo.demo.load import load_demo

    name = db_setup.unique_name("wtdemo")
    url = db_setup.create_database(server_url, name)
    upgrade(url)
    eng = database.make_engine(url, pool_size=2)
    with Session(eng) as s:
        load_demo(s, scale="twente", progress=False)
        s.commit()
    eng.dispose()
    yield url
    db_setup.drop_database(server_url, name)


@pytest.fixture(scope="session")
def demo_engine(demo_url) -> Iterator[Engine]:
    eng = database.make_engine(demo_url, pool_size=5)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_db(demo_engine) -> Iterator[Session]:
    yield from _rolled_back_session(demo_engine)


def _client_for(session: Session) -> TestClient:
    from waitinfo.web.app import create_app

    app = create_app()

    def override():
        yield session
        session.flush()

    app.dependency_overrides[get_session] = override
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture
def client(db) -> Iterator[TestClient]:
    with _client_for(db) as c:
        yield c


@pytest.fixture
def demo_client(demo_db) -> Iterator[TestClient]:
    with _client_for(demo_db) as c:
        yield c


# --- a live server for browser tests ----------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(server_url, demo_url, demo_engine, engine) -> Iterator[str]:
    """The app served by uvicorn in a thread, on its own copy of the demo database (changes are thrown away)."""
    import uvicorn
    from sqlalchemy.engine import make_url

    from waitinfo.web.app import create_app

    demo_engine.dispose()  # a template database must have no open connections
    name = db_setup.unique_name("wtlive")
    url = db_setup.create_database(server_url, name, template=make_url(demo_url).database)
    eng = database.make_engine(url, pool_size=5)

    def session_for_live():
        with Session(eng) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    app = create_app()
    app.dependency_overrides[get_session] = session_for_live
    previous = database._engine
    database.set_engine(eng)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("live server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        database.set_engine(previous)
        eng.dispose()
        db_setup.drop_database(server_url, name)


# --- Chromium through Playwright ---------------------------------------------------------------
CHROMIUM = os.environ.get("WAITINFO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("WAITINFO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (install Debian's chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}; browser tests need Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", bypass_csp=True)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def nojs_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", java_script_enabled=False, bypass_csp=True
    )
    pg = context.new_page()
    yield pg
    context.close()
