"""The capacity exchange as the transfer table sees it, and the effect of the tables over time (coordinator)."""

from fastapi import APIRouter, Request

from waitinfo.core.clock import add_months, today
from waitinfo.core.export import csv_bytes
from waitinfo.meetings import capacity, effect, matching
from waitinfo.meetings import repository as repo
from waitinfo.region.common import subregions as list_subregions
from waitinfo.web.auth import Coordinator, TransferMember
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import SessionDep
from waitinfo.web.downloads import CSV, download
from waitinfo.web.templating import render

router = APIRouter(prefix="/regio", include_in_schema=False, dependencies=[CsrfProtect])
EFFECT_MONTHS = 12


@router.get("/capaciteit")
def exchange(request: Request, session: SessionDep, user: TransferMember, subregio: str | None = None):
    """All offers still running and all open requests, with the matches; per subregion when one is chosen."""
    day = today()
    subs = list_subregions(session)
    sub = next((s for s in subs if s.code == subregio), None)
    sub_id = sub.id if sub else None
    offers = repo.offers(session, subregion_id=sub_id, active_on=day)
    reqs = repo.requests(session, subregion_id=sub_id, open_only=True)
    return render(
        request,
        "meetings/exchange.html",
        {
            "nav": "regio",
            "section": "capacity",
            "user": user,
            "subregions": subs,
            "subregio": sub.code if sub else "",
            "sub_names": {s.id: s.name for s in subs},
            "offers": offers,
            "requests": reqs,
            "matches": matching.matches(offers, reqs, day),
            "needs": repo.need_labels(session),
            "orgs": repo.organization_names(session),
            "kind_labels": capacity.KIND_LABELS,
            "unit_labels": capacity.UNIT_LABELS,
            "level_labels": capacity.LEVEL_LABELS,
            "today": day,
        },
    )


@router.get("/overleg/effect")
def effect_page(request: Request, session: SessionDep, user: Coordinator):
    day = today()
    since = add_months(day, -EFFECT_MONTHS)
    return render(
        request,
        "meetings/effect.html",
        {
            "nav": "regio",
            "section": "meetings",
            "user": user,
            "effects": effect.effect(session, day, since),
            "since": since,
            "today": day,
        },
    )


@router.get("/overleg/effect.csv")
def effect_csv(session: SessionDep, user: Coordinator):
    day = today()
    rows = [e.row() for e in effect.effect(session, day, add_months(day, -EFFECT_MONTHS))]
    name = f"effect-transfertafels-{day.isoformat()}.csv"
    return download(csv_bytes(effect.EXPORT_HEADER, rows), CSV, name)
