"""Page ids of HSDS listings come from a list cached per database snapshot: reused only under the same
snapshot, read again after any transaction that wrote something, never cached for a transaction's own writes."""

import uuid

import pytest
from sqlalchemy import event

from tests import factories as fx
from waitinfo.catalogue.models import Service
from waitinfo.hsds import repository as repo


@pytest.fixture
def id_queries(db):
    """Counts the statements that list service ids (the cache misses)."""
    seen = []

    def listen(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("SELECT SERVICE.ID") and "ORDER BY" in statement.upper():
            seen.append(statement)

    engine = db.get_bind().engine
    event.listen(engine, "before_cursor_execute", listen)
    repo._ID_LISTS.clear()
    yield seen
    event.remove(engine, "before_cursor_execute", listen)
    repo._ID_LISTS.clear()


def _services(db, n: int) -> list[Service]:
    org = fx.organization(db, f"Aanbieder {uuid.uuid4().hex[:6]} (fictief)")
    out = [Service(organization_id=org.id, name=f"Dienst {i:02d}", description="") for i in range(n)]
    db.add_all(out)
    db.flush()
    return out


def test_pages_are_cut_from_one_list_under_one_snapshot(db, id_queries, monkeypatch):
    made = _services(db, 5)
    monkeypatch.setattr(repo, "_snapshot", lambda session: "100:100:")  # as if nothing wrote meanwhile
    f = repo.Filters(organization_id=made[0].organization_id)
    first, total = repo.page_ids(db, repo.service_ids_select(f), 1, 2)
    second, _ = repo.page_ids(db, repo.service_ids_select(f), 2, 2)
    last, _ = repo.page_ids(db, repo.service_ids_select(f), 3, 2)
    assert total == 5 and first + second + last == [s.id for s in sorted(made, key=lambda s: (s.name, s.id))]
    assert len(id_queries) == 1  # one list, three pages

    other = repo.Filters(organization_id=made[0].organization_id, search="Dienst 01")
    assert repo.page_ids(db, repo.service_ids_select(other), 1, 10)[1] == 1  # other filters: their own list
    assert len(id_queries) == 2


def test_a_new_snapshot_reads_the_list_again(db, id_queries, monkeypatch):
    made = _services(db, 3)
    snapshot = ["100:100:"]
    monkeypatch.setattr(repo, "_snapshot", lambda session: snapshot[0])
    f = repo.Filters(organization_id=made[0].organization_id)
    assert repo.page_ids(db, repo.service_ids_select(f), 1, 10)[1] == 3
    _services_for = Service(organization_id=made[0].organization_id, name="Dienst 99", description="")
    db.add(_services_for)
    db.flush()
    assert repo.page_ids(db, repo.service_ids_select(f), 1, 10)[1] == 3  # same snapshot: same (old) list
    snapshot[0] = "101:101:"  # a transaction ended
    assert repo.page_ids(db, repo.service_ids_select(f), 1, 10)[1] == 4
    assert len(id_queries) == 2


def test_no_cache_when_the_snapshot_moved_while_reading(db, id_queries, monkeypatch):
    made = _services(db, 2)
    moments = iter(["100:100:", "100:101:", "100:101:", "100:101:"])
    monkeypatch.setattr(repo, "_snapshot", lambda session: next(moments))
    f = repo.Filters(organization_id=made[0].organization_id)
    repo.page_ids(db, repo.service_ids_select(f), 1, 10)  # read between two snapshots: not kept
    repo.page_ids(db, repo.service_ids_select(f), 1, 10)
    assert len(id_queries) == 2


def test_own_writes_are_never_cached(db, id_queries):
    assert repo._snapshot(db).count(":") == 2  # nothing written yet: xmin:xmax:xip
    made = _services(db, 2)  # this transaction wrote: its view is its own
    assert repo._snapshot(db) is None
    f = repo.Filters(organization_id=made[0].organization_id)
    repo.page_ids(db, repo.service_ids_select(f), 1, 10)
    repo.page_ids(db, repo.service_ids_select(f), 1, 10)
    assert len(id_queries) == 2 and not repo._ID_LISTS
