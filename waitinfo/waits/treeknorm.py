"""Labels and definitions of waits, and the verdicts pages use; the rules themselves are in rules.py (one truth)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from waitinfo.waits import rules
from waitinfo.waits.rules import REGISTRATION_NORM, TOTAL_NORM, TREATMENT_NORM, Freshness  # noqa: F401
from waitinfo.waits.rules import Verdict as Judgement

# Regional follow-up norms after an exploratory conversation (weeks).
REGIONAL_GGZ_INTAKE_NORM = 4
REGIONAL_SOCIAL_NORM = 6

# Offer confirmations (assured date) only; wait figures follow the delivery cycle (rules.figure_freshness).
STALE_AFTER_DAYS = 31
HIDDEN_AFTER_DAYS = 92


JUDGEMENT_LABELS = {
    Judgement.WITHIN: "binnen Treeknorm",
    Judgement.OVER: "boven Treeknorm",
    Judgement.INCOMPLETE: "onvolledig",
    Judgement.UNKNOWN: "onbekend",
    Judgement.NOT_APPLICABLE: "niet van toepassing",
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
    "intake_norm": "Instroom laatste twee maanden: het aantal mensen dat in de twee maanden voor de peildatum met "
    "een intake of behandeling begon, binnen en buiten de Treeknorm (NZa-transparantieregels, terugkijkend). "
    "Niet hetzelfde als het aantal wachtenden.",
    "incomplete": "Onvolledig: een van de twee delen (aanmeld- of behandelwachttijd) is onbekend. Er is dan geen "
    "totale wachttijd en het cijfer telt nooit als binnen de Treeknorm.",
    "social": "Wachttijd sociaal domein: de tijd van het besluit van de gemeente tot de start van de "
    "ondersteuning. Beoordeeld met de regionale referentiewaarde voor het sociaal domein. Niet vergelijkbaar met "
    "ggz-wachttijden.",
    "poh_ggz": "Wachttijd POH-ggz: de tijd tot het eerste gesprek met de praktijkondersteuner ggz van de "
    "huisarts. Beoordeeld met een eigen regionale referentiewaarde, niet met de Treeknorm. Niet vergelijkbaar met "
    "wachttijden in de ggz.",
}


def _num(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def judge_registration(weeks) -> Judgement:
    return rules.part_verdict("registration", weeks)


def judge_treatment(weeks) -> Judgement:
    return rules.part_verdict("treatment", weeks)


def total_weeks(registration, treatment) -> Decimal | None:
    """Registration plus treatment wait; None when either is unknown (never summed as if it were 0)."""
    return rules.weeks(registration, treatment, "ggz_basic")


def judge_total(registration, treatment) -> Judgement:
    """The total line: the sum against 14 weeks, "incomplete" when a part is unknown."""
    return rules.total_verdict(registration, treatment)


def judge_social(weeks, wait_kind: str = "social") -> Judgement:
    """POH-ggz and social-domain waits: against their own reference value (settings), never the Treeknorm."""
    return rules.verdict(weeks, None, wait_kind)


def freshness(last_confirmed: date | None, today: date) -> Freshness:
    """Freshness of an offer confirmation (assured date) by its age in days. Wait figures: figure_freshness."""
    if last_confirmed is None:
        return Freshness.NONE
    age = (today - last_confirmed).days
    if age > HIDDEN_AFTER_DAYS:
        return Freshness.HIDDEN
    if age > STALE_AFTER_DAYS:
        return Freshness.STALE
    return Freshness.FRESH


figure_freshness = rules.figure_freshness


@dataclass(frozen=True)
class WaitVerdict:
    registration: Judgement
    treatment: Judgement
    total: Judgement  # the total line (sum against 14 weeks)
    total_weeks: Decimal | None
    overall: Judgement  # the verdict of the figure as a whole (rules.verdict)

    @property
    def over(self) -> bool:
        return self.overall == Judgement.OVER

    @property
    def incomplete(self) -> bool:
        return self.overall == Judgement.INCOMPLETE


def verdict(registration, treatment, wait_kind: str = "ggz_basic") -> WaitVerdict:
    overall = rules.verdict(registration, treatment, wait_kind)
    if wait_kind in rules.REGIONAL_KINDS:
        return WaitVerdict(overall, Judgement.UNKNOWN, overall, _num(registration), overall)
    return WaitVerdict(
        judge_registration(registration),
        judge_treatment(treatment),
        judge_total(registration, treatment),
        rules.weeks(registration, treatment, wait_kind),
        overall,
    )
