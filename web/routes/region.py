"""Region pages for transfer tables and the coordinator: dashboard, white spots, growth, KPIs, subregions."""

import re
import uuid
from datetime import date
from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup

from waitinfo.core.clock import today
from waitinfo.core.export import csv_bytes, xlsx_bytes
from waitinfo.region import growth, kpi, subregions, transfer
from waitinfo.region.common import municipalities
from waitinfo.region.common import subregions as list_subregions
from waitinfo.waits.treeknorm import REGISTRATION_NORM, TREATMENT_NORM
from waitinfo.web.auth import Coordinator, TransferMember
from waitinfo.web.charts import Norm, Series, line_chart
from waitinfo.web.csrf import CsrfProtect
from waitinfo.web.deps import FormDep, SessionDep
from waitinfo.web.downloads import CSV, XLSX
from waitinfo.web.downloads import download as _download
from waitinfo.web.downloads import known_code as _code
from waitinfo.web.templating import render

router = APIRouter(prefix="/regio", include_in_schema=False, dependencies=[CsrfProtect])

TREATMENT_COLOR = "#5b3f8c"  # not the red of the norm lines


def _chart(title: str, uid: str, series: list[Series], norms: list[Norm], unit: str = "weken", height: int = 200):
    """line_chart with ids unique on the page (titles of many small charts can share their first 40 characters)."""
    svg = str(line_chart(title, series, norms, unit=unit, height=height))
    ids = set(re.findall(r'id="(chart-[^"]*?)-[td]"', svg))
    for old in ids:
        svg = svg.replace(old, uid)
    return Markup(svg)


@router.get("")
def region_home(user: TransferMember) -> RedirectResponse:
    return RedirectResponse("/regio/transfertafel", status_code=302)


# --- transfer table -------------------------------------------------------------------------------
def sparkline(r) -> Markup:
    """A small inline SVG of 12 months (registration solid, treatment dashed); the full chart is one click away."""
    w, h, pad = 120, 34, 3
    values = [v for f in r.series for v in (f.registration, f.treatment) if v is not None]
    top = max(values + [float(TREATMENT_NORM)])
    n = len(r.series)

    def pts(attr):
        segs, cur = [], []
        for i, f in enumerate(r.series):
            v = getattr(f, attr)
            if v is None:
                if cur:
                    segs.append(cur)
                cur = []
                continue
            cur.append(f"{pad + (w - 2 * pad) * i / max(n - 1, 1):.1f},{h - pad - (h - 2 * pad) * v / top:.1f}")
        return segs + ([cur] if cur else [])

    known = [f for f in r.series if f.registration is not None or f.treatment is not None]
    label = (
        "Geen cijfers in de laatste 12 maanden"
        if not known
        else (
            f"Trend 12 maanden: aanmeldwachttijd van {_w(known[0].registration)} naar {_w(known[-1].registration)}, "
            f"behandelwachttijd van {_w(known[0].treatment)} naar {_w(known[-1].treatment)}"
        )
    )
    norm_y = h - pad - (h - 2 * pad) * REGISTRATION_NORM / top
    parts = [
        f'<svg class="sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="0" x2="{w}" y1="{norm_y:.1f}" y2="{norm_y:.1f}" stroke="#a3161b" stroke-dasharray="3 3"/>',
    ]
    for attr, dash, color in (("registration", "", "#0b5c8a"), ("treatment", ' stroke-dasharray="4 2"', "#7a4d00")):
        for seg in pts(attr):
            parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2"{dash} points="{" ".join(seg)}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _w(v) -> str:
    return "onbekend" if v is None else f"{v:g}".replace(".", ",") + " weken"


def _full_chart(r, uid: str, subregion: str):
    return _chart(
        f"Wachttijd {r.provider}, {r.diagnosis}, {subregion}",
        uid,
        [
            Series("Aanmeldwachttijd", [(f.month, f.registration) for f in r.series]),
            Series("Behandelwachttijd", [(f.month, f.treatment) for f in r.series], TREATMENT_COLOR),
        ],
        [Norm("Treeknorm aanmelden", REGISTRATION_NORM), Norm("Treeknorm behandelen", TREATMENT_NORM)],
    )


