"""A very small expression language for the rules of waitinfo.waits.rules.

Each rule is written once as a tree of these nodes and then
- evaluated in Python (`evaluate(node, env)`), with SQL's NULL semantics (None is NULL, three-valued logic),
- rendered as SQL text (`to_sql(node, columns)`) for the hand-written search statement, and
- built as a SQLAlchemy expression (`to_sa(node, columns)`) for the ORM queries.

So the Python verdict and the SQL verdict cannot drift apart: they are two readings of the same tree.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

import sqlalchemy as sa


class Node:
    def __and__(self, other):
        return And((self, other))

    def __or__(self, other):
        return Or((self, other))

    def __invert__(self):
        return Not(self)

    def __add__(self, other):
        return Add(self, _wrap(other))

    def __gt__(self, other):
        return Cmp(">", self, _wrap(other))

    def __ge__(self, other):
        return Cmp(">=", self, _wrap(other))

    def __lt__(self, other):
        return Cmp("<", self, _wrap(other))

    def __le__(self, other):
        return Cmp("<=", self, _wrap(other))

    def eq(self, other):
        return Cmp("=", self, _wrap(other))

    def ne(self, other):
        return Cmp("<>", self, _wrap(other))

    def in_(self, values):
        return In(self, tuple(values))

    def is_null(self):
        return IsNull(self)

    def not_null(self):
        return Not(IsNull(self))


@dataclass(frozen=True, eq=False)
class Col(Node):
    name: str


@dataclass(frozen=True, eq=False)
class Param(Node):
    """A value known only when the statement runs (e.g. the month of figures last due): a bind parameter."""

    name: str


@dataclass(frozen=True, eq=False)
class Lit(Node):
    value: object


@dataclass(frozen=True, eq=False)
class Cmp(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, eq=False)
class In(Node):
    operand: Node
    values: tuple


@dataclass(frozen=True, eq=False)
class Add(Node):
    left: Node
    right: Node


@dataclass(frozen=True, eq=False)
class IsNull(Node):
    operand: Node


@dataclass(frozen=True, eq=False)
class Not(Node):
    operand: Node


@dataclass(frozen=True, eq=False)
class And(Node):
    parts: tuple


@dataclass(frozen=True, eq=False)
class Or(Node):
    parts: tuple


@dataclass(frozen=True, eq=False)
class Case(Node):
    whens: tuple  # ((condition, value), ...)
    else_: Node


@dataclass(frozen=True, eq=False)
class Coalesce(Node):
    parts: tuple


def _wrap(v) -> Node:
    return v if isinstance(v, Node) else Lit(v)


def case(*whens, else_=None) -> Case:
    return Case(tuple((c, _wrap(v)) for c, v in whens), _wrap(else_))


def coalesce(*parts) -> Coalesce:
    return Coalesce(tuple(_wrap(p) for p in parts))


# --- Python ---------------------------------------------------------------------------------------------------
_OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
}


def _num(v):
    if isinstance(v, float | int) and not isinstance(v, bool):
        return Decimal(str(v))
    return v


def evaluate(node: Node, env: dict):
    """The value of `node` with columns and parameters from `env`, NULL (None) propagating as in SQL."""
    return compiled(node)(env)


@lru_cache(maxsize=512)
def compiled(node: Node):
    """`node` as a Python function of the environment: the tree is walked once, not on every evaluation (a search
    page evaluates the verdict, freshness and due rules for every result; walking the trees each time cost ~0.3
    ms a page). Same semantics as the tree, NULL propagating as in SQL (tests/core/test_rules_sql.py)."""
    match node:
        case Col(name) | Param(name):
            return lambda env: _num(env.get(name))
        case Lit(value):
            constant = _num(value)
            return lambda env: constant
        case Cmp(op, left, right):
            fa, fb, fn = compiled(left), compiled(right), _OPS[op]

            def cmp(env):
                a = fa(env)
                if a is None:
                    return None
                b = fb(env)
                return None if b is None else fn(a, b)

            return cmp
        case In(operand, values):
            fa = compiled(operand)

            def in_(env):
                a = fa(env)
                return None if a is None else a in values

            return in_
        case Add(left, right):
            fa, fb = compiled(left), compiled(right)

            def add(env):
                a, b = fa(env), fb(env)
                return None if a is None or b is None else a + b

            return add
        case IsNull(operand):
            fa = compiled(operand)
            return lambda env: fa(env) is None
        case Not(operand):
            fa = compiled(operand)

            def not_(env):
                a = fa(env)
                return None if a is None else not a

            return not_
        case And(parts):
            return _connective(parts, decisive=False)
        case Or(parts):
            return _connective(parts, decisive=True)
        case Case(whens, else_):
            branches = tuple((compiled(c), compiled(v)) for c, v in whens)
            otherwise = compiled(else_)

            def case_(env):
                for cond, value in branches:
                    if cond(env) is True:
                        return value(env)
                return otherwise(env)

            return case_
        case Coalesce(parts):
            fs = tuple(compiled(p) for p in parts)

            def coalesce_(env):
                for f in fs:
                    v = f(env)
                    if v is not None:
                        return v
                return None

            return coalesce_
    raise TypeError(f"not an expression: {node!r}")


def _connective(parts: tuple, decisive: bool):
    """AND (decisive False) or OR (decisive True) in three-valued logic: the decisive value wins, else NULL when
    any part is NULL, else the other value."""
    fs = tuple(compiled(p) for p in parts)

    def connective(env):
        unknown = False
        for f in fs:
            v = f(env)
            if v is decisive:
                return decisive
            unknown = unknown or v is None
        return None if unknown else not decisive

    return connective


# --- SQL text -------------------------------------------------------------------------------------------------
def _literal_sql(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, date):
        return f"date '{value.isoformat()}'"
    text = str(value).replace("'", "''")
    return f"'{text}'"


def to_sql(node: Node, columns: dict[str, str]) -> str:
    """SQL text; `columns` maps each column name to its SQL (e.g. "w.registration_weeks"); Param -> :name."""

    def r(n: Node) -> str:
        match n:
            case Col(name):
                return columns[name]
            case Param(name):
                return f":{name}"
            case Lit(value):
                return _literal_sql(value)
            case Cmp(op, left, right):
                return f"{r(left)} {op} {r(right)}"
            case In(operand, values):
                return f"{r(operand)} in ({', '.join(_literal_sql(v) for v in values)})"
            case Add(left, right):
                return f"({r(left)} + {r(right)})"
            case IsNull(operand):
                return f"{r(operand)} is null"
            case Not(operand):
                return f"not ({r(operand)})"
            case And(parts):
                return "(" + " and ".join(r(p) for p in parts) + ")"
            case Or(parts):
                return "(" + " or ".join(r(p) for p in parts) + ")"
            case Case(whens, else_):
                body = " ".join(f"when {r(c)} then {r(v)}" for c, v in whens)
                return f"case {body} else {r(else_)} end"
            case Coalesce(parts):
                return f"coalesce({', '.join(r(p) for p in parts)})"
        raise TypeError(f"not an expression: {n!r}")

    return r(node)


# --- SQLAlchemy -----------------------------------------------------------------------------------------------
def to_sa(node: Node, columns: dict, params: dict | None = None):
    """A SQLAlchemy expression; `columns` maps column names to column expressions, `params` gives Param values
    (bound as literals of the statement)."""
    params = params or {}

    def r(n: Node):
        match n:
            case Col(name):
                return columns[name]
            case Param(name):
                return sa.literal(params[name])
            case Lit(value):
                return sa.null() if value is None else sa.literal(value)
            case Cmp(op, left, right):
                a, b = r(left), r(right)
                return {
                    ">": a > b,
                    ">=": a >= b,
                    "<": a < b,
                    "<=": a <= b,
                    "=": a == b,
                    "<>": a != b,
                }[op]
            case In(operand, values):
                return r(operand).in_(values)
            case Add(left, right):
                return r(left) + r(right)
            case IsNull(operand):
                return r(operand).is_(None)
            case Not(operand):
                return sa.not_(r(operand))
            case And(parts):
                return sa.and_(*(r(p) for p in parts))
            case Or(parts):
                return sa.or_(*(r(p) for p in parts))
            case Case(whens, else_):
                return sa.case(*((r(c), r(v)) for c, v in whens), else_=r(else_))
            case Coalesce(parts):
                return sa.func.coalesce(*(r(p) for p in parts))
        raise TypeError(f"not an expression: {n!r}")

    return r(node)
