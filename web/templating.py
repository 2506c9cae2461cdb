"""Jinja2 templates (full pages that also serve HTMX partials via render_block) and Dutch filters."""

import os
import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from cachetools import LRUCache
from fastapi import Request
from jinja2_fragments.fastapi import Jinja2Blocks

from waitinfo.core.urls import safe_url
from waitinfo.search.availability import LEVELS, NO_WAIT_KINDS, OFFER_KINDS, UNAVAILABLE_REASONS, practice_bound

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


def tel_href(phone: str | None) -> str:
    """A phone number as a tel: target: digits and a leading +."""
    text = (phone or "").strip().replace("(0)", "")  # +31 (0)53 ...: the (0) is not dialled from abroad
    digits = "".join(ch for ch in text if ch.isdigit())
    return ("+" + digits) if text.startswith("+") else digits


templates.env.filters["tel_href"] = tel_href
templates.env.globals.update(
    levels=LEVELS,
    offer_kinds=OFFER_KINDS,
    unavailable_reasons=UNAVAILABLE_REASONS,
    no_wait_kinds=NO_WAIT_KINDS,
    practice_bound=practice_bound,
)
templates.env.filters["date_nl"] = date_nl
# Links providers entered: only http(s), mailto and tel are ever written into an href (waitinfo.core.urls).
templates.env.filters["safe_url"] = lambda value: safe_url(value) or ""
templates.env.filters["month_nl"] = month_nl
templates.env.filters["number_nl"] = number_nl
templates.env.filters["weeks_nl"] = weeks_nl


_fragments: LRUCache = LRUCache(maxsize=1024)
_fragments_lock = threading.Lock()


def memo(key: tuple, macro, *args):
    """The output of a template macro for arguments that rarely change, kept under `key` (which must name every
    input: a fragment name, the version of the reference data it shows, the selected value). The search form's
    355-municipality list cost a third of the page's render time. Not kept while templates reload (development)."""
    if templates.env.auto_reload:
        return macro(*args)
    with _fragments_lock:
        hit = _fragments.get(key)
    if hit is None:
        hit = macro(*args)
        with _fragments_lock:
            _fragments[key] = hit
    return hit


templates.env.globals["memo"] = memo


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
