"""The Excel template round trip on real-looking demo providers: download, import unchanged, nothing changes."""

import pytest
from sqlmodel import select

from tests.portal.test_upload import _state
from waitinfo.accounts.models import AuditLog
from waitinfo.catalogue.models import Organization
from waitinfo.imports.service import run_import
from waitinfo.portal import template


@pytest.mark.parametrize("slug", ["ggz-reggedal-fictief", "eetstoornissenkliniek-de-esch-fictief"])
def test_demo_template_round_trip(demo_db, slug):
    org = demo_db.exec(select(Organization).where(Organization.slug == slug)).one()
    raw = template.workbook(demo_db, org)
    before = _state(demo_db, org)
    audits = len(demo_db.exec(select(AuditLog)).all())
    report = run_import(
        demo_db,
        organization_name_or_id=org.id,
        raw=raw,
        source="sjabloon.xlsx",
        kind="offer",
        triggered_by="portal",
        actor="user:test@waitinfo.example",
    )
    assert report.rows_rejected == 0, report.errors
    demo_db.expire_all()
    after = _state(demo_db, org)
    for b, a in zip(before[0], after[0], strict=True):
        assert {k: (v, a[k]) for k, v in b.items() if a[k] != v} == {}, b["name"]
    assert after == before
    new = demo_db.exec(select(AuditLog)).all()[audits:]
    assert [e for e in new if e.action == "update"] == []
