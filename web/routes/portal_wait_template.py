"""The monthly wait-time template of a provider (XLSX with drop-down lists and definitions)."""

from fastapi import APIRouter
from fastapi.responses import Response

from waitinfo.portal import wait_template
from waitinfo.web.auth import CurrentUser
from waitinfo.web.deps import SessionDep
from waitinfo.web.portal_context import OrgParam, organization_or_picker

router = APIRouter(include_in_schema=False)


@router.get("/portaal/wachttijden-sjabloon.xlsx")
def wait_template_download(session: SessionDep, user: CurrentUser, organisatie: OrgParam = None):
    org = organization_or_picker(session, user, organisatie, required=True)
    return Response(
        wait_template.workbook(session, org),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": f'attachment; filename="wachttijden-{org.slug}.xlsx"',
            "Cache-Control": "no-store",
        },
    )
