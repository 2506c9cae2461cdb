"""The shared rules (waitinfo.waits.rules) read as Python, as SQL text and as SQLAlchemy agree on every figure."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from waitinfo.core.clock import add_months
from waitinfo.waits import rules

WEEKS = st.one_of(
    st.none(),
    st.sampled_from([Decimal(v) for v in ("0", "3.9", "4", "4.1", "6", "6.1", "9.9", "10", "10.1", "14", "14.1")]),
    st.decimals(min_value=0, max_value=60, places=1, allow_nan=False, allow_infinity=False),
)
KINDS = st.sampled_from(["ggz_basic", "ggz_specialist", "poh_ggz", "social", "none"])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_COLUMNS = dict(registration_weeks="v.reg", treatment_weeks="v.treat", wait_kind="v.kind", month="v.month")


def _sql_row(db, reg, treat, kind, month, params):
    stmt = (
        f"select {rules.sql(rules.verdict_expr(), **_COLUMNS)} as verdict, "
        f"{rules.sql(rules.weeks_expr(), **_COLUMNS)} as weeks, "
        f"{rules.sql(rules.at_least_weeks_expr(), **_COLUMNS)} as at_least, "
        f"{rules.sql(rules.FRESHNESS, **_COLUMNS)} as freshness, "
        f"{rules.sql(rules.TOTAL_VERDICT, **_COLUMNS)} as total, "
        f"coalesce({rules.sql(rules.CONFIRMATION_CURRENT, assured_date='v.month')}, false) as confirmed "
        "from (select cast(:reg as numeric(5,1)) as reg, cast(:treat as numeric(5,1)) as treat, "
        "cast(:kind as text) as kind, cast(:month as date) as month) v"
    )
    return db.execute(text(stmt), dict(reg=reg, treat=treat, kind=kind, month=month, **params)).one()


def _sa_row(db, reg, treat, kind, month, params):
    cols = dict(
        registration_weeks=sa.cast(sa.literal(reg, sa.Numeric), sa.Numeric(5, 1)),
        treatment_weeks=sa.cast(sa.literal(treat, sa.Numeric), sa.Numeric(5, 1)),
        wait_kind=sa.cast(sa.literal(kind), sa.Text),
        month=sa.cast(sa.literal(month, sa.Date), sa.Date),
    )
    return db.execute(
        sa.select(
            rules.sa(rules.verdict_expr(), **cols),
            rules.sa(rules.weeks_expr(), **cols),
            rules.sa(rules.FRESHNESS, params, **cols),
        )
    ).one()


@SETTINGS
@given(reg=WEEKS, treat=WEEKS, kind=KINDS, months_back=st.one_of(st.none(), st.integers(-2, 8)))
@example(reg=Decimal("4"), treat=Decimal("10"), kind="ggz_basic", months_back=0)
@example(reg=Decimal("4"), treat=Decimal("10.1"), kind="ggz_basic", months_back=3)
@example(reg=Decimal("3"), treat=None, kind="ggz_specialist", months_back=2)
@example(reg=Decimal("6"), treat=None, kind="social", months_back=1)
@example(reg=Decimal("4"), treat=None, kind="poh_ggz", months_back=None)
def test_sql_and_python_agree(db, reg, treat, kind, months_back):
    today = date(2026, 12, 3)
    cycle = rules.cycle(today)
    month = None if months_back is None else add_months(cycle.fresh_from, -months_back)
    py = (
        rules.verdict(reg, treat, kind).value,
        rules.weeks(reg, treat, kind),
        rules.at_least_weeks(reg, treat, kind),
        rules.figure_freshness(month, today).value,
        rules.total_verdict(reg, treat).value,
        rules.confirmation_current(month, today),  # a confirmation on that date: the same cycle
    )
    row = _sql_row(db, reg, treat, kind, month, cycle.params)
    assert tuple(row) == py
    assert tuple(_sa_row(db, reg, treat, kind, month, cycle.params)) == (py[0], py[1], py[3])


@pytest.mark.parametrize(
    ("service", "org", "published", "listed"),
    [
        ("active", "active", True, True),
        ("inactive", "active", True, False),
        ("pending", "active", False, False),
        ("defunct", "active", False, False),
        ("active", "pending", False, False),
        ("active", "defunct", False, False),
        (None, "active", False, False),
    ],
)
def test_published_sql_and_python_agree(db, service, org, published, listed):
    cols = dict(service_status="v.s", organization_status="v.o")
    row = db.execute(
        text(
            f"select {rules.sql(rules.PUBLISHED, **cols)}, {rules.sql(rules.LISTED, **cols)} "
            "from (select cast(:s as text) as s, cast(:o as text) as o) v"
        ),
        {"s": service, "o": org},
    ).one()
    assert (bool(row[0]), bool(row[1])) == (published, listed)
    assert (rules.is_published(service, org), rules.is_listed(service, org)) == (published, listed)


def test_boundaries_by_hand():
    V = rules.Verdict
    assert rules.verdict(4, 10) == V.WITHIN  # 4 + 10 = 14: exactly the norm is within
    assert rules.verdict(Decimal("4.1"), 9) == V.OVER
    assert rules.verdict(3, Decimal("10.1")) == V.OVER
    assert rules.verdict(3, None) == V.INCOMPLETE  # never within when a part is unknown
    assert rules.verdict(30, None) == V.INCOMPLETE
    assert rules.weeks(3, None) is None  # never summed as if the part were 0
    assert rules.at_least_weeks(3, None) == 3
    assert rules.verdict(None, None) == V.UNKNOWN
    assert rules.verdict(6, None, "social") == V.WITHIN and rules.verdict(Decimal("6.1"), None, "social") == V.OVER
    assert rules.verdict(4, None, "poh_ggz") == V.WITHIN and rules.verdict(5, None, "poh_ggz") == V.OVER
    assert rules.over_norm(V.INCOMPLETE) is None and rules.over_norm(V.OVER) is True


def test_poh_and_social_reference_values_are_their_own(monkeypatch):
    from waitinfo.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "poh_ggz_reference_weeks", 2.0)
    assert rules.verdict(3, None, "poh_ggz") == rules.Verdict.OVER
    assert rules.verdict(3, None, "social") == rules.Verdict.WITHIN  # the social value did not move
    assert rules.verdict(3, 1, "ggz_basic") == rules.Verdict.WITHIN  # nor the Treeknorm
