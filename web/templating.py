"""Jinja2 templates (full pages that also serve HTMX partials via render_block) and Dutch filters."""

import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fastapi import Request
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup
from markupsafe import escape as e

from waitinfo.waits.treeknorm import DEFINITIONS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
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


_AFTER_STALE = {"hidden": '<span class="badge stale">verouderd: ouder dan drie maanden</span> ',
                "stale": '<span class="badge stale">verouderd</span> '}
_BADGE_MARK = {"within": "✓ ", "over": "! "}
_DEFINITION_FOOT = ('\n    <p class="muted small">Aanbieders werken hun cijfers minstens maandelijks bij. Ouder dan een maand '
                    'heet “verouderd”; ouder dan drie maanden telt niet mee in de volgorde.</p>')


def wait_block(view, label=None, compact=False, expanded=False) -> Markup:
    """The HTML of macros/wait.html `wait_view_block` (a WaitView with its figures, badges and definition).

    Written out here because it is on every search result: as a Jinja macro it cost ~65 µs a result (~25
    escaped expressions, loops), about a third of a search page's rendering. Keep it byte for byte as before
    (tests/search/test_wait_macros.py renders every branch).
    """
    status = view.status
    out = [f'<div class="wait wait-{e(status)}{" wait-over" if view.over else ""}" data-wait="{e(status)}">']
    if status == "not_applicable":
        out.append('\n  <p class="wait-kind muted">Geen wachttijd van toepassing voor dit soort aanbod (inloop, groep of '
                   'direct contact).</p>\n</div>')
        return Markup("".join(out))
    kind = view.kind_label
    out.append(f'\n  <p class="wait-kind">{e(kind[:1].upper())}{e(kind[1:])}'
               f'{f" · {e(view.diagnosis)}" if view.diagnosis else ""}</p>')
    if status == "no_data":
        out.append('\n  <p><span class="badge unknown">geen gegevens</span> <span class="muted">Nooit een wachttijd '
                   'gemeld</span></p>')
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
            out.append(f'\n    <div class="wait-figure wait-{e(fig.part)}">\n      <dt>{e(fig.label)}</dt>\n      <dd>{value} '
                       f'<span class="badge {e(fig.judgement)}">{_BADGE_MARK.get(fig.judgement, "")}'
                       f'{e(fig.judgement_label)}</span></dd>\n    </div>')
        if view.waiting_count is not None:
            out.append(f'\n    <div class="wait-figure wait-count"><dt>Wachtenden</dt><dd><strong>'
                       f'{e(number_nl(view.waiting_count))}</strong></dd></div>')
        out.append(f'\n  </dl>\n  <p class="wait-meta small">{_AFTER_STALE.get(view.freshness, "")}Bijgewerkt op '
                   f'{e(date_nl(view.reference_date or view.month))}')
        if not compact:
            out.append(f" · {e(view.method_label or 'meetmethode niet opgegeven')}")
        out.append("\n  </p>")
    hidden_label = f'<span class="visually-hidden"> ({e(label)})</span>' if label else ""
    out.append(f'\n  <details class="definition wait-definition"{" open" if expanded else ""}>\n  <summary>Wat betekent '
               f'dit cijfer?{hidden_label}</summary>\n  <div>')
    if status == "figures":
        out.append('\n    <ul class="definition-items">')
        out.extend(f"\n      <li>{e(fig.definition)}</li>" for fig in view.figures)
        if view.waiting_count is not None:
            out.append(f"<li>{e(DEFINITIONS['waiting_count'])}</li>")
        out.append(f'\n    </ul>\n    <p><strong>Soort:</strong> {e(kind)}'
                   f'{". Beoordeeld met de regionale norm van 6 weken; niet vergelijkbaar met ggz-wachttijden" if view.regional_norm else ""}.</p>')
        if view.diagnosis:
            out.append(f"<p><strong>Hoofddiagnosegroep:</strong> {e(view.diagnosis)}</p>")
        out.append(f"\n    <p><strong>Meetmethode:</strong> {e(view.method_label or 'niet opgegeven')}</p>"
                   f"\n    <p><strong>Cijfer over:</strong> {e(month_nl(view.month))}; <strong>peildatum:</strong> "
                   f"{e(date_nl(view.reference_date, 'niet opgegeven'))}</p>\n    <p><strong>Bron:</strong>")
        source = view.source
        if source:
            out.append(f" {e(source.label)}{f' “{e(source.name)}”' if source.name else ''}, import van "
                       f"{e(date_nl(source.imported_at))}")
            if source.run_id:
                out.append(f' <span class="muted small">(importrun {e(str(source.run_id)[:8])})</span>')
        else:
            out.append(" door de aanbieder ingevoerd")
        out.append("</p>")
        if view.intake_within_norm is not None or view.intake_outside_norm is not None:
            out.append(f"\n    <p><strong>Intakes laatste twee maanden:</strong> {e(number_nl(view.intake_within_norm))} "
                       f"binnen en {e(number_nl(view.intake_outside_norm))} buiten de Treeknorm.</p>")
    elif status == "no_data":
        out.append("\n    <p>Deze aanbieder heeft voor dit aanbod (nog) geen wachttijd gemeld. Dat betekent niet dat er "
                   "geen wachttijd is: vraag het na bij de aanbieder.</p>"
                   f"\n    <p><strong>Soort:</strong> {e(kind)}.</p>")
    if not compact:
        out.append(_DEFINITION_FOOT)
    out.append("\n  </div>\n</details>\n</div>")
    return Markup("".join(out))


templates.env.globals["wait_block"] = wait_block
templates.env.filters["date_nl"] = date_nl
templates.env.filters["month_nl"] = month_nl
templates.env.filters["number_nl"] = number_nl
templates.env.filters["weeks_nl"] = weeks_nl


def _account(request):
    from web.auth import account

    return account(request)


templates.env.globals["session_account"] = _account

# Globals for macros/wait.html (wait figures with Treeknorm badge and definition).
from waitinfo.search.display import install as _install_wait_display  # noqa: E402

_install_wait_display(templates.env)


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def render(request: Request, name: str, context: dict | None = None, *, block: str | None = None,
           status_code: int = 200, headers: dict | None = None):
    """Render a full page, or only `block` of the same template for an HTMX request."""
    ctx = dict(context or {})
    if block and is_htmx(request):
        return templates.TemplateResponse(request, name, ctx, block_name=block, status_code=status_code,
                                          headers=headers)
    return templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)
