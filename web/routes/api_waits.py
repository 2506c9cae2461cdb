"""Wait-time API /api/v1/wait-times: the figures only (JSON or CSV), and the push of monthly figures."""

import math
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request

from waitinfo.core.clock import today
from waitinfo.core.export import csv_bytes
from waitinfo.hsds import push
from waitinfo.hsds import repository as hsds_repo
from waitinfo.hsds import wait_figures as figures
from waitinfo.hsds.schemas import PushReport
from waitinfo.hsds.wait_schemas import WaitFigurePage, WaitPushIn
from waitinfo.web.deps import SessionDep
from waitinfo.web.routes.api_common import (
    READ_ERRORS,
    PushClient,
    ReadClient,
    add_head_routes,
    bytes_response,
    check_size,
    error_responses,
    json_response,
    report_response,
)

router = APIRouter(prefix="/api/v1", tags=["Wachttijden"])

Month = Annotated[str | None, Query(pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$", description="JJJJ-MM")]


def _month(value: str | None) -> date | None:
    return date(int(value[:4]), int(value[5:7]), 1) if value else None


@router.get(
    "/wait-times",
    response_model=WaitFigurePage,
    responses={
        200: {
            "model": WaitFigurePage,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "Wachttijden; met format=csv als CSV (puntkomma, UTF-8).",
        },
        **READ_ERRORS,
    },
    summary="Wachttijden: de nieuwste per locatie en diagnosegroep, of alle maanden in een periode",
)
def wait_times(
    request: Request,
    session: SessionDep,
    client: ReadClient,
    municipality: Annotated[str | None, Query(pattern=r"^GM\d{4}$", description="CBS-code")] = None,
    subregion: Annotated[str | None, Query(max_length=40, description="almelo of enschede-hengelo")] = None,
    provider: Annotated[str | None, Query(max_length=200, description="Id of slug van de aanbieder")] = None,
    diagnosis_group: Annotated[str | None, Query(max_length=80, description="Code, bijv. angst")] = None,
    wait_kind: Annotated[
        Literal["ggz_specialist", "ggz_basic", "poh_ggz", "social"] | None, Query(description="Soort wachttijd")
    ] = None,
    month_from: Month = None,
    month_to: Month = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=1000)] = 100,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
):
    f = figures.WaitFilters(
        municipality=municipality,
        subregion=subregion,
        provider=provider,
        diagnosis_group=diagnosis_group,
        wait_kind=wait_kind,
        month_from=_month(month_from),
        month_to=_month(month_to),
    )
    last = hsds_repo.last_modified(session)  # wait changes move service.updated_at (trigger)
    if format == "csv":
        rows, _ = figures.rows(session, f, today())
        body = csv_bytes(figures.COLUMNS, ([r[c] for c in figures.COLUMNS] for r in rows))
        return bytes_response(
            request,
            body,
            last_modified=last,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="wachttijden.csv"'},
        )
    rows, total = figures.rows(session, f, today(), offset=(page - 1) * per_page, limit=per_page)
    pages = max(1, math.ceil(total / per_page))
    body = {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(rows),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": rows,
    }
    return json_response(request, body, last_modified=last)


@router.post(
    "/wait-times",
    response_model=PushReport,
    responses={
        200: {
            "model": PushReport,
            "description": "Verwerkt: `status` zegt of het is toegepast, "
            "ongewijzigd of geweigerd, met per regel de reden.",
        },
        500: {"model": PushReport, "description": "Toepassen mislukte aan onze kant."},
        **error_responses(401, 403, 413, 422, 429),
    },
    summary="Aanleveren: maandelijkse wachttijden van de eigen organisatie (via de importstraat)",
)
def push_wait_times(request: Request, session: SessionDep, client: PushClient, payload: WaitPushIn):
    check_size(request)
    records = [r.model_dump(exclude_none=True) for r in payload.records]
    try:
        report = push.push_wait_records(session, client.key, records)
    except push.PushForbidden as exc:
        raise HTTPException(403, str(exc)) from None
    return report_response(report)


add_head_routes(router)
