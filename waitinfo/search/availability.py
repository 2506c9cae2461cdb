"""Fit and availability rules of a search result, each written once: the SQL expression and the Python check.

- level of care (POH-ggz, basis-ggz, specialistische ggz, sociaal domein) and kind of offer (behandeling, groep,
  inloop, online, advies): the search filters;
- age: a service whose age limits exclude the person is left out;
- availability: an offer is not "beschikbaar" when its intake is stopped, a group has no free places (and no rolling
  intake), the chosen insurer's ceiling is reached, or a crisis offer cannot be phoned;
- whether a wait applies: only walk-in and direct-contact offers have "geen wachttijd van toepassing"; a group's
  next start date counts as its wait.

The SQL expressions read the columns of the search's `ranked` rows (alias r); tests/search/test_availability.py checks
the Python rules against the SQL on the same rows.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

# Offer with no wait: walk in or make direct contact.
NO_WAIT_KINDS = ("support_point", "peer_support", "crisis", "information", "ehealth")

LEVELS = {
    "poh": "POH-ggz",
    "basis": "basis-ggz",
    "specialistisch": "specialistische ggz",
    "sociaal": "sociaal domein",
}
OFFER_KINDS = {
    "behandeling": "behandeling of gesprekken",
    "groep": "groep",
    "inloop": "inloop",
    "online": "online",
    "advies": "advies en informatie",
}
# Kinds of offer (service.kind) per filter value; "online" also matches any service that can be followed online.
OFFER_KIND_MAP = {
    "behandeling": ("treatment", "consultation", "crisis"),
    "groep": ("group_offer",),
    "inloop": ("support_point", "peer_support"),
    "online": ("ehealth",),
    "advies": ("information",),
}
SPECIALIST_ORGS = ("specialist_ggz", "addiction_care")

UNAVAILABLE_REASONS = {
    "stop": "Aanmeldstop",
    "full": "Groep vol",
    "ceiling": "Omzetplafond bij deze verzekeraar bereikt",
    "no_phone": "Crisisdienst zonder telefoonnummer",
}


def level_of(domain: str, wait_kind: str, organization_kind: str | None) -> str:
    if domain == "social":
        return "sociaal"
    if wait_kind == "poh_ggz" or organization_kind == "gp_care":
        return "poh"
    if wait_kind == "ggz_specialist" or organization_kind in SPECIALIST_ORGS:
        return "specialistisch"
    return "basis"


LEVEL_SQL = (
    "case when s.domain = 'social' then 'sociaal' "
    "when s.wait_kind = 'poh_ggz' or o.kind = 'gp_care' then 'poh' "
    f"when s.wait_kind = 'ggz_specialist' or o.kind in ({', '.join(repr(k) for k in SPECIALIST_ORGS)}) "
    "then 'specialistisch' else 'basis' end"
)


def practice_bound(wait_kind: str, organization_kind: str | None) -> bool:
    """A GP practice's offer (its POH-ggz, its e-health modules): only for that practice's own patients."""
    return wait_kind == "poh_ggz" or organization_kind == "gp_care"


PRACTICE_BOUND_SQL = "(s.wait_kind = 'poh_ggz' or s.organization_kind = 'gp_care')"


def offer_kind_matches(choice: str, kind: str, online_possible: bool) -> bool:
    return kind in OFFER_KIND_MAP.get(choice, ()) or (choice == "online" and online_possible)


def offer_kind_sql(choices: list[str]) -> str:
    """SQL for "service s is of one of these kinds of offer" (choices are keys of OFFER_KIND_MAP, never user text)."""
    kinds = sorted({k for c in choices for k in OFFER_KIND_MAP[c]})
    parts = [f"s.kind in ({', '.join(repr(k) for k in kinds)})"]
    if "online" in choices:
        parts.append("s.online_possible")
    return "(" + " or ".join(parts) + ")"


def age_fits(minimum_age: int | None, maximum_age: int | None, age: int | None) -> bool:
    if age is None:
        return True
    return (minimum_age is None or minimum_age <= age) and (maximum_age is None or maximum_age >= age)


AGE_SQL = "(s.minimum_age is null or s.minimum_age <= :age) and (s.maximum_age is null or s.maximum_age >= :age)"


def age_text(minimum_age: int | None, maximum_age: int | None) -> str:
    if minimum_age is None and maximum_age is None:
        return "alle leeftijden"
    if maximum_age is None:
        return f"vanaf {minimum_age} jaar"
    if minimum_age is None:
        return f"tot en met {maximum_age} jaar"
    return f"{minimum_age} tot en met {maximum_age} jaar"


def wait_applies(kind: str) -> bool:
    return kind not in NO_WAIT_KINDS


# A treatment, consultation or other offer with a wait whose provider reports no wait for it (wait_kind 'none',
# no figure): "wachttijd niet gemeld", with the offers whose figure is missing or too old, never "beschikbaar".
# Groups are judged by their places and next start instead.
WAIT_MISSING_SQL = (
    "(s.wait_kind = 'none' and s.month is null and s.kind <> 'group_offer' "
    f"and s.kind not in ({', '.join(repr(k) for k in NO_WAIT_KINDS)}))"
)


def wait_missing(kind: str, wait_kind: str, has_figure: bool) -> bool:
    return wait_kind == "none" and not has_figure and kind != "group_offer" and wait_applies(kind)


def weeks_until(start: date | None, today: date) -> Decimal | None:
    """A group's next start as a wait in whole weeks (rounded up). A start date in the past is no next start: the
    wait is unknown then (the group runs; the next one is not announced)."""
    if start is None or start < today:
        return None
    return (Decimal((start - today).days) / 7).to_integral_value(rounding=ROUND_CEILING)


def unavailable_reason(
    rank_group: int,
    kind: str,
    places_free: int | None,
    ongoing: bool | None,
    ceiling_reached: bool | None,
    phone: str | None,
) -> str | None:
    """Why an offer is not available now (a key of UNAVAILABLE_REASONS), or None."""
    if rank_group == 2:
        return "stop"
    if kind == "group_offer" and places_free == 0 and not ongoing:
        return "full"
    if ceiling_reached:
        return "ceiling"
    if kind == "crisis" and not (phone or "").strip():
        return "no_phone"
    return None


UNAVAILABLE_SQL = (
    "case when r.rank_group = 2 then 'stop' "
    "when r.kind = 'group_offer' and r.places_free = 0 and not coalesce(r.ongoing, false) then 'full' "
    "when coalesce(r.ceiling_reached, false) then 'ceiling' "
    "when r.kind = 'crisis' and coalesce(btrim(r.phone), '') = '' then 'no_phone' end"
)
# The group a result is shown in: 0 available, 1 figure too old or missing, 2 not available now.
SHOWN_GROUP_SQL = f"case when ({UNAVAILABLE_SQL}) is not null then 2 else r.rank_group end"
# The wait a result is sorted on: a group's next start (weeks from today), else the figure's known weeks.
WAIT_WEEKS_SQL = (
    "case when r.kind = 'group_offer' and coalesce(r.ongoing, false) then 0 "
    "when r.kind = 'group_offer' and r.group_start >= cast(:today as date) "
    "then ceil((r.group_start - cast(:today as date)) / 7.0) else r.known_weeks end"
)


@dataclass
class Fit:
    """What a referrer needs to know about who an offer is for."""

    age: str
    eligibility: str
    practice_bound: bool
    level: str
