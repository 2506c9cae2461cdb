"""The handout of one consult's list: its header from the items on it, and the QR code of its link."""

import io
from dataclasses import dataclass

import segno
from markupsafe import Markup

from waitinfo.search.display import KIND_LABELS
from waitinfo.search.schemas import SearchPage


@dataclass
class HandoutHeader:
    count: int
    need: str | None  # the consult's need, in lower case
    places: list[str]  # the cities of the items, in list order
    kinds: list[str]  # the kinds of offer on the list, in list order

    @property
    def places_text(self) -> str:
        return _and(self.places)

    @property
    def kinds_text(self) -> str:
        return _and(self.kinds)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""


def handout_header(page: SearchPage) -> HandoutHeader:
    """Built from what is on the list (not from whatever was searched last)."""
    places = list(dict.fromkeys(r.city for r in page.results if r.city and r.location_type != "virtual"))
    if any(r.location_type == "virtual" for r in page.results):
        places.append("online")
    kinds = list(dict.fromkeys(KIND_LABELS.get(r.kind, r.kind) for r in page.results))
    need = page.query.need_name.lower() if page.query.need_name else None
    return HandoutHeader(len(page.results), need, places, kinds)


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code of the list's link (segno's own SVG writer; no XML declaration)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=3, border=2, xmldecl=False, svgns=True, title="QR-code van de link naar deze lijst"
    )
    return Markup(out.getvalue().decode("utf-8"))
