"""Shortlist (cookie or URL, no server state) and the printable handout /lijst."""

import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from waitinfo.core.clock import today
from waitinfo.core.settings import get_settings
from waitinfo.search import repository
from waitinfo.search.schemas import SearchParams
from waitinfo.search.shortlist import COOKIE, format_ids, parse_ids, toggle
from waitinfo.web.deps import SessionDep
from waitinfo.web.templating import is_htmx, render

router = APIRouter(include_in_schema=False)

COOKIE_MAX_AGE = 30 * 24 * 3600


def _safe_back(url: str | None) -> str:
    """Only local paths (no open redirect)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/zoeken"
    return url


def _context_of(back: str | None) -> str:
    """hulpvraag and gemeente of the search the user came from, for the handout's help while waiting."""
    query = parse_qs(urlsplit(_safe_back(back)).query)
    return urlencode([(k, query[k][0]) for k in ("hulpvraag", "gemeente", "postcode") if query.get(k)])


def _change(request: Request, service_id: str, back: str | None, add: bool):
    ids = parse_ids(request.cookies.get(COOKIE))
    try:
        sid = uuid.UUID(service_id)
    except ValueError:
        sid = None
    if sid is not None:
        ids = toggle(ids, sid, add)
    if is_htmx(request):
        response = render(
            request,
            "search/shortlist_button.html",
            {
                "service_id": sid or service_id,
                "on_list": add and sid is not None,
                "back": _safe_back(back),
                "count": len(ids),
                "list_query": _context_of(back),
            },
        )
    else:
        target = _safe_back(back) + (f"#r-{sid}" if sid else "")
        response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        format_ids(ids, "."),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
        path="/",
    )
    return response


@router.post("/lijst/toevoegen")
def add_to_shortlist(request: Request, service_id: str = Form(...), terug: str | None = Form(None)):
    return _change(request, service_id, terug, add=True)


@router.post("/lijst/verwijderen")
def remove_from_shortlist(request: Request, service_id: str = Form(...), terug: str | None = Form(None)):
    return _change(request, service_id, terug, add=False)


@router.post("/lijst/leegmaken")
def clear_shortlist():
    response = RedirectResponse("/lijst", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/lijst")
def handout(
    request: Request,
    session: SessionDep,
    ids: str | None = None,
    hulpvraag: str | None = None,
    gemeente: str | None = None,
    postcode: str | None = None,
):
    from_url = ids is not None
    chosen = parse_ids(ids) if from_url else parse_ids(request.cookies.get(COOKIE))
    params = SearchParams(
        hulpvraag=(hulpvraag or "")[:80] or None,
        gemeente=(gemeente or "")[:80] or None,
        postcode=(postcode or "")[:120] or None,
    )
    page = repository.shortlist(session, chosen, params)
    share_pairs = [("ids", format_ids(chosen))] + [
        (k, v) for k, v in (("hulpvraag", hulpvraag), ("gemeente", gemeente)) if v
    ]
    share_url = get_settings().public_url() + "/lijst?" + urlencode(share_pairs)
    back_params = [(k, v) for k, v in (("hulpvraag", hulpvraag), ("gemeente", gemeente)) if v]
    return render(
        request,
        "search/handout.html",
        {
            "nav": "zoeken",
            "page": page,
            "ids": chosen,
            "from_url": from_url,
            "share_url": share_url,
            "printed_on": today(),
            "back_url": "/zoeken" + ("?" + urlencode(back_params) if back_params else ""),
            "cookie_ids": parse_ids(request.cookies.get(COOKIE)),
        },
        headers={"Cache-Control": "no-store"},
    )
