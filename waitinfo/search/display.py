"""How one wait figure is presented: values, Treeknorm badges, definition, method, freshness (no HTTP).

The Jinja macros in web/templates/macros/wait.html render a WaitView; the judgement itself comes from
waitinfo.waits.treeknorm, so every page judges a wait the same way.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from waitinfo.core.clock import today as clock_today
from waitinfo.waits import treeknorm as tk

_INDENT = re.compile(r"\n[ \t]+")

# Waits of these kinds are judged with the regional 6-week norm and never compared with ggz.
REGIONAL_KINDS = ("social", "poh_ggz")

REGIONAL_JUDGEMENT_LABELS = {
    tk.Judgement.WITHIN: "binnen regionale norm (6 weken)",
    tk.Judgement.OVER: "boven regionale norm (6 weken)",
    tk.Judgement.UNKNOWN: "onbekend",
}

PART_LABELS = {
    "registration": "Aanmeldwachttijd",
    "treatment": "Behandelwachttijd",
    "total": "Totale wachttijd",
    "social": "Wachttijd sociaal domein",
    "poh_ggz": "Wachttijd POH-ggz",
}


ADAPTER_LABELS = {
    "csv": "bestand (CSV)",
    "xlsx": "bestand (Excel)",
    "file": "bestand",
    "hsds": "HSDS-feed",
    "http-csv": "feed (CSV)",
    "http-json": "feed (JSON)",
    "push": "API (push)",
    "api": "API (push)",
    "portal": "aanbiedersportaal",
    "demo": "demogegevens",
}


@dataclass
class Source:
    """Where a figure came from: the import run (adapter, file or URL, when)."""

    label: str
    name: str | None
    imported_at: Any
    run_id: Any


@dataclass
class Figure:
    part: str  # registration, treatment, total, social, poh_ggz
    label: str
    weeks: Decimal | None
    text: str | None  # the provider's own text, e.g. "<1"
    judgement: str  # within, over, unknown (css class of the badge)
    judgement_label: str
    definition: str


@dataclass
class WaitView:
    wait_kind: str
    kind_label: str
    status: str  # "figures", "no_data" (never reported), "not_applicable" (no wait for this kind of offer)
    figures: list[Figure] = field(default_factory=list)
    waiting_count: int | None = None
    method: str | None = None
    method_label: str | None = None
    month: date | None = None
    reference_date: date | None = None
    freshness: str = tk.Freshness.NONE.value
    freshness_label: str = tk.FRESHNESS_LABELS[tk.Freshness.NONE]
    diagnosis: str | None = None
    source: Source | None = None
    intake_within_norm: int | None = None
    intake_outside_norm: int | None = None
    regional_norm: bool = False
    # status "group": a group offer; its next start counts as its wait (start_weeks from today).
    next_start: date | None = None
    start_weeks: Decimal | None = None
    ongoing: bool = False

    @property
    def over(self) -> bool:
        return any(f.judgement == tk.Judgement.OVER for f in self.figures)

    @property
    def stale(self) -> bool:
        return self.freshness in (tk.Freshness.STALE, tk.Freshness.HIDDEN)

    @property
    def hidden(self) -> bool:
        """Older than three months: shown, but not ranked as a current figure."""
        return self.freshness == tk.Freshness.HIDDEN


def _get(obj: Any, name: str, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def figure_date(wait: Any) -> date | None:
    """The date a figure's freshness is measured from: its reference date, else the month it is for."""
    return _get(wait, "reference_date") or _get(wait, "month")


def source_of(run: Any) -> Source | None:
    """A Source from an ImportRun-like object or mapping (adapter, source, started_at, id)."""
    if run is None:
        return None
    adapter = _get(run, "adapter") or ""
    return Source(
        ADAPTER_LABELS.get(adapter, adapter or "onbekend"),
        _get(run, "source") or None,
        _get(run, "started_at"),
        _get(run, "id"),
    )


