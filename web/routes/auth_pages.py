"""Log in, log out, forgotten password and one-time links to set a password."""

import time
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from waitinfo.accounts import service
from waitinfo.accounts.ratelimit import login_limiter, reset_limiter
from waitinfo.web.auth import OptionalUser, end_session, issue_session
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import SessionDep
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API

# A reset request answers no sooner than this, known address or not: the work differs by a few database writes,
# which must not tell an outsider whether an account exists.
RESET_ANSWER_SECONDS = 0.15

HOME_BY_ROLE = {"provider": "/portaal", "coordinator": "/beheer", "transfer": "/regio/transfertafel"}


def safe_next(value: str | None, role: str | None = None) -> str:
    """Only local paths: never redirect to another site after login."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")) and "\n" not in value:
        return value
    return HOME_BY_ROLE.get(role or "", "/portaal")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/inloggen")
def login_page(request: Request, user: OptionalUser, volgende: str | None = None):
    return render(
        request,
        "auth/login.html",
        {"volgende": volgende or "", "email": "", "error": None, "user": user, "nav": "portaal"},
    )


@router.post("/inloggen")
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    volgende: Annotated[str, Form()] = "",
):
    address = _client(request)
    ctx = {"volgende": volgende, "email": email, "user": None, "nav": "portaal"}
    wait = login_limiter.retry_after(session, email, address)
    if wait:
        minutes = max(1, round(wait / 60))
        ctx["error"] = (
            f"Te veel mislukte pogingen. Wacht {minutes} minuut/minuten en probeer het opnieuw, "
            "of vraag een nieuw wachtwoord aan."
        )
        return render(request, "auth/login.html", ctx, status_code=429, headers={"Retry-After": str(wait)})
    user = service.authenticate(session, email, password)
    if user is None:
        login_limiter.failed(session, email, address)
        ctx["error"] = "E-mailadres of wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
        return render(request, "auth/login.html", ctx, status_code=400)
    login_limiter.succeeded(session, email)
    response = RedirectResponse(safe_next(volgende, user.role), status_code=303)
    issue_session(response, user, session)
    return response


@router.post("/uitloggen")
def logout(request: Request, session: SessionDep):
    response = RedirectResponse("/inloggen?uitgelogd=1", status_code=303)
    end_session(request, response, session)
    return response


@router.get("/wachtwoord-vergeten")
def forgot_page(request: Request):
    return render(request, "auth/forgot.html", {"email": "", "sent": False, "nav": "portaal"})


@router.post("/wachtwoord-vergeten")
def forgot(request: Request, session: SessionDep, email: Annotated[str, Form()] = ""):
    started = time.perf_counter()
    if email.strip():
        # Over the limit we answer exactly the same, but queue nothing (no inbox flooding, no account probing).
        if not reset_limiter.retry_after(session, email, _client(request)):
            reset_limiter.failed(session, email, _client(request))
            service.request_reset(session, email)
        time.sleep(max(0.0, RESET_ANSWER_SECONDS - (time.perf_counter() - started)))
    return render(
        request,
        "auth/forgot.html",
        {
            "email": email,
            "sent": bool(email.strip()),
            "nav": "portaal",
            "error": None if email.strip() else "Vul uw e-mailadres in.",
        },
    )


@router.get("/wachtwoord-instellen/{token}")
def set_password_page(request: Request, session: SessionDep, token: str):
    user = service.token_user(session, token)
    return render(
        request,
        "auth/set_password.html",
        {"token": token, "account": user, "error": None, "nav": "portaal"},
        status_code=200 if user else 410,
    )


@router.post("/wachtwoord-instellen/{token}")
def set_password(
    request: Request,
    session: SessionDep,
    token: str,
    password: Annotated[str, Form()] = "",
    repeat: Annotated[str, Form()] = "",
):
    try:
        user = service.set_password_with_token(session, token, password, repeat)
    except service.AccountError as exc:
        account = service.token_user(session, token)
        return render(
            request,
            "auth/set_password.html",
            {"token": token, "account": account, "error": str(exc), "field": exc.field, "nav": "portaal"},
            status_code=400 if account else 410,
        )
    response = RedirectResponse(HOME_BY_ROLE.get(user.role, "/portaal"), status_code=303)
    issue_session(response, user, session)
    return response
