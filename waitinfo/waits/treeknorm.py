"""The Treeknorm and freshness rules: every wait shown is judged here, the same way everywhere."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

# National norm for acceptable waits in ggz (weeks).
REGISTRATION_NORM = 4
TREATMENT_NORM = 10
TOTAL_NORM = 14
# Regional follow-up norms after an exploratory conversation (weeks).
REGIONAL_GGZ_INTAKE_NORM = 4
REGIONAL_SOCIAL_NORM = 6

STALE_AFTER_DAYS = 31
HIDDEN_AFTER_DAYS = 92


class Judgement(StrEnum):
    WITHIN = "within"
    OVER = "over"
    UNKNOWN = "unknown"


class Freshness(StrEnum):
    FRESH = "fresh"
    STALE = "stale"  # older than a month: shown, marked, provider reminded
    HIDDEN = "hidden"  # older than three months: hidden from ranking by default
    NONE = "none"  # never reported: "geen gegevens", never zero


JUDGEMENT_LABELS = {
    Judgement.WITHIN: "binnen Treeknorm",
    Judgement.OVER: "boven Treeknorm",
    Judgement.UNKNOWN: "onbekend",
}

FRESHNESS_LABELS = {
    Freshness.FRESH: "actueel",
    Freshness.STALE: "verouderd",
    Freshness.HIDDEN: "sterk verouderd",
    Freshness.NONE: "geen gegevens",
}

WAIT_KIND_LABELS = {
    "ggz_specialist": "wachttijd specialistische ggz",
    "ggz_basic": "wachttijd basis-ggz",
    "poh_ggz": "wachttijd POH-ggz (huisartsenpraktijk)",
    "social": "wachttijd sociaal domein (van besluit gemeente tot start ondersteuning)",
    "none": "geen wachttijd van toepassing",
}

METHOD_LABELS = {
    "realised": "gerealiseerde wachttijd (gemiddelde over de laatste twee maanden)",
    "current": "actuele wachttijd (derde vrije plek in de agenda)",
}

DEFINITIONS = {
    "registration": "Aanmeldwachttijd: de tijd van aanmelding tot het eerste gesprek (intake). "
    "Treeknorm: ten hoogste 4 weken.",
    "treatment": "Behandelwachttijd: de tijd van de intake tot de start van de behandeling. "
    "Treeknorm: ten hoogste 10 weken.",
    "total": "Totale wachttijd: aanmeldwachttijd plus behandelwachttijd. Treeknorm: ten hoogste 14 weken.",
    "waiting_count": "Aantal wachtenden: het aantal mensen dat op de peildatum wacht op intake of behandeling.",
    "social": "Wachttijd sociaal domein: de tijd van het besluit van de gemeente tot de start van de "
    "ondersteuning. Regionale norm: binnen 6 weken. Niet vergelijkbaar met ggz-wachttijden.",
    "poh_ggz": "Wachttijd POH-ggz: de tijd tot het eerste gesprek met de praktijkondersteuner ggz van de "
    "huisarts. Niet vergelijkbaar met wachttijden in de ggz.",
}


def _num(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def judge_registration(weeks) -> Judgement:
    w = _num(weeks)
    if w is None:
        return Judgement.UNKNOWN
    return Judgement.WITHIN if w <= REGISTRATION_NORM else Judgement.OVER


def judge_treatment(weeks) -> Judgement:
    w = _num(weeks)
    if w is None:
        return Judgement.UNKNOWN
    return Judgement.WITHIN if w <= TREATMENT_NORM else Judgement.OVER


def total_weeks(registration, treatment) -> Decimal | None:
    r, t = _num(registration), _num(treatment)
    if r is None or t is None:
        return None
    return r + t


def judge_total(registration, treatment) -> Judgement:
    total = total_weeks(registration, treatment)
    if total is None:
        # One part over the norm already puts the whole over it.
        if Judgement.OVER in (judge_registration(registration), judge_treatment(treatment)):
            return Judgement.OVER
        return Judgement.UNKNOWN
    return Judgement.WITHIN if total <= TOTAL_NORM else Judgement.OVER


def judge_social(weeks) -> Judgement:
    """Social-domain and POH waits are judged against the regional 6-week follow-up norm, not the Treeknorm."""
    w = _num(weeks)
    if w is None:
        return Judgement.UNKNOWN
    return Judgement.WITHIN if w <= REGIONAL_SOCIAL_NORM else Judgement.OVER


def freshness(last_confirmed: date | None, today: date) -> Freshness:
    """Freshness of a figure or offer from the date it was last confirmed (assured date or reference date)."""
    if last_confirmed is None:
        return Freshness.NONE
    age = (today - last_confirmed).days
    if age > HIDDEN_AFTER_DAYS:
        return Freshness.HIDDEN
    if age > STALE_AFTER_DAYS:
        return Freshness.STALE
    return Freshness.FRESH


@dataclass(frozen=True)
class WaitVerdict:
    registration: Judgement
    treatment: Judgement
    total: Judgement
    total_weeks: Decimal | None

    @property
    def over(self) -> bool:
        return Judgement.OVER in (self.registration, self.treatment, self.total)


def verdict(registration, treatment, wait_kind: str = "ggz_basic") -> WaitVerdict:
    if wait_kind in ("social", "poh_ggz"):
        j = judge_social(registration)
        return WaitVerdict(j, Judgement.UNKNOWN, j, _num(registration))
    return WaitVerdict(
        judge_registration(registration),
        judge_treatment(treatment),
        judge_total(registration, treatment),
        total_weeks(registration, treatment),
    )
