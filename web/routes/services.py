"""Service detail page /aanbod/{id}: locations, hours, waits with history chart, capacity, stops, contracts."""

import uuid
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, HTTPException, Request

from waitinfo.core.clock import add_months, month_start, today
from waitinfo.search.detail import HISTORY_MONTHS, LocationDetail, service_detail
from waitinfo.search.display import reference_label
from waitinfo.search.service import need_diagnosis_ids
from waitinfo.waits import rules
from waitinfo.waits import treeknorm as tk
from waitinfo.web.charts import Norm, Series, line_chart
from waitinfo.web.deps import SessionDep
from waitinfo.web.templating import render

router = APIRouter(include_in_schema=False)


def history_chart(loc: LocationDetail, wait_kind: str, title: str):
    """SVG chart of the last months with the norm lines; missing months are gaps, never zero."""
    if not loc.history or wait_kind == "none":
        return None
    end = month_start(today())
    start = max(loc.history[0].month, add_months(end, -HISTORY_MONTHS + 1))
    by_month = {w.month: w for w in loc.history}
    months, m = [], start
    while m <= end:
        months.append(m)
        m = add_months(m, 1)
    if wait_kind in ("social", "poh_ggz"):
        label = "wachttijd sociaal domein" if wait_kind == "social" else "wachttijd POH-ggz"
        series = [Series(label, [(m, getattr(by_month.get(m), "registration_weeks", None)) for m in months], "#0b5c8a")]
        norms = [Norm(f"norm: {reference_label(wait_kind)}", float(rules.reference_weeks(wait_kind)))]
    else:
        series = [
            Series(
                "aanmeldwachttijd",
                [(m, getattr(by_month.get(m), "registration_weeks", None)) for m in months],
                "#0b5c8a",
            ),
            Series(
                "behandelwachttijd", [(m, getattr(by_month.get(m), "treatment_weeks", None)) for m in months], "#5b3f8c"
            ),
        ]
        norms = [
            Norm("Treeknorm aanmelding", tk.REGISTRATION_NORM, "#7a4d00"),
            Norm("Treeknorm behandeling", tk.TREATMENT_NORM),
        ]
    return line_chart(title, series, norms)


def _safe_back(url: str | None) -> str | None:
    if url and url.startswith("/zoeken") and "\\" not in url:
        return url
    return None


@router.get("/aanbod/{service_id}")
def service_page(request: Request, service_id: str, session: SessionDep, terug: str | None = None):
    try:
        sid = uuid.UUID(service_id)
    except ValueError:
        raise HTTPException(404, "Dit aanbod bestaat niet (meer). Zoek opnieuw op de zoekpagina.") from None
    back = _safe_back(terug)
    # Searched for a need: lead with the figure of the need's own diagnosis group, as the result card does.
    need = (parse_qs(urlsplit(back).query).get("hulpvraag") or [""])[0] if back else ""
    detail = service_detail(session, sid, today(), need_diagnosis_ids(need.strip()) if need else ())
    if detail is None:
        raise HTTPException(404, "Dit aanbod bestaat niet (meer). Zoek opnieuw op de zoekpagina.")
    charts = {
        loc.sal_id: history_chart(
            loc,
            detail.service.wait_kind,
            f"Wachttijd {detail.service.name} {loc.location.name}"
            + (f" ({loc.history_label})" if loc.history_label else ""),
        )
        for loc in detail.locations
    }
    from waitinfo.search.shortlist import COOKIE, parse_consult

    return render(
        request,
        "search/service.html",
        {
            "nav": "zoeken",
            "d": detail,
            "charts": charts,
            "back": back,
            "on_list": sid in parse_consult(request.cookies.get(COOKIE)).ids,
            "self_url": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        },
        headers={"Cache-Control": "no-store"},
    )
