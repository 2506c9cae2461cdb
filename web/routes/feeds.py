"""Coordinator pages for providers' feeds (/beheer/koppelingen): settings, pull now, import runs."""

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from waitinfo.catalogue.models import Organization
from waitinfo.imports import feed_columns, feeds, repository
from waitinfo.imports.models import ImportRun
from waitinfo.imports.vocabulary import FIELD_LABELS
from waitinfo.jobs import app as jobs
from waitinfo.providers.registry import KINDS
from waitinfo.providers.tabular import IGNORE
from waitinfo.web.auth import Coordinator
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API
PER_PAGE = 25
Page = Annotated[int, Query(ge=1)]

ADAPTER_LABELS = {
    "hsds": "HSDS 3.0-feed (Open Referral)",
    "http-csv": "CSV- of Excel-bestand op een adres",
    "http-json": "JSON-bestand op een adres",
}
KIND_LABELS = {
    "": "Herkennen aan de kopregel",
    "wait-times": "Wachttijden",
    "offer": "Aanbod",
    "support-points": "Steunpunten",
    "group-offers": "Groepsaanbod",
    "hsds": "HSDS",
}
STATUS_LABELS = {
    "applied": "verwerkt",
    "rejected": "afgewezen",
    "unchanged": "ongewijzigd",
    "failed": "mislukt",
    "dry_run": "proefimport",
    "running": "bezig",
}
NOTICES = {
    "opgeslagen": "De koppeling is opgeslagen.",
    "ophalen": "Ophalen is gestart en loopt op de achtergrond. Vernieuw deze pagina over een paar seconden: de "
    "uitkomst staat dan bij de recente imports.",
    "kolommen": "De kolomkoppelingen zijn opgeslagen. Ze gelden vanaf de volgende keer ophalen; haal de feed nu "
    "opnieuw op om ze direct te gebruiken.",
}


def _base(**extra):
    return {
        "nav": "beheer",
        "admin_section": "koppelingen",
        "adapter_labels": ADAPTER_LABELS,
        "kind_labels": KIND_LABELS,
        "status_labels": STATUS_LABELS,
        **extra,
    }


def _organization(session, org_id: uuid.UUID) -> Organization:
    org = session.get(Organization, org_id)
    if org is None:
        raise HTTPException(404, "Deze aanbieder bestaat niet (meer).")
    return org


@router.get("/beheer/koppelingen")
def overview(request: Request, session: SessionDep, user: Coordinator, pagina: Page = 1):
    runs = repository.list_runs(session, limit=PER_PAGE, offset=(pagina - 1) * PER_PAGE)
    return render(
        request,
        "feeds/overview.html",
        _base(
            feeds=repository.feeds_overview(session),
            runs=runs,
            page=pagina,
            total=repository.count_runs(session),
            organizations=repository.organizations_without_feed(session),
        ),
    )


@router.get("/beheer/koppelingen/nieuw")
def new_feed(request: Request, session: SessionDep, user: Coordinator, aanbieder: uuid.UUID | None = None):
    if aanbieder is None:
        return RedirectResponse("/beheer/koppelingen", status_code=303)
    return RedirectResponse(f"/beheer/koppelingen/{aanbieder}", status_code=303)


NEW_FEED = {
    "adapter": "hsds",
    "url": "",
    "headers": [],
    "schedule": feeds.DEFAULT_SCHEDULE,
    "kind": None,
    "enabled": True,
}


def _edit_page(request: Request, session, org: Organization, feed, *, status_code: int = 200, **extra):
    """The feed page: settings form, the columns of the last pull to map, pull now, recent runs."""
    ctx = {
        "values": feeds.public_view(feed) if feed else NEW_FEED,
        "errors": {},
        "notice": None,
        "report": None,
        "columns": feed_columns.for_feed(session, feed) if feed_columns.applies(feed) else None,
        "column_errors": {},
        "column_choices": {},
        "field_labels": FIELD_LABELS,
        "ignore_field": IGNORE,
        **extra,
    }
    runs = repository.list_runs(session, organization_id=org.id, limit=10)
    return render(request, "feeds/edit.html", _base(org=org, feed=feed, runs=runs, **ctx), status_code=status_code)


@router.get("/beheer/koppelingen/{org_id}")
def edit(request: Request, session: SessionDep, user: Coordinator, org_id: uuid.UUID):
    org = _organization(session, org_id)
    feed = repository.feed_for(session, org.id)
    return _edit_page(request, session, org, feed, notice=NOTICES.get(request.query_params.get("melding", "")))


