"""Transfer-table meetings: series and dates, the agenda page, preparing/holding/closing, decisions and actions."""

import uuid
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from waitinfo.core.clock import today
from waitinfo.core.export import csv_bytes
from waitinfo.core.settings import get_settings
from waitinfo.meetings import privacy, ranking, service, summary
from waitinfo.meetings import repository as repo
from waitinfo.meetings.models import Meeting, MeetingAction
from waitinfo.meetings.schemas import ActionIn, SeriesIn, parse
from waitinfo.reference.models import Subregion
from waitinfo.region import transfer
from waitinfo.region.common import subregions as list_subregions
from waitinfo.web.auth import TransferMember
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.downloads import CSV, download
from waitinfo.web.meetings_view import agenda_charts, agenda_context
from waitinfo.web.templating import render

router = APIRouter(prefix="/regio/overleg", include_in_schema=False, dependencies=[CsrfProtect])


def _subregion(session, code: str) -> Subregion:
    sub = repo.subregion(session, code)
    if sub is None:
        raise HTTPException(404, "Deze subregio bestaat niet. Kies een subregio op de overlegpagina.")
    return sub


def _meeting(session, meeting_id: uuid.UUID) -> tuple[Meeting, Subregion]:
    m = session.get(Meeting, meeting_id)
    if m is None:
        raise HTTPException(404, "Deze vergadering bestaat niet (meer). Ga terug naar het overzicht van het overleg.")
    return m, session.get(Subregion, m.subregion_id)


def _series_form(s) -> dict:
    return {
        "interval_days": str(s.interval_days),
        "first_on": s.first_on.isoformat(),
        "starts_at": s.starts_at,
        "duration_minutes": str(s.duration_minutes),
        "place": s.place,
        "participants": "\n".join(s.participants),
    }


def _index(request, session, user, forms=None, errors=None, message=None, status_code=200):
    day = today()
    blocks = []
    for sub in list_subregions(session):
        s = service.ensure_series(session, sub, day)
        meetings = repo.meetings(session, sub.id)
        blocks.append(
            {
                "sub": sub,
                "series": s,
                "form": (forms or {}).get(sub.code) or _series_form(s),
                "errors": (errors or {}).get(sub.code, {}),
                "upcoming": [m for m in meetings if m.held_on >= day and m.status != "closed"],
                "past": [m for m in meetings if m.held_on < day or m.status == "closed"][::-1][:8],
                "dates": service.next_dates(s, day),
            }
        )
    return render(
        request,
        "meetings/index.html",
        {
            "nav": "regio",
            "section": "meetings",
            "user": user,
            "blocks": blocks,
            "today": day,
            "status_labels": service.STATUS_LABELS,
            "warning": privacy.WARNING,
            "message": message,
        },
        status_code=status_code,
    )


@router.get("")
def meetings_index(request: Request, session: SessionDep, user: TransferMember, melding: str | None = None):
    return _index(request, session, user, message=melding)


@router.post("/{code}/reeks")
def series_save(request: Request, session: SessionDep, user: TransferMember, code: str, form: FormDep):
    sub = _subregion(session, code)
    day = today()
    s = service.ensure_series(session, sub, day)
    values = {k: str(form.get(k, "")).strip() for k in _series_form(s)}
    parsed, errors = parse(SeriesIn, {k: v for k, v in values.items() if v != "" or k == "participants"})
    if parsed is not None:
        errors = service.update_series(session, s, parsed, privacy.allowed_contacts(session), day)
    if errors:
        return _index(request, session, user, {code: values}, {code: errors}, status_code=422)
    return RedirectResponse(f"/regio/overleg?melding=reeks-opgeslagen#sub-{code}", status_code=303)


@router.post("/{code}/plannen")
def series_plan(session: SessionDep, user: TransferMember, code: str):
    made = service.plan(session, _subregion(session, code), today())
    return RedirectResponse(f"/regio/overleg?melding=gepland-{made}#sub-{code}", status_code=303)


# --- one meeting ------------------------------------------------------------------------------------
def _agenda_page(
    request, session, user, m, sub, action_form=None, action_errors=None, status_code=200, message=None, big=False
):
    day = today()
    agenda = service.agenda(session, m, sub, day)
    ctx = agenda_context(agenda, day) | {
        "user": user,
        "action_form": action_form or {"kind": "action"},
        "action_errors": action_errors or {},
        "warning": privacy.WARNING,
        "message": message,
        "big": big,
        "charts": agenda_charts(agenda),
        "status_labels": service.STATUS_LABELS,
        "bottleneck_labels": ranking.STATUS_LABELS,
        "signal_labels": transfer.SIGNAL_LABELS | ranking.SHORT_SIGNAL_LABELS,
        "severity_explanation": ranking.SEVERITY_EXPLANATION,
    }
    return render(request, "meetings/agenda.html", ctx, status_code=status_code)