def _dashboard_context(session, subregio: str | None, knelpunten: bool, meeting: bool = False) -> dict:
    """Dashboard rows with a sparkline each; the meeting view adds full charts for the rows with a signal."""
    subs = list_subregions(session)
    code = _code(subregio, {s.code for s in subs})
    day = today()
    blocks = transfer.dashboard(session, day, code, knelpunten)
    charts, n = {}, 0
    for b in blocks:
        # Basis and specialist ggz are never averaged together; averages weighted by the number waiting where known.
        lines, waiting = [], {}
        for care, label, colours in (
            ("ggz_specialist", "specialistisch", (None, TREATMENT_COLOR)),
            ("ggz_basic", "basis-ggz", ("#2e6b30", "#8a5200")),
        ):
            series = transfer.subregion_series(b, care)
            if not series:
                continue
            reg = Series(f"Aanmelden {label} (gemiddeld)", [(f.month, f.registration) for f in series])
            if colours[0]:
                reg.color = colours[0]
            lines += [
                reg,
                Series(f"Behandelen {label} (gemiddeld)", [(f.month, f.treatment) for f in series], colours[1]),
            ]
            for f in series:
                if f.waiting is not None:
                    waiting[f.month] = waiting.get(f.month, 0) + f.waiting
        months = [f.month for f in b.rows[0].series] if b.rows else []
        charts[f"sub-{b.code or 'none'}"] = _chart(
            f"Gemiddelde wachttijd {b.name}",
            f"sub-{b.code or 'none'}",
            lines,
            [Norm("Treeknorm aanmelden", REGISTRATION_NORM), Norm("Treeknorm behandelen", TREATMENT_NORM)],
        )
        charts[f"subw-{b.code or 'none'}"] = _chart(
            f"Aantal wachtenden {b.name}",
            f"subw-{b.code or 'none'}",
            [Series("Wachtenden op de peildatum (opgeteld)", [(m, waiting.get(m)) for m in months])],
            [],
            unit="wachtenden",
        )
        for p in b.providers:
            for r in p.rows:
                n += 1
                r.chart_id = f"trend-{n}"
                if meeting and r.signals:
                    charts[r.chart_id] = _full_chart(r, r.chart_id, b.name)
                else:
                    charts[r.chart_id] = sparkline(r)
                query = {
                    "subregio": b.code,
                    "aanbieder": str(r.provider_id),
                    "diagnose": r.diagnosis,
                    "vestiging": str(r.sal_id),
                }
                r.trend_url = f"/regio/transfertafel/trend?{urlencode(query)}"
    return {
        "nav": "regio",
        "section": "transfer",
        "blocks": blocks,
        "charts": charts,
        "subregions": subs,
        "subregio": code or "",
        "knelpunten": knelpunten,
        "today": day,
        "signal_labels": transfer.SIGNAL_LABELS,
        "signal_definitions": transfer.SIGNAL_DEFINITIONS,
    }


@router.get("/transfertafel")
def transfer_dashboard(
    request: Request, session: SessionDep, user: TransferMember, subregio: str | None = None, knelpunten: bool = False
):
    ctx = _dashboard_context(session, subregio, knelpunten) | {"user": user}
    return render(request, "region/transfer.html", ctx, block="results")


@router.get("/transfertafel/vergadering")
def transfer_meeting(
    request: Request, session: SessionDep, user: TransferMember, subregio: str | None = None, knelpunten: bool = False
):
    ctx = _dashboard_context(session, subregio, knelpunten, meeting=True) | {"user": user}
    return render(request, "region/transfer_print.html", ctx)


@router.get("/transfertafel/trend")
def transfer_trend(
    request: Request,
    session: SessionDep,
    user: TransferMember,
    subregio: str = "",
    aanbieder: uuid.UUID | None = None,
    diagnose: str = "",
    vestiging: uuid.UUID | None = None,
):
    """One row of the dashboard (a location and diagnosis group) with its full 12-month chart and figures."""
    blocks = transfer.dashboard(session, today(), subregio or None)
    found = [
        (b, r)
        for b in blocks
        for r in b.rows
        if b.code == subregio
        and r.provider_id == aanbieder
        and r.diagnosis == diagnose
        and (vestiging is None or r.sal_id == vestiging)
    ]
    if not found:
        raise HTTPException(404, "Deze regel van het dashboard bestaat niet (meer). Ga terug naar de transfertafel.")
    b, r = found[0]
    return render(
        request,
        "region/trend.html",
        {
            "nav": "regio",
            "section": "transfer",
            "user": user,
            "block": b,
            "row": r,
            "chart": _full_chart(r, "trend-detail", b.name),
            "signal_labels": transfer.SIGNAL_LABELS,
        },
    )


@router.get("/transfertafel.{fmt}")
def transfer_export(
    fmt: str, session: SessionDep, user: TransferMember, subregio: str | None = None, knelpunten: bool = False
):
    subs = list_subregions(session)
    blocks = transfer.dashboard(session, today(), _code(subregio, {s.code for s in subs}), knelpunten)
    rows = transfer.export_rows(blocks)
    stamp = today().isoformat()
    if fmt == "csv":
        return _download(csv_bytes(transfer.EXPORT_HEADER, rows), CSV, f"transfertafel-{stamp}.csv")
    if fmt == "xlsx":
        return _download(
            xlsx_bytes({"Transfertafel": (transfer.EXPORT_HEADER, rows)}), XLSX, f"transfertafel-{stamp}.xlsx"
        )
    raise HTTPException(404)


