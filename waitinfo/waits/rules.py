"""One truth for every figure: what is published, which figure is current, how fresh it is and how it is judged.

Every rule is defined ONCE here as an expression tree (waitinfo.waits.expr) and read three ways: as a Python
function, as SQL text (the hand-written search statement) and as a SQLAlchemy expression (ORM queries). Search,
the detail page, the handout, the transfer table, the KPIs, HSDS, FHIR and /api/v1/wait-times all use these; a
property test (tests/core/test_rules_sql.py) checks that SQL and Python agree, boundaries included.

Definitions (docs/decisions/1300-one-truth-for-figures.md lists where each is used):

- published: the organisation is active (approved) and the service is active or inactive (not pending, not
  defunct). A pending service is nowhere public. `listed` (search) also needs the service to be active.
- current figure: per service-at-location and diagnosis group, the observation of the newest month
  (waitinfo.waits.repository.latest_waits_query); for a need, the current figure of the need's own diagnosis
  group first (in the order of search.service.NEED_DIAGNOSIS), else the general figure, else the longest.
- verdict: ggz waits against the Treeknorm (4 / 10 / 14 weeks); "incomplete" when one of registration and
  treatment wait is unknown (never within the norm, never summed as if the part were 0); POH-ggz and social-domain
  waits against their own configurable reference values.
- freshness: follows the delivery cycle. Figures for month M are due by day `figures_due_day` of M+1. A figure is
  "fresh" while it is for the latest month due or later, "stale" after that, "hidden" (out of the ranking) three
  cycles behind.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from waitinfo.core.clock import add_months, month_start
from waitinfo.core.settings import get_settings
from waitinfo.waits import expr as x

# National Treeknorm for ggz (weeks): fixed by law, not a setting.
REGISTRATION_NORM = 4
TREATMENT_NORM = 10
TOTAL_NORM = 14

GGZ_KINDS = ("ggz_basic", "ggz_specialist")
REGIONAL_KINDS = ("social", "poh_ggz")  # judged against their own reference values, one figure each


class Verdict(StrEnum):
    WITHIN = "within"
    OVER = "over"
    INCOMPLETE = "incomplete"  # one part known, the other unknown
    UNKNOWN = "unknown"  # no figure at all
    NOT_APPLICABLE = "not_applicable"  # offer without a wait


class Freshness(StrEnum):
    FRESH = "fresh"
    STALE = "stale"  # behind the delivery cycle: shown, marked, provider reminded
    HIDDEN = "hidden"  # three cycles behind: out of the ranking
    NONE = "none"  # never reported


def reference_weeks(wait_kind: str) -> Decimal | None:
    """The reference value (weeks) a POH-ggz or social-domain wait is judged against (settings)."""
    s = get_settings()
    value = {"social": s.social_reference_weeks, "poh_ggz": s.poh_ggz_reference_weeks}.get(wait_kind)
    return None if value is None else Decimal(str(value))


def reference_values() -> tuple[float, float]:
    """(POH-ggz, social domain) reference values: part of the key of anything that caches generated SQL."""
    s = get_settings()
    return (s.poh_ggz_reference_weeks, s.social_reference_weeks)


# --- the columns the rules read ---------------------------------------------------------------------------------
REG, TREAT, KIND, MONTH = x.Col("registration_weeks"), x.Col("treatment_weeks"), x.Col("wait_kind"), x.Col("month")
SERVICE_STATUS, ORGANIZATION_STATUS = x.Col("service_status"), x.Col("organization_status")
FRESH_FROM, RANKED_FROM = x.Param("fresh_from"), x.Param("ranked_from")

PUBLISHED_SERVICE_STATUSES = ("active", "inactive")

# published (detail page, HSDS, FHIR, wait-time API) / listed (search): approved and not defunct
SERVICE_PUBLISHED = SERVICE_STATUS.in_(PUBLISHED_SERVICE_STATUSES)
ORGANIZATION_PUBLISHED = ORGANIZATION_STATUS.eq("active")
PUBLISHED = SERVICE_PUBLISHED & ORGANIZATION_PUBLISHED
LISTED = SERVICE_STATUS.eq("active") & ORGANIZATION_PUBLISHED


def _part(weeks: x.Node, norm) -> x.Case:
    return x.case((weeks.is_null(), Verdict.UNKNOWN.value), (weeks <= norm, Verdict.WITHIN.value), else_="over")


REGISTRATION_VERDICT = _part(REG, REGISTRATION_NORM)
TREATMENT_VERDICT = _part(TREAT, TREATMENT_NORM)
# The total line of a ggz figure (the sum against 14 weeks); no total when a part is unknown.
TOTAL_VERDICT = x.case(
    (REG.is_null() & TREAT.is_null(), Verdict.UNKNOWN.value),
    (REG.is_null() | TREAT.is_null(), Verdict.INCOMPLETE.value),
    (REG + TREAT <= TOTAL_NORM, Verdict.WITHIN.value),
    else_=Verdict.OVER.value,
)


def verdict_expr() -> x.Case:
    """The verdict of a figure (Verdict values) from its parts and the kind of wait. One tree per set of reference
    values, so its compiled Python reading (x.compiled, cached per tree) is made once."""
    return _verdict_expr(reference_values())


@lru_cache(maxsize=16)
def _verdict_expr(references: tuple) -> x.Case:
    regional = [
        (KIND.eq(kind), x.case((REG.is_null(), "unknown"), (REG <= reference_weeks(kind), "within"), else_="over"))
        for kind in REGIONAL_KINDS
    ]
    return x.case(
        (KIND.eq("none"), Verdict.NOT_APPLICABLE.value),
        *regional,
        (REG.is_null() & TREAT.is_null(), Verdict.UNKNOWN.value),
        (REG.is_null() | TREAT.is_null(), Verdict.INCOMPLETE.value),
        ((REG > REGISTRATION_NORM) | (TREAT > TREATMENT_NORM) | (REG + TREAT > TOTAL_NORM), Verdict.OVER.value),
        else_=Verdict.WITHIN.value,
    )


@lru_cache(maxsize=1)
def weeks_expr() -> x.Case:
    """The wait in weeks that filters and ranks: the total for ggz (NULL when a part is unknown: never a sum
    with 0), the one figure for POH-ggz and social domain."""
    return x.case((KIND.in_(REGIONAL_KINDS), REG), else_=REG + TREAT)


@lru_cache(maxsize=1)
def at_least_weeks_expr() -> x.Coalesce:
    """What is known of the wait at least: the total, else the known part (orders incomplete figures among
    themselves; they rank after complete ones)."""
    return x.coalesce(weeks_expr(), REG, TREAT)


# An offer confirmation (service.assured_date) is current when given in the latest month due or later: the same
# cycle as the figures, counted apart from them (KPI 33).
ASSURED = x.Col("assured_date")
CONFIRMATION_CURRENT = ASSURED.not_null() & (ASSURED >= FRESH_FROM)

FRESHNESS = x.case(
    (MONTH.is_null(), Freshness.NONE.value),
    (MONTH >= FRESH_FROM, Freshness.FRESH.value),
    (MONTH >= RANKED_FROM, Freshness.STALE.value),
    else_=Freshness.HIDDEN.value,
)


# --- the delivery cycle ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cycle:
    """Where `today` stands in the monthly delivery cycle."""

    today: date
    due_day: int
    fresh_from: date  # the latest month whose figures are due: figures for it or later are fresh
    ranked_from: date  # the oldest month still ranked (two cycles behind); older is hidden

    @property
    def params(self) -> dict:
        return {"fresh_from": self.fresh_from, "ranked_from": self.ranked_from}


def due_date(month: date, due_day: int | None = None) -> date:
    """The day by which the figures for `month` are due (day `due_day` of the next month)."""
    day = due_day or get_settings().figures_due_day
    return add_months(month_start(month), 1).replace(day=max(1, min(day, 28)))


def cycle(today: date, due_day: int | None = None) -> Cycle:
    day = max(1, min(due_day or get_settings().figures_due_day, 28))
    this_month = month_start(today)
    latest_due = add_months(this_month, -1) if today.day > day else add_months(this_month, -2)
    return Cycle(today, day, latest_due, add_months(latest_due, -2))


MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def due_text(month: date, today: date, due_day: int | None = None) -> str:
    """The text "cijfer over november; december verwacht uiterlijk 10 januari" (the next figure and when it is due)."""
    nxt = add_months(month_start(month), 1)
    due = due_date(nxt, due_day)
    verb = "verwacht" if due >= today else "was verwacht"
    return (
        f"cijfer over {MONTHS_NL[month.month - 1]}; {MONTHS_NL[nxt.month - 1]} {verb} uiterlijk {due.day} "
        + (MONTHS_NL[due.month - 1])
    )


# --- Python readings ----------------------------------------------------------------------------------------------
def _env(registration, treatment, wait_kind) -> dict:
    return {"registration_weeks": registration, "treatment_weeks": treatment, "wait_kind": wait_kind}


# The readings are pure functions of their arguments (and of the reference values, part of the key): a search page
# asks for some 25 x 4 verdicts of a few hundred distinct figures, and walking the tree each time cost ~2 ms a page.
@lru_cache(maxsize=8192)
def _verdict(registration, treatment, wait_kind: str, references: tuple) -> Verdict:
    return Verdict(x.evaluate(verdict_expr(), _env(registration, treatment, wait_kind)))


def verdict(registration, treatment, wait_kind: str = "ggz_basic") -> Verdict:
    return _verdict(registration, treatment, wait_kind, reference_values())


@lru_cache(maxsize=4096)
def part_verdict(part: str, weeks) -> Verdict:
    node = REGISTRATION_VERDICT if part == "registration" else TREATMENT_VERDICT
    return Verdict(x.evaluate(node, {part + "_weeks": weeks}))


@lru_cache(maxsize=4096)
def total_verdict(registration, treatment) -> Verdict:
    return Verdict(x.evaluate(TOTAL_VERDICT, _env(registration, treatment, "ggz_basic")))


def weeks(registration, treatment, wait_kind: str = "ggz_basic") -> Decimal | None:
    return x.evaluate(weeks_expr(), _env(registration, treatment, wait_kind))


def at_least_weeks(registration, treatment, wait_kind: str = "ggz_basic") -> Decimal | None:
    return x.evaluate(at_least_weeks_expr(), _env(registration, treatment, wait_kind))


def over_norm(v: Verdict) -> bool | None:
    """The API's `over_norm`: true / false for a complete figure, null when incomplete or unknown."""
    return {Verdict.OVER: True, Verdict.WITHIN: False}.get(v)


