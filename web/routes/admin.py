"""Coordinator pages (/beheer): users and invitations, approvals, the audit trail for all, the outbox."""

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlmodel import select

from waitinfo.accounts import outbox_view, service
from waitinfo.accounts.models import ROLES, User
from waitinfo.accounts.schemas import ROLE_LABELS, UserCreate, UserUpdate
from waitinfo.catalogue.models import Organization
from waitinfo.portal import approvals, history
from waitinfo.search.safety import crisis_without_phone
from waitinfo.web.auth import Coordinator
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API
PER_PAGE = 50
Page = Annotated[int, Query(ge=1)]


def _base(**extra):
    return {"nav": "beheer", "role_labels": ROLE_LABELS, "roles": ROLES, **extra}


def _all_orgs(session):
    return session.exec(select(Organization).where(Organization.status != "defunct").order_by(Organization.name)).all()


def _pydantic_errors(exc: ValidationError) -> dict:
    return {str(e["loc"][0]): str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()}


@router.get("/beheer")
def overview(request: Request, session: SessionDep, user: Coordinator):
    pending = approvals.pending(session)
    _, users_total = service.list_users(session, limit=1)
    unreachable = crisis_without_phone(session)
    return render(
        request, "admin/overview.html", _base(pending=pending, users_total=users_total, unreachable=unreachable)
    )


@router.get("/beheer/gebruikers")
def users(request: Request, session: SessionDep, user: Coordinator, pagina: Page = 1):
    rows, total = service.list_users(session, offset=(pagina - 1) * PER_PAGE, limit=PER_PAGE)
    return render(
        request,
        "admin/users.html",
        _base(users=rows, total=total, page=pagina, notice=request.query_params.get("melding")),
    )


@router.get("/beheer/gebruikers/nieuw")
def invite_page(request: Request, session: SessionDep, user: Coordinator):
    return render(
        request,
        "admin/user_form.html",
        _base(account=None, values={"role": "provider"}, errors={}, orgs=_all_orgs(session), selected=set()),
    )


@router.post("/beheer/gebruikers/nieuw")
def invite(request: Request, session: SessionDep, user: Coordinator, form: FormDep):
    values = {
        "email": form.get("email", ""),
        "role": form.get("role", ""),
        "display_name": form.get("display_name", ""),
    }
    selected = set(form.getlist("organization_ids"))
    try:
        data = UserCreate(**values, organization_ids=list(selected))
        account = service.create_user(session, data, actor=user)
        service.invite(session, account, actor=user)
    except ValidationError as exc:
        return render(
            request,
            "admin/user_form.html",
            _base(
                account=None, values=values, errors=_pydantic_errors(exc), orgs=_all_orgs(session), selected=selected
            ),
            status_code=422,
        )
    except service.AccountError as exc:
        return render(
            request,
            "admin/user_form.html",
            _base(
                account=None,
                values=values,
                errors={exc.field or "email": str(exc)},
                orgs=_all_orgs(session),
                selected=selected,
            ),
            status_code=422,
        )
    return RedirectResponse("/beheer/gebruikers?melding=uitgenodigd", status_code=303)


def _account(session, user_id: uuid.UUID) -> User:
    account = session.get(User, user_id)
    if account is None:
        raise HTTPException(404)
    return account


@router.get("/beheer/gebruikers/{user_id}")
def user_page(request: Request, session: SessionDep, user: Coordinator, user_id: uuid.UUID):
    account = _account(session, user_id)
    selected = {str(o.id) for o in service.organizations_of(session, account)}
    return render(
        request,
        "admin/user_form.html",
        _base(
            account=account,
            values={"role": account.role, "active": account.active},
            errors={},
            orgs=_all_orgs(session),
            selected=selected,
        ),
    )


@router.post("/beheer/gebruikers/{user_id}")
def user_save(request: Request, session: SessionDep, user: Coordinator, user_id: uuid.UUID, form: FormDep):
    account = _account(session, user_id)
    selected = set(form.getlist("organization_ids"))
    values = {"role": form.get("role", ""), "active": form.get("active") == "on"}
    try:
        service.update_user(session, account, UserUpdate(**values, organization_ids=list(selected)), actor=user)
    except (ValidationError, service.AccountError) as exc:
        errors = _pydantic_errors(exc) if isinstance(exc, ValidationError) else {exc.field or "role": str(exc)}
        return render(
            request,
            "admin/user_form.html",
            _base(account=account, values=values, errors=errors, orgs=_all_orgs(session), selected=selected),
            status_code=422,
        )
    return RedirectResponse("/beheer/gebruikers?melding=opgeslagen", status_code=303)


@router.post("/beheer/gebruikers/{user_id}/uitnodigen")
def reinvite(session: SessionDep, user: Coordinator, user_id: uuid.UUID):
    service.invite(session, _account(session, user_id), actor=user)
    return RedirectResponse("/beheer/gebruikers?melding=uitgenodigd", status_code=303)


@router.get("/beheer/goedkeuren")
def approvals_page(request: Request, session: SessionDep, user: Coordinator):
    return render(
        request,
        "admin/approvals.html",
        _base(pending=approvals.pending(session), notice=request.query_params.get("melding")),
    )


@router.post("/beheer/goedkeuren/{kind}/{entity_id}")
def decide(request: Request, session: SessionDep, user: Coordinator, kind: str, entity_id: uuid.UUID, form: FormDep):
    if kind not in ("organization", "service", "location"):
        raise HTTPException(404)
    approve = form.get("besluit") == "goedkeuren"
    try:
        approvals.decide(session, kind, entity_id, approve, user=user)
    except approvals.NotPending:
        raise HTTPException(409, "Dit voorstel is al behandeld of bestaat niet meer.") from None
    return RedirectResponse(f"/beheer/goedkeuren?melding={'goedgekeurd' if approve else 'afgewezen'}", status_code=303)


@router.get("/beheer/audit")
def audit_page(
    request: Request,
    session: SessionDep,
    user: Coordinator,
    pagina: Page = 1,
    organisatie: uuid.UUID | None = None,
    soort: str = "",
):
    entries, total = history.entries(
        session, organization_id=organisatie, entity_type=soort or None, offset=(pagina - 1) * PER_PAGE, limit=PER_PAGE
    )
    org = session.get(Organization, organisatie) if organisatie else None
    return render(
        request,
        "admin/audit.html",
        _base(entries=entries, total=total, page=pagina, org=org, soort=soort, entity_labels=history.ENTITY_LABELS),
        block="results",
    )


@router.get("/beheer/outbox")
def outbox_page(request: Request, session: SessionDep, user: Coordinator, pagina: Page = 1):
    rows, total = outbox_view.messages(session, offset=(pagina - 1) * PER_PAGE, limit=PER_PAGE)
    return render(request, "admin/outbox.html", _base(messages=rows, total=total, page=pagina))
