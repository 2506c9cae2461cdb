"""Constraints guard the data even when code forgets to."""

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from tests import factories as f


def test_negative_wait_rejected(db):
    org = f.organization(db)
    sal = f.at_location(db, f.service(db, org), f.location(db, org))
    with pytest.raises(IntegrityError):
        with db.begin_nested():
            f.wait(db, sal, date(2026, 10, 1), registration=-2, treatment=3)


def test_one_observation_per_month_and_group_even_without_group(db):
    org = f.organization(db)
    sal = f.at_location(db, f.service(db, org), f.location(db, org))
    f.wait(db, sal, date(2026, 10, 1), registration=2, treatment=3)
    f.wait(db, sal, date(2026, 10, 1), registration=2, treatment=3, diagnosis="angst")
    with pytest.raises(IntegrityError):
        with db.begin_nested():
            f.wait(db, sal, date(2026, 10, 1), registration=4, treatment=5)  # null group counts as one value


def test_month_must_be_first_day(db):
    org = f.organization(db)
    sal = f.at_location(db, f.service(db, org), f.location(db, org))
    with pytest.raises(IntegrityError):
        with db.begin_nested():
            f.wait(db, sal, date(2026, 10, 15), registration=1, treatment=1)
