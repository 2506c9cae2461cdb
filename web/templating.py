"""Jinja2 templates (full pages that also serve HTMX partials via render_block) and Dutch filters."""

import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fastapi import Request
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup
from markupsafe import escape as e

from waitinfo.core.urls import safe_url
from waitinfo.search.display import COST_LABELS, DOMAIN_LABELS, KIND_LABELS, freshness_of, squash
from waitinfo.waits.treeknorm import DEFINITIONS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

MONTHS_NL = [
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
]
MONTHS_NL_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

templates = Jinja2Blocks(directory=str(TEMPLATES_DIR))
# Templates are read once per process; checking every template file's mtime on each render cost a few stat()
# calls per page. `waitinfo serve --reload` (development) sets WAITINFO_TEMPLATES_RELOAD=1.
templates.env.auto_reload = os.environ.get("WAITINFO_TEMPLATES_RELOAD") == "1"


def date_nl(value: date | datetime | None, empty: str = "onbekend") -> str:
    """1 oktober 2026"""
    if value is None:
        return empty
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"


def month_nl(value: date | None, empty: str = "onbekend") -> str:
    """oktober 2026"""
    if value is None:
        return empty
    return f"{MONTHS_NL[value.month - 1]} {value.year}"


def number_nl(value: float | Decimal | int | None, empty: str = "onbekend") -> str:
    """7,5 ; 12 ; thousands with a dot."""
    if value is None:
        return empty
    if isinstance(value, (float, Decimal)) and value != int(value):
        return f"{float(value):,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(value):,}".replace(",", ".")


def weeks_nl(value: float | Decimal | None, empty: str = "geen gegevens") -> str:
    if value is None:
        return empty
    n = number_nl(value)
    return f"{n} week" if n == "1" else f"{n} weken"


_AFTER_STALE = {
    "hidden": '<span class="badge stale">verouderd: ouder dan drie maanden</span> ',
    "stale": '<span class="badge stale">verouderd</span> ',
}
_BADGE_MARK = {"within": "✓ ", "over": "! "}
_DEFINITION_FOOT = (
    '\n    <p class="muted small">Aanbieders werken hun cijfers minstens maandelijks bij. Ouder dan een maand '
    "heet “verouderd”; ouder dan drie maanden telt niet mee in de volgorde.</p>"
)


