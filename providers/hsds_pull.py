"""HSDS 3.0 feed pull: GET /services page by page (`page`, `total_pages`), all pages joined into one list."""

from __future__ import annotations

import json

from waitinfo.providers import http
from waitinfo.providers.base import ReadError
from waitinfo.providers.hsds import load_json

MAX_PAGES = 500
PER_PAGE = 100


def fetch(feed, kind: str | None = None) -> tuple[bytes, str]:
    services: list = []
    page, total_pages = 1, 1
    while page <= total_pages:
        response = http.get(feed.url, headers=feed.headers, params={"page": page, "per_page": PER_PAGE})
        data = load_json(response.content)
        if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
            raise ReadError(f"Pagina {page} is geen HSDS 3.0-pagina (geen lijst 'contents').")
        try:
            total_pages = int(data.get("total_pages") or 1)
        except (TypeError, ValueError):
            raise ReadError(f"Pagina {page} heeft een ongeldige 'total_pages'.") from None
        if total_pages > MAX_PAGES:
            raise ReadError(f"De feed meldt {total_pages} pagina's; meer dan {MAX_PAGES} wordt niet opgehaald.")
        services.extend(data["contents"])
        page += 1
    return json.dumps({"contents": services, "total_pages": 1}, ensure_ascii=False).encode(), "hsds"
