"""CSRF protection for every form posted by a logged-in browser.

The token lives in the signed session cookie (`waitinfo.web.auth.csrf_token`). Forms send it in a hidden field
`csrf_token`; HTMX sends it in the `X-CSRF-Token` header. Requests without a session cookie carry no
authority to forge (anonymous forms, API clients with an API key), so they pass; API routes under /api
and /fhir that carry an API key are exempt even when a browser cookie is present.

Use: `APIRouter(dependencies=[CsrfProtect])`, or app-wide `FastAPI(dependencies=[CsrfProtect])`.
"""

import hmac

from fastapi import Depends, HTTPException, Request

from waitinfo.web.auth import csrf_token, read_session
from waitinfo.web.templating import templates

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MESSAGE = (
    "Het formulier is verlopen of komt niet van waitinfo. Laad de pagina opnieuw en probeer het nog eens; "
    "wat u invulde, moet u dan opnieuw invullen."
)


def _has_api_key(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/fhir/")) and (
        "x-api-key" in request.headers or request.headers.get("authorization", "").lower().startswith("bearer ")
    )


async def sent_token(request: Request) -> str | None:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    if request.headers.get("content-type", "").split(";")[0].strip() in FORM_TYPES:
        form = await request.form()  # cached by Starlette; the route reads the same parsed form
        value = form.get("csrf_token")
        return value if isinstance(value, str) else None
    return None


async def csrf_protect(request: Request) -> None:
    if request.method not in UNSAFE_METHODS or _has_api_key(request):
        return
    data = read_session(request)
    if data is None:
        return
    expected = data.get("csrf")
    sent = await sent_token(request)
    if not expected or not sent or not hmac.compare_digest(sent.encode(), str(expected).encode()):
        raise HTTPException(status_code=403, detail=MESSAGE)


CsrfProtect = Depends(csrf_protect)

# Templates write {{ csrf_token(request) }} in a hidden field of every form.
templates.env.globals.setdefault("csrf_token", lambda request: csrf_token(request) or "")
