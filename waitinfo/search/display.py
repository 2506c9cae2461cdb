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
from waitinfo.waits import rules
from waitinfo.waits import treeknorm as tk

_INDENT = re.compile(r"\n[ \t]+")

# Waits of these kinds are judged with the regional 6-week norm and never compared with ggz.
REGIONAL_KINDS = rules.REGIONAL_KINDS

REFERENCE_NAMES = {"social": "regionale norm sociaal domein", "poh_ggz": "referentiewaarde POH-ggz"}
BADGE_NAMES = {"social": "regionale norm", "poh_ggz": "referentiewaarde"}  # the kind is named beside the badge


def reference_label(wait_kind: str, names: dict = REFERENCE_NAMES) -> str:
    """The text "referentiewaarde POH-ggz (4 weken)": what a POH-ggz or social-domain wait is judged against."""
    n = rules.reference_weeks(wait_kind)
    n_text = f"{n.normalize():f}".replace(".", ",") if n is not None else "?"
    return f"{names[wait_kind]} ({n_text} {'week' if n_text == '1' else 'weken'})"


def regional_judgement_label(judgement: str, wait_kind: str) -> str:
    """The badge: "binnen referentiewaarde (4 weken)" (short: it must fit a phone; the definition says more)."""
    if judgement in ("within", "over"):
        return f"{'binnen' if judgement == 'within' else 'boven'} {reference_label(wait_kind, BADGE_NAMES)}"
    return "onbekend"


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


# A figure stored without method (no column, none stored for the provider): said so, never guessed.
UNKNOWN_METHOD = {"unknown": "methode onbekend (de aanbieder heeft niet opgegeven hoe gemeten is)"}


@dataclass
class Figure:
    part: str  # registration, treatment, total, social, poh_ggz
    label: str
    weeks: Decimal | None
    text: str | None  # the provider's own text, e.g. "<1"
    judgement: str  # within, over, unknown (css class of the badge)
    judgement_label: str
    definition: str
    lower_bound: bool = False  # "> 26": at least this many weeks (shown as "meer dan 26 weken")


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
    verdict: str = tk.Judgement.UNKNOWN.value  # of the figure as a whole (rules.verdict): within/over/incomplete
    due_text: str | None = None  # "cijfer over november; december verwacht uiterlijk 10 januari"
    others: str | None = None  # "andere diagnosegroepen: 8-20 weken" when the location's other groups differ

    @property
    def main(self) -> "Figure | None":
        """The figure a one-line summary shows: the total (or the social / POH-ggz figure), else the first figure
        with weeks, else the first."""
        for f in self.figures:
            if f.part in ("total", "social", "poh_ggz"):
                return f
        for f in self.figures:
            if f.weeks is not None:
                return f
        return self.figures[0] if self.figures else None

    @property
    def incomplete(self) -> bool:
        return self.verdict == tk.Judgement.INCOMPLETE

    @property
    def reference_label(self) -> str:
        return reference_label(self.wait_kind) if self.regional_norm else "Treeknorm"

    @property
    def over(self) -> bool:
        return self.verdict == tk.Judgement.OVER

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


def others_text(low, high, shown=None) -> str | None:
    """The text "andere diagnosegroepen: 8-20 weken" when the other groups' current figures differ from the one shown."""
    if low is None or high is None:
        return None
    low, high = Decimal(str(low)), Decimal(str(high))
    if shown is not None and low == high == Decimal(str(shown)):
        return None

    def n(v):
        return f"{v.normalize():f}".replace(".", ",")

    span = n(low) if low == high else f"{n(low)}-{n(high)}"
    return f"andere diagnosegroepen: {span} {'week' if span == '1' else 'weken'}"


def wait_view(
    wait: Any,
    wait_kind: str = "ggz_basic",
    today: date | None = None,
    *,
    diagnosis: str | None = None,
    run: Any = None,
    others: str | None = None,
) -> WaitView:
    """Present one wait observation (a WaitTime, a row mapping or None when the provider never reported).

    `run` is the ImportRun (or a mapping with adapter, source, started_at, id) the figure came from; `others`
    the range of the location's other diagnosis groups (others_text).
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
    v = tk.verdict(reg, treat, wait_kind)
    if regional:
        j = v.overall
        figures = [
            Figure(
                wait_kind,
                PART_LABELS[wait_kind],
                reg,
                reg_text,
                j.value,
                regional_judgement_label(j.value, wait_kind),
                tk.DEFINITIONS[wait_kind],
                bool(get("registration_lower_bound")),
            )
        ]
    else:
        figures = [
            Figure(
                "registration",
                PART_LABELS["registration"],
                reg,
                reg_text,
                v.registration.value,
                tk.JUDGEMENT_LABELS[v.registration],
                tk.DEFINITIONS["registration"],
                bool(get("registration_lower_bound")),
            ),
            Figure(
                "treatment",
                PART_LABELS["treatment"],
                treat,
                treat_text,
                v.treatment.value,
                tk.JUDGEMENT_LABELS[v.treatment],
                tk.DEFINITIONS["treatment"],
                bool(get("treatment_lower_bound")),
            ),
        ]
        if v.incomplete:  # never "within" while a part is unknown; a known part over its norm stays over
            for fig in figures:
                if fig.judgement == tk.Judgement.WITHIN:
                    fig.judgement, fig.judgement_label = "incomplete", tk.JUDGEMENT_LABELS[tk.Judgement.INCOMPLETE]
        if v.total_weeks is not None:  # never a total when a part is unknown
            figures.append(
                Figure(
                    "total",
                    PART_LABELS["total"],
                    v.total_weeks,
                    None,
                    v.total.value,
                    tk.JUDGEMENT_LABELS[v.total],
                    tk.DEFINITIONS["total"],
                    bool(get("registration_lower_bound") or get("treatment_lower_bound")),
                )
            )
    fresh = rules.figure_freshness(month, today)
    method = get("method")
    return WaitView(
        wait_kind=wait_kind,
        kind_label=kind_label,
        status="figures",
        figures=figures,
        waiting_count=get("waiting_count"),
        method=method,
        method_label=tk.METHOD_LABELS.get(method) or UNKNOWN_METHOD.get(method),
        month=month,
        reference_date=reference_date,
        freshness=fresh.value,
        freshness_label=tk.FRESHNESS_LABELS[fresh],
        diagnosis=diagnosis,
        source=source_of(run),
        intake_within_norm=get("intake_within_norm"),
        intake_outside_norm=get("intake_outside_norm"),
        regional_norm=regional,
        verdict=v.overall.value,
        due_text=rules.due_text(month, today) if month else None,
        others=others,
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
        part_labels={**PART_LABELS, "waiting_count": "Wachtenden op de peildatum"},
    )
