"""Provider portal: upload a file (dry run with the row-level report, then apply) and the Excel template."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from waitinfo.portal import dashboard, template, upload
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
        "report": None,
        "error": None,
        "digest": None,
        "filename": "",
        "kind": "",
        "applied": False,
        "runs": dashboard.recent_runs(session, org, limit=3),
        **extra,
    }


@router.get("/portaal/upload")
def upload_page(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return render(request, "portal/upload.html", _ctx(session, org))


@router.post("/portaal/upload")
async def upload_post(request: Request, session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    form = await request.form()
    kind = form.get("kind") if form.get("kind") in upload.KINDS else ""
    file = form.get("file")
    digest = form.get("digest") or ""
    try:
        if isinstance(file, UploadFile) and file.filename:
            raw = await file.read(upload.MAX_BYTES + 1)
            await file.close()
            filename = upload.safe_name(file.filename)
            digest = upload.stage(org, raw)
            dry_run = True
        elif digest:
            raw = upload.staged(org, digest)
            filename = upload.safe_name(form.get("filename"))
            dry_run = False
        else:
            raise upload.UploadError("Kies een bestand om te uploaden (CSV, Excel of JSON).")
    except upload.UploadError as exc:
        return render(request, "portal/upload.html", _ctx(session, org, error=str(exc), kind=kind), status_code=422)
    report = upload.run(session, org, raw, filename=filename, kind=kind, dry_run=dry_run, user=user)
    if not dry_run:
        upload.discard(org, digest)
    return render(
        request,
        "portal/upload.html",
        _ctx(
            session,
            org,
            report=report,
            digest=digest if dry_run else None,
            filename=filename,
            kind=kind,
            applied=not dry_run,
        ),
    )


@router.get("/portaal/sjabloon.xlsx")
def template_download(session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    body = template.workbook(session, org)
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="aanbod-{org.slug}.xlsx"', "Cache-Control": "no-store"},
    )
