"""Fixtures for the open-API tests: a small catalogue from factories, and the official HSDS validators."""

import json
import lzma
from datetime import date, time
from decimal import Decimal
from functools import lru_cache

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests import factories as fx
from tests.conftest import ROOT
from waitinfo.catalogue.models import Schedule
from waitinfo.reference.ids import stable_uuid
from waitinfo.waits.models import IntakeStop, ServiceCapacity

# The official schemas, vendored (CC BY-SA 4.0, see tests/vendor/hsds-3.0/README.md); compiled ones xz-compressed.
HSDS = ROOT / "tests" / "vendor" / "hsds-3.0"
HSDS31 = ROOT / "tests" / "vendor" / "hsds-3.1-dev"


def _retrieve(name: str) -> Resource:
    """Load a schema when first referenced: "compiled/service.json" alone is ~2 MB of JSON."""
    if name.startswith("compiled/"):
        text = lzma.decompress((HSDS / f"{name}.xz").read_bytes()).decode()
    else:
        path = HSDS / name if (HSDS / name).is_file() else HSDS31 / name
        text = path.read_text()
    return Resource(json.loads(text), specification=DRAFT202012)


@lru_cache
def _registry() -> Registry:
    return Registry(retrieve=_retrieve)


@lru_cache
def hsds_validator(name: str) -> Draft202012Validator:
    """Validator for an official schema, e.g. "compiled/service.json", "taxonomy.json" or "service_capacity.json"."""
    resource = _retrieve(name)
    registry = _registry().with_resource(name, resource)
    return Draft202012Validator(resource.contents, registry=registry, format_checker=FormatChecker())


def assert_hsds(obj: dict, name: str) -> None:
    errors = sorted(hsds_validator(name).iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, f"{name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def catalogue(db):
    """Two providers, three services, waits with method and reference date, hours, capacity, an intake stop."""
    org = fx.organization(
        db,
        "Praktijk De Linde (fictief)",
        kind="specialist_ggz",
        agb_code="94001234",
        email="info@delinde.example",
        phone="053-0000000",
        website="https://delinde.example",
    )
    other = fx.organization(db, "Welzijn Oost (fictief)", kind="welfare")
    loc = fx.location(db, org, "GM0153", address_1="Voorbeeldstraat 1", postal_code="7511 AA")
    loc2 = fx.location(db, other, "GM0141")
    svc = fx.service(
        db,
        org,
        "Behandeling angst",
        needs=("angst",),
        areas=("GM0153", "GM0164"),
        wait_kind="ggz_specialist",
        description="Kortdurende behandeling bij angstklachten.",
        phone="053-0000001",
        assured_date=date(2026, 11, 1),
        referral_required=True,
    )
    social = fx.service(
        db,
        other,
        "Maatschappelijk werk",
        needs=("stress",),
        domain="social",
        kind="consultation",
        wait_kind="social",
        cost="free",
    )
    hidden = fx.service(db, org, "Nog niet goedgekeurd", status="pending")
    sal = fx.at_location(db, svc, loc)
    sal2 = fx.at_location(db, social, loc2)
    fx.at_location(db, hidden, loc)
    fx.wait(db, sal, date(2026, 9, 1), 3, 8, diagnosis="angst", method="realised", reference_date=date(2026, 9, 30))
    fx.wait(
        db,
        sal,
        date(2026, 10, 1),
        5,
        9.5,
        diagnosis="angst",
        method="current",
        reference_date=date(2026, 10, 31),
        waiting_count=12,
        intake_within_norm=7,
        intake_outside_norm=2,
    )
    fx.wait(db, sal2, date(2026, 10, 1), 2, None, method="realised", reference_date=date(2026, 10, 15))
    db.add(Schedule(service_id=svc.id, byday="MO,WE", opens_at=time(9), closes_at=time(17)))
    db.add(Schedule(location_id=loc2.id, byday="FR", opens_at=time(10), closes_at=time(12)))
    db.add(
        ServiceCapacity(
            service_id=svc.id,
            unit_id=stable_uuid("unit", "intake_slots_week"),
            available=Decimal("2"),
            maximum=Decimal("6"),
            description="Intakeplekken per week",
        )
    )
    db.add(IntakeStop(service_id=social.id, starts_on=date(2026, 1, 1), reason="Wachtlijst vol"))
    db.flush()
    return {
        "org": org,
        "other": other,
        "loc": loc,
        "loc2": loc2,
        "svc": svc,
        "social": social,
        "hidden": hidden,
        "sal": sal,
        "sal2": sal2,
    }
