"""Dutch error pages; no stack traces to users; 503 when the database is away."""

import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from waitinfo.core.logging import request_id_var
from waitinfo.web.problem import is_api, problem, validation_problem
from waitinfo.web.templating import templates

log = logging.getLogger(__name__)

MESSAGES = {
    400: ("Ongeldig verzoek", "Het verzoek klopt niet. Controleer wat u invulde en probeer het opnieuw."),
    401: ("Inloggen nodig", "Log in om deze pagina te zien."),
    403: ("Geen toegang", "U hebt geen toegang tot deze pagina of deze gegevens."),
    404: ("Pagina niet gevonden", "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de zoekpagina."),
    405: ("Niet toegestaan", "Deze handeling is hier niet mogelijk."),
    422: ("Ongeldige invoer", "Een of meer velden zijn niet goed ingevuld."),
    429: ("Te veel verzoeken", "U doet te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw."),
    500: ("Er ging iets mis", "Er ging aan onze kant iets mis. Probeer het later opnieuw."),
    503: (
        "Tijdelijk niet beschikbaar",
        "waitinfo kan de gegevens op dit moment niet bereiken. Probeer het over een paar minuten opnieuw.",
    ),
}


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/fhir/", "/openapi", "/healthz", "/metrics")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: Request, status: int, detail=None, headers: dict | None = None, reference: str | None = None
):
    """The Dutch error page or JSON body. A 500 never shows the exception; with `reference` it names the log
    entry (the details are in the log under that reference)."""
    title, message = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    if reference:
        message = f"{message} Noem bij vragen referentie {reference}."
    if isinstance(detail, str) and detail == _phrase(status):
        detail = None  # Starlette's English default ("Not Found"): answer in Dutch, for the API too
    if is_api(request):
        return problem(request, status, detail if isinstance(detail, str) else message, headers=headers)
    if wants_json(request):
        body = {"detail": detail if detail is not None else message}
        return JSONResponse(body, status_code=status, headers=headers)
    # Starlette's own details ("Not Found", "Method Not Allowed") are English phrases: show the Dutch text instead.
    own_detail = isinstance(detail, str) and detail and detail != _phrase(status)
    text = detail if own_detail and status < 500 else message
    # The route's database session has ended (a 403 for a signed-in user): the header then reads the account
    # from the session cookie instead of the detached, expired User row.
    if getattr(request.state, "user", None) is not None:
        del request.state.user
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": title, "message": text},
        status_code=status,
        headers=headers,
    )


def install(app: FastAPI) -> None:
    from fastapi.responses import RedirectResponse

    from waitinfo.web.auth import Forbidden, LoginRequired, login_redirect_url

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        if wants_json(request):
            return JSONResponse({"detail": "Inloggen nodig."}, status_code=401)
        if request.headers.get("HX-Request") == "true":
            return JSONResponse({}, status_code=401, headers={"HX-Redirect": login_redirect_url(exc.next_path)})
        return RedirectResponse(login_redirect_url(exc.next_path), status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):
        return error_response(request, 403)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if is_api(request):
            return validation_problem(request, exc)
        if wants_json(request):
            return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
        return error_response(request, 422)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def database_away(request: Request, exc: Exception):
        log.warning("database unavailable: %s", exc.__class__.__name__)
        return error_response(request, 503, headers={"Retry-After": "30"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        if _nul_byte(exc):  # a NUL the door did not see (a multipart field): the user's input, not our failure
            from waitinfo.web.limits import NUL_MESSAGE

            return error_response(request, 400, NUL_MESSAGE)
        reference = error_reference()
        log.exception("unhandled error on %s (reference %s)", request.url.path, reference)
        return error_response(request, 500, reference=reference)


def error_reference() -> str:
    """What a user can quote to find the log entry: the request id (every log line of the request carries it)."""
    rid = request_id_var.get()
    return rid if rid and rid != "-" else uuid.uuid4().hex


def _nul_byte(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, ValueError) and "NUL" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def jsonable_errors(exc: RequestValidationError) -> list[dict]:
    out = []
    for e in exc.errors():
        out.append({"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": e.get("type")})
    return out
