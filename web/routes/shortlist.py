"""The list of one consult (browser-session cookie or URL, no server state) and its printable handout /lijst."""

import uuid
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from waitinfo.core.clock import today
from waitinfo.core.settings import get_settings
from waitinfo.reference import contacts
from waitinfo.search import repository, typed
from waitinfo.search.handout import handout_header, qr_svg
from waitinfo.search.schemas import SearchParams
from waitinfo.search.shortlist import (
    COOKIE,
    HANDOUT_ITEMS,
    LEGACY_COOKIE,
    Consult,
    format_consult,
    format_short_ids,
    parse_consult,
    parse_ids,
    toggle,
)
from waitinfo.web.deps import SessionDep
from waitinfo.web.templating import is_htmx, render

router = APIRouter(include_in_schema=False)


def _safe_back(url: str | None) -> str:
    """Only local paths (no open redirect)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/zoeken"
    return url


def _with_context(consult: Consult, back: str | None) -> Consult:
    """The first item sets the consult's need and place (from the search it was chosen in)."""
    if consult.ids:
        return consult
    query = parse_qs(urlsplit(_safe_back(back)).query)
    first = {k: query[k][0] for k in ("hulpvraag", "gemeente", "postcode", "leeftijd") if query.get(k)}
    key = "postcode" if first.get("postcode") else "gemeente"
    age = typed.age(first.get("leeftijd"))
    return Consult([], first.get("hulpvraag", "")[:80], first.get(key, "")[:120], key, age)


def _set_cookie(response, consult: Consult) -> None:
    # No max_age: a browser-session cookie; "Nieuw consult" (or closing the browser) ends it.
    response.delete_cookie(LEGACY_COOKIE, path="/")
    response.set_cookie(
        COOKIE,
        format_consult(consult),
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
        path="/",
    )


def _change(request: Request, service_id: str, back: str | None, add: bool):
    consult = parse_consult(request.cookies.get(COOKIE))
    try:
        sid = uuid.UUID(service_id)
    except ValueError:
        sid = None
    if sid is not None:
        if add:
            consult = _with_context(consult, back)
        consult.ids = toggle(consult.ids, sid, add)
    if is_htmx(request):
        response = render(
            request,
            "search/shortlist_button.html",
            {
                "service_id": sid or service_id,
                "on_list": add and sid is not None,
                "back": _safe_back(back),
                "count": len(consult.ids),
            },
        )
    else:
        target = _safe_back(back) + (f"#r-{sid}" if sid else "")
        response = RedirectResponse(target, status_code=303)
    _set_cookie(response, consult)
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


@router.post("/consult/nieuw")
def new_consult():
    """Start the next consult: the list and its need and place are gone, the search form is empty."""
    response = RedirectResponse("/zoeken", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    response.delete_cookie(LEGACY_COOKIE, path="/")
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
    mine = parse_consult(request.cookies.get(COOKIE))
    if from_url:
        key = "postcode" if postcode and not gemeente else "gemeente"
        consult = Consult(parse_ids(ids), (hulpvraag or "")[:80], ((gemeente or postcode) or "")[:120], key)
    else:
        consult = mine
    context = dict(consult.context())
    params = SearchParams(
        hulpvraag=context.get("hulpvraag"),
        gemeente=context.get("gemeente"),
        postcode=context.get("postcode"),
        leeftijd=consult.age,
    )
    page = repository.shortlist(session, consult.ids, params)
    share_url = (
        get_settings().public_url()
        + "/lijst?"
        + urlencode([("ids", format_short_ids(consult.ids)), *consult.context()])
    )
    return render(
        request,
        "search/handout.html",
        {
            "nav": "zoeken",
            "page": page,
            "ids": consult.ids,
            "from_url": from_url,
            "share_url": share_url,
            "qr": qr_svg(share_url) if consult.ids else "",
            "header": handout_header(page),
            "local_contacts": contacts.for_handout(session, page.query),
            "printed_on": today(),
            "too_many": len(page.results) > HANDOUT_ITEMS,
            "back_url": "/zoeken" + ("?" + urlencode(consult.context()) if consult.context() else ""),
            "cookie_ids": mine.ids,
        },
        headers={"Cache-Control": "no-store"},
    )