def wait_view(
    wait: Any, wait_kind: str = "ggz_basic", today: date | None = None, *, diagnosis: str | None = None, run: Any = None
) -> WaitView:
    """Present one wait observation (a WaitTime, a row mapping or None when the provider never reported).

    `run` is the ImportRun (or a mapping with adapter, source, started_at, id) the figure came from.
    """
    today = today or clock_today()
    kind_label = tk.WAIT_KIND_LABELS.get(wait_kind, tk.WAIT_KIND_LABELS["ggz_basic"])
    regional = wait_kind in REGIONAL_KINDS
    if wait_kind == "none":
        return WaitView(
            wait_kind, kind_label, "not_applicable", freshness="not_applicable", freshness_label="niet van toepassing"
        )
    if wait is None:
        return WaitView(wait_kind, kind_label, "no_data", regional_norm=regional)
    # One lookup function for the whole observation (as _get, without its type checks per field).
    get = wait.get if isinstance(wait, dict) else (lambda name, default=None: getattr(wait, name, default))
    reg, treat = get("registration_weeks"), get("treatment_weeks")
    reg_text, treat_text = get("registration_text"), get("treatment_text")
    month, reference_date = get("month"), get("reference_date")
    if reg is None and treat is None and reg_text is None and treat_text is None:
        view = WaitView(wait_kind, kind_label, "no_data", regional_norm=regional)
        view.month, view.reference_date = month, reference_date
        return view
    reg = None if reg is None else Decimal(str(reg))
    treat = None if treat is None else Decimal(str(treat))
    if regional:
        j = tk.judge_social(reg)
        figures = [
            Figure(
                wait_kind,
                PART_LABELS[wait_kind],
                reg,
                reg_text,
                j.value,
                REGIONAL_JUDGEMENT_LABELS[j],
                tk.DEFINITIONS[wait_kind],
            )
        ]
    else:
        v = tk.verdict(reg, treat, wait_kind)
        figures = [
            Figure(
                "registration",
                PART_LABELS["registration"],
                reg,
                reg_text,
                v.registration.value,
                tk.JUDGEMENT_LABELS[v.registration],
                tk.DEFINITIONS["registration"],
            ),
            Figure(
                "treatment",
                PART_LABELS["treatment"],
                treat,
                treat_text,
                v.treatment.value,
                tk.JUDGEMENT_LABELS[v.treatment],
                tk.DEFINITIONS["treatment"],
            ),
        ]
        if v.total_weeks is not None or v.total == tk.Judgement.OVER:
            figures.append(
                Figure(
                    "total",
                    PART_LABELS["total"],
                    v.total_weeks,
                    None,
                    v.total.value,
                    tk.JUDGEMENT_LABELS[v.total],
                    tk.DEFINITIONS["total"],
                )
            )
    fresh = tk.freshness(reference_date or month, today)  # figure_date(wait)
    method = get("method")
    return WaitView(
        wait_kind=wait_kind,
        kind_label=kind_label,
        status="figures",
        figures=figures,
        waiting_count=get("waiting_count"),
        method=method,
        method_label=tk.METHOD_LABELS.get(method),
        month=month,
        reference_date=reference_date,
        freshness=fresh.value,
        freshness_label=tk.FRESHNESS_LABELS[fresh],
        diagnosis=diagnosis,
        source=source_of(run),
        intake_within_norm=get("intake_within_norm"),
        intake_outside_norm=get("intake_outside_norm"),
        regional_norm=regional,
    )


KIND_LABELS = {
    "treatment": "behandeling",
    "support_point": "steunpunt",
    "group_offer": "groepsaanbod",
    "consultation": "gesprek of consult",
    "crisis": "crisishulp",
    "information": "informatie en advies",
    "ehealth": "e-health",
    "peer_support": "ervaringsdeskundige steun",
}
DOMAIN_LABELS = {"ggz": "ggz", "social": "sociaal domein"}
COST_LABELS = {
    "free": "gratis",
    "insured": "vergoed uit de basisverzekering (eigen risico kan gelden)",
    "own_contribution": "eigen bijdrage",
    "paid": "betaald",
    "voluntary": "vrijwillige bijdrage",
}


def freshness_of(d: date | None, today: date | None = None) -> str:
    return tk.freshness(d, today or clock_today()).value


def squash(html) -> Markup:
    """Drop indentation after line breaks (keeps the page light; a line break stays whitespace)."""
    return Markup(_INDENT.sub("\n", str(html)))


def install(env) -> None:
    """Make the presentation helpers available to every template (macros/wait.html needs them)."""
    env.filters["squash"] = squash
    env.globals.update(
        wait_view=wait_view,
        freshness_of=freshness_of,
        definitions=tk.DEFINITIONS,
        method_labels=tk.METHOD_LABELS,
        wait_kind_labels=tk.WAIT_KIND_LABELS,
        kind_labels=KIND_LABELS,
        domain_labels=DOMAIN_LABELS,
        cost_labels=COST_LABELS,
        part_labels={**PART_LABELS, "waiting_count": "Aantal wachtenden"},
    )
