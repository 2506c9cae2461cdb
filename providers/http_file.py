"""Generic pull of a provider's own CSV (or XLSX) or JSON file at a URL."""

from __future__ import annotations

from waitinfo.providers import http


def fetch(feed, kind: str | None = None) -> tuple[bytes, str | None]:
    response = http.get(feed.url, headers=feed.headers)
    return response.content, kind
