"""Reference data of the search (needs, municipalities, insurers) read once and kept: same answers as the
database, misses still asked, and a search page that runs only the search statements."""

import time

import pytest
from cachetools import TTLCache
from sqlalchemy import event, text

from waitinfo.reference.ids import NEEDS_TAXONOMY, stable_uuid
from waitinfo.search import reference
from waitinfo.search.schemas import SearchParams
from waitinfo.search.service import needs_and_places, resolve


@pytest.fixture(autouse=True)
def fresh_cache():
    reference.clear()
    yield
    reference.clear()


class Statements:
    def __init__(self, engine):
        self.engine, self.sql = engine, []

    def _record(self, conn, cursor, statement, params, context, executemany):
        self.sql.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)


def test_choices_match_the_database(db):
    choices = needs_and_places(db)
    assert [(n.code, n.name, n.usual_domain) for n in choices["needs"]] == [
        tuple(r)
        for r in db.execute(
            text(
                "select t.code, t.name, t.usual_domain from taxonomy_term t where t.taxonomy_id = :tax order by t.name"
            ),
            {"tax": stable_uuid("taxonomy", NEEDS_TAXONOMY)},
        )
    ]
    assert [(m.code, m.name) for m in choices["municipalities"]] == [
        tuple(r) for r in db.execute(text("select code, name from municipality order by name"))
    ]
    assert [(i.code, i.name) for i in choices["insurers"]] == [
        tuple(r) for r in db.execute(text("select code, name from insurer order by lower(name)"))
    ]
    assert len(choices["municipalities"]) == 14 and choices["needs"] and choices["insurers"]


def test_read_once_then_kept(db, engine):
    needs_and_places(db)
    with Statements(engine) as seen:
        needs_and_places(db)
        q = resolve(db, SearchParams(gemeente="gm0141", hulpvraag="angst", verzekeraar="vgz"))
    assert seen.sql == []
    assert q.origin.municipality_code == "GM0141" and q.origin.municipality_name == "Almelo"
    assert q.need_name and q.insurer_id is not None and not q.errors


def test_misses_and_names_still_ask_the_database(db, engine):
    needs_and_places(db)
    with Statements(engine) as seen:
        q = resolve(db, SearchParams(gemeente="Enschede", hulpvraag="bestaat-niet", verzekeraar="xx"))
    assert q.origin.municipality_code == "GM0153"  # by name: the database's accent- and case-blind match
    assert set(q.errors) == {"hulpvraag", "verzekeraar"}
    assert len(seen.sql) == 3


def test_kept_for_a_while_only(db, monkeypatch):
    first = reference.get(db)
    assert reference.get(db) is first
    clock = [time.monotonic()]
    monkeypatch.setattr(reference, "_cache", TTLCache(maxsize=16, ttl=reference.TTL_SECONDS, timer=lambda: clock[0]))
    kept = reference.get(db)
    clock[0] += reference.TTL_SECONDS - 1
    assert reference.get(db) is kept
    clock[0] += 2
    assert reference.get(db) is not kept


def test_municipality_options_select_code_or_name(client):
    for typed in ("gm0141", "ALMELO"):
        html = client.get("/zoeken", params={"gemeente": typed}).text
        assert '<option value="GM0141" selected>Almelo</option>' in html
        assert html.count(" selected>") == 1 and html.count('<option value="GM') == 14
    assert " selected>" not in client.get("/zoeken").text


def test_search_page_runs_only_the_search(client, known, engine, monkeypatch):
    from waitinfo.search import repository

    searched = []
    execute = repository._execute

    def counted(session, sql, bind):
        searched.append(sql)
        return execute(session, sql, bind)

    monkeypatch.setattr(repository, "_execute", counted)
    client.get("/zoeken")  # reference data read
    with Statements(engine) as seen:
        r = client.get("/zoeken?gemeente=GM0141&hulpvraag=angst")
    assert r.status_code == 200 and "Snel Angst Almelo" in r.text
    assert '<option value="GM0141" selected>Almelo</option>' in r.text
    assert seen.sql == []  # nothing but the search: no lookups, no lists (the search runs on the driver)
    # the ranked statement with the alternatives in it (they share the municipality's candidates)
    assert len(searched) == 1 and "in_alternatives" in searched[0]
