"""The compiled rule functions give exactly what walking the rule trees gives, NULLs included."""

import itertools
from datetime import date
from decimal import Decimal

from waitinfo.waits import expr as x
from waitinfo.waits import rules


def walk(node, env):
    """The tree-walking reading of a rule, as it was before the rules were compiled (the reference)."""
    match node:
        case x.Col(name) | x.Param(name):
            return x._num(env.get(name))
        case x.Lit(value):
            return x._num(value)
        case x.Cmp(op, left, right):
            a, b = walk(left, env), walk(right, env)
            return None if a is None or b is None else x._OPS[op](a, b)
        case x.In(operand, values):
            a = walk(operand, env)
            return None if a is None else a in values
        case x.Add(left, right):
            a, b = walk(left, env), walk(right, env)
            return None if a is None or b is None else a + b
        case x.IsNull(operand):
            return walk(operand, env) is None
        case x.Not(operand):
            a = walk(operand, env)
            return None if a is None else not a
        case x.And(parts):
            values = [walk(p, env) for p in parts]
            if any(v is False for v in values):
                return False
            return None if any(v is None for v in values) else True
        case x.Or(parts):
            values = [walk(p, env) for p in parts]
            if any(v is True for v in values):
                return True
            return None if any(v is None for v in values) else False
        case x.Case(whens, else_):
            for cond, value in whens:
                if walk(cond, env) is True:
                    return walk(value, env)
            return walk(else_, env)
        case x.Coalesce(parts):
            for p in parts:
                v = walk(p, env)
                if v is not None:
                    return v
            return None
    raise TypeError(node)


WEEKS = (None, 0, 3, 4, Decimal("4.5"), 10, 11, 14, 15.5, 30)
KINDS = ("ggz_basic", "ggz_specialist", "social", "poh_ggz", None)


def test_wait_rules_agree_with_the_trees_on_every_combination():
    nodes = [rules.verdict_expr(), rules.weeks_expr(), rules.at_least_weeks_expr(), rules.TOTAL_VERDICT]
    checked = 0
    for reg, treat, kind in itertools.product(WEEKS, WEEKS, KINDS):
        env = rules._env(reg, treat, kind or "ggz_basic")
        if kind is None:
            env["wait_kind"] = None
        for node in nodes:
            assert x.evaluate(node, env) == walk(node, env), (node, env)
            checked += 1
    assert checked == len(WEEKS) ** 2 * len(KINDS) * len(nodes)


def test_freshness_and_status_rules_agree_with_the_trees():
    today = date(2026, 12, 4)
    for month in (None, date(2026, 12, 1), date(2026, 11, 1), date(2026, 9, 1), date(2025, 1, 1)):
        for due_day in (None, 1, 15, 28):
            env = {"month": month, **rules.cycle(today, due_day).params}
            assert x.evaluate(rules.FRESHNESS, env) == walk(rules.FRESHNESS, env)
    statuses = ("active", "inactive", "defunct", None)
    for s, o in itertools.product(statuses, statuses):
        env = {"service_status": s, "organization_status": o}
        for node in (rules.PUBLISHED, rules.LISTED):
            assert x.evaluate(node, env) == walk(node, env)
    # Three-valued logic where it shows: NULL and TRUE is NULL, NULL or TRUE is TRUE, NOT NULL is NULL.
    col = x.Col("v")
    assert x.evaluate(col.eq(1) & x.Lit(True).eq(True), {"v": None}) is None
    assert x.evaluate(col.eq(1) | x.Lit(True).eq(True), {"v": None}) is True
    assert x.evaluate(~col.eq(1), {"v": None}) is None
