"""Region views: the fit-gap matrix ("witte vlekken", KPI 36/37) and the coordinator's criteria behind it."""

import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from waitinfo.core.clock import today
from waitinfo.core.export import csv_bytes, xlsx_bytes
from waitinfo.region import fitgap
from waitinfo.region.common import municipalities
from waitinfo.region.models import FitGapCriterion
from waitinfo.region.schemas import CriterionIn, criterion_errors
from waitinfo.web.auth import Coordinator, TransferMember
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.downloads import CSV, XLSX
from waitinfo.web.downloads import download as _download
from waitinfo.web.downloads import known_code as _code
from waitinfo.web.templating import render

router = APIRouter(prefix="/regio", include_in_schema=False, dependencies=[CsrfProtect])


# --- white spots ------------------------------------------------------------------------------------
@router.get("/witte-vlekken")
def white_spots(
    request: Request,
    session: SessionDep,
    user: TransferMember,
    gemeente: str | None = None,
    alleen_vlekken: bool = False,
):
    munis = municipalities(session)
    code = _code(gemeente, {m.code for m in munis})
    crit, rows = fitgap.matrix(session, today(), code)
    shown = [r for r in rows if r.white_spot] if alleen_vlekken else rows
    return render(
        request,
        "region/fitgap.html",
        {
            "nav": "regio",
            "section": "fitgap",
            "user": user,
            "criteria": crit,
            "rows": shown,
            "all_rows": rows,
            "municipalities": munis,
            "gemeente": code or "",
            "alleen_vlekken": alleen_vlekken,
            "describe": fitgap.describe,
            "today": today(),
        },
        block="results",
    )


@router.get("/witte-vlekken.{fmt}")
def white_spots_export(fmt: str, session: SessionDep, user: TransferMember, gemeente: str | None = None):
    code = _code(gemeente, {m.code for m in municipalities(session)})
    _, rows = fitgap.matrix(session, today(), code)
    data = fitgap.export_rows(rows)
    name = f"witte-vlekken-{code + '-' if code else ''}{today().isoformat()}"
    if fmt == "csv":
        return _download(csv_bytes(fitgap.EXPORT_HEADER, data), CSV, f"{name}.csv")
    if fmt == "xlsx":
        return _download(xlsx_bytes({"Witte vlekken": (fitgap.EXPORT_HEADER, data)}), XLSX, f"{name}.xlsx")
    raise HTTPException(404)


def _criteria_page(
    request,
    session,
    user,
    form: dict | None = None,
    errors: dict | None = None,
    editing: FitGapCriterion | None = None,
    status_code: int = 200,
    saved: str | None = None,
):
    return render(
        request,
        "region/criteria.html",
        {
            "nav": "regio",
            "section": "fitgap",
            "user": user,
            "criteria": fitgap.criteria(session, active_only=False),
            "describe": fitgap.describe,
            "kind_labels": fitgap.KIND_LABELS,
            "point_types": fitgap.exists_point_types(),
            "domains": fitgap.domain_types(),
            "characteristics": fitgap.characteristic_types(),
            "form": form or {},
            "errors": errors or {},
            "editing": editing,
            "saved": saved,
        },
        status_code=status_code,
    )


def _form_of(c: FitGapCriterion) -> dict:
    p = c.params or {}
    return {
        "name": c.name,
        "kind": c.kind,
        "km": p.get("km", ""),
        "minimum": p.get("min", ""),
        "domain": p.get("domain", ""),
        "characteristic": p.get("characteristic", ""),
        "point_types": p.get("point_types", []),
        "active": c.active,
        "position": c.position,
    }


@router.get("/witte-vlekken/criteria")
def criteria_page(
    request: Request,
    session: SessionDep,
    user: Coordinator,
    bewerk: uuid.UUID | None = None,
    opgeslagen: str | None = None,
):
    editing = session.get(FitGapCriterion, bewerk) if bewerk else None
    form = _form_of(editing) if editing else {"kind": "", "active": True, "position": 0}
    return _criteria_page(request, session, user, form, editing=editing, saved=opgeslagen)


@router.post("/witte-vlekken/criteria")
def criteria_save(request: Request, session: SessionDep, user: Coordinator, form: FormDep):
    raw = form
    form = {k: raw.get(k, "") for k in ("name", "kind", "km", "minimum", "domain", "characteristic", "position")}
    form["point_types"] = raw.getlist("point_types")
    form["active"] = raw.get("active") == "1"
    editing = None
    if raw.get("id"):
        try:
            editing = session.get(FitGapCriterion, uuid.UUID(str(raw.get("id"))))
        except ValueError:
            editing = None
        if editing is None:
            raise HTTPException(404, "Dit criterium bestaat niet (meer).")
    data = {k: (str(v).replace(",", ".").strip() if k in ("km", "minimum", "position") else v) for k, v in form.items()}
    data = {k: v for k, v in data.items() if v != ""}
    try:
        parsed = CriterionIn(**data)
    except ValidationError as exc:
        return _criteria_page(request, session, user, form, criterion_errors(exc), editing, status_code=422)
    c = fitgap.save_criterion(session, parsed, user, editing.id if editing else None)
    return RedirectResponse(f"/regio/witte-vlekken/criteria?opgeslagen={c.code}", status_code=303)