@router.post("/beheer/koppelingen/{org_id}")
def save(request: Request, session: SessionDep, user: Coordinator, org_id: uuid.UUID, form: FormDep):
    org = _organization(session, org_id)
    feed = repository.feed_for(session, org.id)
    values = {
        "adapter": str(form.get("adapter", "")),
        "url": str(form.get("url", "")).strip(),
        "schedule": str(form.get("schedule", "")).strip(),
        "kind": str(form.get("kind", "")) or None,
        "enabled": form.get("enabled") == "on",
        "headers": sorted(feed.headers) if feed else [],
    }
    header_name = str(form.get("header_name", "")).strip()
    header_value = str(form.get("header_value", "")).strip()
    errors = {}
    try:
        feeds.validate_url(values["url"])
    except feeds.FeedError as exc:
        errors["url"] = exc.message
    try:
        feeds.validate_schedule(values["schedule"] or feeds.DEFAULT_SCHEDULE)
    except feeds.FeedError as exc:
        errors["schedule"] = exc.message
    if values["adapter"] not in feeds.ADAPTERS:
        errors["adapter"] = "Kies hoe waitinfo de gegevens ophaalt."
    if values["kind"] and values["kind"] not in KINDS:
        errors["kind"] = "Kies een soort bestand uit de lijst."
    if (header_name or header_value) and not (header_name and header_value):
        errors["header_name"] = "Vul zowel de naam als de waarde van de kop in, of laat beide leeg."
    if not errors:
        try:
            feed = feeds.configure(
                session,
                str(org.id),
                adapter=values["adapter"],
                url=values["url"],
                headers=[f"{header_name}: {header_value}"] if header_name else None,
                schedule=values["schedule"],
                kind=values["kind"],
                enabled=values["enabled"],
                replace_headers=False,
            )
            if form.get("clear_headers") == "on":
                feed.headers = {}
                session.add(feed)
        except feeds.FeedError as exc:
            errors["header_name"] = exc.message
    if errors:
        return _edit_page(
            request, session, org, feed, values=values, errors=errors, header_name=header_name, status_code=422
        )
    from waitinfo.accounts import audit

    audit.record(
        session,
        actor=f"user:{user.email}",
        action="update",
        entity_type="provider_feed",
        entity_id=feed.id,
        new=feeds.public_view(feed),
        organization_id=org.id,
        user_id=user.id,
        only_changes=False,
    )
    return RedirectResponse(f"/beheer/koppelingen/{org.id}?melding=opgeslagen", status_code=303)


@router.post("/beheer/koppelingen/{org_id}/ophalen")
def pull(request: Request, session: SessionDep, user: Coordinator, org_id: uuid.UUID):
    """Fetch and import as a background job (waitinfo.jobs), never in the request."""
    org = _organization(session, org_id)
    if repository.feed_for(session, org.id) is None:
        return RedirectResponse(f"/beheer/koppelingen/{org.id}", status_code=303)
    jobs.defer_in(session, "pull_feed", {"organization_id": str(org.id), "actor": f"user:{user.email}"[:40]})
    return RedirectResponse(f"/beheer/koppelingen/{org.id}?melding=ophalen", status_code=303)


@router.post("/beheer/koppelingen/{org_id}/kolommen")
def save_columns(request: Request, session: SessionDep, user: Coordinator, org_id: uuid.UUID, form: FormDep):
    """The meaning of the feed's columns, confirmed once (stored for this feed); optionally pull again now."""
    org = _organization(session, org_id)
    feed = repository.feed_for(session, org.id)
    if not feed_columns.applies(feed):
        return RedirectResponse(f"/beheer/koppelingen/{org.id}", status_code=303)
    headers, fields = [str(v) for v in form.getlist("kolom")], [str(v) for v in form.getlist("veld")]
    outcome = feed_columns.save(
        session,
        feed,
        headers=headers,
        fields=fields,
        remove=[str(v) for v in form.getlist("verwijderen")],
        no_treatment_wait=form.get("no_treatment_wait") == "on",
        actor=f"user:{user.email}",
        user_id=user.id,
    )
    if outcome.errors:
        choices = dict(zip(headers, fields, strict=False))
        return _edit_page(
            request, session, org, feed, column_errors=outcome.errors, column_choices=choices, status_code=422
        )
    if form.get("ophalen"):
        return pull(request, session, user, org.id)
    return RedirectResponse(f"/beheer/koppelingen/{org.id}?melding=kolommen#h-kolommen", status_code=303)


@router.get("/beheer/imports/{run_id}")
def run_detail(request: Request, session: SessionDep, user: Coordinator, run_id: uuid.UUID):
    run = session.get(ImportRun, run_id)
    if run is None:
        raise HTTPException(404, "Deze import bestaat niet.")
    org = session.get(Organization, run.organization_id) if run.organization_id else None
    issues = repository.run_errors(session, run.id)
    return render(request, "feeds/run.html", _base(run=run, org=org, issues=issues, field_labels=FIELD_LABELS))