def wait_block(view, label=None, compact=False, expanded=False) -> Markup:
    """The HTML of macros/wait.html `wait_view_block` (a WaitView with its figures, badges and definition).

    Written out here because it is on every search result: as a Jinja macro it cost ~65 µs a result (~25
    escaped expressions, loops), about a third of a search page's rendering. Keep it byte for byte as before
    (tests/search/test_wait_macros.py renders every branch).
    """
    status = view.status
    out = [f'<div class="wait wait-{e(status)}{" wait-over" if view.over else ""}" data-wait="{e(status)}">']
    if status == "not_applicable":
        out.append(
            '\n  <p class="wait-kind muted">Geen wachttijd van toepassing voor dit soort aanbod (inloop, groep of '
            "direct contact).</p>\n</div>"
        )
        return Markup("".join(out))
    kind = view.kind_label
    out.append(
        f'\n  <p class="wait-kind">{e(kind[:1].upper())}{e(kind[1:])}'
        f"{f' · {e(view.diagnosis)}' if view.diagnosis else ''}</p>"
    )
    if status == "no_data":
        out.append(
            '\n  <p><span class="badge unknown">geen gegevens</span> <span class="muted">Nooit een wachttijd '
            "gemeld</span></p>"
        )
    else:
        out.append('\n  <dl class="wait-figures">')
        for fig in view.figures:
            if fig.weeks is not None:
                value = f'<strong class="wait-value">{e(weeks_nl(fig.weeks))}</strong>'
                if fig.text and fig.text != number_nl(fig.weeks):
                    value += f' <span class="muted small">(opgegeven: “{e(fig.text)}”)</span>'
            elif fig.text:
                value = f'<strong class="wait-value">{e(fig.text)}</strong> <span class="muted small">(opgegeven tekst)</span>'
            else:
                value = '<span class="muted">geen gegevens</span>'
            out.append(
                f'\n    <div class="wait-figure wait-{e(fig.part)}">\n      <dt>{e(fig.label)}</dt>\n      <dd>{value} '
                f'<span class="badge {e(fig.judgement)}">{_BADGE_MARK.get(fig.judgement, "")}'
                f"{e(fig.judgement_label)}</span></dd>\n    </div>"
            )
        if view.waiting_count is not None:
            out.append(
                f'\n    <div class="wait-figure wait-count"><dt>Wachtenden</dt><dd><strong>'
                f"{e(number_nl(view.waiting_count))}</strong></dd></div>"
            )
        out.append(
            f'\n  </dl>\n  <p class="wait-meta small">{_AFTER_STALE.get(view.freshness, "")}Bijgewerkt op '
            f"{e(date_nl(view.reference_date or view.month))}"
        )
        if not compact:
            out.append(f" · {e(view.method_label or 'meetmethode niet opgegeven')}")
        out.append("\n  </p>")
    hidden_label = f'<span class="visually-hidden"> ({e(label)})</span>' if label else ""
    out.append(
        f'\n  <details class="definition wait-definition"{" open" if expanded else ""}>\n  <summary>Wat betekent '
        f"dit cijfer?{hidden_label}</summary>\n  <div>"
    )
    if status == "figures":
        out.append('\n    <ul class="definition-items">')
        out.extend(f"\n      <li>{e(fig.definition)}</li>" for fig in view.figures)
        if view.waiting_count is not None:
            out.append(f"<li>{e(DEFINITIONS['waiting_count'])}</li>")
        out.append(
            f"\n    </ul>\n    <p><strong>Soort:</strong> {e(kind)}"
            f"{'. Beoordeeld met de regionale norm van 6 weken; niet vergelijkbaar met ggz-wachttijden' if view.regional_norm else ''}.</p>"
        )
        if view.diagnosis:
            out.append(f"<p><strong>Hoofddiagnosegroep:</strong> {e(view.diagnosis)}</p>")
        out.append(
            f"\n    <p><strong>Meetmethode:</strong> {e(view.method_label or 'niet opgegeven')}</p>"
            f"\n    <p><strong>Cijfer over:</strong> {e(month_nl(view.month))}; <strong>peildatum:</strong> "
            f"{e(date_nl(view.reference_date, 'niet opgegeven'))}</p>\n    <p><strong>Bron:</strong>"
        )
        source = view.source
        if source:
            out.append(
                f" {e(source.label)}{f' “{e(source.name)}”' if source.name else ''}, import van "
                f"{e(date_nl(source.imported_at))}"
            )
            if source.run_id:
                out.append(f' <span class="muted small">(importrun {e(str(source.run_id)[:8])})</span>')
        else:
            out.append(" door de aanbieder ingevoerd")
        out.append("</p>")
        if view.intake_within_norm is not None or view.intake_outside_norm is not None:
            out.append(
                f"\n    <p><strong>Intakes laatste twee maanden:</strong> {e(number_nl(view.intake_within_norm))} "
                f"binnen en {e(number_nl(view.intake_outside_norm))} buiten de Treeknorm.</p>"
            )
    elif status == "no_data":
        out.append(
            "\n    <p>Deze aanbieder heeft voor dit aanbod (nog) geen wachttijd gemeld. Dat betekent niet dat er "
            "geen wachttijd is: vraag het na bij de aanbieder.</p>"
            f"\n    <p><strong>Soort:</strong> {e(kind)}.</p>"
        )
    if not compact:
        out.append(_DEFINITION_FOOT)
    out.append("\n  </div>\n</details>\n</div>")
    return Markup("".join(out))


templates.env.globals["wait_block"] = wait_block


