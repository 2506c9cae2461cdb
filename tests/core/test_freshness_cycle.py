"""Freshness follows the monthly delivery cycle: figures for month M are due by day 10 of M+1."""

from datetime import date

import pytest

from waitinfo.core import clock
from waitinfo.waits import rules
from waitinfo.waits.rules import Freshness

NOV, OCT, SEP, AUG, DEC = date(2026, 11, 1), date(2026, 10, 1), date(2026, 9, 1), date(2026, 8, 1), date(2026, 12, 1)


@pytest.mark.parametrize(
    ("today", "month", "expected"),
    [
        # November's figures are due by 10 December: an October figure stays current up to and including the 10th.
        (date(2026, 12, 2), OCT, Freshness.FRESH),
        (date(2026, 12, 9), OCT, Freshness.FRESH),
        (date(2026, 12, 10), OCT, Freshness.FRESH),
        (date(2026, 12, 11), OCT, Freshness.STALE),
        (date(2026, 12, 11), NOV, Freshness.FRESH),
        (date(2026, 12, 11), DEC, Freshness.FRESH),  # ahead of the cycle is current too
        (date(2026, 12, 10), SEP, Freshness.STALE),
        (date(2026, 12, 10), AUG, Freshness.STALE),  # two cycles behind: still ranked
        (date(2026, 12, 11), AUG, Freshness.HIDDEN),  # three cycles behind: out of the ranking
        (date(2026, 12, 11), SEP, Freshness.STALE),
        (date(2027, 1, 10), NOV, Freshness.FRESH),
        (date(2027, 1, 11), NOV, Freshness.STALE),
        (date(2026, 12, 11), None, Freshness.NONE),
    ],
)
def test_days_around_the_due_date(today, month, expected):
    assert rules.figure_freshness(month, today) == expected


def test_due_day_is_a_setting(monkeypatch):
    from waitinfo.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "figures_due_day", 15)
    assert rules.figure_freshness(OCT, date(2026, 12, 14)) == Freshness.FRESH
    assert rules.figure_freshness(OCT, date(2026, 12, 16)) == Freshness.STALE
    assert rules.due_date(NOV) == date(2026, 12, 15)


def test_due_text():
    assert rules.due_text(NOV, date(2026, 12, 20)) == "cijfer over november; december verwacht uiterlijk 10 januari"
    assert rules.due_text(OCT, date(2026, 12, 20)) == "cijfer over oktober; november was verwacht uiterlijk 10 december"


def test_today_is_injectable():
    with clock.frozen(date(2026, 12, 11)):
        assert clock.today() == date(2026, 12, 11)
        assert rules.figure_freshness(OCT, clock.today()) == Freshness.STALE
    assert clock._fixed is None
