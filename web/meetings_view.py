"""View helpers of the meeting pages: trend charts from the stored snapshot and the lookups the templates use."""

import re
from datetime import date

from markupsafe import Markup

from waitinfo.core.clock import month_start
from waitinfo.meetings import capacity
from waitinfo.meetings.service import Agenda
from waitinfo.region.transfer import MonthFigure
from waitinfo.waits.treeknorm import REGISTRATION_NORM, TREATMENT_NORM
from waitinfo.web.charts import Norm, Series, line_chart
from waitinfo.web.routes.region import TREATMENT_COLOR, sparkline

FULL_CHARTS = 3  # the most severe bottlenecks get the full 12-month chart; the others a sparkline


class _Trend:
    """What `sparkline` reads: a row with a 12-month series."""

    def __init__(self, trend: list):
        self.series = [MonthFigure(date.fromisoformat(f"{m}-01"), reg, treat) for m, reg, treat in trend]


def agenda_charts(agenda: Agenda) -> dict[str, Markup]:
    charts = {}
    for b in agenda.bottlenecks:
        if not b.trend:
            continue
        trend = _Trend(b.trend)
        charts[b.key] = sparkline(trend)
        if b.rank is not None and b.rank <= FULL_CHARTS:
            uid = f"agenda-{b.rank}"
            svg = line_chart(
                f"Wachttijd {b.provider}, {b.diagnosis}",
                [
                    Series("Aanmeldwachttijd", [(f.month, f.registration) for f in trend.series]),
                    Series("Behandelwachttijd", [(f.month, f.treatment) for f in trend.series], TREATMENT_COLOR),
                ],
                [Norm("Treeknorm aanmelden", REGISTRATION_NORM), Norm("Treeknorm behandelen", TREATMENT_NORM)],
                height=180,
            )
            text = str(svg)
            for old in set(re.findall(r'id="(chart-[^"]*?)-[td]"', text)):
                text = text.replace(old, uid)  # ids unique on the page, as the dashboard does
            charts[uid] = Markup(text)
    return charts


def agenda_context(agenda: Agenda, today: date) -> dict:
    open_items = [b for b in agenda.bottlenecks if b.status != "resolved"]
    return {
        "nav": "regio",
        "section": "meetings",
        "agenda": agenda,
        "meeting": agenda.meeting,
        "sub": agenda.subregion,
        "open_items": open_items,
        "resolved": [b for b in agenda.bottlenecks if b.status == "resolved"],
        "today": today,
        "this_month": month_start(today),
        "needs": agenda.needs,
        "orgs": agenda.organizations,
        "kind_labels": capacity.KIND_LABELS,
        "unit_labels": capacity.UNIT_LABELS,
        "level_labels": capacity.LEVEL_LABELS,
    }
