"""File downloads of the region pages (CSV and XLSX exports) and the small parameter check they share."""

from fastapi.responses import Response

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(body: bytes, media: str, filename: str) -> Response:
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def known_code(value: str | None, allowed: set[str]) -> str | None:
    """A municipality or subregion code from the query string, when it is one of ours; else None (all)."""
    return value if value in allowed else None
