"""Reference data of the search (needs, municipalities, insurers), cached in the process for a short while.

The search form lists them and `service.resolve` looks the typed need, municipality and insurer up in them: five
statements per search page (three of them the whole lists, 355 municipalities on national data) for data that
changes only with a migration or a reference load. So they are read once per database and kept for TTL_SECONDS;
a lookup that misses the cache (wrong input, or something added since) still asks the database, so a stale cache
can at worst show a list up to TTL_SECONDS old. `clear()` drops everything (tests, after loading reference data).
"""

import itertools
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from typing import NamedTuple

from cachetools import TTLCache
from sqlalchemy import text
from sqlmodel import Session

from waitinfo.reference.ids import NEEDS_TAXONOMY, stable_uuid

TTL_SECONDS = 60.0


class Need(NamedTuple):
    id: uuid.UUID
    code: str
    name: str
    usual_domain: str | None


class Municipality(NamedTuple):
    code: str
    name: str
    latitude: float
    longitude: float


class Insurer(NamedTuple):
    id: uuid.UUID
    code: str
    name: str


@dataclass(frozen=True)
class Reference:
    needs: list[Need]  # by name
    municipalities: list[Municipality]  # by name
    insurers: list[Insurer]  # by name, case-insensitive
    need_by_id: dict[uuid.UUID, Need]
    municipality_by_code: dict[str, Municipality]
    insurer_by_code: dict[str, Insurer]
    version: int = 0  # a new number at every load: rendered fragments of these lists are cached under it


# Database URL -> its Reference: bounded, and each entry expires TTL_SECONDS after it was read.
_cache: TTLCache = TTLCache(maxsize=16, ttl=TTL_SECONDS, timer=time.monotonic)
_versions = itertools.count(1)
_lock = threading.Lock()  # cachetools caches are not thread-safe


def _load(session: Session) -> Reference:
    needs = [
        Need(*r)
        for r in session.execute(
            text("select id, code, name, usual_domain from taxonomy_term where taxonomy_id = :tax order by name"),
            {"tax": stable_uuid("taxonomy", NEEDS_TAXONOMY)},
        )
    ]
    munis = [
        Municipality(*r)
        for r in session.execute(text("select code, name, latitude, longitude from municipality order by name"))
    ]
    insurers = [Insurer(*r) for r in session.execute(text("select id, code, name from insurer order by lower(name)"))]
    return Reference(
        needs,
        munis,
        insurers,
        {n.id: n for n in needs},
        {m.code: m for m in munis},
        {i.code: i for i in insurers},
        next(_versions),
    )


_keys: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # engine -> its URL as text (~10 µs to render)


def get(session: Session) -> Reference:
    """The reference data of the session's database (read at most once per TTL_SECONDS per process)."""
    engine = session.get_bind().engine
    key = _keys.get(engine)
    if key is None:
        key = _keys[engine] = str(engine.url)
    with _lock:
        ref = _cache.get(key)
        if ref is None:
            ref = _cache[key] = _load(session)
        return ref


def clear() -> None:
    _cache.clear()
