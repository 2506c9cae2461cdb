"""CSRF protection for every form posted by a browser, logged in or not.

Logged in: the token lives in the signed session cookie (`waitinfo.web.auth.csrf_token`). Before login (the login
and reset forms, the shortlist) it is a pre-session token: a random value in its own cookie (`waitinfo_csrf`,
SameSite=Lax, so another site's form never carries it), set on the first page that renders a form, and sent
back in the form (double submit). Forms send the token in a hidden field `csrf_token`; HTMX sends it in the
`X-CSRF-Token` header. API routes under /api and /fhir authenticate with an API key instead: with a key they
are exempt even when a browser cookie is present, and without a session they are not browser forms.

Use: `APIRouter(dependencies=[CsrfProtect])`, or app-wide `FastAPI(dependencies=[CsrfProtect])`.
"""

import hmac
import re
import secrets

from fastapi import Depends, HTTPException, Request

from waitinfo.web.auth import csrf_token, read_session
from waitinfo.web.templating import templates

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PRE_SESSION_COOKIE = "waitinfo_csrf"
_SANE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MESSAGE = (
    "Het formulier is verlopen of komt niet van waitinfo. Laad de pagina opnieuw en probeer het nog eens; "
    "wat u invulde, moet u dan opnieuw invullen."
)


def _has_api_key(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/fhir/")) and (
        "x-api-key" in request.headers or request.headers.get("authorization", "").lower().startswith("bearer ")
    )


def pre_session_token(request: Request) -> str:
    """The browser's pre-session token; a new one is made (and set as a cookie by the middleware) when absent."""
    value = request.cookies.get(PRE_SESSION_COOKIE, "")
    if _SANE.match(value):
        return value
    state = request.scope.setdefault("state", {})
    if not state.get("new_csrf_cookie"):
        state["new_csrf_cookie"] = secrets.token_urlsafe(24)
    return state["new_csrf_cookie"]


async def sent_token(request: Request) -> str | None:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    if request.headers.get("content-type", "").split(";")[0].strip() in FORM_TYPES:
        form = await request.form()  # cached by Starlette; the route reads the same parsed form
        value = form.get("csrf_token")
        return value if isinstance(value, str) else None
    return None


def _matches(sent: str | None, expected: str | None) -> bool:
    return bool(expected and sent and hmac.compare_digest(sent.encode(), str(expected).encode()))


async def csrf_protect(request: Request) -> None:
    if request.method not in UNSAFE_METHODS or _has_api_key(request):
        return
    data = read_session(request)
    if data is not None:
        expected = data.get("csrf")
    elif request.url.path.startswith(("/api/", "/fhir/")):
        return  # no session, no key: the API answers 401 itself; a cookie carries no authority there
    else:
        expected = request.cookies.get(PRE_SESSION_COOKIE)
        expected = expected if expected and _SANE.match(expected) else None
    if not _matches(await sent_token(request), expected):
        raise HTTPException(status_code=403, detail=MESSAGE)


CsrfProtect = Depends(csrf_protect)

# Templates write {{ csrf_token(request) }} in a hidden field of every form.
templates.env.globals.setdefault("csrf_token", lambda request: csrf_token(request) or "")