def _intake_stop(stop) -> str:
    """macros/wait.html `intake_stop` (for a result card)."""
    if not stop:
        return ""
    until = f" tot en met {e(date_nl(stop.ends_on))}" if stop.ends_on else ", einddatum onbekend"
    reason = f": {e(stop.reason.rstrip('. '))}" if stop.reason else ""
    return (
        f'<p class="intake-stop"><span class="badge stop">Aanmeldstop</span>\n  sinds {e(date_nl(stop.starts_on))}'
        f"{until}{reason}. Nieuwe aanmeldingen worden nu niet aangenomen.</p>"
    )


_FRESHNESS_BADGES = {
    "stale": ' <span class="badge stale">verouderd</span>',
    "hidden": ' <span class="badge stale">verouderd: ouder dan drie maanden</span>',
    "none": ' <span class="badge unknown">geen gegevens</span>',
}


def _trust_dates(assured_date, updated_at) -> str:
    """macros/wait.html `trust_dates` (with its `freshness`)."""
    if assured_date:
        first = (
            f'<span class="freshness">Door aanbieder bevestigd op {e(date_nl(assured_date, "onbekend"))}'
            f"{_FRESHNESS_BADGES.get(freshness_of(assured_date), '')}</span>"
        )
    else:
        first = '<span class="badge unknown">nog niet door de aanbieder bevestigd</span>'
    return (
        f'<p class="trust-dates small">{first}\n  <span class="muted"> · laatst gewijzigd {e(date_nl(updated_at))}'
        f"</span>\n</p>"
    )


def location_line(r) -> Markup:
    """Where a result is: address (or online), distance and other locations (search/_result.html location_line)."""
    if r.location_type == "virtual":
        out = "Online of telefonisch"
    elif r.address or r.location_name:
        out = str(e(r.address or r.location_name))
    else:
        out = '<span class="muted">adres onbekend</span>'
    if r.distance_km is not None:
        out += f" · <strong>{e(number_nl(r.distance_km))} km</strong>"
    if r.other_locations:
        out += f" · nog {e(r.other_locations)} andere vestiging{'en' if r.other_locations > 1 else ''}"
    return Markup(out)


def shortlist_button(service_id, on_list, back, csrf: str = "") -> Markup:
    """The add/remove form of a result (search/_result.html shortlist_button); csrf: the form token, if any."""
    action = "verwijderen" if on_list else "toevoegen"
    token = f'<input type="hidden" name="csrf_token" value="{e(csrf)}">' if csrf else ""
    button = (
        (
            '<button type="submit" class="secondary small" aria-pressed="true">✓ Op de lijst <span '
            'class="visually-hidden">(klik om te verwijderen)</span></button>'
        )
        if on_list
        else '<button type="submit" class="secondary small" aria-pressed="false">+ Op de lijst zetten</button>'
    )
    return Markup(
        f'<form method="post" action="/lijst/{action}" class="shortlist-form no-print" hx-post="/lijst/{action}" '
        f'hx-target="this" hx-swap="outerHTML">{token}\n  <input type="hidden" name="service_id" '
        f'value="{e(service_id)}">\n  <input type="hidden" name="terug" value="{e(back)}">\n  {button}\n</form>'
    )


