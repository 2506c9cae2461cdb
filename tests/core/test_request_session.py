"""The request session (web/deps.get_session): committed before the response, rolled back on error, and a
failed commit is never a 200. Uses the real dependency (no override) on the test database."""

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import text

from waitinfo.web.deps import SessionDep

TABLE = "request_session_probe"


@pytest.fixture
def probe(engine):
    with engine.begin() as conn:
        conn.execute(text(f"drop table if exists {TABLE}"))
        conn.execute(
            text(
                f"create table {TABLE} (id int primary key, "
                f"ref int references {TABLE}(id) deferrable initially deferred)"
            )
        )
    yield engine
    with engine.begin() as conn:
        conn.execute(text(f"drop table {TABLE}"))


def _ids(engine) -> list[int]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text(f"select id from {TABLE} order by id"))]


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/ok/{n}")
    def ok(n: int, session: SessionDep):
        session.execute(text(f"insert into {TABLE} (id) values (:n)"), {"n": n})
        return {"n": n}

    @app.post("/refused/{n}")
    def refused(n: int, session: SessionDep):
        session.execute(text(f"insert into {TABLE} (id) values (:n)"), {"n": n})
        raise HTTPException(status_code=409, detail="nee")

    @app.post("/bad-commit/{n}")
    def bad_commit(n: int, session: SessionDep):
        # Valid until COMMIT checks the deferred foreign key.
        session.execute(text(f"insert into {TABLE} (id, ref) values (:n, 999999)"), {"n": n})
        return {"n": n}

    return app


def test_commit_rollback_and_failed_commit(probe):
    with TestClient(_app(), raise_server_exceptions=False) as client:
        assert client.post("/ok/1").status_code == 200
        assert _ids(probe) == [1]  # committed before the response
        assert client.post("/refused/2").status_code == 409
        assert _ids(probe) == [1]  # rolled back
        r = client.post("/bad-commit/3")
        assert r.status_code == 500  # the commit failed: never a 200
        assert _ids(probe) == [1]
        assert client.post("/ok/4").status_code == 200  # the pool's connection is usable again
        assert _ids(probe) == [1, 4]
