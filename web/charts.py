"""Server-rendered SVG line charts with norm lines (no JavaScript), accessible by title, description and data."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html import escape

from markupsafe import Markup

from waitinfo.web.templating import MONTHS_NL_SHORT

PALETTE = ["#0b5c8a", "#a3161b", "#1d6b32", "#7a4d00", "#5b3f8c", "#00707a"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]


@dataclass
class Series:
    label: str
    points: Sequence[tuple[date, float | Decimal | None]]  # None = no figure that month (gap, never zero)
    color: str | None = None


@dataclass
class Norm:
    label: str
    value: float
    color: str = "#a3161b"


@dataclass
class ChartSpec:
    title: str
    series: list[Series]
    norms: list[Norm] = field(default_factory=list)
    unit: str = "weken"
    width: int = 640
    height: int = 240


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _nice_max(v: float) -> float:
    for step in (2, 4, 5, 8, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300, 500, 1000):
        if v <= step:
            return float(step)
    return float(int(v * 1.1) + 1)


def line_chart(
    title: str,
    series: list[Series],
    norms: list[Norm] | None = None,
    unit: str = "weken",
    width: int = 640,
    height: int = 240,
) -> Markup:
    """An SVG chart of monthly values; norms are horizontal dashed lines (e.g. Treeknorm 4/10/14 weeks)."""
    norms = norms or []
    months = sorted({d for s in series for d, _ in s.points})
    values = [float(v) for s in series for _, v in s.points if v is not None] + [n.value for n in norms]
    if not months:
        return Markup(f'<p class="muted">Geen gegevens voor {escape(title)}.</p>')
    ymax = _nice_max(max(values) if values else 1.0)
    left, right, top, bottom = 44, 12, 12, 44
    pw, ph = width - left - right, height - top - bottom
    n = len(months)

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph - (ph * v / ymax)

    desc_parts = []
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{_id(title)}-t {_id(title)}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{_id(title)}-t">{escape(title)}</title>',
    ]
    # grid and y axis
    for k in range(5):
        v = ymax * k / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d5dbe1"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#4a5560">{_fmt(v)}</text>'
        )
    step = max(1, n // 8)
    for i, m in enumerate(months):
        if i % step == 0 or i == n - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
                f'fill="#4a5560">{MONTHS_NL_SHORT[m.month - 1]} {str(m.year)[2:]}</text>'
            )
    for norm in norms:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(norm.value):.1f}" y2="{y(norm.value):.1f}" '
            f'stroke="{norm.color}" stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
        parts.append(
            f'<text x="{width - right - 2}" y="{y(norm.value) - 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{norm.color}">{escape(norm.label)} ({_fmt(norm.value)})</text>'
        )
        desc_parts.append(f"{norm.label}: {_fmt(norm.value)} {unit}")
    index = {m: i for i, m in enumerate(months)}
    for si, s in enumerate(series):
        color = s.color or PALETTE[si % len(PALETTE)]
        dash = DASHES[si % len(DASHES)]
        segments, current = [], []
        for d, v in sorted(s.points):
            if v is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append((x(index[d]), y(float(v))))
        if current:
            segments.append(current)
        for seg in segments:
            pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in seg)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5"{dash_attr} points="{pts}"/>')
            for px, py in seg:
                parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{color}"/>')
        known = [(d, v) for d, v in sorted(s.points) if v is not None]
        if known:
            first, last = known[0], known[-1]
            desc_parts.append(
                f"{s.label}: van {_fmt(float(first[1]))} {unit} ({MONTHS_NL_SHORT[first[0].month - 1]} "
                f"{first[0].year}) naar {_fmt(float(last[1]))} {unit} ({MONTHS_NL_SHORT[last[0].month - 1]} "
                f"{last[0].year})"
            )
        # legend
        lx = left + 150 * si
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 18}" y1="{height - 10}" y2="{height - 10}" stroke="{color}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
        parts.append(
            f'<text x="{lx + 22}" y="{height - 6}" font-size="11" fill="#1b1f24">{escape(s.label[:22])}</text>'
        )
    parts.insert(2, f'<desc id="{_id(title)}-d">{escape("; ".join(desc_parts))}</desc>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _id(title: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())[:40]
