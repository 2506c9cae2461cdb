"""Helpers for import tests: read a sample, import it, and query what was stored."""

from decimal import Decimal

import pytest
from sqlalchemy import text

from tests.conftest import SHARED
from tests.fixtures import fixture
from waitinfo.imports.service import run_import

SAMPLES = SHARED / "samples"
NO_SAMPLES = "../shared/samples is absent (a clone on its own); tests/fixtures covers the same quirks"


def sample(name: str) -> bytes:
    """A file of the team's shared samples; the calling test skips when ../shared is not beside the clone."""
    if not (SAMPLES / name).is_file():
        pytest.skip(NO_SAMPLES)
    return (SAMPLES / name).read_bytes()


def import_sample(db, name: str, provider: str, **kw):
    """As the operator's CLI would (trusted); inventories of several organisations need multi_organisation."""
    kw.setdefault("trusted", True)
    return run_import(db, organization_name_or_id=provider, raw=sample(name), source=name, **kw)


def import_fixture(db, name: str, provider: str, **kw):
    """Import one of the project's own provider files (tests/fixtures)."""
    return run_import(db, organization_name_or_id=provider, raw=fixture(name), source=name, **kw)


def issues(report, kind: str = "errors") -> list[tuple]:
    return [(i.line, i.field, i.message) for i in getattr(report, kind)]


def rows(db, sql: str, **params) -> list[tuple]:
    return [tuple(r) for r in db.execute(text(sql), params).all()]


def waits_of(db, org_slug: str) -> list[tuple]:
    """(location, postcode, municipality, service, wait kind, diagnosis code, month, reg, reg text, treat,
    treat text, waiting count, method, reference date) ordered for comparison."""
    return rows(
        db,
        """
        select l.name, l.postal_code, l.municipality_code, s.name, s.wait_kind, t.code, w.month,
               w.registration_weeks, w.registration_text, w.treatment_weeks, w.treatment_text, w.waiting_count,
               w.method, w.reference_date
        from wait_time w join service_at_location sal on sal.id = w.service_at_location_id
        join location l on l.id = sal.location_id join service s on s.id = sal.service_id
        join organization o on o.id = s.organization_id left join taxonomy_term t on t.id = w.diagnosis_group_id
        where o.slug = :slug order by l.name, s.name, t.code""",
        slug=org_slug,
    )


def D(x) -> Decimal:
    return Decimal(str(x))


def scratch_database(server_url: str, prefix: str):
    """A committed, migrated database of its own for tests that run the CLI in subprocesses."""
    from contextlib import contextmanager

    from tests import db_setup
    from waitinfo.core.migrate import upgrade

    @contextmanager
    def scope():
        name = db_setup.unique_name(prefix)
        url = db_setup.create_database(server_url, name)
        try:
            upgrade(url)
            yield url
        finally:
            db_setup.drop_database(server_url, name)

    return scope()


def subprocess_env(url: str) -> dict:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("WAITINFO_")}
    env["WAITINFO_DATABASE_URL"] = url
    env["PYTHONUNBUFFERED"] = "1"
    return env
