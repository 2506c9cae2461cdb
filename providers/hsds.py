"""HSDS 3.0 services as JSON: a page envelope (`contents`), a list of services, or one service object."""

from __future__ import annotations

import json

from waitinfo.providers import limits
from waitinfo.providers.base import ParsedFile, RawRow, ReadError

NAME = "hsds"
KIND = "hsds"


def load_json(raw: bytes):
    if len(raw) > limits.MAX_CSV_BYTES:
        raise limits.LimitError(f"Het bestand is groter dan {limits.MAX_CSV_BYTES // 1_000_000} MB. " + limits.SPLIT)
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"Geen geldige JSON ontvangen: {exc.__class__.__name__} ({str(exc)[:120]}).") from None
    except RecursionError:
        raise limits.LimitError(
            "De JSON is te diep genest om te lezen; lever een lijst van services of regels aan."
        ) from None


def services_of(data) -> list:
    """The service objects in any accepted shape; a shape that is not HSDS is a ReadError."""
    if isinstance(data, dict) and "contents" in data:
        contents = data["contents"]
        if not isinstance(contents, list):
            raise ReadError("De HSDS-pagina heeft geen lijst 'contents'.")
        return contents
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "name" in data:
        return [data]
    raise ReadError(
        "Dit is geen HSDS 3.0-antwoord: verwacht een pagina met 'contents', een lijst services of "
        "één service met 'name'."
    )


def parse(raw: bytes, source: str = "") -> ParsedFile:
    services = services_of(load_json(raw))
    if len(services) > limits.MAX_ROWS:
        raise limits.too_many_rows(len(services))
    rows = []
    for i, item in enumerate(services, start=1):
        if not isinstance(item, dict):
            raise ReadError(f"Element {i} van de HSDS-lijst is geen service-object.")
        rows.append(RawRow(line=i, values=item))
    return ParsedFile(kind=KIND, rows=rows)


def looks_like(raw: bytes) -> bool:
    head = raw.lstrip()[:1]
    return head in (b"{", b"[")
