"""One wait observation as published by every API: figures plus method, reference date, kind and definition."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from waitinfo.waits import rules
from waitinfo.waits.models import WaitTime
from waitinfo.waits.treeknorm import DEFINITIONS, METHOD_LABELS, WAIT_KIND_LABELS

WAIT_KINDS_PUBLISHED = ("ggz_specialist", "ggz_basic", "poh_ggz", "social")


def definition_for(wait_kind: str) -> str:
    """The exact meaning of a wait of this kind, in Dutch (the same text the pages show)."""
    if wait_kind == "social":
        return DEFINITIONS["social"]
    if wait_kind == "poh_ggz":
        return DEFINITIONS["poh_ggz"]
    return f"{DEFINITIONS['registration']} {DEFINITIONS['treatment']} {DEFINITIONS['total']}"


@dataclass(frozen=True)
class WaitFacts:
    id: str
    service_at_location_id: str
    month: date
    registration_weeks: Decimal | None
    treatment_weeks: Decimal | None
    registration_text: str | None
    treatment_text: str | None
    waiting_count: int | None
    method: str
    reference_date: date | None
    wait_kind: str
    diagnosis_group_code: str | None
    diagnosis_group_name: str | None
    intake_within_norm: int | None
    intake_outside_norm: int | None
    import_run_id: str | None
    # A figure given as "> 26" is a lower bound: "meer dan 26 weken", never 26 (issue 16).
    registration_lower_bound: bool = False
    treatment_lower_bound: bool = False

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)

    @property
    def wait_kind_label(self) -> str:
        return WAIT_KIND_LABELS.get(self.wait_kind, self.wait_kind)

    @property
    def definition(self) -> str:
        return definition_for(self.wait_kind)

    def freshness(self, on: date) -> str:
        return rules.figure_freshness(self.month, on).value

    def verdict(self) -> str:
        return rules.verdict(self.registration_weeks, self.treatment_weeks, self.wait_kind).value

    def over_norm(self) -> bool | None:
        """True / false for a complete figure; None when incomplete or unknown (rules.over_norm)."""
        return rules.over_norm(rules.Verdict(self.verdict()))

    def summary_nl(self) -> str:
        """A one-line Dutch summary for HSDS `wait_time`; missing figures say so, never zero."""

        def weeks(v, text, lower_bound):
            if v is None:
                return text or "geen gegevens"
            n = f"{v.normalize():f}".replace(".", ",")
            return ("meer dan " if lower_bound else "") + (f"{n} week" if n == "1" else f"{n} weken")

        registration = weeks(self.registration_weeks, self.registration_text, self.registration_lower_bound)
        parts = [f"{self.wait_kind_label}: aanmeldwachttijd {registration}"]
        if self.wait_kind not in ("social", "poh_ggz"):
            parts.append(
                f"behandelwachttijd {weeks(self.treatment_weeks, self.treatment_text, self.treatment_lower_bound)}"
            )
        if self.diagnosis_group_name:
            parts.append(f"hoofddiagnosegroep {self.diagnosis_group_name}")
        ref = self.reference_date.isoformat() if self.reference_date else f"maand {self.month:%Y-%m}"
        return ", ".join(parts) + f"; {self.method_label}; peildatum {ref}."


def facts(w: WaitTime, wait_kind: str, terms: dict) -> WaitFacts:
    group = terms.get(w.diagnosis_group_id) if w.diagnosis_group_id else None
    return WaitFacts(
        id=str(w.id),
        service_at_location_id=str(w.service_at_location_id),
        month=w.month,
        registration_weeks=w.registration_weeks,
        treatment_weeks=w.treatment_weeks,
        registration_text=w.registration_text,
        treatment_text=w.treatment_text,
        waiting_count=w.waiting_count,
        method=w.method,
        reference_date=w.reference_date,
        wait_kind=wait_kind,
        diagnosis_group_code=group.code if group else None,
        diagnosis_group_name=group.name if group else None,
        intake_within_norm=w.intake_within_norm,
        intake_outside_norm=w.intake_outside_norm,
        import_run_id=str(w.import_run_id) if w.import_run_id else None,
        registration_lower_bound=bool(w.registration_lower_bound),
        treatment_lower_bound=bool(w.treatment_lower_bound),
    )


def number(v: Decimal | None) -> str | None:
    """Decimal weeks as a plain string ("3.5", "4"), None stays None."""
    if v is None:
        return None
    return f"{v.normalize():f}"
