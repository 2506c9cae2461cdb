"""Public pages: the support-point overview with map (KPI 35) and the group offers with a planning view (KPI 45)."""

import json

from fastapi import APIRouter, Request

from waitinfo.catalogue.details import GROUP_DOMAIN_TYPES, SUPPORT_POINT_CHARACTERISTICS, SUPPORT_POINT_TYPES
from waitinfo.core.clock import now, today
from waitinfo.core.settings import get_settings
from waitinfo.region import group_offers, support_points
from waitinfo.region.common import DOMAIN_LABELS, municipalities
from waitinfo.web.deps import SessionDep
from waitinfo.web.templating import render

router = APIRouter(include_in_schema=False)


def _pick(value: str | None, allowed) -> str | None:
    return value if value in set(allowed) else None


@router.get("/steunpunten")
def support_point_overview(
    request: Request,
    session: SessionDep,
    gemeente: str | None = None,
    soort: str | None = None,
    kenmerk: str | None = None,
):
    munis = municipalities(session)
    code = _pick(gemeente, [m.code for m in munis])
    kind = _pick(soort, SUPPORT_POINT_TYPES)
    feature = _pick(kenmerk, SUPPORT_POINT_CHARACTERISTICS)
    data = support_points.overview(session, now(), code, kind, feature)
    return render(
        request,
        "region/support_points.html",
        data
        | {
            "nav": "steunpunten",
            "municipalities": munis,
            "gemeente": code or "",
            "soort": kind or "",
            "kenmerk": feature or "",
            "markers_json": json.dumps(data["markers"], ensure_ascii=False),
            "places_json": json.dumps(data["places"], ensure_ascii=False),
            "tiles_url": get_settings().map_tiles_url,
        },
        block="results",
    )


@router.get("/groepsaanbod")
def group_offer_overview(
    request: Request,
    session: SessionDep,
    gemeente: str | None = None,
    domein: str | None = None,
    hulpvraag: str | None = None,
    vrij: bool = False,
    pagina: int = 1,
    weergave: str = "lijst",
):
    munis = municipalities(session)
    needs = group_offers.needs_options(session)
    code = _pick(gemeente, [m.code for m in munis])
    domain = _pick(domein, GROUP_DOMAIN_TYPES)
    need = _pick(hulpvraag, [c for c, _ in needs])
    view = "planning" if weergave == "planning" else "lijst"
    page = max(1, pagina)
    ctx = {
        "nav": "groepsaanbod",
        "municipalities": munis,
        "needs": needs,
        "domains": DOMAIN_LABELS,
        "gemeente": code or "",
        "domein": domain or "",
        "hulpvraag": need or "",
        "vrij": vrij,
        "weergave": view,
        "today": today(),
    }
    if view == "planning":
        ctx["planning"] = group_offers.planning(session, today(), 6, code, domain, need, vrij)
    else:
        rows, total = group_offers.search(session, code, domain, need, vrij, page)
        pages = max(1, -(-total // group_offers.PAGE_SIZE))
        ctx |= {"rows": rows, "total": total, "page": min(page, pages), "pages": pages}
    return render(request, "region/group_offers.html", ctx, block="results")