def result_card(
    r,
    shortlist=(),
    back="/zoeken",
    heading="h3",
    detail_query="",
    expanded=False,
    show_button=True,
    id_prefix="r-",
    compact=False,
    csrf="",
) -> Markup:
    """One search result as a card (search/_result.html `card` calls this), indentation squashed.

    Written out here for the same reason as wait_block: the macro with its nested macros cost ~100 µs a result.
    """
    rid, name = e(r.service_id), e(r.service_name)
    detail = f"/aanbod/{rid}" + (f"?{e(detail_query)}" if detail_query else "")
    h = e(heading)
    out = [
        f'<li class="card result{" result-stopped" if r.intake_stop else ""}" id="{e(id_prefix)}{rid}">'
        f'\n  <div class="result-head">\n    <{h} class="result-title"><a href="{detail}">{name}</a></{h}>'
        f'\n    <p class="result-provider">{e(r.organization_name)}</p>\n    <p class="tags">'
        f'\n      <span class="badge info">{e(DOMAIN_LABELS.get(r.domain, r.domain))}</span>'
        f'\n      <span class="badge info">{e(KIND_LABELS.get(r.kind, r.kind))}</span>'
    ]
    if r.suitable_while_waiting:
        out.append(' <span class="badge within">geschikt tijdens het wachten</span>')
    if r.online_possible:
        out.append(' <span class="badge info">ook online</span>')
    out.append("\n    </p>\n  </div>")
    if r.intake_stop:
        out.append(_intake_stop(r.intake_stop))
    out.append("\n  ")
    out.append(wait_block(r.wait, r.service_name, True, expanded))
    if r.rank_group == 1 and r.wait.status != "not_applicable":
        why = "Zonder wachttijdcijfer" if r.wait.status == "no_data" else "Cijfer ouder dan drie maanden"
        out.append(f'\n  <p class="small muted unranked-note">{why}: telt niet mee in de volgorde.</p>')
    referral = "<strong>verwijzing nodig</strong>" if r.referral_required else "geen verwijzing nodig"
    out.append(
        f'\n  <dl class="facts">\n    <div><dt>Locatie</dt><dd>{location_line(r)}</dd></div>'
        f"\n    <div><dt>Verwijzing</dt><dd>{referral}</dd></div>"
        f"\n    <div><dt>Kosten</dt><dd>{e(r.cost_description or COST_LABELS.get(r.cost, r.cost))}</dd></div>"
    )
    if r.places_total is not None or r.places_free is not None:
        free = f"<strong>{e(r.places_free)}</strong>" if r.places_free is not None else "onbekend"
        total = f" van {e(r.places_total)}" if r.places_total is not None else ""
        out.append(f"\n    <div><dt>Vrije plaatsen</dt><dd>{free}{total}</dd></div>")
    if r.contract_ceiling_reached is not None:
        ceiling = ' <span class="badge over">omzetplafond bereikt</span>' if r.contract_ceiling_reached else ""
        out.append(f"\n    <div><dt>Contract verzekeraar</dt><dd>ja{ceiling}</dd></div>")
    if not compact:
        out.append(
            f'\n    <div class="facts-wide"><dt>Aanmelden</dt><dd>'
            f"{e(r.how_to_register or 'Neem contact op met de aanbieder.')}"
            f"{f' · tel. {e(r.phone)}' if r.phone else ''}{f' · {e(r.email)}' if r.email else ''}</dd></div>"
        )
    out.append('\n  </dl>\n  <div class="result-foot">')
    if not compact:
        out.append(_trust_dates(r.assured_date, r.updated_at))
    else:
        out.append(
            f'<a class="small" href="{detail}">Aanmelden en details<span class="visually-hidden"> van {name}</span></a>'
        )
    if show_button:
        out.append(shortlist_button(r.service_id, r.service_id in shortlist, back, csrf))
    out.append("\n  </div>\n</li>")
    return squash("".join(out))


templates.env.globals.update(
    result_card=result_card, result_location_line=location_line, result_shortlist_button=shortlist_button
)
templates.env.filters["date_nl"] = date_nl
# Links providers entered: only http(s), mailto and tel are ever written into an href (waitinfo.core.urls).
templates.env.filters["safe_url"] = lambda value: safe_url(value) or ""
templates.env.filters["month_nl"] = month_nl
templates.env.filters["number_nl"] = number_nl
templates.env.filters["weeks_nl"] = weeks_nl


def _account(request):
    from waitinfo.web.auth import account

    return account(request)


templates.env.globals["session_account"] = _account

# Globals for macros/wait.html (wait figures with Treeknorm badge and definition).
from waitinfo.search.display import install as _install_wait_display  # noqa: E402

_install_wait_display(templates.env)


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def render(
    request: Request,
    name: str,
    context: dict | None = None,
    *,
    block: str | None = None,
    status_code: int = 200,
    headers: dict | None = None,
):
    """Render a full page, or only `block` of the same template for an HTMX request."""
    ctx = dict(context or {})
    if block and is_htmx(request):
        return templates.TemplateResponse(
            request, name, ctx, block_name=block, status_code=status_code, headers=headers
        )
    return templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)
