"""The Treeknorm and freshness rules on known values."""

from datetime import date

from waitinfo.core.export import csv_bytes, safe_cell
from waitinfo.waits.treeknorm import Freshness, Judgement, freshness, verdict


def test_within_and_over():
    v = verdict(4, 10)
    assert (v.registration, v.treatment, v.total) == (Judgement.WITHIN,) * 3
    v = verdict(5, 9)
    assert v.registration == Judgement.OVER and v.total == Judgement.WITHIN and v.over
    v = verdict(3, 12)
    assert v.total == Judgement.OVER


def test_unknown_is_never_zero():
    v = verdict(None, None)
    assert v.total == Judgement.UNKNOWN and v.total_weeks is None and not v.over
    # One part unknown: incomplete, never within and never a total, even when the known part is over.
    v = verdict(6, None)
    assert v.total == Judgement.INCOMPLETE and v.registration == Judgement.OVER and v.total_weeks is None
    assert v.incomplete and not v.over


def test_social_waits_use_regional_norm():
    assert verdict(6, None, "social").total == Judgement.WITHIN
    assert verdict(7, None, "social").total == Judgement.OVER


def test_freshness():
    today = date(2026, 11, 23)
    assert freshness(None, today) == Freshness.NONE
    assert freshness(date(2026, 11, 1), today) == Freshness.FRESH
    assert freshness(date(2026, 10, 1), today) == Freshness.STALE
    assert freshness(date(2026, 8, 1), today) == Freshness.HIDDEN


def test_export_escapes_formulas():
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell("-2") == "'-2"
    assert safe_cell(-2) == -2
    data = csv_bytes(["a"], [["@SUM(A1)"], ["+31"]]).decode("utf-8-sig")
    assert "'@SUM(A1)" in data and "'+31" in data