# --- growth and KPIs ------------------------------------------------------------------------------
@router.get("/groei")
def growth_page(request: Request, session: SessionDep, user: TransferMember, gemeente: str | None = None):
    munis = municipalities(session)
    code = _code(gemeente, {m.code for m in munis})
    data = growth.growth(session, today(), code)
    s = data["series"]
    target = data["measures"][0].target
    charts = {
        "points": _chart(
            "Herstelcentra en inloophuizen",
            "groei-punten",
            [
                Series("Herstelcentra + inloophuizen", [(x["month"], x["core"]) for x in s]),
                Series("Alle steunpunten", [(x["month"], x["total"]) for x in s]),
            ],
            [Norm("Doel +10%", target)] if target else [],
            unit="steunpunten",
        ),
        "hours": _chart(
            "Openingsuren per week",
            "groei-uren",
            [Series("Uren per week", [(x["month"], x["hours"]) for x in s])],
            [Norm("Doel +10%", data["measures"][1].target)] if data["measures"][1].target else [],
            unit="uur",
        ),
        "visitors": _chart(
            "Bezoekers per maand",
            "groei-bezoekers",
            [Series("Bezoekers", [(x["month"], x["visitors"]) for x in s])],
            [Norm("Doel +10%", data["measures"][2].target)] if data["measures"][2].target else [],
            unit="bezoekers",
        ),
    }
    return render(
        request,
        "region/growth.html",
        data
        | {
            "nav": "regio",
            "section": "growth",
            "user": user,
            "municipalities": munis,
            "gemeente": code or "",
            "municipality_name": next((m.name for m in munis if m.code == code), "Twente"),
            "charts": charts,
            "today": today(),
        },
    )


@router.get("/groei.{fmt}")
def growth_export(fmt: str, session: SessionDep, user: TransferMember, gemeente: str | None = None):
    code = _code(gemeente, {m.code for m in municipalities(session)})
    data = growth.growth(session, today(), code)
    rows = growth.export_rows(data)
    name = f"groei-steunpunten-{code or 'twente'}-{today().isoformat()}"
    if fmt == "csv":
        return _download(csv_bytes(growth.EXPORT_HEADER, rows), CSV, f"{name}.csv")
    if fmt == "xlsx":
        measures = [
            [m.label, m.baseline, m.baseline_note, m.current, m.current_note, m.growth_pct] for m in data["measures"]
        ]
        return _download(
            xlsx_bytes(
                {
                    "Per maand": (growth.EXPORT_HEADER, rows),
                    "Nulmeting en nu": (
                        ["Maat", "Nulmeting", "Toelichting", "Nu", "Toelichting", "Groei (%)"],
                        measures,
                    ),
                }
            ),
            XLSX,
            f"{name}.xlsx",
        )
    raise HTTPException(404)


@router.get("/kpi")
def kpi_page(request: Request, session: SessionDep, user: Coordinator):
    return render(
        request,
        "region/kpi.html",
        {"nav": "regio", "section": "kpi", "user": user, "kpis": kpi.all_kpis(session, today()), "today": today()},
    )


@router.get("/kpi.{fmt}")
def kpi_export(fmt: str, session: SessionDep, user: Coordinator):
    day: date = today()
    kpis = kpi.all_kpis(session, day)
    summary = kpi.summary_rows(kpis, day)
    if fmt == "csv":
        return _download(csv_bytes(kpi.SUMMARY_HEADER, summary), CSV, f"kpi-mentaal-gezond-twente-{day}.csv")
    if fmt == "xlsx":
        sheets = {"KPI-overzicht": (kpi.SUMMARY_HEADER, summary)}
        for k in kpis:
            sheets[f"KPI {k.number}"] = (k.header, k.rows)
            for i, (_, header, rows) in enumerate(k.extra, start=1):
                sheets[f"KPI {k.number} ({i})"] = (header, rows)
        return _download(xlsx_bytes(sheets), XLSX, f"kpi-mentaal-gezond-twente-{day}.xlsx")
    raise HTTPException(404)


# --- subregions -----------------------------------------------------------------------------------
@router.get("/subregios")
def subregions_page(request: Request, session: SessionDep, user: Coordinator, opgeslagen: int | None = None):
    return render(
        request,
        "region/subregions.html",
        {
            "nav": "regio",
            "section": "subregions",
            "user": user,
            "rows": subregions.assignments(session),
            "subregions": list_subregions(session),
            "errors": {},
            "saved": opgeslagen,
        },
    )


@router.post("/subregios")
def subregions_save(request: Request, session: SessionDep, user: Coordinator, form: FormDep):
    raw = form
    choices = {k.removeprefix("gm_"): str(v) for k, v in raw.items() if k.startswith("gm_")}
    changed, errors = subregions.assign(session, choices, user)
    if errors:
        return render(
            request,
            "region/subregions.html",
            {
                "nav": "regio",
                "section": "subregions",
                "user": user,
                "rows": subregions.assignments(session),
                "subregions": list_subregions(session),
                "errors": errors,
                "saved": None,
                "choices": choices,
            },
            status_code=422,
        )
    return RedirectResponse(f"/regio/subregios?opgeslagen={changed}", status_code=303)
