"""Provider portal: dashboard, monthly update, history, help. Offer edits live in portal_offer.py."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from waitinfo.core.clock import today
from waitinfo.portal import access, dashboard, history, monthly
from waitinfo.waits import rules
from waitinfo.waits.treeknorm import DEFINITIONS, METHOD_LABELS, WAIT_KIND_LABELS
from waitinfo.web.auth import CurrentUser, OptionalUser
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.portal_context import OrgParam, organization_or_picker, portal_url
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API


@router.get("/portaal")
def home(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    organisatie: OrgParam = None,
    q: str = "",
    pagina: Annotated[int, Query(ge=1)] = 1,
):
    org = organization_or_picker(session, user, organisatie)
    if org is None:
        orgs, total = access.organizations_for(session, user, q=q, offset=(pagina - 1) * 50, limit=50)
        return render(
            request,
            "portal/choose.html",
            {"orgs": orgs, "total": total, "q": q, "page": pagina, "nav": "portaal", "section": None},
            block="results",
        )
    ctx = dashboard.dashboard(session, org, today())
    ctx.update(org=org, nav="portaal", section="dashboard", today=today(), saved=request.query_params.get("opgeslagen"))
    return render(request, "portal/dashboard.html", ctx)


def _month_ctx(org, rows, **extra):
    return {
        "org": org,
        "rows": rows,
        "nav": "portaal",
        "section": "maand",
        "today": today(),
        "method_labels": METHOD_LABELS,
        "definitions": DEFINITIONS,
        "wait_kind_labels": WAIT_KIND_LABELS,
        "method": org.default_wait_method,
        "reference_date": today().isoformat(),
        "form_errors": {},
        **extra,
    }


@router.get("/portaal/maand")
def month_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    rows = monthly.month_rows(session, org, today())
    return render(request, "portal/month.html", _month_ctx(org, rows, done=request.query_params.get("klaar")))


@router.post("/portaal/maand")
def month_save(request: Request, session: SessionDep, user: CurrentUser, form: FormDep, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    form = dict(form)
    rows = monthly.month_rows(session, org, today())
    result = monthly.save_month(session, org, rows, form, user=user, today=today())
    if result.errors:
        return render(
            request,
            "portal/month.html",
            _month_ctx(
                org,
                rows,
                form_errors=result.form_errors,
                error_count=result.errors,
                method=form.get("method") or org.default_wait_method,
                reference_date=form.get("reference_date", ""),
            ),
            status_code=422,
        )
    return RedirectResponse(portal_url("/portaal/maand", org, klaar=str(result.saved)), status_code=303)


@router.post("/portaal/maand/bevestigen")
def month_confirm(session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    rows = monthly.month_rows(session, org, today())
    copied = monthly.confirm_unchanged(session, org, rows, user=user, today=today())
    return RedirectResponse(portal_url("/portaal/maand", org, klaar=str(copied), bevestigd="1"), status_code=303)


@router.get("/portaal/geschiedenis")
def history_page(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    organisatie: OrgParam = None,
    pagina: Annotated[int, Query(ge=1)] = 1,
):
    org = organization_or_picker(session, user, organisatie, required=True)
    entries, total = history.entries(session, organization_id=org.id, offset=(pagina - 1) * 50, limit=50)
    return render(
        request,
        "portal/history.html",
        {"org": org, "entries": entries, "total": total, "page": pagina, "nav": "portaal", "section": "geschiedenis"},
        block="results",
    )


@router.get("/portaal/help")
def help_page(request: Request, user: OptionalUser):  # the user only for the account menu
    return render(
        request,
        "portal/help.html",
        {
            "definitions": DEFINITIONS,
            "method_labels": METHOD_LABELS,
            "wait_kind_labels": WAIT_KIND_LABELS,
            "due_day": rules.cycle(today()).due_day,
            "nav": "portaal",
            "section": "help",
            "org": None,
        },
    )
