"""Provider portal: upload a file (dry run with the row-level report, then apply) and the Excel template.

Both steps run as background jobs (waitinfo.jobs): the POST stores the file and redirects to the upload's own
page, which polls its status (HTMX; without JavaScript a refresh link) and shows the report when done.
"""

import uuid

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from waitinfo.imports.mappings import MappingError, parse_pairs
from waitinfo.imports.vocabulary import FIELD_LABELS
from waitinfo.portal import dashboard, template, upload
from waitinfo.providers.tabular import IGNORE
from waitinfo.web.auth import CurrentUser
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import SessionDep
from waitinfo.web.portal_context import OrgParam, organization_or_picker
from waitinfo.web.templating import render

router = APIRouter(dependencies=[CsrfProtect], include_in_schema=False)  # HTML pages, not API


def _ctx(session, org, **extra):
    return {
        "org": org,
        "nav": "portaal",
        "section": "upload",
        "kinds": upload.KINDS,
        "item": None,
        "report": None,
        "error": None,
        "kind": "",
        "runs": dashboard.recent_runs(session, org, limit=3),
        "field_labels": FIELD_LABELS,  # the pick list for unrecognised columns
        "ignore_field": IGNORE,
        **extra,
    }


@router.get("/portaal/upload")
def upload_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return render(request, "portal/upload.html", _ctx(session, org))


@router.post("/portaal/upload")
def upload_post(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    organisatie: OrgParam = None,
    file: UploadFile | None = File(None),
    kind: str = Form(""),
    upload_id: str = Form(""),
    koppelingen: str = Form(""),
    no_treatment_wait: str = Form(""),
    sprongen_bevestigd: str = Form(""),
    opnieuw: str = Form(""),
    kolom: list[str] = Form([]),
    veld: list[str] = Form([]),
):
    """A new file: its dry run is queued. An upload_id of a finished dry run: that file is applied."""
    org = organization_or_picker(session, user, organisatie, required=True)
    kind = kind if kind in upload.KINDS else ""
    try:
        if file is not None and file.filename:
            raw = file.file.read(upload.MAX_BYTES + 1)  # sync route: runs in the thread pool
            options = {"mapping": parse_pairs(koppelingen.splitlines()), "no_treatment_wait": no_treatment_wait == "on"}
            item = upload.queue_file(session, org, user, raw, filename=file.filename, kind=kind, options=options)
        elif upload_id and opnieuw:
            chosen = [f"{h}={f}" for h, f in zip(kolom, veld, strict=False) if h.strip() and f.strip()]
            item = upload.queue_remap(
                session, org, user, upload_id, parse_pairs(chosen), no_treatment_wait=no_treatment_wait == "on"
            )
        elif upload_id:
            item = upload.queue_apply(session, org, user, upload_id, confirm_jumps=sprongen_bevestigd == "on")
        else:
            raise upload.UploadError("Kies een bestand om te uploaden (CSV, Excel of JSON).")
    except (upload.UploadError, MappingError) as exc:
        message = exc.message if isinstance(exc, MappingError) else str(exc)
        return render(request, "portal/upload.html", _ctx(session, org, error=message, kind=kind), status_code=422)
    return RedirectResponse(f"/portaal/upload/{item.id}?organisatie={org.id}", status_code=303)


@router.get("/portaal/upload/{upload_id}")
def upload_status(
    request: Request, upload_id: uuid.UUID, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None
):
    org = organization_or_picker(session, user, organisatie, required=True)
    item = upload.find(session, org, upload_id)
    if item is None:
        raise HTTPException(404, "Deze upload bestaat niet (meer). Upload het bestand opnieuw.")
    ctx = _ctx(session, org, item=item, report=item.report, kind=item.kind)
    return render(request, "portal/upload.html", ctx, block="job", headers={"Cache-Control": "no-store"})


@router.get("/portaal/sjabloon.xlsx")
def template_download(session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    body = template.workbook(session, org)
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="aanbod-{org.slug}.xlsx"', "Cache-Control": "no-store"},
    )