def figure_freshness(month: date | None, today: date, due_day: int | None = None) -> Freshness:
    return Freshness(x.evaluate(FRESHNESS, {"month": month, **cycle(today, due_day).params}))


def confirmation_current(assured_date: date | None, today: date, due_day: int | None = None) -> bool:
    env = {"assured_date": assured_date, **cycle(today, due_day).params}
    return x.evaluate(CONFIRMATION_CURRENT, env) is True


def is_published(service_status: str | None, organization_status: str | None) -> bool:
    return x.evaluate(PUBLISHED, {"service_status": service_status, "organization_status": organization_status}) is True


def is_listed(service_status: str | None, organization_status: str | None) -> bool:
    return x.evaluate(LISTED, {"service_status": service_status, "organization_status": organization_status}) is True


def current_figure_key(diagnosis_group_id, month: date, registration, treatment, wait_kind: str, preferred=()):
    """Sort key choosing the figure a location leads with, among its current figures (one per diagnosis group):
    the need's own groups in their order, then the general figure, then the newest and longest. The search SQL
    (search.sql.WAIT) chooses in the same order."""
    if diagnosis_group_id is not None and diagnosis_group_id in preferred:
        rank = list(preferred).index(diagnosis_group_id)
    else:
        rank = 1000 if diagnosis_group_id is None else 2000
    longest = at_least_weeks(registration, treatment, wait_kind)
    return (rank, -month.toordinal(), longest is None, -(longest or 0))


# --- SQL readings -----------------------------------------------------------------------------------------------
def sql(node: x.Node, **columns: str) -> str:
    """SQL text of a rule with its columns named (e.g. registration_weeks="w.registration_weeks")."""
    return x.to_sql(node, columns)


def sa(node: x.Node, params: dict | None = None, **columns):
    """A SQLAlchemy expression of a rule with its columns given as column expressions."""
    return x.to_sa(node, columns, params)