@router.get("/vergadering/{meeting_id}")
def agenda_page(
    request: Request,
    session: SessionDep,
    user: TransferMember,
    meeting_id: uuid.UUID,
    melding: str | None = None,
    scherm: str | None = None,
):
    m, sub = _meeting(session, meeting_id)
    return _agenda_page(request, session, user, m, sub, message=melding, big=scherm == "groot")


def _back(m: Meeting, message: str, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/regio/overleg/vergadering/{m.id}?{urlencode({'melding': message})}{anchor}", 303)


@router.post("/vergadering/{meeting_id}/voorbereiden")
def meeting_prepare(session: SessionDep, user: TransferMember, meeting_id: uuid.UUID):
    m, sub = _meeting(session, meeting_id)
    try:
        service.prepare(session, m, sub, today())
    except service.MeetingClosed:
        return _back(m, "al-gehouden")
    return _back(m, "voorbereid")


@router.post("/vergadering/{meeting_id}/starten")
def meeting_start(session: SessionDep, user: TransferMember, meeting_id: uuid.UUID):
    m, sub = _meeting(session, meeting_id)
    try:
        service.hold(session, m, sub, today())
    except service.MeetingClosed:
        return _back(m, "al-afgesloten")
    return _back(m, "gestart")


@router.post("/vergadering/{meeting_id}/afsluiten")
def meeting_close(request: Request, session: SessionDep, user: TransferMember, meeting_id: uuid.UUID):
    m, sub = _meeting(session, meeting_id)
    day = today()
    if m.status == "closed":
        return _back(m, "al-afgesloten")
    service.close(session, m, sub, day)
    agenda = service.agenda(session, m, sub, day)
    s = repo.series(session, sub.id)
    link = get_settings().public_url() + f"/regio/overleg/vergadering/{m.id}/verslag"  # never the Host header
    sent = summary.mail(session, agenda, s.participants if s else [], link)
    return _back(m, "afgesloten" if sent else "afgesloten-zonder-deelnemers")


@router.post("/vergadering/{meeting_id}/datum")
def meeting_move(request: Request, session: SessionDep, user: TransferMember, meeting_id: uuid.UUID, form: FormDep):
    m, _ = _meeting(session, meeting_id)
    try:
        day = date.fromisoformat(str(form.get("held_on", "")))
    except ValueError:
        return _back(m, "datum-ongeldig")
    problem = service.move(session, m, day)
    return _back(m, "datum-bezet" if problem else "datum-verzet")


@router.post("/vergadering/{meeting_id}/besluit")
def action_add(request: Request, session: SessionDep, user: TransferMember, meeting_id: uuid.UUID, form: FormDep):
    m, sub = _meeting(session, meeting_id)
    fields = ("kind", "text", "owner_organization_id", "due_on", "bottleneck_key", "offer_id", "request_id")
    values = {k: str(form.get(k, "")).strip() for k in fields + ("transfers_agreed",)}
    parsed, errors = parse(ActionIn, values)
    allowed = privacy.allowed_contacts(session)
    if parsed is not None:
        _, errors = service.record_action(session, m, parsed, user.email, allowed, today())
    else:
        errors |= privacy.check({"text": values["text"]}, today(), allowed)  # say everything that is wrong at once
    if errors:
        return _agenda_page(request, session, user, m, sub, values, errors, status_code=422)
    return _back(m, "besluit-opgeslagen" if parsed.kind == "decision" else "actie-opgeslagen", "#besluiten")


@router.post("/vergadering/{meeting_id}/actie/{action_id}/gereed")
def action_done(session: SessionDep, user: TransferMember, meeting_id: uuid.UUID, action_id: uuid.UUID, form: FormDep):
    m, _ = _meeting(session, meeting_id)
    action = session.get(MeetingAction, action_id)
    if action is None:
        raise HTTPException(404, "Deze actie bestaat niet (meer).")
    service.mark_done(session, action, m, today(), done=form.get("gereed", "1") != "0")
    return _back(m, "actie-bijgewerkt", "#acties")


@router.get("/vergadering/{meeting_id}/verslag")
def summary_page(request: Request, session: SessionDep, user: TransferMember, meeting_id: uuid.UUID):
    m, sub = _meeting(session, meeting_id)
    day = today()
    agenda = service.agenda(session, m, sub, day)
    ctx = agenda_context(agenda, day) | {"user": user, "bottleneck_labels": ranking.STATUS_LABELS}
    return render(request, "meetings/summary.html", ctx)


@router.get("/vergadering/{meeting_id}/verslag.csv")
def summary_csv(session: SessionDep, user: TransferMember, meeting_id: uuid.UUID):
    m, sub = _meeting(session, meeting_id)
    agenda = service.agenda(session, m, sub, today())
    dates = {x.id: x.held_on for x in repo.meetings(session, sub.id)}
    rows = summary.action_rows(agenda, dates) + summary.match_rows(agenda)
    name = f"verslag-transfertafel-{sub.code}-{m.held_on.isoformat()}.csv"
    body = csv_bytes(summary.CSV_HEADER, rows)
    return download(body, CSV, name)
